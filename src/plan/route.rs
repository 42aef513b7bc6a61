//! Routing: which other model could make each job, and what switching to the cheapest
//! one that fits would save.
//!
//! [`shot_fit`] is the one definition of "this model can make this shot as written".
//! `shotlist route` and every lint rule that suggests a model ([`cheapest_shot_fit`])
//! search with it, and every candidate is priced by the plan's own per-job pricing
//! ([`shot_job`], [`sheet_job`]), so a suggestion, its saving and the plan agree.

use std::cmp::Reverse;

use rust_decimal::Decimal;

use super::{Job, Plan, Subject, generated_seconds, plan, plan_with, sheet_job, shot_job};
use crate::catalog::rate::Rate;
use crate::diagnostic::Diagnostic;
use crate::spec::{Date, Duration, ModelKind, ShotType, Tier};
use crate::validate::{AssetKind, Checked, Model, ModelChoice, ModelOrigin};

/// A rule a model breaks for a job, so that it cannot take the job over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit<'a> {
    /// The vendor retired it on or before the day routed for.
    Retired { on: Date },
    /// It has neither the shot's resolution nor any above it.
    NoResolution { wanted: &'a str },
    /// The shot has `audio: true` and the model has no `audio` addon.
    NoSound,
    /// The model lacks an addon the shot uses.
    NoAddon { addon: &'a str },
    /// The shot has characters and the model takes no reference images.
    NoReferences,
    /// The shot asks for more cuts in one generation than the model renders.
    TooManyCuts { cuts: u32, max: u32 },
    /// The shot needs a longer clip than the model makes (`max_clip`, or its buckets).
    ClipTooLong { needed: Decimal, longest: Decimal },
    /// Below the lowest tier the shot may go to: premium for the types in
    /// `routing.premium_for`, standard for the others unless draft is allowed.
    Tier { tier: Tier, required: Tier },
}

impl std::fmt::Display for Misfit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Misfit::Retired { on } => write!(f, "retired on {on}"),
            Misfit::NoResolution { wanted } => write!(f, "has no `{wanted}` rate or any above it"),
            Misfit::NoSound => f.write_str("cannot make sound"),
            Misfit::NoAddon { addon } => write!(f, "has no `{addon}` addon"),
            Misfit::NoReferences => f.write_str("takes no reference images"),
            Misfit::TooManyCuts { cuts, max: 0 } => {
                write!(f, "renders no cuts in one generation, the shot has {cuts}")
            }
            Misfit::TooManyCuts { cuts, max } => write!(
                f,
                "renders at most {max} cuts in one generation, the shot has {cuts}"
            ),
            Misfit::ClipTooLong { needed, longest } => write!(
                f,
                "makes clips of at most {}, the shot needs {}",
                Duration::from_seconds(*longest),
                Duration::from_seconds(*needed)
            ),
            Misfit::Tier {
                tier,
                required: Tier::Premium,
            } => write!(
                f,
                "is {} tier, and this shot type stays premium (`routing.premium_for`)",
                tier.name()
            ),
            Misfit::Tier { tier, .. } => write!(
                f,
                "is {} tier (pass `--allow-draft` to allow it)",
                tier.name()
            ),
        }
    }
}

/// How a model would make a job, and every rule it breaks doing so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit<'a> {
    /// The resolution it would use: the shot's own, else the nearest above it (a
    /// sheet uses the model's default). `None` when it has neither.
    pub resolution: Option<&'a str>,
    /// Whether `resolution` is above the shot's own, which the model lacks.
    pub raised: bool,
    /// Empty when the model fits.
    pub misfits: Vec<Misfit<'a>>,
}

impl Fit<'_> {
    pub fn fits(&self) -> bool {
        self.misfits.is_empty()
    }
}

/// The longest clip `model` makes at `resolution`: the lesser of its `max_clip` and
/// the largest bucket of that rate; `None` when neither limits it.
pub fn longest_clip(model: &Model, resolution: &str) -> Option<Decimal> {
    let by_clip = model.max_clip.map(Duration::seconds);
    let by_bucket = model.rate(resolution).and_then(Rate::longest_clip);
    match (by_clip, by_bucket) {
        (Some(clip), Some(bucket)) => Some(clip.min(bucket)),
        (clip, bucket) => clip.or(bucket),
    }
}

