//! The spec read despite its structural problems, so that the semantic checks can run
//! on what is sound and a file's every problem is reported in one run.
//!
//! Each problem's place (its YAML path in the node tree) is blanked out of the text —
//! the entry an unknown or malformed value stands in, or the list item — and the text
//! is loaded again. Blanks keep every byte offset, so the spans of what remains are the
//! file's own. A malformed value of a key every shot or segment must have (`type:
//! heroo`) is not blanked but replaced by a valid stand-in of no more bytes (`hero `),
//! so that the rest of that shot is still checked; what the checks then say about the
//! stand-in is not reported (see [`Salvaged::follows_from_gaps`]). A place whose loss
//! makes its mapping incomplete (a stand-in too long for the value it replaces) is
//! found by the next load, and that mapping goes too; a problem at the root, or one the
//! walk cannot place, leaves nothing to salvage.
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
/// at most three (a stand-in that does not load, the value blanked, then its mapping),
/// the fourth allows a mapping in a mapping.
const ROUNDS: usize = 4;

/// Valid stand-ins for the malformed value of a key that every item of a section must
/// have: `(section, key, stand-in)`. Each is as short as the key allows, to fit in
/// the place of most malformed values, and says nothing the checks could object to
/// but what [`Salvaged::follows_from_gaps`] sets aside.
const STAND_INS: [(&str, &str, &str); 5] = [
    ("shots", "type", "hero"),
    ("shots", "duration", "1"),
    ("shots", "prompt", "x"),
    ("shots", "segment", "_"),
    ("segments", "duration", "1"),
];

/// What the checks say of a shot's model, which its type routes when it names none: of
/// a shot whose type is a stand-in, they say nothing about the shot as written.
const ROUTED_BY_TYPE: [CheckCode; 3] = [
    CheckCode::UnknownResolution,
    CheckCode::NoAudio,
    CheckCode::UnknownAddon,
];

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
    /// Where stand-ins were written, and the shots whose model their type routes.
    stand_ins: StandIns,
}

/// Where [`STAND_INS`] were written: byte ranges of the text, each list sorted and
/// without overlaps, so that a diagnostic is placed in it by binary search (a spec can
/// have a stand-in in each of 25,000 shots).
#[derive(Debug)]
struct StandIns {
    /// Each stand-in's place: the malformed value it replaced.
    values: Vec<(u32, u32)>,
    /// Shots whose `type` is a stand-in and which name no `model`.
    routed_shots: Vec<(u32, u32)>,
}

impl StandIns {
    /// The places written while salvaging, sorted.
    fn of(written: HashSet<(u32, u32)>, mut routed_shots: Vec<(u32, u32)>) -> StandIns {
        let mut values: Vec<(u32, u32)> = written.into_iter().collect();
        values.sort_unstable();
        routed_shots.sort_unstable();
        StandIns {
            values,
            routed_shots,
        }
    }

