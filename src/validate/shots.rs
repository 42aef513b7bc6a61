//! Shots: their segment, assets, takes and model resolved and checked.

use super::IdMap;

use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelKind, Spec};
use crate::suggest::did_you_mean;

use super::checked::{AssetKind, Model, ModelChoice, ModelId, ModelOrigin};
use super::ids::suggest;
use super::ranges::{check_takes, zero_duration};
use super::routing::{RoutingCheck, lookup_model};

type ShotResolution<'a> = Option<(usize, ModelChoice<'a>)>;
pub(super) fn resolve_shots<'a>(
    spec: &'a Spec,
    models: &[Model<'a>],
    model_index: &IdMap<&'a str, ModelId>,
    segment_index: &IdMap<&'a str, usize>,
    asset_index: &[IdMap<&'a str, usize>; 3],
    routing: &RoutingCheck,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ShotResolution<'a>> {
    spec.shots
        .iter()
        .enumerate()
        .map(|(position, shot)| {
            // Formatted only for a diagnostic: a clean 100,000-shot spec formats none.
            let path = || format!("shots[{position}]");
            let before = problems.len();
            let segment = segment_index.get(shot.segment.value.as_str()).copied();
            if segment.is_none() {
                let help = match suggest(&shot.segment.value, segment_index.keys(), problems) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "add the segment under `segments:`, or fix the id".to_owned(),
                };
                problems.push(
                    Diagnostic::error(
                        CheckCode::UnknownSegment,
                        format!(
                            "shot `{}` names unknown segment `{}`",
                            shot.id.value, shot.segment.value
                        ),
                    )
                    .with_path(format!("{}.segment", path()))
                    .with_label(shot.segment.span, "no segment with this id")
                    .with_help(help),
                );
            }
            if shot.duration.value.is_zero() {
                problems.push(zero_duration(
                    format!("{}.duration", path()),
                    shot.duration.span,
                    "shot",
                    &shot.id.value,
                ));
            }
            if let Some(takes) = &shot.takes {
                check_takes(takes, &format!("{}.takes", path()), problems);
            }
            let references = shot
                .characters
                .iter()
                .map(|id| (AssetKind::Character, id, "characters"))
                .chain(shot.props.iter().map(|id| (AssetKind::Prop, id, "props")))
                .chain(
                    shot.location
                        .iter()
                        .map(|id| (AssetKind::Location, id, "location")),
                );
            for (kind, id, key) in references {
                if !asset_index[kind as usize].contains_key(id.value.as_str()) {
                    let help = match suggest(&id.value, asset_index[kind as usize].keys(), problems)
                    {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("declare it under `{}:`", kind.section()),
                    };
                    problems.push(
                        Diagnostic::error(
                            CheckCode::UnknownAsset,
                            format!(
                                "shot `{}` names unknown {} `{}`",
                                shot.id.value,
                                kind.name(),
                                id.value
                            ),
                        )
                        .with_path(format!("{}.{key}", path()))
                        .with_label(id.span, format!("no {} with this id", kind.name()))
                        .with_help(help),
                    );
                }
            }

            let (model, origin) = if let Some(own) = &shot.model {
                (
                    lookup_model(
                        own,
                        ModelKind::Video,
                        &format!("{}.model", path()),
                        models,
                        model_index,
                        problems,
                    ),
                    ModelOrigin::Own,
                )
            } else if let Some(by_type) = routing.by_type.get(&shot.shot_type.value) {
                (*by_type, ModelOrigin::ByType(shot.shot_type.value))
            } else if let Some(video) = routing.video {
                (video, ModelOrigin::Routing)
            } else {
                (routing.default_video.ok_or(()), ModelOrigin::CatalogDefault)
            };
            let choice = model.ok().and_then(|model| {
                check_shot_model(spec, position, &models[model.position()], origin, problems).map(
                    |resolution| ModelChoice {
                        model,
                        origin,
                        resolution,
                    },
                )
            });
            let resolved = problems.len() == before;
            match (segment, choice) {
                (Some(segment), Some(choice)) if resolved => Some((segment, choice)),
                _ => None,
            }
        })
        .collect()
}