/// Lines of a resolution label, to order labels: `720p` is 720 and a K is 540 lines
/// (`2k` 1080, `4k` 2160, `8k` 4320). Labels that name no size (`standard`, `high`)
/// have no order and only ever match themselves.
fn resolution_lines(label: &str) -> Option<Decimal> {
    let label = label.trim().to_ascii_lowercase();
    let (number, lines_per_unit) = match label.strip_suffix('p') {
        Some(number) => (number, Decimal::ONE),
        None => (label.strip_suffix('k')?, Decimal::from(540)),
    };
    let number = Decimal::from_str_exact(number).ok()?;
    if number <= Decimal::ZERO {
        return None;
    }
    number.checked_mul(lines_per_unit)
}

/// The model's rate for `wanted`, else its nearest rate above it (the first listed
/// among equals), with whether it is above.
fn nearest_resolution<'a>(model: &Model<'a>, wanted: &str) -> Option<(&'a str, bool)> {
    if let Some(&(name, _)) = model.rates.iter().find(|(name, _)| *name == wanted) {
        return Some((name, false));
    }
    let floor = resolution_lines(wanted)?;
    model
        .rates
        .iter()
        .filter_map(|&(name, _)| Some((name, resolution_lines(name)?)))
        .filter(|&(_, lines)| lines > floor)
        .min_by(|a, b| a.1.cmp(&b.1))
        .map(|(name, _)| (name, true))
}

/// Whether `model` can make shot `index` as written, and at which resolution: it is
/// not retired on `today`; it has the shot's resolution or the nearest one above it;
/// it makes sound when the shot has `audio: true`; it has every addon the shot uses;
/// it takes reference images when the shot has characters; it renders the shot's
/// `cuts` in one generation; and it makes a clip as long as the shot's duration plus
/// handles. Tiers are a routing policy, not a fit: see [`route`].
///
/// `None` when `index` is not a shot of `checked`: every index a plan of `checked` gives
/// is one, and should that ever break, the shot has no fit rather than a panic.
pub fn shot_fit<'a>(
    checked: &Checked<'a>,
    index: usize,
    model: &Model<'a>,
    today: jiff::civil::Date,
) -> Option<Fit<'a>> {
    let shot = &checked.spec().shots.get(index)?.value;
    let wanted = checked.shot_models().get(index)?.resolution;
    let mut misfits = Vec::new();
    if let Some(retired) = model.retired.filter(|_| model.is_retired_on(today)) {
        misfits.push(Misfit::Retired { on: retired });
    }
    let resolution = nearest_resolution(model, wanted);
    if resolution.is_none() {
        misfits.push(Misfit::NoResolution { wanted });
    }
    if shot.wants_audio() && !model.makes_sound() {
        misfits.push(Misfit::NoSound);
    }
    for addon in &shot.addons {
        if model.addon(&addon.value).is_none() {
            misfits.push(Misfit::NoAddon {
                addon: &addon.value,
            });
        }
    }
    if !shot.characters.is_empty() && !model.references {
        misfits.push(Misfit::NoReferences);
    }
    let max_cuts = model.def.max_cuts.as_ref().map_or(0, |max| max.value);
    if shot.cuts() > max_cuts {
        misfits.push(Misfit::TooManyCuts {
            cuts: shot.cuts(),
            max: max_cuts,
        });
    }
    // Durations are user input: one too long to add up is longer than any clip.
    let needed = generated_seconds(&checked.spec().assumptions, shot.duration.value.seconds())
        .unwrap_or(Decimal::MAX);
    if let Some(longest) = longest_clip(model, resolution.map_or(wanted, |(name, _)| name))
        && needed > longest
    {
        misfits.push(Misfit::ClipTooLong { needed, longest });
    }
    Some(Fit {
        resolution: resolution.map(|(name, _)| name),
        raised: resolution.is_some_and(|(_, raised)| raised),
        misfits,
    })
}

/// A model weighed for a job: how it fits, and the job priced on it.
#[derive(Debug, Clone)]
pub struct Candidate<'c, 'a> {
    pub model: &'c Model<'a>,
    pub fit: Fit<'a>,
    /// The model as the job would use it and the job priced on it, as the plan prices
    /// it; `None` when the model cannot price the job as written (no resolution,
    /// sound, addon or bucket for it).
    pub priced: Option<(ModelChoice<'a>, Job<'a>)>,
}

