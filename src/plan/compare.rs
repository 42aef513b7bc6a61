//! One production costed on one catalog, for `shotlist compare`: every planned shot and
//! unlocked sheet on the cheapest model of the catalog that fits it, by `route`'s fit
//! rules and tiers (a shot of a premium type stays on a premium model, the others go no
//! lower than standard), whatever models the spec itself names.

use rust_decimal::Decimal;

use super::route::{cheapest_shot_fit, sheet_candidates, shot_fit};
use super::types::Exact;
use super::{Estimate, Job, Plan, Subject, plan, plan_with};
use crate::catalog::Catalog;
use crate::catalog::Ratio;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ModelDef, ModelKind, Shot, ShotList, Spanned, Spec, Text, Tier};
use crate::validate::{AssetKind, Checked, ModelChoice};

/// The spec with its own choice of models taken out — `routing`'s defaults and
/// by-type models, its `models:` additions and the models of shots and sheets — so
/// that `catalog` is free to make every job on its own models, and the ids of the shots
/// that no model of it can even be asked for.
///
/// Each shot starts on the catalog's first video model (its default first) that offers
/// what the shot asks for by name — its resolution, sound, addons — so that the spec
/// checks; routing then moves it to the cheapest that fits. A shot that no model offers
/// those to is left out and reported. The budget's price per credit is dropped when
/// the catalog has its own (it prices the spec's credits, not this catalog's);
/// `premium_for` stays, since it is what the production needs.
pub fn unrouted(spec: &Spec, catalog: &Catalog) -> (Spec, Vec<String>) {
    let mut spec = spec.clone();
    spec.models = Default::default();
    spec.routing.video = None;
    spec.routing.image = None;
    spec.routing.by_type.clear();
    let default = &catalog.catalog.default_video.value;
    let video: Vec<(&str, &ModelDef)> = catalog
        .model(default)
        .map(|model| (default.as_str(), model))
        .into_iter()
        .chain(
            catalog
                .models
                .iter()
                .filter(|(id, _)| id.value.as_str() != default.as_str())
                .map(|(id, model)| (id.value.as_str(), &model.value)),
        )
        .filter(|(_, model)| model.kind.value == ModelKind::Video)
        .collect();
    let mut shots = ShotList::new();
    let mut left_out = Vec::new();
    for shot in spec.shots.iter() {
        let offers = |model: &ModelDef| {
            let has_addon = |name: &str| model.addons.iter().any(|(id, _)| id.value == name);
            shot.value.resolution.as_ref().is_none_or(|resolution| {
                model
                    .rates
                    .iter()
                    .any(|(id, _)| id.value == resolution.value.as_str())
            }) && (!shot.value.wants_audio() || has_addon("audio"))
                && shot
                    .value
                    .addons
                    .iter()
                    .all(|addon| has_addon(addon.value.as_str()))
        };
        match video.iter().find(|(_, model)| offers(model)) {
            Some((id, _)) => {
                let mut shot: Spanned<Shot> = shot.clone();
                shot.value.model = Some(Spanned {
                    value: Text::from(*id),
                    span: shot.value.id.span,
                });
                shots.push(shot);
            }
            None => left_out.push(shot.value.id.value.to_string()),
        }
    }
    spec.shots = shots;
    for kind in AssetKind::ALL {
        let assets = match kind {
            AssetKind::Character => &mut spec.characters,
            AssetKind::Location => &mut spec.locations,
            AssetKind::Prop => &mut spec.props,
        };
        for asset in assets.iter_mut() {
            if let Some(sheet) = &mut asset.value.sheet {
                sheet.value.model = None;
            }
        }
    }
    if catalog.catalog.price_per_credit.is_some()
        && let Some(budget) = &mut spec.budget
    {
        budget.price_per_credit = None;
        budget.plan = None;
        budget.currency = None;
    }
    (spec, left_out)
}

/// A job as one catalog makes it.
#[derive(Debug, Clone)]
pub struct ComparedJob<'a> {
    pub job: Job<'a>,
    /// Whether a model of the catalog fits it; a job no model fits is priced on the
    /// catalog's default model in `job` but counted in no total.
    pub fits: bool,
}