fn origin_note(
    spec: &Spec,
    origin: ModelOrigin,
    model: &str,
) -> Option<(crate::source::Span, String)> {
    match origin {
        ModelOrigin::Own | ModelOrigin::CatalogDefault => None,
        ModelOrigin::ByType(shot_type) => spec.routing.by_type.get(&shot_type).map(|id| {
            (
                id.span,
                format!("`{model}` routed here for {} shots", shot_type.name()),
            )
        }),
        ModelOrigin::Routing => spec
            .routing
            .video
            .as_ref()
            .map(|id| (id.span, format!("`{model}` is the default video model"))),
    }
}

/// Checks a shot's resolution, audio and addons against its model; returns the
/// resolution key.
fn check_shot_model<'a>(
    spec: &'a Spec,
    position: usize,
    model: &Model<'a>,
    origin: ModelOrigin,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
    let shot = &spec.shots[position].value;
    // Formatted only for a diagnostic, as in `resolve_shots`.
    let path = || format!("shots[{position}]");
    let with_note = |diagnostic: Diagnostic| match origin_note(spec, origin, model.id) {
        Some((span, text)) => diagnostic.with_secondary(span, text),
        None => diagnostic,
    };
    let resolution = match &shot.resolution {
        Some(resolution) => {
            if model.rate(&resolution.value).is_none() {
                let keys = model.rates.iter().map(|(name, _)| *name);
                let help = match did_you_mean(&resolution.value, keys.clone()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "`{}` has rates for {}",
                        model.id,
                        keys.map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(with_note(
                    Diagnostic::error(
                        CheckCode::UnknownResolution,
                        format!("model `{}` has no `{}` rate", model.id, resolution.value),
                    )
                    .with_path(format!("{}.resolution", path()))
                    .with_label(resolution.span, "resolution not offered")
                    .with_help(help),
                ));
                None
            } else {
                Some(resolution.value.as_str())
            }
        }
        None => model.default_resolution(),
    };
    if let Some(audio) = &shot.audio
        && audio.value
        && !model.makes_sound()
    {
        problems.push(with_note(
            Diagnostic::error(
                CheckCode::NoAudio,
                format!("model `{}` cannot make sound", model.id),
            )
            .with_path(format!("{}.audio", path()))
            .with_label(audio.span, "sound requested")
            .with_help(
                "route this shot to a model with an `audio` addon, or add sound in the edit",
            ),
        ));
    }
    for (index, addon) in shot.addons.iter().enumerate() {
        if addon.value == "audio" {
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownAddon,
                    "sound is requested with `audio: true`, not as an addon",
                )
                .with_path(format!("{}.addons[{index}]", path()))
                .with_label(addon.span, "write `audio: true` instead")
                .with_help("remove `audio` from `addons` and set `audio: true` on the shot"),
            );
        } else if model.addon(&addon.value).is_none() {
            let names = model
                .addons
                .iter()
                .map(|(name, _)| *name)
                .filter(|n| *n != "audio");
            let help = match did_you_mean(&addon.value, names.clone()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    let offered: Vec<_> = names.map(|n| format!("`{n}`")).collect();
                    if offered.is_empty() {
                        format!("`{}` offers no addons", model.id)
                    } else {
                        format!("`{}` offers {}", model.id, offered.join(", "))
                    }
                }
            };
            problems.push(with_note(
                Diagnostic::error(
                    CheckCode::UnknownAddon,
                    format!("model `{}` has no `{}` addon", model.id, addon.value),
                )
                .with_path(format!("{}.addons[{index}]", path()))
                .with_label(addon.span, "addon not offered")
                .with_help(help),
            ));
        }
    }
    resolution
}
