//! The paths issue 13 found quadratic, at 10,000 and 100,000 shots: `plan --check`
//! against a committed plan that differs, `diff` of a spec against its routed copy,
//! `route --diff`, and the did-you-mean search on long ids. Run with
//! `cargo bench --bench scale`; BENCHMARKS.md records the figures and their growth.

use shotlist::diff::{Side, diff};
use shotlist::generate::spec_yaml;
use shotlist::pipeline;
use shotlist::plan::fix::fix;
use shotlist::plan::route::{RouteOptions, route};
use shotlist::plan_check::{compare, document};
use shotlist::source::Source;
use shotlist::spec::{MAX_SHOTS, load_with_max_shots};
use shotlist::suggest::did_you_mean;

const SIZES: [usize; 2] = [10_000, 100_000];

fn main() {
    divan::main();
}

fn options() -> RouteOptions {
    RouteOptions {
        today: jiff::civil::date(2026, 11, 21),
        allow_draft: false,
    }
}

/// A generated spec and the text of its routed copy, whose plan differs job by job.
fn spec_and_routed(shots: usize) -> (Source, Source) {
    let source = Source::new("spec.yaml", spec_yaml(shots));
    let spec = load_with_max_shots(&source, MAX_SHOTS).expect("generated specs load");
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    let routed = route(&checked, options()).expect("routes");
    let fixed = fix(&source, &checked, &routed).expect("rewrites");
    assert!(!fixed.edits.is_empty(), "the generated spec has moves");
    let routed = Source::new("routed.yaml", fixed.text);
    (source, routed)
}

/// `plan --check` with a committed plan that differs: plan the spec, write its JSON,
/// compare it with the committed one and diff them.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn plan_check_changed(bencher: divan::Bencher, shots: usize) {
    let (source, routed) = spec_and_routed(shots);
    let routed_spec = load_with_max_shots(&routed, MAX_SHOTS).expect("loads");
    let routed_checked = pipeline::check(&routed_spec, None).expect("checks");
    let routed_plan = shotlist::plan::plan(&routed_checked).expect("plans");
    let committed = shotlist::report::plan::json::render(&routed_plan).expect("writes");
    let spec = load_with_max_shots(&source, MAX_SHOTS).expect("loads");
    let checked = pipeline::check(&spec, None).expect("checks");
    bencher.bench(|| {
        let plan = shotlist::plan::plan(&checked).expect("plans");
        compare(&plan, "spec.yaml", "plan.json", Some(&committed)).map(|c| c.current.len())
    });
}

/// `diff` of a spec against its routed copy, from the checked specs: both planned,
/// put in their JSON form and compared.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn diff_spec_and_routed(bencher: divan::Bencher, shots: usize) {
    let (source, routed) = spec_and_routed(shots);
    let specs = [&source, &routed].map(|s| load_with_max_shots(s, MAX_SHOTS).expect("loads"));
    let checked = specs
        .each_ref()
        .map(|spec| pipeline::check(spec, None).expect("checks"));
    bencher.bench(|| {
        let [old, new] = checked.each_ref().map(|checked| {
            let plan = shotlist::plan::plan(checked).expect("plans");
            Side {
                name: "spec.yaml".to_owned(),
                from_spec: true,
                document: document(&plan).expect("reads back"),
            }
        });
        diff(old, new).jobs.len()
    });
}

/// `route --diff`: route the checked spec, rewrite it and write the unified diff.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn route_diff(bencher: divan::Bencher, shots: usize) {
    let source = Source::new("spec.yaml", spec_yaml(shots));
    let spec = load_with_max_shots(&source, MAX_SHOTS).expect("loads");
    let checked = pipeline::check(&spec, None).expect("checks");
    bencher.bench(|| {
        let routed = route(&checked, options()).expect("routes");
        let fixed = fix(&source, &checked, &routed).expect("rewrites");
        // As `shotlist route --diff` writes it.
        fixed
            .unified_diff(&source.text, "spec.yaml")
            .expect("the edits make the text")
            .len()
    });
}

/// An unknown id of this many bytes next to a known id one byte longer: the length
/// filter cannot rule it out, so the search's own bound holds the work.
#[divan::bench(args = [1_000, 32_000, 1_000_000], sample_count = 5)]
fn did_you_mean_long_ids(bencher: divan::Bencher, length: usize) {
    let unknown = "a".repeat(length);
    let known = format!("{}b", "a".repeat(length));
    let known = [known.as_str(), "shot-1", "shot-2"];
    bencher.bench(|| did_you_mean(&unknown, known));
}
