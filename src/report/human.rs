//! Human output: miette's graphical reports, with labels on the offending bytes.

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};

use super::Style;
use crate::diagnostic::{Diagnostic, Severity, SourcedDiagnostic};
use crate::spec::Source;

/// Renders diagnostics for one file, each as a miette report.
pub fn render_diagnostics(diagnostics: &[Diagnostic], source: &Source, style: Style) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let named = NamedSource::new(&source.name, source.text.clone()).with_language("yaml");
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let sourced = SourcedDiagnostic {
            diagnostic,
            source: &named,
        };
        if handler.render_report(&mut out, &sourced).is_err() {
            // Rendering into a String only fails if a Display impl fails; fall back to
            // the bare facts rather than lose the diagnostic.
            let (line, column) = diagnostic.line_column(source);
            out.push_str(&format!(
                "{}:{line}:{column}: {} [{}] {}\n",
                source.name,
                diagnostic.severity.name(),
                diagnostic.code.id,
                diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Self {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }

    /// "2 errors, 1 warning"; empty when there are none.
    pub fn describe(self) -> String {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        parts.join(", ")
    }
}

/// "1 shot", "2 shots".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
