//! Diagnostics as JSON, in the contract of FORMAT.md ("Lint JSON"), shared by `check`
//! and `lint`. A `file` field is added to each diagnostic so that one document can
//! cover several files.

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::report::human::Tally;
use crate::source::Source;

/// One file's diagnostics as JSON objects.
pub fn diagnostic_values(diagnostics: &[Diagnostic], source: &Source) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let (line, column) = diagnostic.line_column(source);
            json!({
                "file": source.name,
                "rule": diagnostic.code.name,
                "code": diagnostic.code.id,
                "severity": diagnostic.severity.name(),
                "message": diagnostic.message,
                "path": diagnostic.path,
                "line": line,
                "column": column,
                "help": diagnostic.help,
            })
        })
        .collect()
}

/// The whole document: `{schema_version, diagnostics, summary}`.
pub fn document(diagnostics: Vec<Value>, tally: Tally) -> String {
    let document = json!({
        "schema_version": 1,
        "diagnostics": diagnostics,
        "summary": {"errors": tally.errors, "warnings": tally.warnings},
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
