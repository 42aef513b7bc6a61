//! What every fuzz target runs: the whole pipeline a user can reach from one input,
//! load → check → lint → plan, and every renderer of what comes out; or, for a ledger,
//! read → status → lint and every renderer. A panic, an overflow (overflow checks are
//! on) or a hang anywhere in it is a finding.

use shotlist::lint::{Overrides, Settings};
use shotlist::pipeline::{self, Limits, Loaded};
use shotlist::report::human::{Tally, render_diagnostics};
use shotlist::report::{self, Style, diagnostics_json};
use shotlist::source::Source;

/// Runs `bytes` through the pipeline as `shotlist` would read them from standard input.
pub fn run_pipeline(bytes: &[u8]) {
    let mut input = bytes;
    // Reading from a byte slice cannot fail.
    let Ok(loaded) = Loaded::read(std::path::Path::new("-"), Limits::default(), &mut input) else {
        return;
    };
    let settings = Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    };
    let checked = loaded.check(None);
    let analysis = pipeline::analyze(&checked, &settings);
    if let Some(plan) = &analysis.plan {
        let _ = report::plan::human::render_to(plan, Style::PLAIN, &mut std::io::sink());
        let _ = report::plan::json::render_to(plan, &mut std::io::sink());
        let _ = report::plan::markdown::render_to(plan, &mut std::io::sink());
        let _ = report::plan::csv::render_to(plan, &mut std::io::sink());
    }
    render(&loaded.source, &analysis.diagnostics);
}

/// Renders diagnostics in every format: miette's snippets, JSON, SARIF and GitHub
/// annotations all index into the source by the diagnostics' spans.
fn render(source: &Source, diagnostics: &[shotlist::diagnostic::Diagnostic]) {
    let _ = render_diagnostics(diagnostics, source, Style::PLAIN);
    let values = diagnostics_json::diagnostic_values(diagnostics, source);
    let _ = diagnostics_json::document(values, Tally::of(diagnostics));
    let _ = report::sarif::document(&[(source, diagnostics)], std::path::Path::new("/"));
    let _ = report::github::render(diagnostics, source);
}

/// The spec every fuzzed ledger is read against: the lighthouse example, which has
/// shots, sheets, a house model and a cap, so that rows can name every kind of job.
const LEDGER_SPEC: &str = include_str!("../../examples/lighthouse.yaml");

/// Runs `bytes` as the example's ledger through reading, `status` and lint, and every
/// renderer of each, as `shotlist status` and `shotlist lint` would.
pub fn run_ledger(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let loaded = Loaded::from_text("examples/lighthouse.yaml", LEDGER_SPEC, Limits::default());
    let Ok(checked) = loaded.check(None) else {
        return;
    };
    let Ok(plan) = shotlist::plan::plan(&checked) else {
        return;
    };
    let read = pipeline::ledger_from_text(&checked, "ledger.csv", text, Limits::default());
    render(&read.source, &read.diagnostics);
    if read.has_errors() {
        return;
    }
    if let Ok(status) = shotlist::ledger::status(&checked, &plan, &read.ledger) {
        let document = shotlist::document::status::document(&status, &plan);
        let _ = report::status::human(&document, Style::PLAIN);
        let _ = report::status::json(&document);
        let _ = report::status::markdown(&document);
    }
    let settings = Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    };
    let diagnostics = pipeline::lint_tracked(&checked, &settings, Some(&read));
    render(&loaded.source, &diagnostics);
}
