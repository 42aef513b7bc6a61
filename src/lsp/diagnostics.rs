//! shotlist's diagnostics as LSP diagnostics: the same code, severity, message and
//! position as the CLI, the help after the message, secondary labels as related
//! information, and a link to the code's documentation.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::position::range;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Where a code is documented: a lint rule's section of `rules.md`, or the check codes'
/// table in `FORMAT.md`, under `docs_url` (a URL ending in `/`).
pub fn code_url(docs_url: &str, code: &str, name: &str) -> String {
    if code.starts_with('L') {
        format!("{docs_url}rules.md#{}-{name}", code.to_ascii_lowercase())
    } else {
        format!("{docs_url}FORMAT.md#check-error-codes")
    }
}

pub fn to_lsp(
    diagnostic: &Diagnostic,
    source: &Source,
    uri: &Uri,
    docs_url: &str,
) -> lsp_types::Diagnostic {
    let primary = diagnostic.primary_span();
    let related: Vec<_> = diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary)
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(source, label.span)),
            message: label.text.clone(),
        })
        .collect();
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let code = diagnostic.code;
    lsp_types::Diagnostic {
        range: primary.map(|span| range(source, span)).unwrap_or_default(),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(code.id.to_owned())),
        code_description: code_url(docs_url, code.id, code.name)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("shotlist".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
