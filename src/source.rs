//! The bottom layer: a file's text with its name, byte spans into it, and the line
//! index that turns a span into the line and column every output format shows.

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
            std::iter::once(0)
                .chain(
                    self.text
                        .match_indices('\n')
                        .map(|(i, _)| i.saturating_add(1)),
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
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |text| text.chars().count())
            .saturating_add(1);
        (line, column)
    }
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
}
