//! Diagnostics as JSON: the [diagnostics document](crate::document::diagnostics),
//! shared by `check` and `lint`.

use crate::diagnostic::Diagnostic;
use crate::document::diagnostics::{DiagnosticEntry, DiagnosticsDocument, Summary};
use crate::document::plan::SCHEMA_VERSION;
use crate::report::human::Tally;
use crate::source::Source;

/// One file's diagnostics as document entries.
pub fn diagnostic_values(diagnostics: &[Diagnostic], source: &Source) -> Vec<DiagnosticEntry> {
    diagnostics
        .iter()
        .map(|diagnostic| DiagnosticEntry::new(diagnostic, source))
        .collect()
}

/// The whole document, pretty-printed, with a final newline.
pub fn document(diagnostics: Vec<DiagnosticEntry>, tally: Tally) -> String {
    let document = DiagnosticsDocument {
        schema_version: SCHEMA_VERSION,
        diagnostics,
        summary: Summary {
            errors: tally.errors,
            warnings: tally.warnings,
        },
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
