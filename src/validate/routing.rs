//! The `routing:` section, and model lookups by id and kind.

use super::IdMap;

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelKind, ShotType, Spanned, Spec, Text};

use super::checked::{Model, ModelId};
use super::ids::suggest;

/// Routing entries checked once, so that a bad `routing.video` is reported once rather
/// than on every shot that falls back to it.
pub(super) struct RoutingCheck {
    pub(super) video: Option<Result<ModelId, ()>>,
    pub(super) image: Option<Result<ModelId, ()>>,
    pub(super) by_type: IdMap<ShotType, Result<ModelId, ()>>,
    pub(super) default_video: Option<ModelId>,
    pub(super) default_image: Option<ModelId>,
}

impl RoutingCheck {
    pub(super) fn new(
        spec: &Spec,
        catalog: &Catalog,
        models: &[Model<'_>],
        index: &IdMap<&str, ModelId>,
        problems: &mut Vec<Diagnostic>,
    ) -> Self {
        let routing = &spec.routing;
        let mut lookup = |id: &Spanned<Text>, kind: ModelKind, path: &str| {
            lookup_model(id, kind, path, models, index, problems)
        };
        let video = routing
            .video
            .as_ref()
            .map(|id| lookup(id, ModelKind::Video, "routing.video"));
        let image = routing
            .image
            .as_ref()
            .map(|id| lookup(id, ModelKind::Image, "routing.image"));
        let by_type = routing
            .by_type
            .iter()
            .map(|(shot_type, id)| {
                let path = format!("routing.by_type.{}", shot_type.name());
                (*shot_type, lookup(id, ModelKind::Video, &path))
            })
            .collect();
        Self {
            video,
            image,
            by_type,
            default_video: index
                .get(catalog.catalog.default_video.value.as_str())
                .copied(),
            default_image: index
                .get(catalog.catalog.default_image.value.as_str())
                .copied(),
        }
    }
}

/// Looks a model id up, reporting an unknown id or a model of the wrong kind.
pub(super) fn lookup_model(
    id: &Spanned<Text>,
    kind: ModelKind,
    path: &str,
    models: &[Model<'_>],
    index: &IdMap<&str, ModelId>,
    problems: &mut Vec<Diagnostic>,
) -> Result<ModelId, ()> {
    match index.get(id.value.as_str()) {
        Some(&found) if models[found.position()].kind == kind => Ok(found),
        Some(&found) => {
            problems.push(
                Diagnostic::error(
                    CheckCode::WrongModelKind,
                    format!(
                        "`{}` is {} model; {} model is needed here",
                        id.value,
                        models[found.position()].kind.article(),
                        kind.article()
                    ),
                )
                .with_path(path)
                .with_label(
                    id.span,
                    format!("{} model", models[found.position()].kind.name()),
                )
                .with_help(match kind {
                    ModelKind::Video => {
                        "shots are generated with video models; sheets with image models"
                    }
                    ModelKind::Image => "reference sheets are generated with image models",
                }),
            );
            Err(())
        }
        None => {
            let candidates = models.iter().filter(|m| m.kind == kind).map(|m| &m.id);
            let help = match suggest(&id.value, candidates, problems) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "declare it under `models:`, or run `shotlist models` to list the {} models of the catalog",
                    kind.name()
                ),
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownModel,
                    format!("unknown model `{}`", id.value),
                )
                .with_path(path)
                .with_label(id.span, "not in the catalog or `models:`")
                .with_help(help),
            );
            Err(())
        }
    }
}
