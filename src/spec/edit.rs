//! Byte-level edits of a spec's text, for `shotlist route --fix`: a scalar replaced in
//! its own quoting style, or entries added to a mapping in its own style (flow or
//! block, its indentation, its line ends). Every byte outside an edit stays as it was:
//! comments, key order, quoting, blank lines.

use std::ops::Range;

use crate::source::Span;

/// Replaces the bytes of `range` in the original text by `text` (an insertion when the
/// range is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Applies `edits`; `None` when two overlap or one does not fall on character
/// boundaries of `original`. Insertions at one position keep their order.
pub fn apply(original: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));
    // A capacity hint: saturating is as good as exact.
    let added = edits
        .iter()
        .map(|edit| edit.text.len())
        .fold(0, usize::saturating_add);
    let mut out = String::with_capacity(original.len().saturating_add(added));
    let mut done = 0;
    for edit in sorted {
        if edit.range.start < done {
            return None;
        }
        out.push_str(original.get(done..edit.range.start)?);
        original.get(edit.range.clone())?;
        out.push_str(&edit.text);
        done = edit.range.end;
    }
    out.push_str(original.get(done..)?);
    Some(out)
}

/// YAML 1.1 and 1.2 words that a plain scalar would read as a boolean or null.
const RESERVED_WORDS: [&str; 11] = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
];

