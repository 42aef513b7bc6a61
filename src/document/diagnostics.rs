//! The diagnostics document that `check` and `lint` write with `--format json`, as
//! FORMAT.md ("Lint JSON") fixes it, with a `file` on each diagnostic so that one
//! document can cover several files.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Diagnostics")]
pub struct DiagnosticsDocument {
    pub schema_version: u32,
    pub diagnostics: Vec<DiagnosticEntry>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiagnosticEntry {
    pub file: String,
    /// The rule or check name, such as `unknown-model`.
    pub rule: String,
    /// The stable code, such as `E012` or `L003`.
    pub code: String,
    pub severity: Level,
    pub message: String,
    /// Where in the spec, such as `shots[3].model`.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based.
    pub column: usize,
    pub help: Option<String>,
    /// Secondary labels: other places that explain the finding, such as the shot at
    /// which the running total passes the cap. Empty when there are none.
    #[serde(default)]
    pub related: Vec<RelatedLabel>,
}

/// A place a diagnostic points at besides its own, with what is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RelatedLabel {
    /// A short noun phrase, such as `model chosen here`.
    pub message: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl DiagnosticEntry {
    pub fn new(diagnostic: &Diagnostic, source: &Source) -> DiagnosticEntry {
        let (line, column) = diagnostic.line_column(source);
        DiagnosticEntry {
            file: source.name.clone(),
            rule: diagnostic.code.name.to_owned(),
            code: diagnostic.code.id.to_owned(),
            severity: match diagnostic.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
            },
            message: diagnostic.message.clone(),
            path: diagnostic.path.clone(),
            line,
            column,
            help: diagnostic.help.clone(),
            related: diagnostic
                .labels
                .iter()
                .filter(|label| !label.primary)
                .map(|label| {
                    let (line, column) = source.line_column(label.span.offset);
                    RelatedLabel {
                        message: label.text.clone(),
                        line,
                        column,
                    }
                })
                .collect(),
        }
    }
}
