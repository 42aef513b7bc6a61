//! `shotlist route --fix`: a route written into the spec's own text. Each move sets
//! the job's `model:` (and, where the new model would otherwise make the shot at
//! another resolution, its `resolution:`) by byte span, or adds the entry to the
//! shot's or sheet's mapping in its own style; no other byte changes. The result is
//! loaded, checked and planned again before anyone writes it, and refused unless every
//! job lands on the model the route chose and the plan's totals are the ones the route
//! predicted.

use super::route::Route;
use super::{Subject, plan};
use crate::source::Source;
use crate::spec::edit::{self, Edit, Place};
use crate::spec::{Asset, MAX_SHOTS, Shot, Spanned, load_with_max_shots};
use crate::validate::{Checked, ModelChoice, check_with};

/// The rewritten text and the edits that make it from the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    pub edits: Vec<Edit>,
}

/// Why a route was not written: the spec's text is shaped where no edit can be placed
/// safely, or the rewritten spec does not check, route or price as predicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The edits that move shot `shot` to `model` at `resolution` (`route --fix`, and the
/// language server's switch of one shot). `default_resolution`
/// is the new model's first rate, which the shot gets when it names none.
pub fn shot_edits(
    text: &str,
    shot: &Spanned<Shot>,
    model: &str,
    resolution: &str,
    default_resolution: Option<&str>,
) -> Result<Vec<Edit>, Refusal> {
    let unplaceable = |what: &str| {
        Refusal(format!(
            "cannot place `{what}:` in shot `{}` without guessing at its layout; set it by hand",
            shot.id.value
        ))
    };
    let mut edits = Vec::new();
    let mut added = vec![("model", model)];
    match &shot.resolution {
        Some(own) if own.value != resolution => edits.push(
            edit::set_scalar(text, own.span, resolution)
                .ok_or_else(|| unplaceable("resolution"))?,
        ),
        Some(_) => {}
        None if default_resolution != Some(resolution) => added.push(("resolution", resolution)),
        None => {}
    }
    match &shot.model {
        Some(own) => {
            edits
                .push(edit::set_scalar(text, own.span, model).ok_or_else(|| unplaceable("model"))?);
            // Only the resolution, if anything, is left to add: after the model.
            added.remove(0);
            if !added.is_empty() {
                let place = Place::After {
                    key: "model",
                    value: own.span,
                };
                edits.push(
                    edit::add_entries(text, shot.span, place, &added)
                        .ok_or_else(|| unplaceable("resolution"))?,
                );
            }
        }
        None => {
            // After the shot's type, which every shot has and which reads well before
            // the model that makes it.
            let place = Place::After {
                key: "type",
                value: shot.shot_type.span,
            };
            edits.push(
                edit::add_entries(text, shot.span, place, &added)
                    .ok_or_else(|| unplaceable("model"))?,
            );
        }
    }
    Ok(edits)
}

/// The edit that moves the sheet of `asset` to `model`.
fn sheet_edit(text: &str, asset: &Spanned<Asset>, model: &str) -> Result<Edit, Refusal> {
    let unplaceable = || {
        Refusal(format!(
            "cannot place `model:` in the sheet of `{}` without guessing at its layout; set it by hand",
            asset.id.value
        ))
    };
    let sheet = asset.sheet.as_ref().ok_or_else(unplaceable)?;
    match &sheet.model {
        Some(own) => edit::set_scalar(text, own.span, model).ok_or_else(unplaceable),
        None => {
            let place = sheet
                .status
                .as_ref()
                .map_or(Place::First, |status| Place::After {
                    key: "status",
                    value: status.span,
                });
            edit::add_entries(text, sheet.span, place, &[("model", model)]).ok_or_else(unplaceable)
        }
    }
}

/// The model id and resolution of a choice, to compare choices of two checks.
fn named<'a>(checked: &'a Checked<'_>, choice: &ModelChoice<'a>) -> Option<(&'a str, &'a str)> {
    checked
        .model(choice.model)
        .map(|model| (model.id, choice.resolution))
}

/// Writes `route`'s moves into `source`, the text `checked` was loaded from, and
/// verifies the result.
pub fn fix(source: &Source, checked: &Checked<'_>, route: &Route<'_>) -> Result<Fixed, Refusal> {
    let text = source.text.as_str();
    let mut edits = Vec::new();
    for the_move in &route.moves {
        // The route was made from `checked`, so every index it moves is in the spec and
        // in its models; should that ever break, nothing is written.
        let missing = || {
            Refusal(format!(
                "`{}` is missing from the spec or the route; please report this bug",
                the_move.from.id
            ))
        };
        match the_move.from.subject() {
            Subject::Shot { index, .. } => {
                let choice = route.shot_models().get(index).ok_or_else(missing)?;
                let shot = checked.spec().shots.get(index).ok_or_else(missing)?;
                let model = checked.model(choice.model).ok_or_else(missing)?;
                edits.extend(shot_edits(
                    text,
                    shot,
                    model.id,
                    choice.resolution,
                    model.default_resolution(),
                )?);
            }
            Subject::Sheet { kind, index, .. } => {
                let choice = route
                    .sheet_models()
                    .get(kind as usize)
                    .and_then(|choices| choices.get(index))
                    .ok_or_else(missing)?;
                let Some(choice) = choice else {
                    return Err(Refusal(format!(
                        "the sheet of `{}` has no model",
                        the_move.from.id
                    )));
                };
                let asset = kind.assets(checked.spec()).get(index).ok_or_else(missing)?;
                let model = checked.model(choice.model).ok_or_else(missing)?;
                edits.push(sheet_edit(text, asset, model.id)?);
            }
        }
    }
    let fixed =
        edit::apply(text, &edits).ok_or_else(|| Refusal("two edits would overlap".to_owned()))?;

    let rewritten = Source::new(source.name.clone(), fixed.clone());
    // The rewrite has the same shots as the spec that loaded under the caller's cap.
    let spec = load_with_max_shots(&rewritten, MAX_SHOTS).map_err(|diagnostic| {
        Refusal(format!(
            "the rewritten spec does not load: {}",
            diagnostic.message
        ))
    })?;
    let rechecked = check_with(&spec, checked.catalog_id()).map_err(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.clone()).collect();
        Refusal(format!(
            "the rewritten spec does not check clean: {}",
            messages.join("; ")
        ))
    })?;
    let shots_land = rechecked
        .shot_models()
        .iter()
        .zip(route.shot_models())
        .all(|(got, wanted)| named(&rechecked, got) == named(checked, wanted));
    // Both hold one list per asset kind, in the same order.
    let mut by_kind = rechecked.sheet_models().iter().zip(route.sheet_models());
    let sheets_land = by_kind.all(|(got, wanted)| {
        got.len() == wanted.len()
            && got.iter().zip(wanted).all(|(got, wanted)| {
                got.as_ref().map(|c| named(&rechecked, c))
                    == wanted.as_ref().map(|c| named(checked, c))
            })
    });
    if rechecked.shot_models().len() != route.shot_models().len() || !shots_land || !sheets_land {
        return Err(Refusal(
            "the rewritten spec routes some job to another model than the route chose".to_owned(),
        ));
    }
    let replanned = plan(&rechecked).map_err(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.clone()).collect();
        Refusal(format!(
            "the rewritten spec cannot be planned: {}",
            messages.join("; ")
        ))
    })?;
    if replanned.totals != route.routed.totals {
        return Err(Refusal(
            "the rewritten spec does not plan to the totals the route predicted".to_owned(),
        ));
    }
    Ok(Fixed { text: fixed, edits })
}
