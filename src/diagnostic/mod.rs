//! The one diagnostic type shared by every stage: loading, checking, linting and
//! planning all report problems as [`Diagnostic`]s, and every output format renders
//! the same values.

mod codes;

pub use codes::CheckCode;

use std::fmt;

use crate::source::{Source, Span};

/// A stable diagnostic code: a family letter and three digits, with a kebab-case name.
/// `E` codes are check errors (the spec cannot be planned); `L` codes are lint rules.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CodeDef {
    pub id: &'static str,
    pub name: &'static str,
}

/// Codes are passed by reference to their static definition, which keeps diagnostics
/// small.
pub type Code = &'static CodeDef;

impl fmt::Display for CodeDef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A span with a short noun phrase saying what is there. The first primary label is
/// where the diagnostic "is" (its line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where in the spec, as a path such as `shots[3].model`; empty when unknown.
    pub path: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self::new(code.into(), Severity::Error, message)
    }

    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            path: String::new(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Adds the primary label.
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
            primary: true,
        });
        self
    }

    /// Adds the primary label when the span is known.
    pub fn labelled(self, span: Option<Span>, text: impl Into<String>) -> Self {
        match span {
            Some(span) => self.with_label(span, text),
            None => self,
        }
    }

    /// Adds a secondary label: context, such as the segment a shot belongs to.
    pub fn with_secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
            primary: false,
        });
        self
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .or(self.labels.first())
            .map(|label| label.span)
    }

    /// 1-based line and column of the primary label, or `(1, 1)` without one.
    pub fn line_column(&self, source: &Source) -> (usize, usize) {
        self.primary_span()
            .map_or((1, 1), |span| source.line_column(span.offset))
    }
}

/// A diagnostic joined to its source, in the shape miette renders.
pub struct SourcedDiagnostic<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The file name, for diagnostics without a label.
    pub name: &'a str,
    pub source: &'a dyn miette::SourceCode,
}

impl fmt::Debug for SourcedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for SourcedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.diagnostic.labels.is_empty() {
            write!(f, "{}: {}", self.name, self.diagnostic.message)
        } else {
            f.write_str(&self.diagnostic.message)
        }
    }
}

impl std::error::Error for SourcedDiagnostic<'_> {}

impl miette::Diagnostic for SourcedDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let code = self.diagnostic.code;
        Some(Box::new(format!("{}({})", code.id, code.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        (!self.diagnostic.labels.is_empty()).then_some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.diagnostic.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.diagnostic.labels.iter().map(|label| {
            let text = Some(label.text.clone()).filter(|text| !text.is_empty());
            if label.primary {
                miette::LabeledSpan::new_primary_with_span(text, label.span)
            } else {
                miette::LabeledSpan::new_with_span(text, label.span)
            }
        })))
    }
}
