//! `shotlist route --fix`: a route written into the spec's own text. Each move sets
//! the job's `model:` (and, where the new model would otherwise make the shot at
//! another resolution, its `resolution:`) by byte span, or adds the entry to the
//! shot's or sheet's mapping in its own style; no other byte changes. The result is
//! loaded, checked and planned again before anyone writes it, and refused unless every
//! job lands on the model the route chose and the plan's totals are the ones the route
//! predicted. A model value shared through an anchor or a merge key is rewritten where
//! it is written only when every shot sharing it needs the new model; otherwise the
//! shots that need another get their own.

use super::route::Route;
use super::{Subject, plan};
use crate::source::Source;
use std::ops::Range;

use crate::source::Span;
use crate::spec::edit::{self, Edit, Place, Written};
use crate::spec::{Asset, MAX_SHOTS, Shot, ShotList, Spanned, Spec, load_with_max_shots};
use crate::validate::{Checked, ModelChoice, check_with};

/// The rewritten text, the edits that make it from the original, and notes on edits
/// beyond the moved values (a shot given its own `model:` because a value it shared
/// now differs from the one it needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    pub edits: Vec<Edit>,
    pub notes: Vec<String>,
}

impl Fixed {
    /// The rewrite as a unified diff from `original`, the text it was made from, both
    /// files named `name`, in time linear in the text; `None` when `original` is not
    /// that text.
    pub fn unified_diff(&self, original: &str, name: &str) -> Option<String> {
        crate::spec::patch::unified_diff(original, &self.text, &self.edits, name)
    }
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

/// What a shot's `model:` needs written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModelWrite {
    /// Nothing: the value is right, or an edit of the value it shares makes it right.
    Keep,
    /// The scalar at this span becomes the model (the shot's own, or an anchored value
    /// every shot sharing it needs).
    Set(Span),
    /// The alias at this span becomes the model written out.
    Literal(Span),
    /// A `model:` entry of the shot's own: it has none, or merges one it cannot keep.
    Add,
}

/// The anchor a shot merges its keys from (`<<: *name`), as far as its fields tell: a
/// field whose value came through the merge has the merge's alias for its span.
fn merged_from<'t>(text: &'t str, shot: &Shot) -> Option<&'t str> {
    let spans = [
        shot.shot_type.span,
        shot.segment.span,
        shot.duration.span,
        shot.prompt.span,
    ];
    spans
        .into_iter()
        .chain(shot.model.as_ref().map(|model| model.span))
        .find_map(|span| match edit::written(text, span) {
            Some(Written::Merged(name)) => Some(name),
            _ => None,
        })
}

/// How many aliases (`*name`) of each anchor `text` holds, counted once for the whole
/// text so that asking stays linear in the spec's size. A `*` in prose that happens to
/// look like an alias only makes an anchor look used, which keeps it.
fn alias_counts(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut counts = std::collections::HashMap::new();
    let bytes = text.as_bytes();
    for (offset, _) in text.match_indices('*') {
        let starts_a_token = offset
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'[' | b'{' | b',' | b':'));
        if !starts_a_token {
            continue;
        }
        let rest = text.get(offset.saturating_add(1)..).unwrap_or_default();
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .unwrap_or(rest.len());
        if let Some(name) = rest.get(..end).filter(|name| !name.is_empty()) {
            let count: &mut usize = counts.entry(name).or_default();
            *count = count.saturating_add(1);
        }
    }
    counts
}

