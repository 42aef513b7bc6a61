//! Human output: miette's graphical reports, with labels on the offending bytes.

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use std::borrow::Cow;

use super::Style;
use super::printable::{printable, replace_unprintable};
use crate::diagnostic::{Diagnostic, Severity, SourcedDiagnostic};
use crate::source::{Source, Span};
// Counts are worded once, for lint's messages and the reports alike.
pub use crate::wording::plural;

/// Renders diagnostics for one file, each as a miette report.
pub fn render_diagnostics(diagnostics: &[Diagnostic], source: &Source, style: Style) -> String {
    // Nothing to draw: the text is not scanned (a clean 100,000-shot spec is 18 MB).
    if diagnostics.is_empty() {
        return String::new();
    }
    // The YAML parser points at the control character it refuses; drawn raw, it would
    // reach the terminal (a bell, or an escape sequence that rewrites the screen).
    // Replaced byte for byte, so every span still lands on the same bytes.
    // A lone CR ends a line in YAML but not in miette's drawing; as LF, byte for byte,
    // it ends the line there too.
    let shown = match masked(&source.text) {
        Cow::Owned(masked) => Some(lone_cr_as_lf(masked)),
        Cow::Borrowed(text) if text.contains('\r') => Some(lone_cr_as_lf(text.to_owned())),
        Cow::Borrowed(_) => None,
    };
    if let Some(masked) = shown {
        let shown = Source::new(source.name.clone(), masked);
        return render_with(
            diagnostics,
            &shown,
            &IndexedSource { source: &shown },
            style,
        );
    }
    render_with(diagnostics, source, &IndexedSource { source }, style)
}

/// `text` with every unprintable character replaced by as many `?` as it has bytes, so
/// that spans still land on the same bytes.
fn masked(text: &str) -> Cow<'_, str> {
    replace_unprintable(text, |c, shown| {
        shown.extend(std::iter::repeat_n('?', c.len_utf8()));
    })
}

fn lone_cr_as_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes.get(i.saturating_add(1)) != Some(&b'\n')
            && let Some(byte) = bytes.get_mut(i).filter(|byte| **byte == b'\r')
        {
            *byte = b'\n';
        }
    }
    // One ASCII byte for another keeps the text UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn render_with(
    diagnostics: &[Diagnostic],
    source: &Source,
    code: &dyn SourceCode,
    style: Style,
) -> String {
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
        let diagnostic = &readable_labels(diagnostic, source);
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

/// A line longer than this many bytes is shown as a window around the label on it
/// rather than whole: a minified spec or a runaway scalar can put megabytes on one line.
const LONG_LINE: usize = 240;
/// Bytes of a long line kept before a label's start and after its end.
const KEEP_BEFORE: usize = 40;
const KEEP_AFTER: usize = 40;
/// The longest label drawn on a long line; a longer one is drawn over its first bytes.
const MAX_LABEL_ON_LONG_LINE: usize = 60;
/// A label over more lines than this is drawn on its first line only: miette prints
/// every line a label covers, and a scalar as large as the byte cap can cover half a
/// million.
const MAX_LABEL_LINES: usize = 8;

/// The diagnostic made safe and readable to print whatever the input: labels over many
/// lines, or over long lines, keep their start and lose their tail, and unprintable
/// characters in its text are escaped. Borrowed unchanged in the common case.
fn readable_labels<'d>(diagnostic: &'d Diagnostic, source: &Source) -> Cow<'d, Diagnostic> {
    let clipped: Vec<Span> = diagnostic
        .labels
        .iter()
        .map(|label| readable_span(label.span, source))
        .collect();
    let unchanged = clipped.iter().zip(&diagnostic.labels).all(|(span, label)| {
        *span == label.span && matches!(printable(&label.text), Cow::Borrowed(_))
    }) && matches!(printable(&diagnostic.message), Cow::Borrowed(_))
        && diagnostic
            .help
            .as_deref()
            .is_none_or(|help| matches!(printable(help), Cow::Borrowed(_)));
    if unchanged {
        return Cow::Borrowed(diagnostic);
    }
    let mut owned = diagnostic.clone();
    owned.message = printable(&owned.message).into_owned();
    owned.help = owned
        .help
        .as_deref()
        .map(|help| printable(help).into_owned());
    for (label, span) in owned.labels.iter_mut().zip(clipped) {
        label.span = span;
        label.text = printable(&label.text).into_owned();
    }
    Cow::Owned(owned)
}

fn readable_span(span: Span, source: &Source) -> Span {
    let text = source.text.as_str();
    let start = (span.offset as usize).min(text.len());
    let end = (span.end() as usize).min(text.len());
    let (first_line, _) = source.line_column(span.offset);
    let (last_line, _) = source.line_column(span.end());
    let first_line_end = line_end(source, first_line);
    let crosses_long_line =
        (first_line..=last_line).any(|line| line_length(source, line) > LONG_LINE);
    let mut end = if last_line.saturating_sub(first_line) >= MAX_LABEL_LINES
        || (last_line > first_line && crosses_long_line)
    {
        first_line_end.max(start)
    } else {
        end
    };
    if line_length(source, first_line) > LONG_LINE
        && end.saturating_sub(start) > MAX_LABEL_ON_LONG_LINE
    {
        end = floor_char_boundary(text, start.saturating_add(MAX_LABEL_ON_LONG_LINE));
    }
    Span::new(
        span.offset,
        u32::try_from(end.saturating_sub(start)).unwrap_or(span.len),
    )
}

