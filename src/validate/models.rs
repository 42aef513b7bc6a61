//! Models from the catalog and the spec's `models:`, their rates checked.

use super::IdMap;

use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelDef, ModelKind, Spanned, Spec, Tier};

use super::checked::{Model, ModelId};

pub(super) fn resolve_models<'a>(
    spec: &'a Spec,
    catalog: &'a Catalog,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Model<'a>>, IdMap<&'a str, ModelId>) {
    let mut models = Vec::with_capacity(catalog.models.len().saturating_add(spec.models.len()));
    let mut index: IdMap<&'a str, ModelId> = IdMap::default();
    let entries = catalog
        .models
        .iter()
        .map(|(id, def)| (id, def, false))
        .chain(spec.models.iter().map(|(id, def)| (id, def, true)));
    for (id, def, from_spec) in entries {
        let path = format!("models.{}", id.value);
        let Some(model) = check_model(&id.value, def, from_spec, &path, problems) else {
            continue;
        };
        // A spec entry replaces the catalog entry of the same id.
        match index.get(id.value.as_str()) {
            Some(&existing) => models[existing.position()] = model,
            None => {
                let Some(model_id) = ModelId::at(models.len()) else {
                    problems.push(
                        Diagnostic::error(
                            CheckCode::InputLimit,
                            format!(
                                "model `{}` is past the most models a spec may have",
                                id.value
                            ),
                        )
                        .with_path(path)
                        .with_label(def.span, "one model too many")
                        .with_help("remove models the spec does not use"),
                    );
                    break;
                };
                index.insert(id.value.as_str(), model_id);
                models.push(model);
            }
        }
    }
    (models, index)
}

pub(super) fn check_model<'a>(
    id: &'a str,
    def: &'a Spanned<ModelDef>,
    from_spec: bool,
    path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Model<'a>> {
    let before = problems.len();
    let kind = def.kind.value;
    if def.rates.is_empty() {
        problems.push(
            Diagnostic::error(
                CheckCode::MalformedRate,
                format!("model `{id}` has no rates"),
            )
            .with_path(format!("{path}.rates"))
            .with_label(def.span, "no rates")
            .with_help("add at least one rate, e.g. `rates: {720p: {credits: 1, per: 1s}}`"),
        );
    }
    let convert = |entries: &'a crate::spec::OrderedMap<Spanned<crate::spec::RateDef>>,
                   section: &str,
                   problems: &mut Vec<Diagnostic>| {
        let mut rates = Vec::with_capacity(entries.len());
        for (name, rate_def) in entries.iter() {
            let rate_path = format!("{path}.{section}.{}", name.value);
            match Rate::from_def(&rate_def.value, &rate_path, rate_def.span) {
                Ok(rate) => {
                    let wrong_form = match kind {
                        ModelKind::Image => !rate.is_image(),
                        ModelKind::Video => rate.is_image(),
                    };
                    if wrong_form {
                        let help = match kind {
                            ModelKind::Image => "image models are priced `{credits, per: image}`",
                            ModelKind::Video => {
                                "video models are priced by time (`per: 1s`) or by clip (`buckets`)"
                            }
                        };
                        problems.push(
                            Diagnostic::error(
                                CheckCode::MalformedRate,
                                format!(
                                    "{} model `{id}` has a rate of the wrong form",
                                    kind.name()
                                ),
                            )
                            .with_path(rate_path)
                            .with_label(rate_def.span, "wrong form for this model kind")
                            .with_help(help),
                        );
                    } else {
                        rates.push((name.value.as_str(), rate));
                    }
                }
                Err(mut rate_problems) => problems.append(&mut rate_problems),
            }
        }
        rates
    };
    let rates = convert(&def.rates, "rates", problems);
    let addons = convert(&def.addons, "addons", problems);
    if let (Some(min), Some(max)) = (&def.min_clip, &def.max_clip)
        && min.value > max.value
    {
        problems.push(
            Diagnostic::error(
                CheckCode::ClipBounds,
                format!(
                    "model `{id}` has `min_clip` {} longer than `max_clip` {}",
                    min.value, max.value
                ),
            )
            .with_path(format!("{path}.min_clip"))
            .with_label(min.span, "shortest billed clip")
            .with_secondary(max.span, "longest clip")
            .with_help("`min_clip` must not exceed `max_clip`"),
        );
    }
    if let Some(max) = &def.max_clip
        && max.value.is_zero()
    {
        problems.push(
            Diagnostic::error(
                CheckCode::ClipBounds,
                format!("model `{id}` has `max_clip` 0s"),
            )
            .with_path(format!("{path}.max_clip"))
            .with_label(max.span, "no clip fits")
            .with_help("set the longest clip the model makes, or remove `max_clip`"),
        );
    }
    if problems.len() != before {
        return None;
    }
    Some(Model {
        id,
        def: &def.value,
        from_spec,
        kind,
        tier: def.tier.as_ref().map_or(Tier::Standard, |t| t.value),
        rates,
        addons,
        max_clip: def.max_clip.as_ref().map(|d| d.value),
        min_clip: def.min_clip.as_ref().map(|d| d.value),
        references: def.references.as_ref().is_some_and(|r| r.value),
        retired: def.retired.as_ref().map(|d| d.value),
    })
}
