//! The bottom layer: a file's text with its name, byte spans into it, and the line
//! index that turns a span into the line and column every output format shows.
//!
//! Positions follow YAML, so that every format and every editor agree: lines end at
//! YAML's line breaks (LF, CRLF or a lone CR), columns count characters (Unicode
//! scalar values) from 1, and a leading byte-order mark is not a column.

use std::sync::OnceLock;

/// A byte range in the source text. `u32` keeps spans small (a 100k-shot spec holds
/// millions of them); inputs are capped well below 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub offset: u32,
    pub len: u32,
}

impl Span {
    pub const fn new(offset: u32, len: u32) -> Self {
        Self { offset, len }
    }

    pub fn end(self) -> u32 {
        self.offset.saturating_add(self.len)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.offset as usize, span.len as usize).into()
    }
}

/// A spec's text with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// Byte offsets at which lines start, built on first use. A big spec can carry
    /// thousands of findings; without the index each one's line would be a scan from
    /// the start of the file.
    line_starts: OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// Drops the text and its line index, keeping the name, once nothing more will be
    /// said about the text: a spec's text is as large as the file.
    pub fn forget_text(&mut self) {
        self.text = String::new();
        self.line_starts = OnceLock::new();
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            std::iter::once(0)
                .chain(
                    line_break_bytes(bytes)
                        // A CR followed by LF is one break, ending after the LF.
                        .filter(|&i| {
                            !(bytes.get(i) == Some(&b'\r')
                                && bytes.get(i.saturating_add(1)) == Some(&b'\n'))
                        })
                        .map(|i| i.saturating_add(1)),
                )
                .collect()
        })
    }

    /// Byte offset at which 1-based `line` starts; the end of the text past the last.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: u32) -> (usize, usize) {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let starts = self.line_starts();
        // Lines starting at or before the offset; the first starts at 0, so at least 1.
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let before = self.text.get(line_start..offset).unwrap_or_default();
        let before = before
            .strip_prefix('\u{feff}')
            .filter(|_| line_start == 0)
            .unwrap_or(before);
        (line, before.chars().count().saturating_add(1))
    }
}

/// The byte offset of 1-based `line` and `column` (in characters, a leading BOM not
/// counted) in `text`, by the same rules as [`Source::line_column`]: for positions that
/// come as a line and column alone, such as a YAML parser's errors.
pub fn offset_at(text: &str, line: usize, column: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        line_break_bytes(bytes)
            .filter(|&i| {
                !(bytes.get(i) == Some(&b'\r') && bytes.get(i.saturating_add(1)) == Some(&b'\n'))
            })
            .nth(line.saturating_sub(2))?
            .saturating_add(1)
    };
    let mut rest = text.get(line_start..)?;
    let mut start = line_start;
    if line_start == 0 && rest.starts_with('\u{feff}') {
        rest = rest.get(3..)?;
        start = 3;
    }
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(index, _)| index);
    Some(start.saturating_add(within))
}

/// Offsets of every CR and LF byte: YAML's line-break characters.
fn line_break_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, byte)| matches!(byte, b'\n' | b'\r'))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::Source;

    #[test]
    fn line_column_counts_lines_and_characters() {
        let source = Source::new("t", "ab\ncé d\n\nx");
        assert_eq!(source.line_column(0), (1, 1));
        assert_eq!(source.line_column(2), (1, 3));
        assert_eq!(source.line_column(3), (2, 1));
        // `é` is two bytes: the space after it is the third character.
        assert_eq!(source.line_column(6), (2, 3));
        // Inside `é`: backs off to its start.
        assert_eq!(source.line_column(5), (2, 2));
        assert_eq!(source.line_column(9), (3, 1));
        assert_eq!(source.line_column(10), (4, 1));
        assert_eq!(source.line_column(999), (4, 2));
        assert_eq!(source.line_start(1), 0);
        assert_eq!(source.line_start(2), 3);
        assert_eq!(source.line_start(4), 10);
        assert_eq!(source.line_start(5), 11);
    }

    /// YAML's three line breaks each end one line; a BOM is not a column.
    #[test]
    fn lines_end_at_yaml_line_breaks_and_a_bom_is_no_column() {
        let source = Source::new("t", "a\r\nb\rc\nd");
        assert_eq!(source.line_column(3), (2, 1));
        assert_eq!(source.line_column(5), (3, 1));
        assert_eq!(source.line_column(7), (4, 1));
        // The CR of a CRLF belongs to its line.
        assert_eq!(source.line_column(1), (1, 2));
        let source = Source::new("t", "\u{feff}ab\n\u{feff}");
        assert_eq!(source.line_column(3), (1, 1));
        assert_eq!(source.line_column(4), (1, 2));
        // Only the first character of the text is a byte-order mark.
        assert_eq!(source.line_column(9), (2, 2));
    }

    #[test]
    fn offset_at_inverts_line_column() {
        for text in ["a\r\nbé\rc\nd", "\u{feff}x: 1\r\ny: é2", "one"] {
            let source = Source::new("t", text);
            for (offset, _) in text.char_indices() {
                let (line, column) = source.line_column(offset as u32);
                let back = super::offset_at(text, line, column).unwrap();
                // A BOM and the CR of a CRLF share a position with the next character.
                assert_eq!(
                    source.line_column(back as u32),
                    (line, column),
                    "{text:?} {offset}"
                );
            }
        }
    }
}
