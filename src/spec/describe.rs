//! What a YAML or decode error means for a spec, in the user's terms: the code, the
//! message, the help and the label of its diagnostic.

use serde_saphyr::Error as YamlError;

use super::decode::DecodeError;
use super::load::{MAX_ALIASES, MAX_DEPTH, MAX_FLOW_NESTING, MAX_NODES};
use crate::diagnostic::CheckCode;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::wording::grouped;

/// `scalar` is the text of the value the error is about, when the error is about one.
pub(super) fn describe_yaml_error(
    error: &YamlError,
    span: Option<Span>,
    scalar: Option<&str>,
) -> Diagnostic {
    let diagnostic = match error {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match did_you_mean(field, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None if expected.is_empty() => "remove this key".to_owned(),
                None => format!("expected one of {}", list(expected)),
            };
            Diagnostic::error(CheckCode::UnknownKey, format!("unknown key `{field}`"))
                .with_help(help)
                .labelled(span, "not a key here")
        }
        YamlError::SerdeMissingField { field, .. } => Diagnostic::error(
            CheckCode::MissingKey,
            format!("missing required key `{field}`"),
        )
        .with_help(format!("add `{field}:` to this mapping"))
        .labelled(span, format!("this mapping lacks `{field}`")),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let help = match did_you_mean(variant, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("expected one of {}", list(expected)),
            };
            Diagnostic::error(
                CheckCode::InvalidValue,
                format!("unknown value `{variant}`"),
            )
            .with_help(help)
            .labelled(span, "not allowed here")
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(
            CheckCode::WrongType,
            format!("expected {expected}, found {unexpected}"),
        )
        .with_help(format!("write {expected} here"))
        .labelled(span, format!("expected {expected}")),
        YamlError::InvalidBooleanStrict { .. } => Diagnostic::error(
            CheckCode::WrongType,
            "expected `true` or `false`",
        )
        .with_help(
            "shotlist reads booleans strictly: write `true` or `false`, not `yes`, `on` or `1`",
        )
        .labelled(span, "not a boolean"),
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("a key");
            Diagnostic::error(CheckCode::DuplicateKey, format!("duplicate key `{key}`"))
                .with_help("each key may appear once in a mapping; remove or rename one")
                .labelled(span, "repeated here")
        }
        YamlError::TaggedScalarCannotDeserializeIntoString { .. } => tagged_value(span),
        YamlError::NullIntoString { .. } => {
            Diagnostic::error(CheckCode::WrongType, "expected a string, found nothing")
                .with_help("write a value after the colon, or remove the key")
                .labelled(span, "empty value")
        }
        YamlError::InvalidScalar { ty, .. }
            if let Some((message, help)) = scalar.and_then(leading_zero) =>
        {
            Diagnostic::error(CheckCode::WrongType, message)
                .with_help(help)
                .labelled(span, format!("not {}", type_phrase(ty)))
        }
        YamlError::InvalidScalar { ty, .. }
            if let Some((message, help)) = scalar.and_then(whole_number_form) =>
        {
            Diagnostic::error(CheckCode::InvalidValue, message)
                .with_help(help)
                .labelled(span, format!("not {}", type_phrase(ty)))
        }
        YamlError::InvalidScalar { ty, .. } => {
            let wanted = type_phrase(ty);
            Diagnostic::error(CheckCode::WrongType, format!("expected {wanted}"))
                .with_help(format!("write {wanted} here"))
                .labelled(span, format!("not {wanted}"))
        }
        // A custom message with no typed error behind it: serde's or serde-saphyr's
        // own, about a value.
        YamlError::Message { msg, .. } => {
            Diagnostic::error(CheckCode::InvalidValue, msg.as_str()).labelled(span, "invalid value")
        }
        YamlError::Unexpected { expected, .. } => {
            let wanted = match *expected {
                "sequence start" => "a list",
                "mapping start" => "a mapping",
                other => other,
            };
            Diagnostic::error(CheckCode::WrongType, format!("expected {wanted} here"))
                .with_help(match wanted {
                    "a list" => "write a list, such as `[mara, tom]` or one `- item` per line",
                    "a mapping" => "write a mapping of `key: value` pairs",
                    _ => "check the value's type against the format reference",
                })
                .labelled(span, format!("expected {wanted}"))
        }
        YamlError::Eof { .. } => Diagnostic::error(
            CheckCode::YamlSyntax,
            "the spec ends before it has any content",
        )
        .with_help("start from one of the files in `examples/`")
        .labelled(span, "end of input"),
        YamlError::MultipleDocuments { .. } => more_than_one_document(span),
        YamlError::Budget { breach, .. } => {
            let (message, help) = describe_budget(breach);
            Diagnostic::error(CheckCode::InputLimit, message)
                .with_help(help)
                .labelled(span, "limit passed here")
        }
        other => {
            let text = other.to_string();
            let message = strip_location_suffix(&text);
            if let Some(control) = control_character(message) {
                return Diagnostic::error(
                    CheckCode::YamlSyntax,
                    format!("control character U+{:04X} is not allowed in a spec", u32::from(control)),
                )
                .with_help("delete it; inside double quotes it may be written as an escape such as `\\u0007`")
                .labelled(span, "control character");
            }
            if message.contains("recursion limit exceeded") {
                return Diagnostic::error(
                    CheckCode::InputLimit,
                    format!("the spec nests more than {MAX_FLOW_NESTING} brackets deep"),
                )
                .with_help(NESTING_HELP)
                .labelled(span, "limit passed here");
            }
            let code = if names_a_parser_limit(message) {
                CheckCode::InputLimit
            } else {
                CheckCode::YamlSyntax
            };
            let help = if code == CheckCode::InputLimit {
                "the spec is nested too deeply or expands too many aliases; flatten it"
            } else {
                "check the indentation and quoting near this position"
            };
            Diagnostic::error(code, message.to_owned())
                .with_help(help)
                .labelled(span, "here")
        }
    };
    diagnostic.with_severity(Severity::Error)
}

