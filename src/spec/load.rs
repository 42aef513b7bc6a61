//! Deserializing a spec with serde-saphyr within the parser's budgets, turning every
//! failure into a [`Diagnostic`] that points at the offending bytes.

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError};

use super::collect::{Node, collect, path_at};
use super::decode::{DecodeError, recording};
use super::describe::{
    describe_decode_error, describe_yaml_error, more_than_one_document, not_a_yaml_1_2_number,
    unwrap_error,
};
use super::salvage::{Salvaged, salvage};
use super::span::{Spanned, span_of};
use super::types::{DEFAULT_MAX_SHOTS, Spec, with_shot_cap};
use crate::diagnostic::CheckCode;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span, offset_at};

/// Node and event budgets sized for 100,000-shot specs (about 30 nodes a shot). They
/// still stop an alias bomb long before it costs real memory.
pub(super) const MAX_NODES: usize = 8_000_000;
pub(super) const MAX_EVENTS: usize = 16_000_000;
/// The spec nests at most six levels; 64 leaves room and stops 10,000-deep nesting fast.
pub(super) const MAX_DEPTH: usize = 64;
/// serde-saphyr's own caps, named here because diagnostics quote them: anchors and
/// aliases each, and brackets nested inside one another (which the parser counts apart
/// from `MAX_DEPTH`). A shot template merged into every shot of a 20,000-shot spec,
/// twice the largest series shotlist is built for, fits; a million shots merged from
/// one template (27 MB, under the byte cap) stop here after half a second of parsing,
/// where 50,000 aliases took a second.
pub(super) const MAX_ALIASES: usize = 20_000;
/// Merge keys (`<<`) and the events anchors record, counted as they are expanded: a
/// shot template merged into each shot fits, while a merge bomb — anchors merging
/// anchors nine times over — stops before its expansion costs memory.
pub(super) const MAX_MERGE_KEYS: usize = 200_000;
pub(super) const MAX_RECORDED_ANCHOR_EVENTS: usize = 50_000;
pub(super) const MAX_FLOW_NESTING: usize = 255;

pub(super) fn options() -> serde_saphyr::Options {
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
    let spec: Spec = with_shot_cap(max_shots, || deserialize(&source.text))?;
    match whole_numbers_not_yaml_1_2(&spec, &source.text) {
        Some(problem) => Err(problem),
        None => Ok(spec),
    }
}

/// The first whole number of `spec` that the parser read in a form YAML 1.2 does not
/// (`cuts: 1_0`, `version: 0b1`), as decimals and durations refuse `1_000` too: the
/// walk of [`load_all`] then reports every such number.
fn whole_numbers_not_yaml_1_2(spec: &Spec, text: &str) -> Option<Diagnostic> {
    let sheets = [&spec.characters, &spec.locations, &spec.props]
        .into_iter()
        .flatten()
        .filter_map(|asset| asset.sheet.as_ref())
        .flat_map(|sheet| [&sheet.options, &sheet.rounds]);
    let models = spec
        .models
        .iter()
        .flat_map(|(_, model)| [&model.max_references, &model.max_cuts]);
    let numbers = [
        &spec.assumptions.grid_options,
        &spec.assumptions.lock_rounds,
    ]
    .into_iter()
    .chain(sheets)
    .chain(models)
    .chain(spec.shots.iter().map(|shot| &shot.cuts))
    .flatten()
    .chain([&spec.version]);
    numbers.into_iter().find_map(|number| {
        let written = text.get(number.span.offset as usize..number.span.end() as usize)?;
        // Quoted, a whole number is read from the same text.
        not_a_yaml_1_2_number(written.trim().trim_matches(['"', '\'']), number.span)
    })
}

/// A spec that did not load: every structural problem found in it, in document order,
/// and — when every problem can be blanked out of it — the spec read without them,
/// so that the semantic checks can run on the rest.
#[derive(Debug)]
pub struct LoadFailure {
    pub diagnostics: Vec<Diagnostic>,
    pub salvaged: Option<Box<Salvaged>>,
}

