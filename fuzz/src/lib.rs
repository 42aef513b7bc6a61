//! What every fuzz target runs: the whole pipeline a user can reach from one input,
//! load → check → lint → plan, and every renderer of what comes out. A panic, an
//! overflow (overflow checks are on) or a hang anywhere in it is a finding.

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