impl<'a> Candidate<'_, 'a> {
    /// The job on this model, when it prices the job.
    pub fn job(&self) -> Option<&Job<'a>> {
        self.priced.as_ref().map(|(_, job)| job)
    }

    /// Expected credits of the job on this model, when it prices the job.
    pub fn expected(&self) -> Option<Decimal> {
        self.job().map(|job| job.credits.expected)
    }
}

/// Every video model but shot `index`'s own, in catalog order (the spec's additions
/// last), fitted and priced; none when `index` is not a shot of `checked` (see
/// [`shot_fit`]).
pub fn shot_candidates<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    shot_candidates_where(checked, index, today, |_, _| true)
}

/// As [`shot_candidates`], keeping only the models that pass `keep`, which is asked
/// before a model is priced: pricing is most of a candidate's cost, and a search for
/// the cheapest fit has no use for the price of a model that does not fit.
fn shot_candidates_where<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
    keep: impl Fn(&Model<'a>, &Fit<'a>) -> bool,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    let shot = checked.spec().shots.get(index);
    let own = checked.shot_models().get(index).map(|choice| choice.model);
    checked
        .models()
        .filter(move |&(id, model)| Some(id) != own && model.kind == ModelKind::Video)
        .filter_map(move |(id, model)| {
            let shot = shot?;
            let fit = shot_fit(checked, index, model, today)?;
            if !keep(model, &fit) {
                return None;
            }
            let priced = fit.resolution.and_then(|resolution| {
                let choice = ModelChoice {
                    model: id,
                    origin: ModelOrigin::Own,
                    resolution,
                };
                let job = shot_job(checked, index, shot, &choice).ok()?;
                Some((choice, job))
            });
            Some(Candidate { model, fit, priced })
        })
}

/// Every image model but the sheet's own, priced at its default resolution. A sheet
/// may move to any image model that is not retired. None when `index` is not an asset
/// of `kind`: every index a plan of `checked` gives is one, and should that ever break,
/// the sheet has no candidates rather than a panic.
pub fn sheet_candidates<'c, 'a>(
    checked: &'c Checked<'a>,
    kind: AssetKind,
    index: usize,
    today: jiff::civil::Date,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    let asset = kind.assets(checked.spec()).get(index);
    let own = checked.sheet_model(kind, index).map(|choice| choice.model);
    checked
        .models()
        .filter(move |&(id, model)| Some(id) != own && model.kind == ModelKind::Image)
        .filter_map(move |(id, model)| {
            let asset = asset?;
            let resolution = model.default_resolution();
            let misfits = model
                .retired
                .filter(|_| model.is_retired_on(today))
                .map(|on| Misfit::Retired { on })
                .into_iter()
                .collect();
            let priced = resolution.and_then(|resolution| {
                let choice = ModelChoice {
                    model: id,
                    origin: ModelOrigin::Own,
                    resolution,
                };
                let job = sheet_job(checked, kind, index, asset, &choice).ok()?;
                Some((choice, job))
            });
            Some(Candidate {
                model,
                fit: Fit {
                    resolution,
                    raised: false,
                    misfits,
                },
                priced,
            })
        })
}

/// The priced candidate with the fewest expected credits; ties go to the one listed
/// first.
fn cheapest<'c, 'a>(
    candidates: impl Iterator<Item = Candidate<'c, 'a>>,
) -> Option<Candidate<'c, 'a>> {
    candidates.fold(None, |best, candidate| {
        let Some(expected) = candidate.expected() else {
            return best;
        };
        match best {
            Some(best) if best.expected().is_some_and(|least| least <= expected) => Some(best),
            _ => Some(candidate),
        }
    })
}

/// The cheapest model other than its own that fits shot `index` and passes `accept`:
/// the search behind every lint rule that suggests a model.
pub fn cheapest_shot_fit<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
    accept: impl Fn(&Model) -> bool,
) -> Option<Candidate<'c, 'a>> {
    cheapest(shot_candidates_where(
        checked,
        index,
        today,
        |model, fit| fit.fits() && accept(model),
    ))
}

/// What `shotlist route` may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteOptions {
    /// The date retirements are measured against.
    pub today: jiff::civil::Date,
    /// Whether shots outside `routing.premium_for` may go down to draft-tier models.
    pub allow_draft: bool,
}

