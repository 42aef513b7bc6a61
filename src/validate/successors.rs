//! `successor:` entries, in a spec's `models:` and in a catalog file: each names a known
//! model of the same kind, and no chain of them comes back to where it started, since a
//! retired model's successor is where its shots go next and a loop goes nowhere.

use std::collections::{HashMap, HashSet};

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelDef, Spanned, Spec};

use super::catalog::check_successor_references;

/// The spec's own successors: each a model of the catalog or of `models:` of its
/// model's kind, and none in a loop, counting the catalog's entries a spec entry does
/// not replace.
pub(super) fn check_spec_successors(
    spec: &Spec,
    catalog: &Catalog,
    problems: &mut Vec<Diagnostic>,
) {
    let mut known: HashMap<&str, &ModelDef> = catalog
        .models
        .iter()
        .map(|(id, def)| (id.value.as_str(), &def.value))
        .collect();
    // A spec entry replaces the catalog entry of the same id, successor and all.
    for (id, def) in spec.models.iter() {
        known.insert(id.value.as_str(), &def.value);
    }
    if !spec.models.iter().any(|(_, def)| def.successor.is_some()) {
        return;
    }
    let kinds = known
        .iter()
        .map(|(id, def)| (*id, def.kind.value))
        .collect();
    check_successor_references(
        &spec.models,
        &kinds,
        "not in the catalog or `models:`",
        problems,
    );
    let successors = known
        .iter()
        .filter_map(|(id, def)| Some((*id, def.successor.as_ref()?.value.as_str())))
        .collect();
    check_loops(
        &successors,
        spec.models
            .iter()
            .filter_map(|(id, def)| Some((id.value.as_str(), def.successor.as_ref()?))),
        problems,
    );
}

/// Reports each loop once, at the successor of its first member among `entries` (the
/// entries of the text being checked, in order). `successors` is every model's
/// successor, as resolved.
pub(super) fn check_loops<'a>(
    successors: &HashMap<&'a str, &'a str>,
    entries: impl Iterator<Item = (&'a str, &'a Spanned<String>)>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut reported: HashSet<&str> = HashSet::new();
    for (id, successor) in entries {
        if reported.contains(id) {
            continue;
        }
        let mut chain = vec![id];
        let mut seen: HashSet<&str> = HashSet::from([id]);
        let mut next = successor.value.as_str();
        let looped = loop {
            if next == id {
                break true;
            }
            // A chain that enters a loop `id` is not part of ends here: that loop is
            // reported from one of its own members.
            if !seen.insert(next) {
                break false;
            }
            chain.push(next);
            match successors.get(next) {
                Some(&after) => next = after,
                None => break false,
            }
        };
        if !looped {
            continue;
        }
        reported.extend(chain.iter().copied());
        chain.push(id);
        let shown: Vec<String> = chain.iter().map(|model| format!("`{model}`")).collect();
        problems.push(
            Diagnostic::error(
                CheckCode::SuccessorLoop,
                format!(
                    "the successors of `{id}` lead back to it: {}",
                    shown.join(" → ")
                ),
            )
            .with_path(format!("models.{id}.successor"))
            .with_label(successor.span, format!("leads back to `{id}`"))
            .with_help(
                "a successor is the model to use once this one is retired: end the chain at a model that names none",
            ),
        );
    }
}
