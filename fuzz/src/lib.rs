//! What every fuzz target runs: the whole pipeline a user can reach from one input,
//! load → check → lint → plan, and every renderer of what comes out. A panic, an
//! overflow (overflow checks are on) or a hang anywhere in it is a finding.

use shotlist::lint::{self, Overrides, Settings};
use shotlist::report::human::{Tally, render_diagnostics};
use shotlist::report::{self, Style, diagnostics_json};
use shotlist::spec;
use shotlist::source::Source;

/// Runs `bytes` through the pipeline as `shotlist` would read them from a file.
pub fn run_pipeline(bytes: &[u8]) {
    let mut input = bytes;
    let read = spec::read_source(
        std::path::Path::new("-"),
        spec::DEFAULT_MAX_BYTES,
        &mut input,
    );
    let (source, diagnostics) = match read {
        Ok(Ok(source)) => {
            let diagnostics = pipeline(&source);
            (source, diagnostics)
        }
        Ok(Err((source, diagnostic))) => (source, vec![diagnostic]),
        // Reading from a byte slice cannot fail.
        Err(_) => return,
    };
    render(&source, &diagnostics);
}

/// Loads, checks, lints and plans; returns the diagnostics a user would see.
fn pipeline(source: &Source) -> Vec<shotlist::diagnostic::Diagnostic> {
    let spec = match spec::load(source) {
        Ok(spec) => spec,
        Err(diagnostic) => return vec![diagnostic],
    };
    let checked = match shotlist::pipeline::check(&spec, None) {
        Ok(checked) => checked,
        Err(diagnostics) => return diagnostics,
    };
    let settings = Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    };
    let findings = lint::lint(&checked, &settings);
    match shotlist::plan::plan(&checked) {
        Ok(plan) => {
            let _ = report::plan::human::render_to(&plan, Style::PLAIN, &mut std::io::sink());
            let _ = report::plan::json::render_to(&plan, &mut std::io::sink());
            let _ = report::plan::markdown::render_to(&plan, &mut std::io::sink());
            let _ = report::plan::csv::render_to(&plan, &mut std::io::sink());
            findings
        }
        Err(mut problems) => {
            problems.extend(findings);
            problems
        }
    }
}

/// Renders diagnostics in every format: miette's snippets, JSON, SARIF and GitHub
/// annotations all index into the source by the diagnostics' spans.
fn render(source: &Source, diagnostics: &[shotlist::diagnostic::Diagnostic]) {
    let _ = render_diagnostics(diagnostics, source, Style::PLAIN);
    let values = diagnostics_json::diagnostic_values(diagnostics, source);
    let _ = diagnostics_json::document(values, Tally::of(diagnostics));
    let _ = report::sarif::document(&[(source, diagnostics)]);
    let _ = report::github::render(diagnostics, source);
}
