//! `status` beside `plan` on the same generated spec: the ledger read (three rows a
//! shot), every job's state and what remains, and the status document, against the
//! plan with its jobs walked as a report walks them. Run with `cargo bench --bench
//! ledger`; BENCHMARKS.md has the results.

use shotlist::generate::{ledger_csv, spec_yaml};
use shotlist::pipeline::{self, Limits};
use shotlist::source::Source;
use shotlist::spec::{MAX_SHOTS, load_with_max_shots};

/// Shots; the ledger has three rows a shot.
const SIZES: [usize; 2] = [1_000, 10_000];

fn main() {
    divan::main();
}

/// The work of `shotlist plan` before formatting: the plan, and every job priced
/// again as the report walks it.
#[divan::bench(args = SIZES, sample_count = 10)]
fn plan(bencher: divan::Bencher, shots: usize) {
    let source = Source::new("generated.yaml", spec_yaml(shots));
    let spec = load_with_max_shots(&source, MAX_SHOTS).expect("generated specs load");
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    bencher.bench(|| {
        let plan = shotlist::plan::plan(&checked).ok()?;
        Some(plan.all_jobs().filter(Result::is_ok).count())
    });
}

/// The work of `shotlist status` before formatting: the plan, the ledger read against
/// the spec, the status and its document.
#[divan::bench(args = SIZES, sample_count = 10)]
fn status(bencher: divan::Bencher, shots: usize) {
    let source = Source::new("generated.yaml", spec_yaml(shots));
    let spec = load_with_max_shots(&source, MAX_SHOTS).expect("generated specs load");
    let checked = pipeline::check(&spec, None).expect("generated specs check");
    let ledger = ledger_csv(shots, shots * 3);
    bencher.bench(|| {
        let plan = shotlist::plan::plan(&checked).ok()?;
        let read =
            pipeline::ledger_from_text(&checked, "ledger.csv", ledger.as_str(), Limits::default());
        assert!(
            read.diagnostics.is_empty(),
            "{:?}",
            read.diagnostics.first()
        );
        let status = shotlist::ledger::status(&checked, &plan, &read.ledger).ok()?;
        Some(
            shotlist::document::status::document(&status, &plan)
                .jobs
                .len(),
        )
    });
}
