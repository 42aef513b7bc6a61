//! Human output: miette's graphical reports, with labels on the offending bytes.

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::Style;
use crate::diagnostic::{Diagnostic, Severity, SourcedDiagnostic};
use crate::spec::Source;

/// Renders diagnostics for one file, each as a miette report.
pub fn render_diagnostics(diagnostics: &[Diagnostic], source: &Source, style: Style) -> String {
    render_with(diagnostics, source, &IndexedSource { source }, style)
}

fn render_with(
    diagnostics: &[Diagnostic],
    source: &Source,
    code: &dyn SourceCode,
    style: Style,
) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
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
            name: &source.name,
            source: code,
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

/// The spec's text as miette reads it. miette's own sources find a span by scanning from
/// the start of the text for every label, so thousands of findings in a big spec take
/// minutes; this one starts the scan a few lines before the span, using the source's
/// line index, and reports the same lines, columns and counts as a full scan.
pub struct IndexedSource<'a> {
    pub source: &'a Source,
}

impl std::fmt::Debug for IndexedSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("IndexedSource")
            .field("name", &self.source.name)
            .finish()
    }
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let offset = u32::try_from(span.offset()).map_err(|_| MietteError::OutOfBounds)?;
        let (line, _) = self.source.line_column(offset);
        // One line more than the context, so that the scan sees the line break before it.
        let first_line = line.saturating_sub(context_lines_before + 1).max(1);
        let start = self.source.line_start(first_line);
        let window = self
            .source
            .text
            .get(start..)
            .ok_or(MietteError::OutOfBounds)?;
        let relative = span
            .offset()
            .checked_sub(start)
            .ok_or(MietteError::OutOfBounds)?;
        let inner_span = SourceSpan::new(relative.into(), span.len());
        let inner = window.read_span(&inner_span, context_lines_before, context_lines_after)?;
        let lines_before = first_line - 1;
        let contents = MietteSpanContents::new_named(
            self.source.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + lines_before,
            inner.column(),
            inner.line_count() + lines_before,
        )
        .with_language("yaml");
        Ok(Box::new(contents))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Overrides, Settings, lint};

    /// The indexed source renders exactly what miette's own source renders, with LF and
    /// CRLF line ends, for findings with labels on several lines.
    #[test]
    fn indexed_source_renders_like_a_full_scan() {
        let root = env!("CARGO_MANIFEST_DIR");
        let today = jiff::civil::date(2026, 11, 21);
        for fixture in [
            "cut-density",
            "missing-sheet",
            "approved-before-lock",
            "thin-grid",
        ] {
            let path = format!("{root}/tests/fixtures/lint/{fixture}/fires.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            for text in [text.clone(), text.replace('\n', "\r\n")] {
                let source = Source::new(fixture, text);
                let spec = crate::spec::load(&source).unwrap();
                let checked = crate::validate::check(&spec).unwrap();
                let settings = Settings {
                    today,
                    overrides: Overrides::default(),
                };
                let diagnostics = lint(&checked, &settings);
                assert!(!diagnostics.is_empty());
                let full =
                    miette::NamedSource::new(fixture, source.text.clone()).with_language("yaml");
                assert_eq!(
                    render_diagnostics(&diagnostics, &source, Style::PLAIN),
                    render_with(&diagnostics, &source, &full, Style::PLAIN),
                    "{fixture}"
                );
            }
        }
    }
}
