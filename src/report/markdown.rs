//! Escaping for every Markdown output (plan, route, diff, status, compare). Titles, ids
//! and model names come from a spec someone wrote: `*draft*` or `<b>` in a title must
//! print as written, not as emphasis or HTML, and a `|` must not end a table cell.
//! [`text`] is for such values, [`code`] for ids, and [`cell`] for shotlist's own
//! sentences, whose backticks are meant as code.

/// Text for a heading, a paragraph, a list item or a table cell: every ASCII punctuation
/// mark that Markdown or GitHub's tables read as markup is escaped with a backslash (which
/// CommonMark allows before any ASCII punctuation), and a line break becomes a space,
/// since a cell, a heading and a list item are one line each.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// One of shotlist's own sentences in a table cell or a line: its Markdown (`` `--allow-draft` ``)
/// is kept, a `|` is escaped so that the cell does not end, and a line break becomes a
/// space.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// An id or a name as inline code, which shows it exactly: fenced with one backtick more
/// than the longest run of backticks inside it (padded with spaces when it starts or ends
/// with one, as CommonMark strips one space from each side). A `|` is still escaped,
/// since GitHub ends a table cell at it even inside code.
pub fn code(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut longest = 0usize;
    let mut run = 0usize;
    for c in one_line.chars() {
        run = if c == '`' { run.saturating_add(1) } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.saturating_add(1));
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    let body = one_line.replace('|', "\\|");
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_keeps_one_line() {
        assert_eq!(text("*draft* <b>x</b>"), r"\*draft\* \<b\>x\</b\>");
        assert_eq!(text("a | b\nc"), r"a \| b c");
        assert_eq!(
            text("# [link](u) _x_ ~y~ &amp; !"),
            r"\# \[link\](u) \_x\_ \~y\~ \&amp; \!"
        );
        assert_eq!(
            text("The Lighthouse Keeper — 3,566.00 (+11.33%)"),
            "The Lighthouse Keeper — 3,566.00 (+11.33%)"
        );
    }

    #[test]
    fn cell_keeps_our_markup_and_escapes_the_cell_end() {
        assert_eq!(
            cell("pass `--allow-draft` | x\ny"),
            "pass `--allow-draft` \\| x y"
        );
    }

    #[test]
    fn code_fences_past_any_backticks_inside() {
        assert_eq!(code("s1-wide"), "`s1-wide`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), r"`a\|b`");
        assert_eq!(code("two\nlines"), "`two lines`");
    }
}