/// Byte offset of the end of 1-based `line`, before its line break.
fn line_end(source: &Source, line: usize) -> usize {
    let next = source.line_start(line.saturating_add(1));
    let text = source.text.as_bytes();
    let mut end = next;
    // Past the `\n` (and a `\r` before it) that ends the line, unless the text ends first.
    if end > source.line_start(line) && text.get(end.saturating_sub(1)) == Some(&b'\n') {
        end = end.saturating_sub(1);
        if end > source.line_start(line) && text.get(end.saturating_sub(1)) == Some(&b'\r') {
            end = end.saturating_sub(1);
        }
    }
    end
}

fn line_length(source: &Source, line: usize) -> usize {
    line_end(source, line).saturating_sub(source.line_start(line))
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index = index.saturating_sub(1);
    }
    index
}

fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index = index.saturating_add(1);
    }
    index
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
        let (line, column) = self.source.line_column(offset);
        let end = u32::try_from(span.offset().saturating_add(span.len()))
            .map_err(|_| MietteError::OutOfBounds)?;
        let (last_line, _) = self.source.line_column(end);
        let context = line.saturating_sub(context_lines_before).max(1)
            ..=last_line.saturating_add(context_lines_after);
        if context
            .into_iter()
            .any(|line| line_length(self.source, line) > LONG_LINE)
        {
            return self.read_long_lines(
                span,
                (line, column),
                last_line,
                context_lines_before,
                context_lines_after,
            );
        }
        // One line more than the context, so that the scan sees the line break before it.
        let first_line = line
            .saturating_sub(context_lines_before.saturating_add(1))
            .max(1);
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
        let lines_before = first_line.saturating_sub(1);
        let contents = MietteSpanContents::new_named(
            self.source.name.clone(),
            inner.data(),
            SourceSpan::new(
                inner.span().offset().saturating_add(start).into(),
                inner.span().len(),
            ),
            inner.line().saturating_add(lines_before),
            // The header's position is the primary label's, read with no context: there
            // it is the source's own line and column, which every format shows (miette
            // counts bytes, and a BOM).
            if context_lines_before == 0 {
                column.saturating_sub(1)
            } else {
                inner.column()
            },
            inner.line_count().saturating_add(lines_before),
        )
        .with_language("yaml");
        Ok(Box::new(contents))
    }
}

impl IndexedSource<'_> {
    /// Reads a span in or next to a long line: the span's line is cut to a window around
    /// the span, and context lines are kept only while they are short and contiguous with
    /// what is shown (a line cut at its start has no lines shown above it; cut at its end,
    /// none below). The window is a slice of the source, so every offset miette computes
    /// from it is still right; the header's column is the span's, from the line index.
    fn read_long_lines<'b>(
        &'b self,
        span: &SourceSpan,
        (line, span_column): (usize, usize),
        last_line: usize,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let source = self.source;
        let text = source.text.as_str();
        // A span over several lines with a long one among them: only miette's merging of
        // two labels' contexts asks for one, and an error makes it draw them apart.
        if last_line > line {
            return Err(MietteError::OutOfBounds);
        }
        let span_start = span.offset().min(text.len());
        let span_end = span.offset().saturating_add(span.len()).min(text.len());
        let line_start = source.line_start(line);
        let this_line_end = line_end(source, line);
        let mut start = line_start;
        let mut first_line = line;
        if line_length(source, line) > LONG_LINE {
            start =
                floor_char_boundary(text, span_start.saturating_sub(KEEP_BEFORE).max(line_start));
        } else if context_lines_before > 0 {
            while first_line > 1
                && line.saturating_sub(first_line) < context_lines_before
                && line_length(source, first_line.saturating_sub(1)) <= LONG_LINE
            {
                first_line = first_line.saturating_sub(1);
            }
            start = source.line_start(first_line);
        }
        let mut end = this_line_end;
        if line_length(source, line) > LONG_LINE {
            end = ceil_char_boundary(text, span_end.saturating_add(KEEP_AFTER).min(this_line_end));
        } else if context_lines_after > 0 {
            let mut next = line;
            let last = source
                .line_column(u32::try_from(text.len()).unwrap_or(u32::MAX))
                .0;
            while next < last
                && next.saturating_sub(line) < context_lines_after
                && line_length(source, next.saturating_add(1)) <= LONG_LINE
            {
                next = next.saturating_add(1);
            }
            // Through the line break, as miette's own sources return context lines.
            end = source.line_start(next.saturating_add(1)).max(this_line_end);
        }
        let column = if context_lines_before == 0 {
            span_column.saturating_sub(1)
        } else {
            0
        };
        let data = text.get(start..end).ok_or(MietteError::OutOfBounds)?;
        let contents = MietteSpanContents::new_named(
            source.name.clone(),
            data.as_bytes(),
            SourceSpan::new(start.into(), end.saturating_sub(start)),
            first_line.saturating_sub(1),
            column,
            source
                .line_column(u32::try_from(end).unwrap_or(u32::MAX))
                .0
                .saturating_sub(1),
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
            warnings: diagnostics.len().saturating_sub(errors),
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.errors = self.errors.saturating_add(other.errors);
        self.warnings = self.warnings.saturating_add(other.warnings);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Overrides, Settings, lint};

    /// Each unprintable character becomes one `?` per byte, so spans keep their bytes;
    /// line breaks, tabs and other text are left as they are.
    #[test]
    fn unprintable_characters_are_replaced_byte_for_byte() {
        let text = "\u{7}a: \u{1b}[2J\u{85}é\r\n\tb\u{7f}";
        let shown = masked(text);
        assert_eq!(shown, "?a: ?[2J??é\r\n\tb?");
        assert_eq!(shown.len(), text.len());
        assert_eq!(masked("plain"), "plain");
    }

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
