//! The spec read despite its structural problems, so that the semantic checks can run
//! on what is sound and a file's every problem is reported in one run.
//!
//! Each problem's place (its YAML path in the node tree) is blanked out of the text —
//! the entry an unknown or malformed value stands in, or the list item — and the text
//! is loaded again. Blanks keep every byte offset, so the spans of what remains are the
//! file's own. A place whose loss makes its mapping incomplete (a shot whose `type` was
//! blanked lacks a required key) is found by the next load, and that mapping goes too;
//! a problem at the root, or one the walk cannot place, leaves nothing to salvage.
//! What was blanked is remembered, so that a reference to it is not reported as a
//! dangling one: the spec is partial, and only the structural problems explain it.

use std::collections::HashSet;

use super::collect::{Node, Step, collect, path_at, steps};
use super::load::{load_with_max_shots, options};
use super::span::Spanned;
use super::types::Spec;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::source::Source;

/// Loads after one round of blanking uncover what it made incomplete; a spec needs
/// at most two (a value, then its mapping), the third allows a mapping in a mapping.
const ROUNDS: usize = 3;

/// The problems whose place can be set aside for the rest to be checked.
const SET_ASIDE: [CheckCode; 5] = [
    CheckCode::UnknownKey,
    CheckCode::MissingKey,
    CheckCode::WrongType,
    CheckCode::InvalidValue,
    CheckCode::OutOfRange,
];

/// A partial spec: what loaded once every structurally bad place was blanked out.
#[derive(Debug)]
pub struct Salvaged {
    pub spec: Spec,
    /// The document as written, whose list indices the partial spec's paths lack.
    root: Spanned<Node>,
    /// The ids of the list items and `models:` entries blanked out.
    dropped_ids: HashSet<String>,
    /// The top-level sections blanked out whole.
    dropped_sections: HashSet<String>,
}

impl Salvaged {
    /// `diagnostic`, found in the partial spec, with the path it has in the file: the
    /// list items blanked out before it shift its indices.
    pub fn placed(&self, diagnostic: Diagnostic) -> Diagnostic {
        let Some(span) = diagnostic.primary_span() else {
            return diagnostic;
        };
        let written = path_at(&self.root, span.offset);
        let written: Vec<&str> = components(&written);
        let partial: Vec<&str> = components(&diagnostic.path);
        let agree = written.len() >= partial.len()
            && written.iter().zip(&partial).all(|(w, p)| {
                w.starts_with('[') == p.starts_with('[') && (w.starts_with('[') || w == p)
            });
        if !agree {
            return diagnostic;
        }
        let mut path = String::new();
        for part in &written[..partial.len()] {
            if !path.is_empty() && !part.starts_with('[') {
                path.push('.');
            }
            path.push_str(part);
        }
        diagnostic.with_path(path)
    }

    /// Whether a semantic problem of the partial spec only follows from what was blanked
    /// out of it: a reference to an id whose definition, or whole section, did not load.
    pub fn follows_from_gaps(&self, diagnostic: &Diagnostic, text: &str) -> bool {
        let sections: &[&str] = if diagnostic.code == CheckCode::UnknownSegment {
            &["segments"]
        } else if diagnostic.code == CheckCode::UnknownAsset {
            &["characters", "locations", "props"]
        } else if diagnostic.code == CheckCode::UnknownModel {
            &["models"]
        } else {
            return false;
        };
        if sections.iter().any(|s| self.dropped_sections.contains(*s)) {
            return true;
        }
        diagnostic
            .primary_span()
            .and_then(|span| text.get(span.offset as usize..span.end() as usize))
            .map(|name| name.trim().trim_matches(['"', '\'']))
            .is_some_and(|name| self.dropped_ids.contains(name))
    }
}

/// `source` loaded without the places of `diagnostics` (found in `root`), or `None`
/// when a problem cannot be blanked out or the rest still does not load.
pub(super) fn salvage(
    source: &Source,
    root: Spanned<Node>,
    diagnostics: &[Diagnostic],
    max_shots: usize,
) -> Option<Salvaged> {
    // Only a malformed value or key is set aside; past a limit (too many shots) there is
    // nothing to check, and loading again would only repeat the cost that hit it.
    if diagnostics
        .iter()
        .any(|d| !SET_ASIDE.iter().any(|code| d.code == *code))
    {
        return None;
    }
    let mut bytes = source.text.clone().into_bytes();
    let mut salvaged = Gaps::default();
    let mut places: Vec<String> = diagnostics.iter().map(|d| d.path.clone()).collect();
    let mut reread: Option<Spanned<Node>> = None;
    for _ in 0..ROUNDS {
        let tree = reread.as_ref().unwrap_or(&root);
        for place in &places {
            salvaged.blank(tree, place, &mut bytes)?;
        }
        // Only ASCII and whole nodes were blanked, so the text is still UTF-8.
        let text = String::from_utf8(bytes.clone()).ok()?;
        let partial = Source::new(source.name.clone(), text);
        let failure = match load_with_max_shots(&partial, max_shots) {
            Ok(spec) => {
                return Some(Salvaged {
                    spec,
                    root,
                    dropped_ids: salvaged.ids,
                    dropped_sections: salvaged.sections,
                });
            }
            Err(failure) if SET_ASIDE.iter().any(|code| failure.code == *code) => failure,
            Err(_) => return None,
        };
        let tree =
            serde_saphyr::from_str_with_options::<Spanned<Node>>(&partial.text, options()).ok()?;
        places = collect(&tree, &partial.text)
            .into_iter()
            .map(|d| d.path)
            .collect();
        if places.is_empty() {
            let offset = failure.primary_span()?.offset;
            places.push(path_at(&tree, offset));
        }
        reread = Some(tree);
    }
    None
}

