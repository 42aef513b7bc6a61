//! Control characters made visible. A spec's ids, titles and model names may hold any
//! character a YAML escape can write (`"\e]0;title\a"`); printed raw, an escape or a
//! bell would reach the terminal that shows the report and clear it, retitle it or
//! ring it. Every text format writes them escaped (`\u{1b}`); JSON has its own escapes.

use std::borrow::Cow;
use std::io::Write;

/// Characters that must not reach a terminal as they are: controls other than the
/// line breaks and tabs that lay text out.
fn is_unprintable(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// `text` with each unprintable character written by `replace`, or `text` itself when it
/// has none. The printable runs between them are copied whole: the text may be a 32 MiB
/// spec.
pub(crate) fn replace_unprintable(text: &str, replace: impl Fn(char, &mut String)) -> Cow<'_, str> {
    let mut unprintable = text.char_indices().filter(|&(_, c)| is_unprintable(c));
    let Some(first) = unprintable.next() else {
        return Cow::Borrowed(text);
    };
    let mut shown = String::with_capacity(text.len());
    let mut run_start = 0;
    for (offset, c) in std::iter::once(first).chain(unprintable) {
        shown.push_str(text.get(run_start..offset).unwrap_or_default());
        replace(c, &mut shown);
        run_start = offset.saturating_add(c.len_utf8());
    }
    shown.push_str(text.get(run_start..).unwrap_or_default());
    Cow::Owned(shown)
}

/// Text with its unprintable characters escaped (`\u{1b}`).
pub fn printable(text: &str) -> Cow<'_, str> {
    replace_unprintable(text, |c, shown| shown.extend(c.escape_unicode()))
}

/// The lead byte of a two-byte UTF-8 character from U+0080 to U+00BF, which holds the
/// C1 controls (U+0080 to U+009F).
const C1_LEAD: u8 = 0xC2;

/// A writer that escapes unprintable characters as [`printable`] does, for reports
/// written as they are rendered. A character may arrive split over two writes (a CSV
/// writer flushes its buffer wherever it fills), so a C1 lead byte waits for the next.
/// [`PrintableWriter::finish`] writes what is left.
pub struct PrintableWriter<'a> {
    inner: &'a mut dyn Write,
    /// A `C1_LEAD` byte whose next byte has not arrived yet.
    pending_lead: bool,
}

impl<'a> PrintableWriter<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Self {
        Self {
            inner,
            pending_lead: false,
        }
    }

    /// Writes a lead byte still waiting (the text ended inside a character, which
    /// valid UTF-8 never does) and flushes.
    pub fn finish(self) -> std::io::Result<()> {
        if self.pending_lead {
            self.inner.write_all(&[C1_LEAD])?;
        }
        self.inner.flush()
    }

    fn escape(&mut self, c: char) -> std::io::Result<()> {
        write!(self.inner, "{}", c.escape_unicode())
    }
}

impl Write for PrintableWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut run_start = 0;
        for (index, &byte) in buf.iter().enumerate() {
            if self.pending_lead {
                self.pending_lead = false;
                if (0x80..=0x9F).contains(&byte) {
                    self.escape(char::from(byte))?;
                    run_start = index.saturating_add(1);
                    continue;
                }
                self.inner.write_all(&[C1_LEAD])?;
            }
            let control = (byte < 0x20 && !matches!(byte, b'\n' | b'\r' | b'\t')) || byte == 0x7F;
            if control || byte == C1_LEAD {
                self.inner
                    .write_all(buf.get(run_start..index).unwrap_or_default())?;
                run_start = index.saturating_add(1);
                if control {
                    self.escape(char::from(byte))?;
                } else {
                    self.pending_lead = true;
                }
            }
        }
        self.inner
            .write_all(buf.get(run_start..).unwrap_or_default())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;title\u{7}b\u{9b}2J é\u{7f}\n\tc\r\n";
    const SHOWN: &str = "a\\u{1b}]0;title\\u{7}b\\u{9b}2J é\\u{7f}\n\tc\r\n";

    #[test]
    fn escapes_controls_but_not_layout() {
        assert_eq!(printable(HOSTILE), SHOWN);
        assert!(matches!(printable("plain é\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_escapes_as_printable_does_however_the_text_is_split() {
        let bytes = HOSTILE.as_bytes();
        for split in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut writer = PrintableWriter::new(&mut out);
            writer.write_all(&bytes[..split]).unwrap();
            writer.flush().unwrap();
            writer.write_all(&bytes[split..]).unwrap();
            writer.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), SHOWN, "split at {split}");
        }
    }

    #[test]
    fn a_lead_byte_left_at_the_end_is_written() {
        let mut out = Vec::new();
        let mut writer = PrintableWriter::new(&mut out);
        writer.write_all(&[b'a', C1_LEAD]).unwrap();
        writer.finish().unwrap();
        assert_eq!(out, [b'a', C1_LEAD]);
    }
}
