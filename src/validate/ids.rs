//! Ids: unique within their section, and hints for unknown ones.

use super::IdMap;

use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{Spanned, Text};
use crate::suggest::did_you_mean;

pub(super) fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<Text>>,
    what: &str,
    section: &str,
    problems: &mut Vec<Diagnostic>,
) -> IdMap<&'a str, usize> {
    // Sized once: a 10,000-shot spec would otherwise rehash the map a dozen times.
    let mut index: IdMap<&'a str, usize> =
        IdMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    let mut first_spans = Vec::with_capacity(ids.size_hint().0);
    for (position, id) in ids.enumerate() {
        first_spans.push(id.span);
        // A blank id is as good as none: no reference can name it visibly.
        if id.value.trim().is_empty() {
            let blank = if id.value.is_empty() {
                "an empty"
            } else {
                "a blank"
            };
            problems.push(
                Diagnostic::error(CheckCode::InvalidValue, format!("a {what} has {blank} id"))
                    .with_path(format!("{section}[{position}].id"))
                    .with_label(id.span, "empty id")
                    .with_help("give it a short kebab-case id"),
            );
            continue;
        }
        // One lookup, which inserts the id when it is new.
        let entry = index.entry(id.value.as_str());
        if let std::collections::hash_map::Entry::Occupied(first) = entry {
            let first = *first.get();
            problems.push(
                Diagnostic::error(
                    CheckCode::DuplicateId,
                    format!("duplicate {what} id `{}`", id.value),
                )
                .with_path(format!("{section}[{position}].id"))
                .with_label(id.span, "used again here")
                .with_secondary(first_spans[first], "first used here")
                .with_help(format!("{what} ids must be unique; rename one of them")),
            );
        } else {
            entry.or_insert(position);
        }
    }
    index
}

/// Problems after which unknown ids get no "did you mean" hint.
const MAX_ID_SUGGESTIONS: usize = 100;

/// The known id closest to an unknown one, while the spec has had fewer than
/// [`MAX_ID_SUGGESTIONS`] problems. Each hint compares the id with every id of its kind,
/// so hints for every shot of a spec whose segment ids all changed would take time
/// quadratic in its size (minutes at 100,000 shots); the first ones carry the hint
/// that matters.
pub(super) fn suggest<'c>(
    unknown: &str,
    known: impl IntoIterator<Item = &'c &'c str>,
    problems: &[Diagnostic],
) -> Option<&'c str> {
    if problems.len() >= MAX_ID_SUGGESTIONS {
        return None;
    }
    did_you_mean(unknown, known.into_iter().copied())
}