/// Whether `value` written plain reads back as the same string in block and flow
/// context alike: letters, digits and `.`, `_`, `/`, `-` from a letter or digit on,
/// and nothing a YAML reader would take for a number, boolean or null.
fn reads_back_plain(value: &str) -> bool {
    let safe_characters = value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-'));
    let lower = value.to_ascii_lowercase();
    let numeric = lower.replace('_', "").parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("0b");
    safe_characters && !numeric && !RESERVED_WORDS.contains(&lower.as_str())
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len().saturating_add(2));
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` as a YAML scalar: plain when that reads back unchanged, else double-quoted.
pub fn scalar(value: &str) -> String {
    if reads_back_plain(value) {
        value.to_owned()
    } else {
        double_quoted(value)
    }
}

/// Replaces the scalar at `span` (a value's span, quotes included) with `value`, in the
/// style it was written in. A block scalar (`|-`, `>-`) keeps its header, its
/// indentation and every line break and blank line after its content; one whose
/// content runs over several lines, or a value a block scalar cannot hold on one line,
/// is `None`. `None` too when the span is not in `text` or holds an alias.
pub fn set_scalar(text: &str, span: Span, value: &str) -> Option<Edit> {
    let range = span.offset as usize..span.end() as usize;
    let written = text.get(range.clone())?;
    if written.starts_with('*') {
        return None;
    }
    if is_block_scalar(text, range.start) {
        // The span runs from the content to past the line breaks that follow it.
        let content = written.trim_end_matches(['\n', '\r', ' ', '\t']);
        let one_line = !content.contains('\n') && !content.is_empty();
        let fits = !value.is_empty()
            && !value.starts_with([' ', '\t'])
            && !value.ends_with([' ', '\t'])
            && !value.chars().any(char::is_control);
        if !one_line || !fits {
            return None;
        }
        return Some(Edit {
            range: range.start..range.start.checked_add(content.len())?,
            text: value.to_owned(),
        });
    }
    let new = if written.starts_with('\'') {
        format!("'{}'", value.replace('\'', "''"))
    } else if written.starts_with('"') {
        double_quoted(value)
    } else {
        scalar(value)
    };
    Some(Edit { range, text: new })
}

/// Replaces the number at `span` with `number`: as given where it is written plain,
/// inside its quotes where it is quoted (a numeric string reads as the same decimal),
/// and in a block scalar or an alias as [`set_scalar`] does.
pub fn set_number(text: &str, span: Span, number: &str) -> Option<Edit> {
    let range = span.offset as usize..span.end() as usize;
    let written = text.get(range.clone())?;
    if written.starts_with(['\'', '"', '*']) || is_block_scalar(text, range.start) {
        return set_scalar(text, span, number);
    }
    Some(Edit {
        range,
        text: number.to_owned(),
    })
}

/// Whether the value whose content starts at `offset` is a block scalar: its content
/// starts a line, and the line before ends in a header such as `|`, `>-` or `|2+`
/// (before any comment).
fn is_block_scalar(text: &str, offset: usize) -> bool {
    let Some(before) = text.get(..offset) else {
        return false;
    };
    let Some(header_end) = before.trim_end_matches([' ', '\t']).strip_suffix('\n') else {
        return false;
    };
    let header_end = header_end.strip_suffix('\r').unwrap_or(header_end);
    let header_line = &header_end[line_start(header_end, header_end.len())..];
    let without_comment = header_line
        .find(" #")
        .map_or(header_line, |comment| &header_line[..comment]);
    let token = without_comment
        .trim_end()
        .rsplit([' ', '\t'])
        .next()
        .unwrap_or_default();
    token.starts_with(['|', '>'])
        && token
            .chars()
            .skip(1)
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

/// How a value is written where a key holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written<'t> {
    /// A scalar (plain, quoted or block), with the anchor it defines, if any, and the
    /// bytes of that anchor and the space after it.
    Scalar {
        anchor: Option<(&'t str, Range<usize>)>,
    },
    /// An alias (`*name`) of a value anchored elsewhere.
    Alias(&'t str),
    /// Merged from another mapping by `<<: *name`: the key is not written in the
    /// mapping itself.
    Merged(&'t str),
}

/// How the value at `span` is written: the span of a merged value is the merge key's
/// alias, and that of an alias is the alias itself. `None` when the span is not in
/// `text`.
pub fn written(text: &str, span: Span) -> Option<Written<'_>> {
    let start = span.offset as usize;
    let at = text.get(start..span.end() as usize)?;
    let before = text.get(..start)?.trim_end_matches([' ', '\t']);
    if let Some(name) = at.strip_prefix('*') {
        return Some(if before.ends_with("<<:") {
            Written::Merged(name)
        } else {
            Written::Alias(name)
        });
    }
    Some(Written::Scalar {
        anchor: anchor_ending(text, start),
    })
}

/// The anchor (`&name`) written right before `offset`, past spaces and line breaks:
/// its name, and the bytes from the `&` to `offset`.
pub fn anchor_ending(text: &str, offset: usize) -> Option<(&str, Range<usize>)> {
    let before = text
        .get(..offset)?
        .trim_end_matches([' ', '\t', '\n', '\r']);
    let token_start = before
        .rfind([' ', '\t', '\n', '{', '[', ','])
        .map_or(0, |separator| separator.saturating_add(1));
    let name = before.get(token_start..)?.strip_prefix('&')?;
    (!name.is_empty()).then_some((name, token_start..offset))
}

/// Where entries go in a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'k> {
    /// Right after the entry `key`, whose value (a scalar on one line) is at `value`.
    After { key: &'k str, value: Span },
    /// Before every other entry.
    First,
    /// Before the entry whose key is at `key`, and in a block mapping before the
    /// comment lines right above that key, which belong to it.
    Before { key: Span },
}

/// A value to write into a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string: plain when that reads back unchanged, else double-quoted.
    Text(String),
    /// A number, written as given (`4.50` stays `4.50`).
    Number(String),
    /// A mapping: in a flow mapping as `{key: value, …}`; in a block mapping as lines
    /// of its own, one indentation step deeper than its key.
    Mapping(Vec<(String, Value)>),
}

impl Value {
    /// The value on one line, as a flow mapping holds it.
    fn flow(&self) -> String {
        match self {
            Value::Text(text) => scalar(text),
            Value::Number(number) => number.clone(),
            Value::Mapping(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(key, value)| format!("{}: {}", scalar(key), value.flow()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The entry `key: self` as the lines of a block mapping whose keys are at column
    /// `indent`, nested mappings `step` columns deeper.
    fn block_lines(&self, key: &str, indent: usize, step: usize, lines: &mut Vec<String>) {
        let padding = " ".repeat(indent);
        match self {
            Value::Mapping(entries) if !entries.is_empty() => {
                lines.push(format!("{padding}{}:", scalar(key)));
                for (key, value) in entries {
                    value.block_lines(key, indent.saturating_add(step), step, lines);
                }
            }
            _ => lines.push(format!("{padding}{}: {}", scalar(key), self.flow())),
        }
    }
}

/// Byte offset of the start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline.saturating_add(1))
}

/// The line end used by the line holding `offset`: `\r\n` or `\n`.
fn line_end(text: &str, offset: usize) -> &'static str {
    let rest = text.get(offset..).unwrap_or_default();
    match rest.find('\n') {
        Some(newline) if rest[..newline].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The column of the key on the line starting at `start`, past its indentation and any
/// `- ` of a sequence entry, when that key is `key` (plain or quoted) followed by `:`.
fn key_column(text: &str, start: usize, key: &str) -> Option<usize> {
    let line = text.get(start..)?;
    let bytes = line.as_bytes();
    // `column` only steps over bytes of the line, so it never reaches `usize::MAX`.
    let mut column = 0usize;
    loop {
        while bytes.get(column) == Some(&b' ') {
            column = column.saturating_add(1);
        }
        if bytes
            .get(column..)
            .is_some_and(|rest| rest.starts_with(b"- "))
        {
            column = column.saturating_add(1);
        } else {
            break;
        }
    }
    let rest = &line[column..];
    let after_key = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
        .iter()
        .find_map(|written| rest.strip_prefix(written.as_str()))?;
    after_key
        .trim_start_matches(' ')
        .starts_with(':')
        .then_some(column)
}

/// Adds `entries` (key, value) to the mapping whose span is `mapping` (a flow
/// mapping's `{`, or a block mapping's first key), in the mapping's own style: in a
/// flow mapping as `, key: value`; in a block mapping as lines of their own at the
/// indentation of its keys, with the line ends of the line they follow. `None` when the
/// text is not shaped as expected there (a multi-line anchor value, a key not where
/// its value's line says), so that the caller refuses rather than guesses.
pub fn add_entries(
    text: &str,
    mapping: Span,
    place: Place<'_>,
    entries: &[(&str, &str)],
) -> Option<Edit> {
    let values: Vec<(String, Value)> = entries
        .iter()
        .map(|(key, value)| ((*key).to_owned(), Value::Text((*value).to_owned())))
        .collect();
    add_values(text, mapping, place, &values, 2)
}

/// As [`add_entries`], for values of any shape: in a block mapping a mapping value
/// takes lines of its own, its keys `step` columns deeper than the key holding it.
pub fn add_values(
    text: &str,
    mapping: Span,
    place: Place<'_>,
    entries: &[(String, Value)],
    step: usize,
) -> Option<Edit> {
    let flow_entries = || {
        entries
            .iter()
            .map(|(key, value)| format!("{}: {}", scalar(key), value.flow()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let block_lines = |indent: usize| {
        let mut lines = Vec::new();
        for (key, value) in entries {
            value.block_lines(key, indent, step, &mut lines);
        }
        lines
    };
    let start = mapping.offset as usize;
    let flow = text.as_bytes().get(start) == Some(&b'{');
    let insert = |at: usize, new: String| {
        text.get(..at)?;
        Some(Edit {
            range: at..at,
            text: new,
        })
    };
    match (flow, place) {
        (true, Place::After { value, .. }) => {
            insert(value.end() as usize, format!(", {}", flow_entries()))
        }
        (true, Place::First) => {
            // The mapping's first entry, or its `}`: past the `{` and any space after it.
            let rest = text.get(start..)?.strip_prefix('{')?.trim_start();
            let first = text.len().checked_sub(rest.len())?;
            let new = if rest.starts_with('}') {
                flow_entries()
            } else {
                format!("{}, ", flow_entries())
            };
            insert(first, new)
        }
        (true, Place::Before { key }) => {
            insert(key.offset as usize, format!("{}, ", flow_entries()))
        }
        (false, Place::After { key, value }) => {
            let value_start = value.offset as usize;
            let value_end = value.end() as usize;
            if text.get(value_start..value_end)?.contains('\n') {
                return None;
            }
            let lines = block_lines(key_column(text, line_start(text, value_start), key)?);
            match text[value_end..].find('\n') {
                Some(newline) => {
                    let eol = line_end(text, value_end);
                    let new = lines.iter().map(|line| format!("{line}{eol}")).collect();
                    // The line end is in `text`, so the offset past it fits.
                    insert(value_end.checked_add(newline)?.checked_add(1)?, new)
                }
                // The last line of a file without a final line end: the file's own
                // line ends, as its other lines have them.
                None => {
                    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
                    let new = lines.iter().map(|line| format!("{eol}{line}")).collect();
                    insert(text.len(), new)
                }
            }
        }
        (false, Place::First) => {
            let before = text.get(line_start(text, start)..start)?;
            if !before.bytes().all(|b| b == b' ' || b == b'-') {
                return None;
            }
            let indent = " ".repeat(before.len());
            let eol = line_end(text, start);
            // The first line goes where the first key is, past its indentation or `- `.
            let new: String = block_lines(before.len())
                .iter()
                .map(|line| format!("{}{eol}{indent}", line.get(before.len()..).unwrap_or(line)))
                .collect();
            insert(start, new)
        }
        (false, Place::Before { key }) => {
            let key_start = key.offset as usize;
            let mut at = line_start(text, key_start);
            let indent = text.get(at..key_start)?;
            if !indent.bytes().all(|b| b == b' ') {
                return None;
            }
            // Comment lines right above the key, at its indentation, are its own.
            while let Some(previous) = at.checked_sub(1).map(|end| line_start(text, end)) {
                let line = text.get(previous..at)?;
                let comment = line
                    .strip_prefix(indent)
                    .is_some_and(|rest| rest.starts_with('#'));
                if !comment || previous == at {
                    break;
                }
                at = previous;
            }
            let eol = line_end(text, key_start);
            let new = block_lines(indent.len())
                .iter()
                .map(|line| format!("{line}{eol}"))
                .collect();
            insert(at, new)
        }
    }
}

/// Gives the entry whose key is at `key` and whose value at `value` is empty or null
/// (`key:`, `key: ~`) the mapping `entries`: a written null becomes a flow mapping in
/// its place; an empty value in a block mapping gets lines of its own after the key's
/// line (after any comment on it), its keys `step` columns deeper than the key. `None`
/// when the value is written otherwise, or is empty inside a flow mapping.
pub fn fill_empty(
    text: &str,
    key: Span,
    value: Span,
    entries: &[(String, Value)],
    step: usize,
) -> Option<Edit> {
    let range = value.offset as usize..value.end() as usize;
    let written = text.get(range.clone())?.trim();
    if matches!(written, "~" | "null" | "Null" | "NULL") {
        return Some(Edit {
            range,
            text: Value::Mapping(entries.to_vec()).flow(),
        });
    }
    if !written.is_empty() {
        return None;
    }
    let key_start = key.offset as usize;
    let key_end = key.end() as usize;
    let line_rest = text.get(key_end..)?;
    let line_length = line_rest.find('\n').unwrap_or(line_rest.len());
    let line = line_rest.get(..line_length)?.trim_end_matches('\r');
    // Only `:` and perhaps a comment follow the key: a `}` or `,` would mean a flow
    // mapping, which has no lines of its own.
    let after_colon = line.trim_start().strip_prefix(':')?.trim();
    if !(after_colon.is_empty() || after_colon.starts_with('#')) {
        return None;
    }
    let column = key_start.checked_sub(line_start(text, key_start))?;
    let mut lines = Vec::new();
    for (key, value) in entries {
        value.block_lines(key, column.checked_add(step)?, step, &mut lines);
    }
    let eol = line_end(text, key_start);
    let at = key_end.checked_add(line.len())?;
    Some(Edit {
        range: at..at,
        text: lines.iter().map(|line| format!("{eol}{line}")).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> Span {
        let offset = text.find(needle).expect(needle);
        Span::new(offset as u32, needle.len() as u32)
    }

    fn edited(text: &str, edit: Option<Edit>) -> String {
        apply(text, &[edit.expect("an edit")]).expect("applies")
    }

    #[test]
    fn scalars_are_plain_only_when_they_read_back() {
        assert_eq!(scalar("veo-3.1"), "veo-3.1");
        assert_eq!(scalar("1080p"), "1080p");
        assert_eq!(scalar("4k"), "4k");
        assert_eq!(scalar("1e3"), "\"1e3\"");
        assert_eq!(scalar("720"), "\"720\"");
        assert_eq!(scalar("0x1f"), "\"0x1f\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Null"), "\"Null\"");
        assert_eq!(scalar("my model: v2"), "\"my model: v2\"");
        assert_eq!(scalar("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn set_scalar_keeps_the_quoting() {
        let text = "a: 'x'\nb: \"y\"\nc: z # note\n";
        assert_eq!(
            edited(text, set_scalar(text, span_of(text, "'x'"), "it's")),
            "a: 'it''s'\nb: \"y\"\nc: z # note\n"
        );
        assert_eq!(
            edited(text, set_scalar(text, span_of(text, "\"y\""), "w")),
            "a: 'x'\nb: \"w\"\nc: z # note\n"
        );
        assert_eq!(
            edited(text, set_scalar(text, span_of(text, "z"), "true")),
            "a: 'x'\nb: \"y\"\nc: \"true\" # note\n"
        );
    }

    #[test]
    fn block_scalars_keep_their_header_and_the_line_breaks_after_them() {
        for text in [
            "model: >-\n  veo\n",
            "model: |- # why\n  veo\n\n\n",
            "model: >-\r\n  veo\r\n",
            "model: |-\n  veo",
        ] {
            let content = text.find("veo").unwrap();
            // The span of a block scalar runs past the line breaks after its content.
            let span = Span::new(content as u32, (text.len() - content) as u32);
            assert_eq!(
                edited(text, set_scalar(text, span, "kling")),
                text.replace("veo", "kling"),
                "{text:?}"
            );
        }
        let two_lines = "model: >-\n  veo-\n  3\n";
        let span = Span::new(11, (two_lines.len() - 11) as u32);
        assert_eq!(set_scalar(two_lines, span, "kling"), None);
        let text = "model: |-\n  veo\n";
        let span = Span::new(12, 4);
        assert_eq!(set_scalar(text, span, " leading space"), None);
    }

    #[test]
    fn values_are_told_apart_by_how_they_are_written() {
        let text = "a: &m veo\nb: *m\nc:\n  <<: *base\nd: plain\n";
        assert_eq!(
            written(text, span_of(text, "veo")),
            Some(Written::Scalar {
                anchor: Some(("m", 3..6))
            })
        );
        assert_eq!(
            written(text, span_of(text, "*m")),
            Some(Written::Alias("m"))
        );
        assert_eq!(
            written(text, span_of(text, "*base")),
            Some(Written::Merged("base"))
        );
        assert_eq!(
            written(text, span_of(text, "plain")),
            Some(Written::Scalar { anchor: None })
        );
        let text = "shots:\n  - &s0\n    id: a\n  - &s1 {id: b}\n";
        assert_eq!(
            anchor_ending(text, text.find("id: a").unwrap()).map(|(name, _)| name),
            Some("s0")
        );
        assert_eq!(
            anchor_ending(text, text.find('{').unwrap()).map(|(name, _)| name),
            Some("s1")
        );
        assert_eq!(anchor_ending(text, text.find("shots").unwrap()), None);
    }

    #[test]
    fn set_scalar_leaves_an_alias_alone() {
        let text = "b: *m\n";
        assert_eq!(set_scalar(text, span_of(text, "*m"), "x"), None);
    }

    #[test]
    fn flow_mappings_get_entries_after_the_anchor_or_first() {
        let text = "- {id: a, type: \"hero\", duration: 5s}\n";
        let after = Place::After {
            key: "type",
            value: span_of(text, "\"hero\""),
        };
        assert_eq!(
            edited(
                text,
                add_entries(
                    text,
                    span_of(text, "{"),
                    after,
                    &[("model", "m"), ("resolution", "4k")]
                )
            ),
            "- {id: a, type: \"hero\", model: m, resolution: 4k, duration: 5s}\n"
        );
        let text = "sheet: { }\n";
        assert_eq!(
            edited(
                text,
                add_entries(text, span_of(text, "{"), Place::First, &[("model", "m")])
            ),
            "sheet: { model: m}\n"
        );
        let text = "sheet: {status: draft}\n";
        assert_eq!(
            edited(
                text,
                add_entries(text, span_of(text, "{"), Place::First, &[("model", "m")])
            ),
            "sheet: {model: m, status: draft}\n"
        );
    }

    #[test]
    fn block_mappings_get_lines_at_their_keys_indentation_and_line_ends() {
        let text = "  - id: a\r\n    type: hero   # why\r\n    duration: 5s\r\n";
        let after = Place::After {
            key: "type",
            value: span_of(text, "hero"),
        };
        let mapping = span_of(text, "id");
        assert_eq!(
            edited(text, add_entries(text, mapping, after, &[("model", "m")])),
            "  - id: a\r\n    type: hero   # why\r\n    model: m\r\n    duration: 5s\r\n"
        );
        let text = "  - type: hero\n    id: a";
        let after = Place::After {
            key: "type",
            value: span_of(text, "hero"),
        };
        assert_eq!(
            edited(
                text,
                add_entries(text, span_of(text, "type"), after, &[("model", "m")])
            ),
            "  - type: hero\n    model: m\n    id: a"
        );
        let text = "sheet:\n  options: 4\n";
        assert_eq!(
            edited(
                text,
                add_entries(
                    text,
                    span_of(text, "options"),
                    Place::First,
                    &[("model", "m")]
                )
            ),
            "sheet:\n  model: m\n  options: 4\n"
        );
        let text = "- id: a\n  type: hero";
        let after = Place::After {
            key: "type",
            value: span_of(text, "hero"),
        };
        assert_eq!(
            edited(
                text,
                add_entries(text, span_of(text, "id"), after, &[("model", "m")])
            ),
            "- id: a\n  type: hero\n  model: m"
        );
    }

    #[test]
    fn nested_values_are_written_in_the_mappings_style() {
        let values = [
            ("takes".to_owned(), Value::Number("4.50".to_owned())),
            (
                "by_type".to_owned(),
                Value::Mapping(vec![(
                    "close-up".to_owned(),
                    Value::Mapping(vec![("takes".to_owned(), Value::Number("2".to_owned()))]),
                )]),
            ),
        ];
        let text = "a: {grid_options: 4}\n";
        assert_eq!(
            edited(
                text,
                add_values(text, span_of(text, "{"), Place::First, &values, 2)
            ),
            "a: {takes: 4.50, by_type: {close-up: {takes: 2}}, grid_options: 4}\n"
        );
        let text = "a:\n   grid_options: 4\n";
        let after = Place::After {
            key: "grid_options",
            value: span_of(text, "4"),
        };
        assert_eq!(
            edited(
                text,
                add_values(text, span_of(text, "grid_options"), after, &values, 3)
            ),
            "a:\n   grid_options: 4\n   takes: 4.50\n   by_type:\n      close-up:\n         takes: 2\n"
        );
        let text = "- id: a\n  type: hero\n";
        assert_eq!(
            edited(
                text,
                add_values(text, span_of(text, "id"), Place::First, &values, 2)
            ),
            "- takes: 4.50\n  by_type:\n    close-up:\n      takes: 2\n  id: a\n  type: hero\n"
        );
    }

    #[test]
    fn entries_go_before_a_key_and_the_comments_above_it() {
        let entries = [("b".to_owned(), Value::Text("yes".to_owned()))];
        let text = "a: 1\n\n# about c\n# more\nc: 2\n";
        assert_eq!(
            edited(
                text,
                add_values(
                    text,
                    span_of(text, "a"),
                    Place::Before {
                        key: span_of(text, "c:")
                    },
                    &entries,
                    2
                )
            ),
            "a: 1\n\nb: \"yes\"\n# about c\n# more\nc: 2\n"
        );
        let text = "{a: 1, c: 2}";
        assert_eq!(
            edited(
                text,
                add_values(
                    text,
                    span_of(text, "{"),
                    Place::Before {
                        key: span_of(text, "c:")
                    },
                    &entries,
                    2
                )
            ),
            "{a: 1, b: \"yes\", c: 2}"
        );
    }

    #[test]
    fn empty_values_are_filled_and_numbers_set_in_their_style() {
        let entries = [("takes".to_owned(), Value::Number("3".to_owned()))];
        let text = "a: # why\r\nb: 1\r\n";
        let key = span_of(text, "a");
        assert_eq!(
            edited(
                text,
                fill_empty(text, key, Span::new(key.end(), 0), &entries, 2)
            ),
            "a: # why\r\n  takes: 3\r\nb: 1\r\n"
        );
        let text = "a: ~\n";
        assert_eq!(
            edited(
                text,
                fill_empty(text, span_of(text, "a"), span_of(text, "~"), &entries, 2)
            ),
            "a: {takes: 3}\n"
        );
        let text = "{a: , b: 1}";
        let key = span_of(text, "a");
        assert_eq!(
            fill_empty(text, key, Span::new(key.end(), 0), &entries, 2),
            None
        );
        let text = "a: 3\nb: '3'\nc: *x\n";
        assert_eq!(
            edited(text, set_number(text, span_of(text, "3"), "3.21")),
            "a: 3.21\nb: '3'\nc: *x\n"
        );
        assert_eq!(
            edited(text, set_number(text, span_of(text, "'3'"), "3.21")),
            "a: 3\nb: '3.21'\nc: *x\n"
        );
        assert_eq!(set_number(text, span_of(text, "*x"), "3.21"), None);
    }

    #[test]
    fn unexpected_shapes_are_refused() {
        // The value sits on the line after its key.
        let text = "- id: a\n  type:\n    hero\n";
        let after = Place::After {
            key: "type",
            value: span_of(text, "hero"),
        };
        assert_eq!(
            add_entries(text, span_of(text, "id"), after, &[("model", "m")]),
            None
        );
        // Overlapping edits.
        let overlapping = [
            Edit {
                range: 0..3,
                text: String::new(),
            },
            Edit {
                range: 2..4,
                text: String::new(),
            },
        ];
        assert_eq!(apply("abcdef", &overlapping), None);
        // Inside a character.
        let inside = [Edit {
            range: 1..1,
            text: "x".into(),
        }];
        assert_eq!(apply("é", &inside), None);
    }
}
