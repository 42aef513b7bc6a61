//! Reference sheets: their counts checked and their image model resolved.

use super::IdMap;

use crate::diagnostic::Diagnostic;
use crate::spec::{ModelKind, Sheet};

use super::checked::{Model, ModelChoice, ModelId, ModelOrigin};
use super::ranges::check_count;
use super::routing::{RoutingCheck, lookup_model};

pub(super) fn resolve_sheet<'a>(
    sheet: &'a Sheet,
    path: &str,
    models: &[Model<'a>],
    model_index: &IdMap<&'a str, ModelId>,
    routing: &RoutingCheck,
    problems: &mut Vec<Diagnostic>,
) -> Option<Result<ModelChoice<'a>, ()>> {
    for (name, count) in [("options", &sheet.options), ("rounds", &sheet.rounds)] {
        if let Some(count) = count {
            check_count(count, &format!("{path}.{name}"), problems);
        }
    }
    let (model, origin) = match &sheet.model {
        Some(own) => (
            lookup_model(
                own,
                ModelKind::Image,
                &format!("{path}.model"),
                models,
                model_index,
                problems,
            ),
            ModelOrigin::Own,
        ),
        None => match routing.image {
            Some(image) => (image, ModelOrigin::Routing),
            None => (routing.default_image.ok_or(()), ModelOrigin::CatalogDefault),
        },
    };
    Some(model.map(|model| {
        ModelChoice {
            model,
            origin,
            resolution: models[model.position()]
                .default_resolution()
                .unwrap_or_default(),
        }
    }))
}
