//! Reading a spec from a file or stdin and deserializing it with serde-saphyr, turning
//! every failure into a [`Diagnostic`] that points at the offending bytes.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError};

use super::decode::{DecodeError, recording};
use super::span::span_of;
use super::types::{DEFAULT_MAX_SHOTS, Spec, with_shot_cap};
use crate::diagnostic::CheckCode;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};
use crate::suggest::did_you_mean;

/// The default cap on input size. A 100,000-shot spec — the most shots `--max-shots`
/// lets a spec hold — is about 18 MiB, so real specs fit with room to spare; and the
/// cap bounds the parser's worst case: one scalar folded over many lines costs it about
/// four times its size (the scanner's copy grows by doubling, and an error quotes it), so
/// the largest input the cap lets through stays under 200 MB. A stray video file is
/// refused at once.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Node and event budgets sized for 100,000-shot specs (about 30 nodes a shot). They
/// still stop an alias bomb long before it costs real memory.
const MAX_NODES: usize = 8_000_000;
const MAX_EVENTS: usize = 16_000_000;
/// The spec nests at most six levels; 64 leaves room and stops 10,000-deep nesting fast.
const MAX_DEPTH: usize = 64;
/// serde-saphyr's own caps, named here because diagnostics quote them: anchors and
/// aliases each, and brackets nested inside one another (which the parser counts apart
/// from `MAX_DEPTH`). A shot template merged into every shot of a 20,000-shot spec,
/// twice the largest series shotlist is built for, fits; a million shots merged from
/// one template (27 MB, under the byte cap) stop here after half a second of parsing,
/// where 50,000 aliases took a second.
const MAX_ALIASES: usize = 20_000;
/// Merge keys (`<<`) and the events anchors record, counted as they are expanded: a
/// shot template merged into each shot fits, while a merge bomb — anchors merging
/// anchors nine times over — stops before its expansion costs memory.
const MAX_MERGE_KEYS: usize = 200_000;
const MAX_RECORDED_ANCHOR_EVENTS: usize = 50_000;
const MAX_FLOW_NESTING: usize = 255;

/// Why a spec could not be read at all (the CLI exits 2 for these).
#[derive(Debug)]
pub enum SourceError {
    Io { name: String, error: std::io::Error },
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            SourceError::Io { name, error } => write!(f, "cannot read `{name}`: {error}"),
        }
    }
}

impl std::error::Error for SourceError {}

/// The refusal of an input over `max_bytes`, read from a file or handed over as text.
pub fn too_large(max_bytes: u64) -> Diagnostic {
    Diagnostic::error(
        CheckCode::InputTooLarge,
        format!("input is larger than the {} limit", byte_size(max_bytes)),
    )
    .with_help("pass `--max-bytes` with a larger limit if this really is a spec")
}

/// Reads a spec from `path` (`-` for stdin), refusing more than `max_bytes`. Content
/// problems (too large, not UTF-8) come back as a diagnostic on a readable source.
pub fn read_source(
    path: &Path,
    max_bytes: u64,
    stdin: &mut dyn Read,
) -> Result<Result<Source, (Source, Diagnostic)>, SourceError> {
    let name = if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let io_error = |error| SourceError::Io {
        name: name.clone(),
        error,
    };
    let too_large = |name: String| {
        Ok(Err((
            Source::new(name, String::new()),
            too_large(max_bytes),
        )))
    };
    let mut bytes = Vec::new();
    // Read one byte past the cap so that "exactly at the cap" and "over it" differ.
    let limit = max_bytes.saturating_add(1);
    if path == Path::new("-") {
        stdin
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        // A regular file's size is known before reading: one over the cap is refused
        // without reading it, and one under it is read into a buffer of its size rather
        // than one grown by doubling, which would hold up to twice the file at its peak.
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        if size.is_some_and(|size| size > max_bytes) {
            return too_large(name);
        }
        let capacity = size.unwrap_or(0).min(limit);
        bytes.reserve_exact(usize::try_from(capacity).unwrap_or(0));
        file.take(limit).read_to_end(&mut bytes).map_err(io_error)?;
    }
    if bytes.len() as u64 > max_bytes {
        return too_large(name);
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(error)
            if error.as_bytes().starts_with(&[0xff, 0xfe])
                || error.as_bytes().starts_with(&[0xfe, 0xff]) =>
        {
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let diagnostic =
                Diagnostic::error(CheckCode::InvalidUtf8, "input is UTF-16, not UTF-8")
                    .with_label(Span::new(0, 2), "UTF-16 byte-order mark")
                    .with_help("save the spec as UTF-8 text");
            Err((Source::new(name, text), diagnostic))
        }
        Err(error) => {
            let position = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = Source::new(name, text);
            let span = Span::new(u32::try_from(position).unwrap_or(u32::MAX), 1);
            let diagnostic = Diagnostic::error(
                CheckCode::InvalidUtf8,
                format!("input is not valid UTF-8 at byte {position}"),
            )
            .with_label(span, "invalid byte")
            .with_help("save the spec as UTF-8 text");
            Err((source, diagnostic))
        }
    })
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: MAX_NODES,
            max_events: MAX_EVENTS,
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_merge_keys: MAX_MERGE_KEYS,
            max_recorded_anchor_events: MAX_RECORDED_ANCHOR_EVENTS,
            // The ratio heuristic (more than ten aliases an anchor) refuses the one
            // pattern anchors are for, a template merged into every shot; the absolute
            // caps above stop bombs on their own.
            enforce_alias_anchor_ratio: false,
            flow_nesting_limit: MAX_FLOW_NESTING,
        },
        strict_booleans: true,
        duplicate_keys: DuplicateKeyPolicy::Error,
        // miette renders the snippet with the file name; serde-saphyr's own would repeat it.
        with_snippet: false,
    }
}