/// How each shot's model is written, from the model id each shot is made with now
/// (`current`) and the one the route wants (`wanted`).
///
/// A shot's model may come from another shot's: through an alias of its anchored value
/// (`model: *m`), or through a merge of its anchored mapping (`<<: *base`). Aliases only
/// look back, so in the spec's order each shot's source is decided before the shot:
/// the source's value is edited where it is written, and a shot that would then get a
/// model it does not want writes its own (the alias replaced by the model, or a
/// `model:` entry beside the merge) and a note says so. An anchor no alias uses any
/// more is removed with the last alias.
fn model_writes(
    text: &str,
    alias_counts: &std::collections::HashMap<&str, usize>,
    shots: &ShotList,
    current: &[&str],
    wanted: &[&str],
    notes: &mut Vec<String>,
    edits: &mut Vec<Edit>,
) -> Result<Vec<ModelWrite>, Refusal> {
    use std::collections::HashMap;
    // The shot holding each anchor on its model's value, or on its whole mapping.
    let mut scalar_anchors: HashMap<&str, (usize, Range<usize>)> = HashMap::new();
    let mut mapping_anchors: HashMap<&str, usize> = HashMap::new();
    let mut writes = Vec::with_capacity(shots.len());
    // The model each shot is made with once the edits are applied.
    let mut made_with: Vec<&str> = Vec::with_capacity(shots.len());
    // The offsets of the aliases that stay and of those replaced, by anchor.
    let mut aliases_kept: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut aliases_replaced: HashMap<&str, Vec<usize>> = HashMap::new();
    let shots_wanted = shots.iter().zip(current.iter().zip(wanted));
    for (index, (shot, (&now, &wants))) in shots_wanted.enumerate() {
        let written = match &shot.model {
            Some(model) => Some((
                model.span,
                edit::written(text, model.span).ok_or_else(|| {
                    Refusal(format!(
                        "the model of shot `{}` is not where the spec says; please report this bug",
                        shot.id.value
                    ))
                })?,
            )),
            None => None,
        };
        // The shot whose model this one takes, when it takes another's.
        let (source, anchor) = match &written {
            Some((_, Written::Alias(name))) => {
                (scalar_anchors.get(name).map(|(def, _)| *def), *name)
            }
            Some((_, Written::Merged(name))) => (mapping_anchors.get(name).copied(), *name),
            Some((_, Written::Scalar { .. })) => (None, ""),
            None => match merged_from(text, shot) {
                Some(name) => (mapping_anchors.get(name).copied(), name),
                None => (None, ""),
            },
        };
        let write = match (&written, source) {
            (Some((span, Written::Scalar { .. })), _) => {
                if wants == now {
                    ModelWrite::Keep
                } else {
                    ModelWrite::Set(*span)
                }
            }
            (_, Some(source)) if made_with.get(source) == Some(&wants) => ModelWrite::Keep,
            // Taken from an anchor outside the shots, or from no `model:` at all (the
            // default model), and right as it is.
            (_, None) if wants == now => ModelWrite::Keep,
            (Some((span, Written::Alias(_))), _) => ModelWrite::Literal(*span),
            _ => ModelWrite::Add,
        };
        if let Some(source) = source
            && write != ModelWrite::Keep
        {
            let how = match write {
                ModelWrite::Literal(_) => "its model written out in place of the alias of",
                _ => "its own `model:` entry in place of the one it merged from",
            };
            notes.push(format!(
                "shot `{}` gets {how} `&{anchor}` (shot `{}`): the two now need different models",
                shot.id.value,
                shots
                    .get(source)
                    .map_or("", |source| source.id.value.as_str())
            ));
        }
        if let Some((span, Written::Alias(name))) = &written {
            let list = if write == ModelWrite::Keep {
                &mut aliases_kept
            } else {
                &mut aliases_replaced
            };
            list.entry(*name).or_default().push(span.offset as usize);
        }
        if let Some((
            _,
            Written::Scalar {
                anchor: Some((name, bytes)),
            },
        )) = &written
        {
            scalar_anchors.insert(name, (index, bytes.clone()));
        }
        if let Some((name, _)) = edit::anchor_ending(text, shot.span.offset as usize) {
            mapping_anchors.insert(name, index);
        }
        made_with.push(wants);
        writes.push(write);
    }
    for (name, replaced) in &aliases_replaced {
        let Some((_, bytes)) = scalar_anchors.get(name) else {
            continue;
        };
        let aliases = alias_counts.get(name).copied().unwrap_or_default();
        if !aliases_kept.contains_key(name) && aliases <= replaced.len() {
            // No alias is left to use it: an anchor kept would be an orphan.
            edits.push(Edit {
                range: bytes.clone(),
                text: String::new(),
            });
        }
    }
    Ok(writes)
}