/// A job that moves to a cheaper model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move<'a> {
    /// The shot's type; `None` for a sheet.
    pub shot_type: Option<ShotType>,
    /// The job as the spec has it, from the current plan.
    pub from: Job<'a>,
    /// The job on its new model, from the rerouted plan.
    pub to: Job<'a>,
    /// The shot's resolution when the new model lacks it and makes the shot at the
    /// nearest one above (`to` names that one).
    pub raised_from: Option<&'a str>,
    /// Expected credits saved.
    pub saving: Decimal,
    /// Expected money saved; `None` without a price per credit.
    pub cost_saving: Option<Decimal>,
}

/// The closest candidate that was turned down: cheaper than the job's model, and
/// breaking the fewest rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection<'a> {
    pub model: &'a str,
    /// Expected credits it would have saved.
    pub saving: Decimal,
    pub misfits: Vec<Misfit<'a>>,
}

/// A job that keeps its model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stay<'a> {
    /// The shot's type; `None` for a sheet.
    pub shot_type: Option<ShotType>,
    pub job: Job<'a>,
    /// Why no cheaper model took it: the closest one turned down, or `None` when no
    /// other model prices the job, as written, below its own.
    pub closest: Option<Rejection<'a>>,
}

/// Every planned shot and unlocked sheet on the cheapest model that fits it.
#[derive(Debug, Clone)]
pub struct Route<'a> {
    /// The plan of the spec as written.
    pub current: Plan<'a>,
    /// The plan with every move made.
    pub routed: Plan<'a>,
    /// Jobs that move, largest saving first; equal savings in schedule order.
    pub moves: Vec<Move<'a>>,
    /// Jobs that stay, in schedule order.
    pub stays: Vec<Stay<'a>>,
}

impl<'a> Route<'a> {
    /// The rerouted model of every shot, parallel to [`Checked::shot_models`]: those
    /// the routed plan priced.
    pub fn shot_models(&self) -> &[ModelChoice<'a>] {
        self.routed.shot_models()
    }

    /// The rerouted model of every sheet, parallel to [`Checked::sheet_models`].
    pub fn sheet_models(&self) -> &[Vec<Option<ModelChoice<'a>>>; 3] {
        self.routed.sheet_models()
    }

    /// Expected credits saved by every move together: the current plan's expected
    /// total less the rerouted plan's.
    pub fn saving(&self) -> Decimal {
        let (current, routed) = (&self.current.totals, &self.routed.totals);
        current
            .credits
            .expected
            .saturating_sub(routed.credits.expected)
    }

    /// Expected money saved; `None` without a price per credit.
    pub fn cost_saving(&self) -> Option<Decimal> {
        let (current, routed) = (self.current.totals.cost?, self.routed.totals.cost?);
        Some(current.expected.saturating_sub(routed.expected))
    }
}

/// What route decided for one job of the current plan.
enum Decision<'a> {
    /// It moves; `raised_from` is the shot's own resolution when the new model makes
    /// it above that.
    Moves {
        raised_from: Option<&'a str>,
    },
    Stays {
        closest: Option<Rejection<'a>>,
    },
}

/// Among turned-down candidates that cost less, the one breaking the fewest rules, then
/// the one saving most; the first listed among equals. `saving` is what a candidate
/// would save, `None` for one that cannot price the job.
fn closest_rejection<'a>(
    turned_down: Vec<Candidate<'_, 'a>>,
    saving: impl Fn(&Candidate<'_, 'a>) -> Option<Decimal>,
) -> Option<Rejection<'a>> {
    turned_down
        .into_iter()
        .filter_map(|candidate| {
            Some(Rejection {
                model: candidate.model.id,
                saving: saving(&candidate)?,
                misfits: candidate.fit.misfits,
            })
        })
        .fold(None, |closest, rejection| match closest {
            Some(closest)
                if (closest.misfits.len(), Reverse(closest.saving))
                    <= (rejection.misfits.len(), Reverse(rejection.saving)) =>
            {
                Some(closest)
            }
            _ => Some(rejection),
        })
}