/// The production on one catalog.
#[derive(Debug)]
pub struct Costing<'a> {
    /// The plan with every job on its chosen model.
    pub plan: Plan<'a>,
    /// Every job in schedule order.
    pub jobs: Vec<ComparedJob<'a>>,
    /// The jobs that fit, summed.
    pub credits: Estimate,
    pub cost: Option<Estimate>,
    /// Expected cost per minute of the finished production; `None` without a price.
    pub cost_per_finished_minute: Option<Decimal>,
    /// Shots left out by [`unrouted`]: no model of the catalog offers what they ask for.
    pub left_out: Vec<String>,
}

impl Costing<'_> {
    /// The ids of the jobs no model of the catalog fits: those left out, then those
    /// routing found no fitting model for.
    pub fn unfit(&self) -> impl Iterator<Item = &str> {
        self.left_out.iter().map(String::as_str).chain(
            self.jobs
                .iter()
                .filter(|job| !job.fits)
                .map(|job| job.job.id),
        )
    }
}

/// Costs `checked` (an [`unrouted`] spec checked against one catalog) with every job on
/// its cheapest fitting model.
pub fn cost_on<'a>(
    checked: &'a Checked<'a>,
    left_out: Vec<String>,
    today: jiff::civil::Date,
) -> Result<Costing<'a>, Vec<Diagnostic>> {
    let current = plan(checked)?;
    let premium_types = checked.premium_types();
    let mut shot_models: Vec<ModelChoice<'a>> = checked.shot_models().to_vec();
    let mut sheet_models = checked.sheet_models().clone();
    let mut fits = Vec::new();
    for job in current.all_jobs() {
        let job = job?;
        let fitted = match job.subject() {
            Subject::Shot { index, .. } => {
                let premium = checked
                    .spec()
                    .shots
                    .get(index)
                    .is_some_and(|shot| premium_types.contains(&shot.shot_type.value));
                let required = if premium {
                    Tier::Premium
                } else {
                    Tier::Standard
                };
                let own = checked
                    .shot_models()
                    .get(index)
                    .and_then(|choice| checked.model(choice.model))
                    .filter(|model| model.tier >= required)
                    .and_then(|model| shot_fit(checked, index, model, today))
                    .is_some_and(|fit| fit.fits());
                let other =
                    cheapest_shot_fit(checked, index, today, |model| model.tier >= required)
                        .and_then(|candidate| candidate.priced);
                match other {
                    Some((choice, other_job))
                        if !own || other_job.credits.expected < job.credits.expected =>
                    {
                        if let Some(slot) = shot_models.get_mut(index) {
                            *slot = choice;
                        }
                        true
                    }
                    _ => own,
                }
            }
            Subject::Sheet { kind, index, .. } => {
                let own = checked
                    .sheet_model(kind, index)
                    .and_then(|choice| checked.model(choice.model))
                    .is_some_and(|model| !model.is_retired_on(today));
                let other = sheet_candidates(checked, kind, index, today)
                    .filter(|candidate| candidate.fit.fits())
                    .filter_map(|candidate| candidate.priced)
                    .min_by_key(|(_, other_job)| other_job.credits.expected);
                match other {
                    Some((choice, other_job))
                        if !own || other_job.credits.expected < job.credits.expected =>
                    {
                        if let Some(slot) = sheet_models
                            .get_mut(kind as usize)
                            .and_then(|sheets| sheets.get_mut(index))
                        {
                            *slot = Some(choice);
                        }
                        true
                    }
                    _ => own,
                }
            }
        };
        fits.push(fitted);
    }
    let routed = plan_with(checked, shot_models, sheet_models)?;
    let mut jobs = Vec::with_capacity(fits.len());
    for (job, fits) in routed.all_jobs().zip(fits) {
        jobs.push(ComparedJob { job: job?, fits });
    }
    let overflow = || {
        vec![
            Diagnostic::error(
                CheckCode::ArithmeticOverflow,
                "the production's totals are too large to compute exactly",
            )
            .with_help("look for a misplaced digit in the rates, takes or durations"),
        ]
    };
    // Summed exactly and rounded once, as the plan's own totals are: the jobs' shown
    // figures are parts of the whole plan's rounded running totals, and a catalog that
    // leaves a job undone sums a different run of them.
    let mut exact = Exact::flat(Ratio::ZERO);
    for job in jobs.iter().filter(|job| job.fits) {
        exact = exact.checked_add(job.job.exact).ok_or_else(overflow)?;
    }
    let credits = exact.rounded2().ok_or_else(overflow)?;
    let price = routed.exact_price();
    let cost = match price {
        Some(price) => Some(
            exact
                .checked_map(|credits| credits.checked_mul(price))
                .and_then(Exact::rounded2)
                .ok_or_else(overflow)?,
        ),
        None => None,
    };
    let finished_seconds = routed.totals.finished_seconds;
    let cost_per_finished_minute = match price {
        Some(price) if !finished_seconds.is_zero() => Some(
            Ratio::new(Decimal::from(60), finished_seconds)
                .and_then(|per_minute| {
                    exact
                        .expected
                        .checked_mul(price)?
                        .checked_mul(per_minute)?
                        .rounded2()
                })
                .ok_or_else(overflow)?,
        ),
        _ => None,
    };
    Ok(Costing {
        plan: routed,
        jobs,
        credits,
        cost,
        cost_per_finished_minute,
        left_out,
    })
}

