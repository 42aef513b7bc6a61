//! A catalog file checked as a spec's `models:` are: every model's rates and clip
//! limits, the defaults and successors it names. Diagnostics carry spans in the
//! catalog file's own text.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelDef, ModelKind, OrderedMap, Spanned};
use crate::suggest::did_you_mean;

use super::models::check_model;
use super::ranges::check_currency;
use super::successors::check_loops;

/// Every problem in a catalog that parsed; empty when a spec can be priced with it.
pub fn check_catalog(catalog: &Catalog) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut kinds: HashMap<&str, ModelKind> = HashMap::with_capacity(catalog.models.len());
    for (id, def) in catalog.models.iter() {
        let path = format!("models.{}", id.value);
        // A model with bad rates still has a kind, so a default naming it is not also
        // reported as unknown.
        kinds.insert(id.value.as_str(), def.kind.value);
        check_model(&id.value, def, false, &path, &mut problems);
    }
    let meta = &catalog.catalog;
    check_currency(
        &meta.currency.value,
        meta.currency.span,
        "catalog.currency",
        &mut problems,
    );
    for (default, kind, key) in [
        (
            &meta.default_video,
            ModelKind::Video,
            "catalog.default_video",
        ),
        (
            &meta.default_image,
            ModelKind::Image,
            "catalog.default_image",
        ),
    ] {
        check_reference(default, kind, key, &kinds, IN_CATALOG, &mut problems);
    }
    check_successor_references(&catalog.models, &kinds, IN_CATALOG, &mut problems);
    let named = || {
        catalog
            .models
            .iter()
            .filter_map(|(id, def)| Some((id.value.as_str(), def.successor.as_ref()?)))
    };
    let successors = named()
        .map(|(id, successor)| (id, successor.value.as_str()))
        .collect();
    check_loops(&successors, named(), &mut problems);
    problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
    problems
}

/// The label of a model id a catalog names that is not among its models.
const IN_CATALOG: &str = "not in this catalog";

/// Each `successor` among `models` (a catalog's or a spec's `models:`) must be one of
/// `kinds`, of its model's kind; `unknown` labels one that is not.
pub(super) fn check_successor_references(
    models: &OrderedMap<Spanned<ModelDef>>,
    kinds: &HashMap<&str, ModelKind>,
    unknown: &str,
    problems: &mut Vec<Diagnostic>,
) {
    for (id, def) in models.iter() {
        if let Some(successor) = &def.successor {
            let path = format!("models.{}.successor", id.value);
            check_reference(successor, def.kind.value, &path, kinds, unknown, problems);
        }
    }
}

/// A model id the catalog (or a spec) names: it must be one of `kinds`, of `kind`;
/// `unknown` labels one that is not.
pub(super) fn check_reference(
    id: &Spanned<String>,
    kind: ModelKind,
    path: &str,
    kinds: &HashMap<&str, ModelKind>,
    unknown: &str,
    problems: &mut Vec<Diagnostic>,
) {
    match kinds.get(id.value.as_str()) {
        Some(&found) if found == kind => {}
        Some(&found) => problems.push(
            Diagnostic::error(
                CheckCode::WrongModelKind,
                format!(
                    "`{}` is {} model; {} model is needed here",
                    id.value,
                    found.article(),
                    kind.article()
                ),
            )
            .with_path(path)
            .with_label(id.span, format!("{} model", found.name()))
            .with_help(format!("name one of the catalog's {} models", kind.name())),
        ),
        None => {
            let candidates = kinds
                .iter()
                .filter(|(_, found)| **found == kind)
                .map(|(name, _)| *name);
            let help = match did_you_mean(&id.value, candidates) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "name one of the catalog's {} models, or add `{}` under `models:`",
                    kind.name(),
                    id.value
                ),
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownModel,
                    format!("unknown model `{}`", id.value),
                )
                .with_path(path)
                .with_label(id.span, unknown)
                .with_help(help),
            );
        }
    }
}