/// Moves every planned shot and unlocked sheet to the cheapest model that fits it and
/// costs less, and prices the result with [`plan_with`]. Shot types in
/// `routing.premium_for` stay on premium models; other shots may go to standard, and
/// to draft only when `options.allow_draft`. Fails as [`plan`] does.
pub fn route<'a>(
    checked: &'a Checked<'a>,
    options: RouteOptions,
) -> Result<Route<'a>, Vec<Diagnostic>> {
    let current = plan(checked)?;
    let premium_types = checked.premium_types();
    let lowest_tier = if options.allow_draft {
        Tier::Draft
    } else {
        Tier::Standard
    };
    let mut shot_models = checked.shot_models().to_vec();
    let mut sheet_models = checked.sheet_models().clone();
    // One per job of the current plan, in schedule order.
    let mut decisions = Vec::new();
    for job in current.all_jobs() {
        let job = job?;
        let mut candidates: Vec<Candidate<'_, 'a>> = match job.subject() {
            Subject::Shot { index, .. } => {
                // A shot missing from the spec has no candidates (see `shot_fit`), so the
                // tier it would require does not matter.
                let premium = checked
                    .spec()
                    .shots
                    .get(index)
                    .is_some_and(|shot| premium_types.contains(&shot.shot_type.value));
                let required = if premium { Tier::Premium } else { lowest_tier };
                shot_candidates(checked, index, options.today)
                    .map(|mut candidate| {
                        if candidate.model.tier < required {
                            candidate.fit.misfits.push(Misfit::Tier {
                                tier: candidate.model.tier,
                                required,
                            });
                        }
                        candidate
                    })
                    .collect()
            }
            Subject::Sheet { kind, index, .. } => {
                sheet_candidates(checked, kind, index, options.today).collect()
            }
        };
        let now = job.credits.expected;
        let saving = |candidate: &Candidate| now.checked_sub(candidate.expected()?);
        candidates
            .retain(|candidate| saving(candidate).is_some_and(|saving| saving > Decimal::ZERO));
        let (fitting, turned_down): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|candidate| candidate.fit.fits());
        let best = cheapest(fitting.into_iter()).and_then(|best| {
            let (choice, _) = best.priced?;
            Some((choice, best.fit.raised))
        });
        // Only a job whose index is in `checked` has candidates, and `shot_models` and
        // `sheet_models` are copies of `checked`'s, so its slot is there; should that
        // ever break, the job stays on its own model rather than panic.
        let moved = best.and_then(|(choice, raised)| match job.subject() {
            Subject::Shot { index, .. } => {
                let own = checked.shot_models().get(index)?.resolution;
                *shot_models.get_mut(index)? = choice;
                Some(Decision::Moves {
                    raised_from: raised.then_some(own),
                })
            }
            Subject::Sheet { kind, index, .. } => {
                *sheet_models.get_mut(kind as usize)?.get_mut(index)? = Some(choice);
                Some(Decision::Moves { raised_from: None })
            }
        });
        decisions.push(moved.unwrap_or_else(|| Decision::Stays {
            closest: closest_rejection(turned_down, saving),
        }));
    }
    let routed = plan_with(checked, shot_models, sheet_models)?;
    let mut moves = Vec::new();
    let mut stays = Vec::new();
    // Both plans list the same jobs in the same order: the schedule follows the spec's
    // order of assets, segments and shots, never the models.
    for ((from, to), decision) in current.all_jobs().zip(routed.all_jobs()).zip(decisions) {
        let (from, to) = (from?, to?);
        // A shot missing from the spec (which a plan of it never names) would be shown
        // as a shot of no type.
        let shot_type = match from.subject() {
            Subject::Shot { index, .. } => {
                checked.spec().shots.get(index).map(|s| s.shot_type.value)
            }
            Subject::Sheet { .. } => None,
        };
        match decision {
            // Credits and money are never negative, so these differences are exact.
            Decision::Moves { raised_from } => moves.push(Move {
                shot_type,
                saving: from.credits.expected.saturating_sub(to.credits.expected),
                cost_saving: match (from.cost, to.cost) {
                    (Some(from), Some(to)) => Some(from.expected.saturating_sub(to.expected)),
                    _ => None,
                },
                from,
                to,
                raised_from,
            }),
            Decision::Stays { closest } => stays.push(Stay {
                shot_type,
                job: from,
                closest,
            }),
        }
    }
    moves.sort_by_key(|the_move| Reverse(the_move.saving));
    Ok(Route {
        current,
        routed,
        moves,
        stays,
    })
}