/// The diagnostic for a value's typed error, placed at its own span when it has one,
/// else where serde-saphyr places the value.
pub(super) fn describe_decode_error(error: DecodeError, span: Option<Span>) -> Diagnostic {
    let label = match error.code {
        CheckCode::OutOfRange => "out of range",
        CheckCode::InputLimit => "limit passed here",
        _ => "invalid value",
    };
    let span = error.span.or(span);
    let diagnostic = Diagnostic::error(error.code, error.message);
    let diagnostic = match error.help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    };
    diagnostic
        .labelled(span, label)
        .with_severity(Severity::Error)
}

/// The character of the YAML parser's "unexpected character" error, when it is a
/// control character (which the parser names in Rust's escaped form, `\u{7}`).
fn control_character(message: &str) -> Option<char> {
    let escaped = message
        .strip_prefix("unexpected character: `\\u{")?
        .split_once('}')?
        .0;
    char::from_u32(u32::from_str_radix(escaped, 16).ok()?).filter(|c| c.is_control())
}

const NESTING_HELP: &str =
    "a spec nests six levels at most; look for an unclosed bracket or runaway indentation";

/// What a breached budget means for a spec, in the user's terms, and what to do.
fn describe_budget(breach: &serde_saphyr::budget::BudgetBreach) -> (String, String) {
    use serde_saphyr::budget::BudgetBreach;
    let split = "split the production into several specs, one per episode or part";
    let (message, help) = match breach {
        BudgetBreach::Depth { .. } => (
            format!("the spec nests more than {MAX_DEPTH} levels deep"),
            NESTING_HELP,
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!(
                "the spec holds more than {} values",
                grouped(&MAX_NODES.to_string())
            ),
            split,
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => (
            format!(
                "the spec uses more than {} anchors or aliases",
                grouped(&MAX_ALIASES.to_string())
            ),
            "write the repeated values out, or repeat fewer of them",
        ),
        BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::MergeKeys { .. } => (
            "the spec's aliases expand to far more than it writes out, as an alias bomb does"
                .to_owned(),
            "write the repeated values out; an anchor may be reused, but not nested in itself many times over",
        ),
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => (
            "the spec's values hold more text than shotlist reads".to_owned(),
            "pass `--max-bytes` with a larger limit if this really is a spec",
        ),
        other => (format!("the spec passes a parser limit ({other:?})"), split),
    };
    (message, help.to_owned())
}

/// Errors raised inside an alias point at the alias; the inner error says what failed.
pub(super) fn unwrap_error(error: &YamlError) -> &YamlError {
    match error.without_snippet() {
        YamlError::AliasError { error, .. } => unwrap_error(error),
        other => other,
    }
}

/// Whether the YAML parser's own message (never one of ours, which carry their codes)
/// says one of its limits was passed: its scan errors reach us as text.
fn names_a_parser_limit(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    lower.contains("budget") || lower.contains("limit") || lower.contains("depth")
}

fn strip_location_suffix(text: &str) -> &str {
    match text.rfind(" at line ") {
        Some(index) => &text[..index],
        None => text,
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A second YAML document, starting at `span`.
pub(super) fn more_than_one_document(span: Option<Span>) -> Diagnostic {
    Diagnostic::error(
        CheckCode::YamlSyntax,
        "the file holds more than one YAML document",
    )
    .with_help("keep one spec per file; remove the `---` separator")
    .labelled(span, "second document starts here")
}

/// The message and help for a whole number written with leading zeros (`01`, `+007`),
/// which the parser refuses: YAML 1.1 and 1.2 readers disagree about its value.
pub(super) fn leading_zero(text: &str) -> Option<(String, String)> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    let leading = digits.len() > 1 && digits.starts_with('0');
    if !leading || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    let number = if significant.is_empty() {
        "0"
    } else {
        significant
    };
    Some((
        format!("`{text}` has a leading zero, which YAML readers disagree about"),
        format!(
            "YAML 1.1 reads a leading zero as octal (`010` is 8), YAML 1.2 as decimal; write `{number}`, or `0o{number}` for octal"
        ),
    ))
}

/// What is wrong with a whole number written in a form the parser reads but YAML 1.2
/// does not (`1_000`, `0b101`): its message and help, as the E005 of a decimal that
/// groups its digits. `None` for every other text.
fn whole_number_form(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if let Some(binary) = unsigned.strip_prefix("0b") {
        let value = u128::from_str_radix(&binary.replace('_', ""), 2).ok()?;
        return Some((
            format!("`{text}` is a binary number, which YAML 1.2 does not read as a number"),
            format!("write `{value}`"),
        ));
    }
    let grouped = unsigned.contains('_')
        && unsigned.starts_with(|c: char| c.is_ascii_digit())
        && unsigned
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    grouped.then(|| {
        let ungrouped = text.replace('_', "");
        // `0_4` is 4, which written `04` would have a leading zero.
        let digits = ungrouped.trim_start_matches(['+', '-']);
        let written = if digits.bytes().all(|b| b.is_ascii_digit()) {
            let sign = if ungrouped.starts_with('-') { "-" } else { "" };
            match digits.trim_start_matches('0') {
                "" => format!("{sign}0"),
                significant => format!("{sign}{significant}"),
            }
        } else {
            ungrouped.clone()
        };
        (
            format!("`{text}` groups digits with `_`, which YAML 1.2 does not read as a number"),
            format!("write `{written}`"),
        )
    })
}

/// The E005 of a whole number written in a form YAML 1.2 does not read (see
/// [`whole_number_form`]), labelled at `span`.
pub(super) fn not_a_yaml_1_2_number(text: &str, span: Span) -> Option<Diagnostic> {
    let (message, help) = whole_number_form(text)?;
    Some(
        Diagnostic::error(CheckCode::InvalidValue, message)
            .with_help(help)
            .with_label(span, "not a YAML 1.2 number"),
    )
}

/// A Rust type name as a user would say it: counts are whole numbers in a range.
fn type_phrase(ty: &str) -> String {
    match ty {
        "u32" => "a whole number from 0 to 4,294,967,295".to_owned(),
        "u64" => "a whole number from 0 to 18,446,744,073,709,551,615".to_owned(),
        "bool" => "`true` or `false`".to_owned(),
        other => article(other),
    }
}

fn article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// A core tag (`!!int`, `!!float`...) on a value shotlist reads as text: the typed load
/// and the collection pass say so alike.
pub(super) fn tagged_value(span: Option<Span>) -> Diagnostic {
    Diagnostic::error(
        CheckCode::WrongType,
        "a YAML tag such as `!!int` on a value shotlist reads as written",
    )
    .with_help("remove the tag: shotlist reads this value's own text (`5`, not `!!int 5`)")
    .labelled(span, "tagged value")
}