/// The edits that write `model` into shot `shot` as `write` says, and for a shot the
/// route moves, its `resolution`: the resolution route chose and the new model's
/// first rate, which the shot gets when it names none.
fn shot_edits(
    text: &str,
    shot: &Spanned<Shot>,
    write: ModelWrite,
    model: &str,
    resolution: Option<(&str, Option<&str>)>,
) -> Result<Vec<Edit>, Refusal> {
    let unplaceable = |what: &str, why: &str| {
        Refusal(format!(
            "cannot place `{what}:` in shot `{}` ({why}); set it by hand",
            shot.id.value
        ))
    };
    let layout = "without guessing at its layout";
    let mut edits = Vec::new();
    let mut added = Vec::new();
    if write == ModelWrite::Add {
        added.push(("model", model));
    }
    if let Some((resolution, default_resolution)) = resolution {
        match &shot.resolution {
            Some(own) if own.value != resolution => {
                if !matches!(
                    edit::written(text, own.span),
                    Some(Written::Scalar { anchor: None })
                ) {
                    return Err(unplaceable(
                        "resolution",
                        "its resolution comes from an alias, an anchor or a merge key",
                    ));
                }
                edits.push(
                    edit::set_scalar(text, own.span, resolution)
                        .ok_or_else(|| unplaceable("resolution", layout))?,
                );
            }
            Some(_) => {}
            None if default_resolution != Some(resolution) => {
                added.push(("resolution", resolution));
            }
            None => {}
        }
    }
    let mut placed_after_model = None;
    match write {
        ModelWrite::Keep | ModelWrite::Add => {}
        ModelWrite::Set(span) => {
            let block = text
                .get(span.offset as usize..span.end() as usize)
                .is_some_and(|written| written.ends_with('\n'));
            let why = if block {
                "its model is a block scalar over several lines, or the new id cannot be one"
            } else {
                layout
            };
            edits.push(
                edit::set_scalar(text, span, model).ok_or_else(|| unplaceable("model", why))?,
            );
            placed_after_model = Some(span);
        }
        ModelWrite::Literal(span) => {
            edits.push(Edit {
                range: span.offset as usize..span.end() as usize,
                text: edit::scalar(model),
            });
            placed_after_model = Some(span);
        }
    }
    if added.is_empty() {
        return Ok(edits);
    }
    let place = match (placed_after_model, &shot.model) {
        (Some(span), _) => Place::After {
            key: "model",
            value: span,
        },
        // Kept as it is: the resolution goes after it, where it is the shot's own.
        (None, Some(own))
            if matches!(
                edit::written(text, own.span),
                Some(Written::Scalar { .. } | Written::Alias(_))
            ) =>
        {
            Place::After {
                key: "model",
                value: own.span,
            }
        }
        // After the shot's type, which every shot has and which reads well before the
        // model that makes it, unless the type too is merged from elsewhere.
        _ if !matches!(
            edit::written(text, shot.shot_type.span),
            Some(Written::Merged(_))
        ) =>
        {
            Place::After {
                key: "type",
                value: shot.shot_type.span,
            }
        }
        _ => Place::First,
    };
    let what = added.first().map_or("model", |(key, _)| key);
    edits.push(
        edit::add_entries(text, shot.span, place, &added)
            .ok_or_else(|| unplaceable(what, layout))?,
    );
    Ok(edits)
}

/// The edit that moves the sheet of `asset` to `model`.
fn sheet_edit(
    text: &str,
    alias_counts: &std::collections::HashMap<&str, usize>,
    asset: &Spanned<Asset>,
    model: &str,
) -> Result<Edit, Refusal> {
    let unplaceable = || {
        Refusal(format!(
            "cannot place `model:` in the sheet of `{}` without guessing at its layout; set it by hand",
            asset.id.value
        ))
    };
    let shared = |how: String| {
        Refusal(format!(
            "cannot rewrite the model of the sheet of `{}`: {how}, which other jobs may share; set it by hand",
            asset.id.value
        ))
    };
    let sheet = asset.sheet.as_ref().ok_or_else(unplaceable)?;
    match &sheet.model {
        Some(own) => match edit::written(text, own.span) {
            Some(Written::Alias(name)) => Err(shared(format!("it is the alias `*{name}`"))),
            Some(Written::Merged(name)) => Err(shared(format!("it is merged from `&{name}`"))),
            Some(Written::Scalar {
                anchor: Some((name, _)),
            }) if alias_counts.contains_key(name) => {
                Err(shared(format!("it is anchored as `&{name}`")))
            }
            _ => edit::set_scalar(text, own.span, model).ok_or_else(unplaceable),
        },
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

/// The edits that move shot `index` alone to `model` at `resolution`, written as
/// `route --fix` writes a move, anchors, aliases and merge keys included: the language
/// server's quick fix for one shot. `default_resolution` is the model's first rate,
/// which the shot gets when it names none.
pub fn switch_shot(
    text: &str,
    checked: &Checked<'_>,
    index: usize,
    model: &str,
    resolution: &str,
    default_resolution: Option<&str>,
) -> Result<Vec<Edit>, Refusal> {
    let shots = &checked.spec().shots;
    let current = checked
        .shot_models()
        .iter()
        .map(|choice| checked.model(choice.model).map(|model| model.id))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            Refusal("a shot's model is missing from the spec; please report this bug".to_owned())
        })?;
    let mut wanted = current.clone();
    *wanted
        .get_mut(index)
        .ok_or_else(|| Refusal(format!("the spec has no shot {index}")))? = model;
    let mut notes = Vec::new();
    let mut edits = Vec::new();
    let writes = model_writes(
        text,
        &alias_counts(text),
        shots,
        &current,
        &wanted,
        &mut notes,
        &mut edits,
    )?;
    let per_shot = shots.iter().zip(writes).zip(&wanted).enumerate();
    for (shot_index, ((shot, write), &wants)) in per_shot {
        let resolution = (shot_index == index).then_some((resolution, default_resolution));
        if write == ModelWrite::Keep && resolution.is_none() {
            continue;
        }
        edits.extend(shot_edits(text, shot, write, wants, resolution)?);
    }
    Ok(edits)
}