/// As [`load_with_max_shots`], collecting every structural problem when the typed load
/// fails: the typed load runs first, so a valid spec costs what it always did.
pub fn load_all(source: &Source, max_shots: usize) -> Result<Spec, LoadFailure> {
    let first = match load_with_max_shots(source, max_shots) {
        Ok(spec) => return Ok(spec),
        Err(first) => first,
    };
    let text = source.text.as_str();
    let only = |diagnostic| LoadFailure {
        diagnostics: vec![diagnostic],
        salvaged: None,
    };
    // serde-saphyr reads an empty first document (`---` and another `---` at once) as
    // the whole input, and a spec after it would be reported as a missing `version`.
    if let Some(second) = second_document_marker(text) {
        return Err(only(more_than_one_document(Some(second))));
    }
    // A document the parser cannot read, or reads only past a budget, has no tree: its
    // one diagnostic is the parser's — the syntax error, also when the typed load
    // stopped at a wrong type before reaching it.
    let (tree, raised) =
        recording(|| serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options()));
    let root = match tree {
        Ok(root) => root,
        Err(error) => return Err(only(placed_yaml_error(&error, raised, text))),
    };
    // A document of nothing but `~` or `---` holds no spec at all: said as an empty
    // file is, not as a spec that lacks `version`.
    if matches!(root.value, Node::Null) {
        return Err(only(empty_spec(root.span)));
    }
    let mut diagnostics = collect(&root, text);
    let first_offset = first.primary_span().map(|span| span.offset);
    // The typed load's own diagnostic keeps its wording and context where the walk found
    // the same problem; a missing key is the walk's, labelled on the mapping.
    let same_missing_key = first.code == CheckCode::MissingKey
        && diagnostics
            .iter()
            .any(|d| d.code == CheckCode::MissingKey && d.message == first.message);
    if !same_missing_key {
        match diagnostics
            .iter()
            .position(|d| d.primary_span().map(|span| span.offset) == first_offset)
        {
            // The walk's path is the node's own, where the nodes an alias brings in
            // share the alias's place and `path_at` would go down into them.
            // A wrong type is worded by the walk, which knows what was found ("expected
            // a string, found a list") where serde knows only what it wanted; the typed
            // load's context (the anchor behind an alias) is kept beside it.
            Some(index)
                if first.code == CheckCode::WrongType
                    && diagnostics[index].code == CheckCode::WrongType =>
            {
                let secondary = first.labels.into_iter().filter(|label| !label.primary);
                diagnostics[index].labels.extend(secondary);
            }
            Some(index) => {
                let path = std::mem::take(&mut diagnostics[index].path);
                diagnostics[index] = if first.path.is_empty() {
                    first.with_path(path)
                } else {
                    first
                };
            }
            None => {
                let first = if first.path.is_empty() {
                    let path = first_offset
                        .map(|offset| path_at(&root, offset))
                        .unwrap_or_default();
                    first.with_path(path)
                } else {
                    first
                };
                let at = diagnostics
                    .partition_point(|d| d.primary_span().map(|span| span.offset) <= first_offset);
                diagnostics.insert(at, first);
            }
        }
    }
    let salvaged = salvage(source, root, &diagnostics, max_shots).map(Box::new);
    Err(LoadFailure {
        diagnostics,
        salvaged,
    })
}

/// Deserializes an embedded catalog file (same value types as a spec's `models`).
pub fn parse_catalog<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    deserialize(text)
}

fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    // serde-saphyr skips a leading byte-order mark itself and counts it in byte spans.
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(empty_spec(start_of(text)));
    }
    let (result, raised) = recording(|| serde_saphyr::from_str_with_options::<T>(text, options()));
    result.map_err(|error| placed_yaml_error(&error, raised, text))
}

/// [`yaml_error_diagnostic`], with a place: every diagnostic has one, so that every
/// format shows the same line and column; one the parser does not place is at the
/// start of the text.
fn placed_yaml_error(error: &YamlError, raised: Option<DecodeError>, text: &str) -> Diagnostic {
    let diagnostic = yaml_error_diagnostic(error, raised, text);
    if diagnostic.labels.is_empty() {
        diagnostic.with_label(start_of(text), "here")
    } else {
        diagnostic
    }
}

/// A file with no spec in it: empty, blank, or one empty YAML document.
fn empty_spec(place: Span) -> Diagnostic {
    Diagnostic::error(CheckCode::YamlSyntax, "the spec is empty")
        .with_help("start from one of the files in `examples/`")
        .with_label(place, "no content")
}

/// An empty span at the text's first character (after a byte-order mark).
fn start_of(text: &str) -> Span {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    Span::new(bom, 0)
}

/// The byte span of an error's location. Parser errors carry only a line and column,
/// so the byte offset is found from those in the text.
fn error_span(location: &serde_saphyr::Location, body: &str) -> Option<Span> {
    if let Some(span) = span_of(location) {
        return Some(span);
    }
    let line = usize::try_from(location.line()).ok()?;
    let column = usize::try_from(location.column()).ok()?;
    u32::try_from(offset_at(body, line, column)?)
        .ok()
        .map(|offset| Span::new(offset, 1))
}

/// Where the second document of `text` starts: its second `---` line, or its first
/// after content. YAML forbids a line starting with `---` inside any content, quoted or
/// block, so such a line always starts a document.
fn second_document_marker(text: &str) -> Option<Span> {
    let mut offset = 0usize;
    let mut document_before = false;
    for line in text.split_inclusive(['\n', '\r']) {
        let body = line.trim_start_matches('\u{feff}');
        let is_marker =
            body.starts_with("---") && body[3..].chars().next().is_none_or(char::is_whitespace);
        if is_marker {
            if document_before {
                let start = offset.checked_add(line.len().saturating_sub(body.len()))?;
                return Some(Span::new(u32::try_from(start).ok()?, 3));
            }
            document_before = true;
        } else if !body.trim().is_empty() && !body.trim_start().starts_with('#') {
            document_before = true;
        }
        offset = offset.checked_add(line.len())?;
    }
    None
}

/// The plain scalar that starts at `span`: its text up to the first space, comma,
/// bracket or comment.
fn scalar_at(body: &str, span: Span) -> Option<&str> {
    let rest = body.get(usize::try_from(span.offset).ok()?..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|text| !text.is_empty())
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
        _ => describe_yaml_error(error, span, span.and_then(|span| scalar_at(body, span))),
    };
    match alias_sites {
        Some((_, defined)) => diagnostic.with_secondary(defined, "anchor defined here"),
        None => diagnostic,
    }
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