/// Deserializes a spec of at most [`DEFAULT_MAX_SHOTS`] shots. Structural problems stop
/// at the first one (serde cannot go on past a malformed value); semantic checks later
/// report every problem at once.
pub fn load(source: &Source) -> Result<Spec, Diagnostic> {
    load_with_max_shots(source, DEFAULT_MAX_SHOTS)
}

/// As [`load`], refusing more than `max_shots` shots (`--max-shots`; at most
/// [`MAX_SHOTS`](super::MAX_SHOTS)).
pub fn load_with_max_shots(source: &Source, max_shots: usize) -> Result<Spec, Diagnostic> {
    with_shot_cap(max_shots, || deserialize(&source.text))
}

/// Deserializes an embedded catalog file (same value types as a spec's `models`).
pub fn parse_catalog<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    deserialize(text)
}

fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    // serde-saphyr skips a leading byte-order mark itself and counts it in byte spans.
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(
            Diagnostic::error(CheckCode::YamlSyntax, "the spec is empty")
                .with_help("start from one of the files in `examples/`"),
        );
    }
    let (result, raised) = recording(|| serde_saphyr::from_str_with_options::<T>(text, options()));
    result.map_err(|error| yaml_error_diagnostic(&error, raised, text))
}

/// The byte span of an error's location. Parser errors carry only a line and column,
/// so the byte offset is found from those in the text.
fn error_span(location: &serde_saphyr::Location, body: &str) -> Option<Span> {
    if let Some(span) = span_of(location) {
        return Some(span);
    }
    let line = usize::try_from(location.line()).ok()?.checked_sub(1)?;
    let column = usize::try_from(location.column()).ok()?.checked_sub(1)?;
    let line_start = if line == 0 {
        0
    } else {
        body.match_indices('\n')
            .nth(line.saturating_sub(1))?
            .0
            .saturating_add(1)
    };
    let rest = body.get(line_start..)?;
    let offset = rest
        .char_indices()
        .nth(column)
        .map_or(rest.len(), |(index, _)| index);
    u32::try_from(line_start.saturating_add(offset))
        .ok()
        .map(|offset| Span::new(offset, 1))
}

/// The diagnostic for serde-saphyr's `error`. `raised` is the typed error a value raised
/// during deserialization, if any: it describes the failure when serde-saphyr's error is
/// the custom error raised with it.
fn yaml_error_diagnostic(error: &YamlError, raised: Option<DecodeError>, body: &str) -> Diagnostic {
    // A value that fails through an alias is reported where the alias is used, with the
    // anchor's definition as context.
    let alias_sites = match error.without_snippet() {
        YamlError::AliasError { locations, .. } => {
            let used = error_span(&locations.reference_location, body);
            let defined = error_span(&locations.defined_location, body);
            used.zip(defined).filter(|(used, defined)| used != defined)
        }
        _ => None,
    };
    let error = unwrap_error(error);
    let span = match alias_sites {
        Some((used, _)) => Some(used),
        None => error
            .location()
            .and_then(|location| error_span(&location, body)),
    };
    let diagnostic = match (error, raised) {
        // The custom error a value raised carries its message; a value's error swallowed
        // on the way (none is today) is not mistaken for a later, different one.
        (YamlError::Message { msg, .. }, Some(raised)) if *msg == raised.message => {
            describe_decode_error(raised, span)
        }
        _ => describe_yaml_error(error, span),
    };
    match alias_sites {
        Some((_, defined)) => diagnostic.with_secondary(defined, "anchor defined here"),
        None => diagnostic,
    }
}

fn describe_yaml_error(error: &YamlError, span: Option<Span>) -> Diagnostic {
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
        YamlError::NullIntoString { .. } => {
            Diagnostic::error(CheckCode::WrongType, "expected a string, found nothing")
                .with_help("write a value after the colon, or remove the key")
                .labelled(span, "empty value")
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
        YamlError::MultipleDocuments { .. } => Diagnostic::error(
            CheckCode::YamlSyntax,
            "the file holds more than one YAML document",
        )
        .with_help("keep one spec per file; remove the `---` separator")
        .labelled(span, "second document starts here"),
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
fn describe_decode_error(error: DecodeError, span: Option<Span>) -> Diagnostic {
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
            format!("the spec holds more than {} values", grouped(MAX_NODES)),
            split,
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => (
            format!(
                "the spec uses more than {} anchors or aliases",
                grouped(MAX_ALIASES)
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

/// `12345678` → `12,345,678`.
pub(super) fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && digits.len().saturating_sub(position).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Errors raised inside an alias point at the alias; the inner error says what failed.
fn unwrap_error(error: &YamlError) -> &YamlError {
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

/// A byte count as people read it: `64 MiB` when it is a whole number of MiB or KiB,
/// else exact (`1000-byte`).
fn byte_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes}-byte")
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
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

#[cfg(test)]
mod tests {
    use super::{Source, load, load_with_max_shots};

    /// The cap is a setting of one call: a lower one does not outlive it on the thread.
    #[test]
    fn a_shot_cap_lasts_one_load() {
        let source = Source::new("t", crate::generate::spec_yaml(3));
        let refused = load_with_max_shots(&source, 2).expect_err("three shots over a cap of two");
        assert_eq!(refused.message, "the spec has more than 2 shots");
        assert_eq!(load(&source).map(|spec| spec.shots.len()).ok(), Some(3));
    }
}
