//! Byte offsets ↔ LSP positions. Spans are bytes into UTF-8 text; LSP counts lines and,
//! within a line, UTF-16 code units (the protocol's default encoding, the only one every
//! client supports). A character outside the Basic Multilingual Plane is two units.

use lsp_types::{Position, Range};

use crate::source::{Source, Span};

/// The LSP position of byte `offset` in `source`: its line (0-based) and the UTF-16
/// code units before it on that line. An offset inside a character counts from that
/// character's start; one past the end is the end of the text.
pub fn position(source: &Source, offset: usize) -> Position {
    let text = source.text.as_str();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    let (line, _) = source.line_column(u32::try_from(offset).unwrap_or(u32::MAX));
    let start = source.line_start(line).min(offset);
    let units = text
        .get(start..offset)
        .map_or(0, |before| before.encode_utf16().count());
    Position::new(
        u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
        u32::try_from(units).unwrap_or(u32::MAX),
    )
}

/// The LSP range of a byte span.
pub fn range(source: &Source, span: Span) -> Range {
    Range::new(
        position(source, span.offset as usize),
        position(source, span.end() as usize),
    )
}

/// The byte offset of an LSP position. As the protocol asks, a character past the end
/// of its line means the line's end, and a line past the last means the text's end; a
/// position between the two units of a surrogate pair means the character's start.
pub fn offset(source: &Source, position: Position) -> usize {
    let text = source.text.as_str();
    let line = usize::try_from(position.line).unwrap_or(usize::MAX);
    let start = source.line_start(line.saturating_add(1));
    let rest = text.get(start..).unwrap_or_default();
    let line_text = rest.split_once('\n').map_or(rest, |(line, _)| line);
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
    let mut units = 0usize;
    for (at, c) in line_text.char_indices() {
        let next = units.saturating_add(c.len_utf16());
        if next > wanted {
            return start.saturating_add(at);
        }
        units = next;
    }
    start.saturating_add(line_text.len())
}

/// The byte span covered by an LSP range.
pub fn span(source: &Source, range: Range) -> std::ops::Range<usize> {
    let start = offset(source, range.start);
    let end = offset(source, range.end).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_code_units() {
        // `é` is 2 bytes and 1 unit; `🎬` is 4 bytes and 2 units.
        let source = Source::new("t", "ab\n é🎬x: y\r\nz");
        let x = source.text.find('x').unwrap();
        assert_eq!(position(&source, x), Position::new(1, 4));
        assert_eq!(offset(&source, Position::new(1, 4)), x);
        // Inside the clapper board's four bytes: its start.
        let clapper = source.text.find('🎬').unwrap();
        assert_eq!(position(&source, clapper + 2), Position::new(1, 2));
        // Between its two units: its start too.
        assert_eq!(offset(&source, Position::new(1, 3)), clapper);
        // Past the end of a line: the line's end, before `\r\n`.
        assert_eq!(
            offset(&source, Position::new(1, 99)),
            source.text.find('\r').unwrap()
        );
        assert_eq!(offset(&source, Position::new(9, 0)), source.text.len());
        assert_eq!(position(&source, source.text.len()), Position::new(2, 1));
        assert_eq!(position(&source, 999), Position::new(2, 1));
    }

    #[test]
    fn every_boundary_round_trips() {
        let source = Source::new("t", "- {id: «café», note: \"𝄞 ok\"}\n\tend\n");
        for (at, _) in source.text.char_indices() {
            assert_eq!(offset(&source, position(&source, at)), at, "at byte {at}");
        }
    }
}