/// Writes `route`'s moves into `source`, the text `checked` was loaded from, and
/// verifies the result.
pub fn fix(source: &Source, checked: &Checked<'_>, route: &Route<'_>) -> Result<Fixed, Refusal> {
    let text = source.text.as_str();
    let shots = &checked.spec().shots;
    let mut edits = Vec::new();
    let mut notes = Vec::new();
    // Each moved shot's model id, resolution and the model's default resolution.
    let mut moved: Vec<Option<(&str, &str, Option<&str>)>> = vec![None; shots.len()];
    let alias_counts = alias_counts(text);
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
                let model = checked.model(choice.model).ok_or_else(missing)?;
                *moved.get_mut(index).ok_or_else(missing)? =
                    Some((model.id, choice.resolution, model.default_resolution()));
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
                edits.push(sheet_edit(text, &alias_counts, asset, model.id)?);
            }
        }
    }
    let model_id = |choice: &ModelChoice<'_>| {
        checked
            .model(choice.model)
            .map(|model| model.id)
            .ok_or_else(|| {
                Refusal(
                    "a shot's model is missing from the spec; please report this bug".to_owned(),
                )
            })
    };
    let current = checked
        .shot_models()
        .iter()
        .map(model_id)
        .collect::<Result<Vec<_>, _>>()?;
    let wanted = route
        .shot_models()
        .iter()
        .map(model_id)
        .collect::<Result<Vec<_>, _>>()?;
    if current.len() != shots.len() || wanted.len() != shots.len() {
        return Err(Refusal(
            "the route does not cover every shot; please report this bug".to_owned(),
        ));
    }
    let writes = model_writes(
        text,
        &alias_counts,
        shots,
        &current,
        &wanted,
        &mut notes,
        &mut edits,
    )?;
    let per_shot = shots
        .iter()
        .zip(writes.into_iter().zip(&moved))
        .zip(&wanted);
    for ((shot, (write, moved)), &model) in per_shot {
        let resolution = moved.map(|(_, resolution, default)| (resolution, default));
        if write == ModelWrite::Keep && resolution.is_none() {
            continue;
        }
        edits.extend(shot_edits(text, shot, write, model, resolution)?);
    }
    let fixed =
        edit::apply(text, &edits).ok_or_else(|| Refusal("two edits would overlap".to_owned()))?;

    let spec = reload(source, &fixed)?;
    let rechecked = recheck(&spec, checked)?;
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
    Ok(Fixed {
        text: fixed,
        edits,
        notes,
    })
}

/// The rewritten text loaded again, under the name of the spec it rewrites: a rewrite is
/// written only when it loads and checks clean. It has the same shots as the spec that
/// loaded under the caller's cap, so the largest cap applies.
pub fn reload(source: &Source, fixed: &str) -> Result<Spec, Refusal> {
    let rewritten = Source::new(source.name.clone(), fixed.to_owned());
    load_with_max_shots(&rewritten, MAX_SHOTS).map_err(|diagnostic| {
        Refusal(format!(
            "the rewritten spec does not load: {}",
            diagnostic.message
        ))
    })
}

/// A reloaded rewrite checked on the catalog its original was checked on.
pub fn recheck<'a>(spec: &'a Spec, checked: &Checked<'a>) -> Result<Checked<'a>, Refusal> {
    check_with(spec, checked.catalog()).map_err(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.clone()).collect();
        Refusal(format!(
            "the rewritten spec does not check clean: {}",
            messages.join("; ")
        ))
    })
}