#[derive(Default)]
struct Gaps {
    ids: HashSet<String>,
    sections: HashSet<String>,
}

impl Gaps {
    /// Blanks the node at `path` out of `bytes`: its whole entry, or its list item.
    fn blank(&mut self, root: &Spanned<Node>, path: &str, bytes: &mut [u8]) -> Option<()> {
        let steps = steps(root, path)?;
        // A node placed before its parent came through an alias from its anchor, where
        // blanking it would take it from every other use: such a place is not blanked.
        let starts: Vec<u32> = steps.iter().map(|step| step.node().span.offset).collect();
        if starts.windows(2).any(|pair| pair[1] < pair[0]) {
            return None;
        }
        let (start, end, node) = match *steps.last()? {
            Step::Entry { key, value } => {
                if steps.len() == 1 {
                    self.sections.insert(key_name(key)?);
                }
                // A `models:` entry's key is the model's id.
                if steps.len() == 2
                    && matches!(steps[0], Step::Entry { key, .. } if key_name(key).as_deref() == Some("models"))
                {
                    self.ids.extend(key_name(key));
                }
                // An id that did not decode (`[mara]`) is named by what it holds.
                if key_name(key).as_deref() == Some("id") {
                    self.ids.extend(strings(value));
                }
                let end = extent(value, bytes).max(key.span.end() as usize);
                (key.span.offset as usize, end, value)
            }
            Step::Item(item) => {
                let mut start = item.span.offset as usize;
                // A block list's item goes with its dash.
                let before = bytes.get(..start)?;
                let spaces = before
                    .iter()
                    .rev()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                if let Some(dash) = before.len().checked_sub(spaces)?.checked_sub(1)
                    && before.get(dash) == Some(&b'-')
                {
                    start = dash;
                }
                (start, extent(item, bytes), item)
            }
        };
        self.ids.extend(ids(node));
        let mut end = end;
        // In a flow collection the comma after the entry goes too.
        while bytes.get(end).is_some_and(|b| *b == b' ' || *b == b'\t') {
            end = end.saturating_add(1);
        }
        if bytes.get(end) == Some(&b',') {
            end = end.saturating_add(1);
        }
        for byte in bytes.get_mut(start..end)? {
            if !matches!(byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
        Some(())
    }
}

fn key_name(key: &Spanned<Node>) -> Option<String> {
    match &key.value {
        Node::Str(name) => Some(name.clone()),
        _ => None,
    }
}

/// The `id`s of the mappings in `node`.
fn ids(node: &Spanned<Node>) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Node::Map(entries) => {
                for (key, value) in entries {
                    if key_name(key).as_deref() == Some("id") {
                        found.extend(strings(value));
                    }
                    stack.push(value);
                }
            }
            Node::Seq(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

/// Where `node` ends in the text: past its last byte, nested nodes and the closing
/// bracket of a flow collection included (a flow collection's span is its opening).
fn extent(node: &Spanned<Node>, bytes: &[u8]) -> usize {
    let start = node.span.offset as usize;
    if matches!(bytes.get(start), Some(b'[' | b'{'))
        && let Some(end) = flow_end(bytes, start)
    {
        return end;
    }
    let own = node.span.end() as usize;
    match &node.value {
        Node::Map(entries) => entries
            .iter()
            .map(|(key, value)| extent(key, bytes).max(extent(value, bytes)))
            .fold(own, usize::max),
        Node::Seq(items) => items
            .iter()
            .map(|item| extent(item, bytes))
            .fold(own, usize::max),
        _ => own,
    }
}

/// Past the bracket that closes the flow collection opening at `start`.
fn flow_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        at = at.checked_add(1)?;
        match (quote, byte) {
            (Some(b'"'), b'\\') => at = at.checked_add(1)?,
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'[' | b'{') => depth = depth.checked_add(1)?,
            (None, b']' | b'}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The strings in `node`, nested ones included.
fn strings(node: &Spanned<Node>) -> Vec<String> {
    match &node.value {
        Node::Str(text) => vec![text.clone()],
        Node::Seq(items) => items.iter().flat_map(strings).collect(),
        Node::Map(entries) => entries
            .iter()
            .flat_map(|(key, value)| strings(key).into_iter().chain(strings(value)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A path's keys and `[index]`es, in order.
fn components(path: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (name, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !name.is_empty() {
            found.push(name);
        }
        while let Some(end) = rest.find(']') {
            let (index, after) = rest.split_at(end.saturating_add(1));
            found.push(index);
            rest = after;
        }
    }
    found
}
