//! Semantic checks: ids unique, references resolve, values in range. The result is a
//! [`Checked`] spec, the resolved view that linting and planning work from, or every
//! problem in the file at once.

mod catalog;
mod checked;
mod ids;
mod models;
mod ranges;
mod routing;
mod sheets;
mod shots;
mod successors;

pub use crate::spec::{MAX_GRID_COUNT, MAX_TAKES};
pub use catalog::check_catalog;
pub use checked::{AssetKind, Checked, Model, ModelChoice, ModelId, ModelOrigin};

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{CatalogName, Spec};

use ids::unique_ids;
use models::resolve_models;
use ranges::{check_assumptions, check_budget, zero_duration};
use routing::RoutingCheck;
use sheets::resolve_sheet;
use shots::resolve_shots;

/// The maps `check` looks ids and shot types up in, once or more per shot, hashed with
/// foldhash: several times faster than std's SipHash on keys this short, which is a
/// tenth of a 10,000-shot check's own work. Still seeded per process; a spec is its
/// user's own file, so SipHash's stronger resistance to chosen collisions buys nothing.
type IdMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Checks a loaded spec against the built-in catalog it names. A spec that names a
/// catalog file is checked through `pipeline::Loaded`, which knows where the spec is
/// and so where the file is; here it is refused.
pub fn check(spec: &Spec) -> Result<Checked<'_>, Vec<Diagnostic>> {
    let name = spec.catalog.as_ref();
    match name.map(|name| &name.value) {
        None => check_with(
            spec,
            Catalog::builtin(Default::default()).map_err(|d| vec![d])?,
        ),
        Some(CatalogName::Builtin(id)) => {
            check_with(spec, Catalog::builtin(*id).map_err(|d| vec![d])?)
        }
        Some(CatalogName::File(path)) => Err(vec![
            Diagnostic::error(
                CheckCode::CatalogFile,
                format!("catalog file `{path}` was not read"),
            )
            .with_path("catalog")
            .labelled(name.map(|name| name.span), "a catalog file")
            .with_help("check the spec from its file, so that the catalog beside it is found"),
        ]),
    }
}

/// Checks a loaded spec against `catalog`, whatever the spec's own `catalog` says:
/// `shotlist plan --catalog` prices one spec under another catalog this way.
pub fn check_with<'a>(
    spec: &'a Spec,
    catalog: &'a Catalog,
) -> Result<Checked<'a>, Vec<Diagnostic>> {
    let mut problems = Vec::new();

    if spec.version.value != 1 {
        problems.push(
            Diagnostic::error(
                CheckCode::UnsupportedVersion,
                format!("unsupported format version `{}`", spec.version.value),
            )
            .with_path("version")
            .with_label(spec.version.span, "this shotlist reads version 1")
            .with_help("set `version: 1`, or upgrade shotlist"),
        );
    }

    check_budget(spec, &mut problems);
    check_assumptions(spec, &mut problems);

    let (models, model_index) = resolve_models(spec, catalog, &mut problems);
    successors::check_spec_successors(spec, catalog, &mut problems);
    let segment_index = unique_ids(
        spec.segments.iter().map(|s| &s.id),
        "segment",
        "segments",
        &mut problems,
    );
    let asset_index = AssetKind::ALL.map(|kind| {
        unique_ids(
            kind.assets(spec).iter().map(|a| &a.id),
            kind.name(),
            kind.section(),
            &mut problems,
        )
    });
    unique_ids(
        spec.shots.iter().map(|s| &s.id),
        "shot",
        "shots",
        &mut problems,
    );

    for (index, segment) in spec.segments.iter().enumerate() {
        if segment.duration.value.is_zero() {
            problems.push(zero_duration(
                format!("segments[{index}].duration"),
                segment.duration.span,
                "segment",
                &segment.id.value,
            ));
        }
    }

    let routing = RoutingCheck::new(spec, catalog, &models, &model_index, &mut problems);
    let shot_resolution = resolve_shots(
        spec,
        &models,
        &model_index,
        &segment_index,
        &asset_index,
        &routing,
        &mut problems,
    );
    let sheet_models = AssetKind::ALL.map(|kind| {
        kind.assets(spec)
            .iter()
            .enumerate()
            .map(|(index, asset)| {
                let sheet = asset.sheet.as_ref()?;
                resolve_sheet(
                    &sheet.value,
                    &format!("{}[{index}].sheet", kind.section()),
                    &models,
                    &model_index,
                    &routing,
                    &mut problems,
                )
            })
            .collect::<Vec<_>>()
    });

    // Every path that leaves a shot or sheet unresolved reports why, except a catalog
    // whose default model is missing: that is shotlist's defect, said as such.
    let all_resolved = shot_resolution.iter().all(Option::is_some)
        && sheet_models
            .iter()
            .flatten()
            .all(|choice| !matches!(choice, Some(Err(()))));
    if problems.is_empty() && !all_resolved {
        problems.push(
            Diagnostic::error(
                CheckCode::CatalogDefect,
                format!(
                    "catalog `{}` names a default model it does not contain",
                    catalog.name()
                ),
            )
            .with_help(
                "name a model in `routing.video` and `routing.image`; please report this bug",
            ),
        );
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
        return Err(problems);
    }
    // Sized up front: these lists live as long as the run, and `unzip` would grow them
    // by doubling, keeping up to twice their size for a 10,000-shot spec.
    let mut shot_segments = Vec::with_capacity(shot_resolution.len());
    let mut shot_models = Vec::with_capacity(shot_resolution.len());
    for (segment, choice) in shot_resolution.into_iter().flatten() {
        shot_segments.push(segment);
        shot_models.push(choice);
    }
    let sheet_models = sheet_models.map(|sheets| {
        sheets
            .into_iter()
            .map(|choice| choice.and_then(Result::ok))
            .collect()
    });
    Ok(Checked {
        spec,
        catalog,
        models,
        model_index,
        asset_index,
        shot_segments,
        shot_models,
        sheet_models,
    })
}
