//! The language server's analysis of a 10,000-shot spec after an edit, against `check`
//! on the same text: what an editor waits for after typing, next to the CLI's floor.
//! BENCHMARKS.md records the results.

use shotlist::generate::spec_yaml;
use shotlist::lsp::Analysis;
use shotlist::pipeline::{Limits, Loaded};

const SHOTS: usize = 10_000;

fn main() {
    divan::main();
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 21)
}

/// The generated spec with one shot's duration edited, as a keystroke changes it.
fn edited() -> String {
    spec_yaml(SHOTS).replacen("duration: 4s", "duration: 5s", 1)
}

/// Load and check: what `shotlist check` does with the file.
#[divan::bench(sample_count = 10)]
fn check(bencher: divan::Bencher) {
    let text = edited();
    bencher.bench(|| {
        let loaded = Loaded::from_text("spec.yaml", text.as_str(), Limits::default());
        loaded.check(None).is_ok()
    });
}

/// The server's whole analysis: load, check, lint, plan, and the facts it keeps for
/// hints, hovers and navigation.
#[divan::bench(sample_count = 10)]
fn analysis_after_edit(bencher: divan::Bencher) {
    let text = edited();
    bencher.bench(|| {
        Analysis::run("spec.yaml", &text, Limits::default(), today(), &|| false)
            .map(|analysis| analysis.diagnostics.len())
    });
}