/// One catalog's outcome as ranking sees it.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'s> {
    pub catalog: &'s str,
    pub currency: &'s str,
    /// Expected cost of the jobs that fit; `None` without a price per credit.
    pub expected_cost: Option<Decimal>,
    /// Whether some job fits no model of the catalog.
    pub leaves_jobs: bool,
}

/// Which catalog makes the production cheapest, or why none can be named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ranking {
    /// The position of the cheapest catalog, and each catalog's expected cost in the
    /// first catalog's currency.
    Cheapest {
        index: usize,
        converted: Vec<Option<Decimal>>,
    },
    NotRanked(String),
}

/// Ranks catalogs by expected cost in the first one's currency, converting another
/// currency by `rates` (`1 CODE = rate` of the first currency). Only catalogs that do
/// every job are ranked: one that leaves jobs undone is not cheaper for it.
pub fn rank(standings: &[Standing<'_>], rates: &[(String, Decimal)]) -> Ranking {
    let Some(first) = standings.first() else {
        return Ranking::NotRanked("no catalog was given".to_owned());
    };
    let mut converted = Vec::with_capacity(standings.len());
    for standing in standings {
        let Some(cost) = standing.expected_cost else {
            return Ranking::NotRanked(format!(
                "catalog `{}` has no price per credit, so its credits have no price; give one in the catalog or as the spec's `budget.price_per_credit`",
                standing.catalog
            ));
        };
        let rate = if standing.currency.eq_ignore_ascii_case(first.currency) {
            Some(Decimal::ONE)
        } else {
            rates
                .iter()
                .find(|(code, _)| code.eq_ignore_ascii_case(standing.currency))
                .map(|(_, rate)| *rate)
        };
        let Some(rate) = rate else {
            return Ranking::NotRanked(format!(
                "catalog `{}` prices in {} and `{}` in {}; pass `--rate {}=<{} per {}>` to rank them",
                first.catalog,
                first.currency,
                standing.catalog,
                standing.currency,
                standing.currency,
                first.currency,
                standing.currency
            ));
        };
        let Some(in_first) = cost.checked_mul(rate) else {
            return Ranking::NotRanked(format!(
                "the cost on `{}` is too large to convert",
                standing.catalog
            ));
        };
        converted.push(Some(in_first));
    }
    let cheapest = standings
        .iter()
        .zip(&converted)
        .enumerate()
        .filter(|(_, (standing, _))| !standing.leaves_jobs)
        .filter_map(|(index, (_, cost))| cost.map(|cost| (index, cost)))
        // Ties go to the catalog named first.
        .min_by(|(a_index, a), (b_index, b)| a.cmp(b).then(a_index.cmp(b_index)));
    match cheapest {
        Some((index, _)) => Ranking::Cheapest { index, converted },
        None => Ranking::NotRanked(
            "every catalog leaves some job that none of its models fits".to_owned(),
        ),
    }
}
