//! Benchmarks of each stage on generated specs of 100 to 100,000 shots, and of every
//! hostile input. Run with `cargo bench`; BENCHMARKS.md has the targets, the machine,
//! the exact commands and the last results.

use shotlist::generate::{HOSTILE, hostile, spec_yaml};
use shotlist::lint::{Overrides, Settings, lint};
use shotlist::pipeline;
use shotlist::source::Source;
use shotlist::spec::{MAX_SHOTS, Spec, load, load_with_max_shots};

/// The largest is over the default shot cap: specs load with the cap raised to
/// `MAX_SHOTS`, as `--max-shots 100000` raises it.
const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn source(shots: usize) -> Source {
    Source::new("generated.yaml", spec_yaml(shots))
}

fn loaded(shots: usize) -> Spec {
    load_with_max_shots(&source(shots), MAX_SHOTS).expect("generated specs load")
}

fn settings() -> Settings {
    Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    }
}

/// Deserializing the YAML into spec types, with spans.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    bencher.bench(|| {
        load_with_max_shots(&source, MAX_SHOTS)
            .map(|spec| spec.shots.len())
            .ok()
    });
}

/// Parsing plus every semantic check.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_and_check(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    bencher.bench(|| {
        let spec = load_with_max_shots(&source, MAX_SHOTS).ok()?;
        pipeline::check(&spec, None)
            .ok()
            .map(|checked| checked.shot_models().len())
    });
}

/// The CLI's limits with the shot cap raised to the largest size measured.
fn limits() -> pipeline::Limits {
    pipeline::Limits {
        max_shots: MAX_SHOTS,
        ..pipeline::Limits::default()
    }
}

/// `shotlist check` as the CLI runs it: `Loaded::load` — the typed load, and the walk
/// that collects every structural problem only when that fails — then the checks.
/// Beside `parse_and_check` (the typed load alone, as `check` ran before it collected
/// every problem), it shows what the collecting costs a valid spec: nothing.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_and_check(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    let limits = limits();
    bencher
        .with_inputs(|| source.clone())
        .bench_values(|source| {
            let loaded = pipeline::Loaded::load(source, limits);
            loaded
                .check(None)
                .ok()
                .map(|checked| checked.shot_models().len())
        });
}

/// `shotlist check` as the CLI runs it since it refuses unrepresentable totals (E120):
/// `load_and_check` and `pipeline::representable`. The difference between the two is
/// what the E120 check costs `check` and `lint`.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_check_representable(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    let limits = limits();
    bencher
        .with_inputs(|| source.clone())
        .bench_values(|source| {
            let loaded = pipeline::Loaded::load(source, limits);
            pipeline::representable(loaded.check(None))
                .ok()
                .map(|checked| checked.shot_models().len())
        });
}

/// Every lint rule on a checked spec (the over-budget rule costs the plan).
#[divan::bench(args = SIZES, sample_count = 10)]
fn lint_only(bencher: divan::Bencher, shots: usize) {
    let spec = loaded(shots);
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    let settings = settings();
    bencher.bench(|| lint(&checked, &settings).len());
}

/// Costing and staging a checked spec.
#[divan::bench(args = SIZES, sample_count = 10)]
fn plan_only(bencher: divan::Bencher, shots: usize) {
    let spec = loaded(shots);
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    bencher.bench(|| {
        shotlist::plan::plan(&checked)
            .map(|plan| plan.stages.len())
            .ok()
    });
}

/// Costing and staging a checked spec, then pricing every job again as a report walks
/// them: the work of `shotlist plan` before any formatting.
#[divan::bench(args = SIZES, sample_count = 10)]
fn plan_and_jobs(bencher: divan::Bencher, shots: usize) {
    let spec = loaded(shots);
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    bencher.bench(|| {
        let plan = shotlist::plan::plan(&checked).ok()?;
        Some(plan.all_jobs().filter(Result::is_ok).count())
    });
}

/// Lint and plan together, the plan's jobs walked as a report walks them: what
/// `shotlist lint` and `shotlist plan` add to parsing and checking (the target: at most
/// 20% of `parse_and_check` at 10,000 shots).
#[divan::bench(args = SIZES, sample_count = 10)]
fn lint_and_plan(bencher: divan::Bencher, shots: usize) {
    let spec = loaded(shots);
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    let settings = settings();
    bencher.bench(|| {
        let findings = lint(&checked, &settings).len();
        let jobs = shotlist::plan::plan(&checked)
            .map_or(0, |plan| plan.all_jobs().filter(Result::is_ok).count());
        findings + jobs
    });
}

/// Each hostile input from bytes to its diagnostic, as `shotlist check` reads it. The
/// inputs of tens of MiB dominate; three samples of one run each keep the group near a minute.
mod hostile_inputs {
    use super::*;

    #[divan::bench(args = HOSTILE, sample_count = 3, sample_size = 1)]
    fn read_and_load(bencher: divan::Bencher, name: &str) {
        let bytes = hostile(name).expect("a hostile input");
        bencher.bench(|| {
            let mut input = bytes.as_slice();
            let read = shotlist::spec::read_source(
                std::path::Path::new("-"),
                shotlist::spec::DEFAULT_MAX_BYTES,
                &mut input,
            );
            match read {
                Ok(Ok(source)) => load(&source).is_ok(),
                _ => false,
            }
        });
    }
}