    /// Whether the checks' `diagnostic` is about a stand-in: at one, or about the
    /// model a stand-in type routed.
    fn explain(&self, diagnostic: &Diagnostic) -> bool {
        let Some(span) = diagnostic.primary_span() else {
            return false;
        };
        let within = |places: &[(u32, u32)]| {
            let after = places.partition_point(|&(start, _)| start <= span.offset);
            after
                .checked_sub(1)
                .and_then(|at| places.get(at))
                .is_some_and(|&(_, end)| span.end() <= end)
        };
        within(&self.values)
            || (ROUTED_BY_TYPE.iter().any(|code| diagnostic.code == *code)
                && within(&self.routed_shots))
    }
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
    /// out of it or stood in for: a reference to an id whose definition, or whole
    /// section, did not load; a problem at a stand-in (the segment `_` does not exist);
    /// the resolution, sound or addons of the model a stand-in `type` routed to.
    pub fn follows_from_gaps(&self, diagnostic: &Diagnostic, text: &str) -> bool {
        if self.stand_ins.explain(diagnostic) {
            return true;
        }
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
    let mut salvaged = Gaps {
        routes_by_type: steps(&root, "routing.by_type")
            .and_then(|steps| Some(steps.last()?.node()))
            .is_some_and(
                |by_type| matches!(&by_type.value, Node::Map(routes) if !routes.is_empty()),
            ),
        ..Gaps::default()
    };
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
                    stand_ins: StandIns::of(salvaged.stand_ins, salvaged.routed_shots),
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
    /// The places where stand-ins were written.
    stand_ins: HashSet<(u32, u32)>,
    /// Shots whose `type` is a stand-in and which name no `model`.
    routed_shots: Vec<(u32, u32)>,
    /// Whether `routing.by_type` routes some shot type, so that a shot's type can
    /// choose its model.
    routes_by_type: bool,
}

impl Gaps {
    /// Blanks the node at `path` out of `bytes`: its whole entry, or its list item; or,
    /// for the value of a key its mapping must have, writes a stand-in in its place.
    fn blank(&mut self, root: &Spanned<Node>, path: &str, bytes: &mut [u8]) -> Option<()> {
        let steps = steps(root, path)?;
        // A node placed before its parent came through an alias from its anchor, where
        // blanking it would take it from every other use: such a place is not blanked.
        let starts: Vec<u32> = steps.iter().map(|step| step.node().span.offset).collect();
        if starts.windows(2).any(|pair| pair[1] < pair[0]) {
            return None;
        }
        if self.stand_in(&steps, bytes).is_some() {
            return Some(());
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

impl Gaps {
    /// Writes the stand-in of [`STAND_INS`] over the value `steps` reach, when it is the
    /// value of a key that its section's items must have, fits on the value's first
    /// line, and no stand-in was written there before (one that did not load is blanked
    /// in the next round). `None` when it is not written.
    fn stand_in(&mut self, steps: &[Step<'_>], bytes: &mut [u8]) -> Option<()> {
        let [
            Step::Entry { key: section, .. },
            Step::Item(item),
            Step::Entry { key, value },
        ] = *steps
        else {
            return None;
        };
        let (section, key) = (key_name(section)?, key_name(key)?);
        let (_, _, stand_in) = STAND_INS
            .iter()
            .find(|(s, k, _)| *s == section && *k == key)?;
        let mut start = value.span.offset as usize;
        let mut end = extent(value, bytes);
        // A quoted value is replaced with its quotes, so the stand-in is plain.
        if start > 0
            && let Some(quote @ (b'"' | b'\'')) = bytes.get(start.checked_sub(1)?).copied()
            && bytes.get(end) == Some(&quote)
        {
            start = start.checked_sub(1)?;
            end = end.checked_add(1)?;
        }
        // A tag before the value (`!!int 5`) goes with it: kept, it would refuse the
        // stand-in too.
        if let Some(tag) = tag_before(bytes, start) {
            start = tag;
        }
        let place = (u32::try_from(start).ok()?, u32::try_from(end).ok()?);
        let region = bytes.get_mut(start..end)?;
        let first_line = region
            .iter()
            .position(|b| matches!(b, b'\n' | b'\r'))
            .unwrap_or(region.len());
        if first_line < stand_in.len() || self.stand_ins.contains(&place) {
            return None;
        }
        for (at, byte) in region.iter_mut().enumerate() {
            if let Some(&written) = stand_in.as_bytes().get(at) {
                *byte = written;
            } else if !matches!(byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
        self.stand_ins.insert(place);
        let names_model = matches!(&item.value, Node::Map(entries)
            if entries.iter().any(|(key, _)| key_name(key).as_deref() == Some("model")));
        if key == "type" && self.routes_by_type && !names_model {
            let shot = (item.span.offset, u32::try_from(extent(item, bytes)).ok()?);
            self.routed_shots.push(shot);
        }
        Some(())
    }
}

/// Where the tag of the value starting at `start` begins (`!!int` in `type: !!int 5`),
/// when one stands before it on its line.
fn tag_before(bytes: &[u8], start: usize) -> Option<usize> {
    let before = bytes.get(..start)?;
    let token_end = before.len().checked_sub(
        before
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count(),
    )?;
    let token = before.get(..token_end)?;
    let token_start = token_end.checked_sub(
        token
            .iter()
            .rev()
            .take_while(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'[' | b'{'))
            .count(),
    )?;
    (token_start < token_end && bytes.get(token_start) == Some(&b'!')).then_some(token_start)
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
