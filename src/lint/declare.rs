//! `declare_rule!`, the one declaration of a lint rule, in the manner of clippy's
//! `declare_clippy_lint!`: the rule's documentation is its doc comment, beside its code,
//! name, default level, summary and options, so none of them can live apart.

/// Declares `RULE`, the rule of the calling file, and the options it reads:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …the sections that `tests/lint_meta.rs` requires…
///     L015 "crowded-shot" {
///         level: Warn,
///         summary: "Too many characters in one shot",
///         options: {
///             /// Most characters one shot may name.
///             MAX_CHARACTERS: Count = "max_characters", Count(3);
///         },
///     }
/// }
/// ```
///
/// The file's `fn check(&Context, &Options, &mut Findings)` is the rule's check, and each
/// option becomes a constant the check reads with `options.get(&MAX_CHARACTERS)`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $code:ident $name:literal {
            level: $level:ident,
            summary: $summary:literal,
            $(options: {
                $($(#[doc = $option_doc:literal])+
                $option:ident: $type:ty = $option_name:literal, $default:expr;)+
            },)?
        }
    ) => {
        pub static RULE: $crate::lint::RuleDef = $crate::lint::RuleDef {
            code: $crate::diagnostic::CodeDef {
                id: stringify!($code),
                name: $name,
            },
            default_level: $crate::spec::Level::$level,
            summary: $summary,
            docs: $crate::lint::declare::doc_text!($($doc),+),
            options: &[$($(&$option),+)?],
            check,
        };

        $($(
            const $option: $crate::lint::options::Opt<$type> = $crate::lint::options::Opt {
                name: $option_name,
                default: $default,
                description: $crate::lint::declare::doc_text!($($option_doc),+),
            };
        )+)?
    };
}

/// The text of a doc comment as a `&'static str`, built at compile time: `///` lines
/// arrive as one literal each, with the space after `///` still in front.
macro_rules! doc_text {
    ($($line:literal),+) => {{
        const LINES: &[&str] = &[$($line),+];
        const TEXT: [u8; $crate::lint::declare::joined_len(LINES)] =
            $crate::lint::declare::join(LINES);
        match ::core::str::from_utf8(&TEXT) {
            Ok(text) => text,
            Err(_) => panic!("a doc comment joined into invalid UTF-8"),
        }
    }};
}

pub(crate) use {declare_rule, doc_text};

/// A line without the one space that `/// ` leaves in front of it.
const fn unindented(line: &str) -> &[u8] {
    match line.as_bytes() {
        [b' ', rest @ ..] => rest,
        bytes => bytes,
    }
}

/// The length of `lines` unindented and joined with newlines.
#[expect(
    clippy::arithmetic_side_effects,
    reason = "only `doc_text!` calls it, in a constant: an overflow fails the build"
)]
pub const fn joined_len(lines: &[&str]) -> usize {
    let mut len = lines.len().saturating_sub(1);
    let mut index = 0;
    while index < lines.len() {
        len += unindented(lines[index]).len();
        index += 1;
    }
    len
}

/// `lines` unindented and joined with newlines; `N` is their [`joined_len`].
#[expect(
    clippy::arithmetic_side_effects,
    reason = "only `doc_text!` calls it, in a constant: an overflow fails the build"
)]
pub const fn join<const N: usize>(lines: &[&str]) -> [u8; N] {
    let mut text = [0; N];
    let mut at = 0;
    let mut index = 0;
    while index < lines.len() {
        if index > 0 {
            text[at] = b'\n';
            at += 1;
        }
        let line = unindented(lines[index]);
        let mut byte = 0;
        while byte < line.len() {
            text[at] = line[byte];
            at += 1;
            byte += 1;
        }
        index += 1;
    }
    text
}

#[cfg(test)]
mod tests {
    /// Indentation past the first space survives: the YAML examples depend on it.
    #[test]
    fn doc_lines_lose_one_space_and_keep_the_rest() {
        const TEXT: &str = doc_text!(" ## Example", "", " ```yaml", "   - {id: a}", " ```");
        assert_eq!(TEXT, "## Example\n\n```yaml\n  - {id: a}\n```");
    }
}
