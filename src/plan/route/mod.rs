//! Routing: which other model could make each job, and what switching to the cheapest
//! one that fits would save.
//!
//! [`shot_fit`] is the one definition of "this model can make this shot as written".
//! `shotlist route` and every lint rule that suggests a model ([`cheapest_shot_fit`])
//! search with it, and every candidate is priced by the plan's own per-job pricing
//! ([`shot_job`], [`sheet_job`]), so a suggestion, its saving and the plan agree.

mod candidates;
mod fit;

use candidates::cheapest;
pub use candidates::{Candidate, cheapest_shot_fit, sheet_candidates, shot_candidates};
pub use fit::{Fit, Misfit, longest_clip, shot_fit};

use std::cmp::Reverse;

use crate::catalog::ratio::Ratio;

use rust_decimal::Decimal;

use crate::diagnostic::{CheckCode, Diagnostic};
use crate::plan::{Job, Plan, Subject, plan, plan_with};
use crate::spec::{ShotType, Tier};
use crate::validate::{Checked, ModelChoice};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteOptions {
    /// The date retirements are measured against.
    pub today: jiff::civil::Date,
    /// Whether shots outside `routing.premium_for` may go down to draft-tier models.
    pub allow_draft: bool,
}

/// Why a job moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveReason {
    /// A model that fits costs less.
    Cheaper,
    /// Its model is retired and no cheaper model fits, so it goes to the successor its
    /// catalog names, which may cost more: `saving` is then negative, an extra cost.
    Successor,
}

/// A job that moves: to a cheaper model, or off a retired one to its successor.
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
    pub reason: MoveReason,
    /// Expected credits saved; negative when a successor costs more.
    pub saving: Decimal,
    /// Expected money saved, negative likewise; `None` without a price per credit.
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

    /// Expected credits saved by every move together: the current plan's exact
    /// expected total less the rerouted plan's, rounded to two places. The moves'
    /// savings add up to it.
    pub fn saving(&self) -> Decimal {
        self.current
            .exact
            .expected
            .checked_sub(self.routed.exact.expected)
            .and_then(Ratio::rounded2)
            .unwrap_or_else(|| {
                let (current, routed) = (&self.current.totals, &self.routed.totals);
                current
                    .credits
                    .expected
                    .saturating_sub(routed.credits.expected)
            })
    }

    /// Expected money saved; `None` without a price per credit.
    pub fn cost_saving(&self) -> Option<Decimal> {
        let (current, routed) = (self.current.totals.cost?, self.routed.totals.cost?);
        Some(current.expected.saturating_sub(routed.expected))
    }
}

/// The saving shown for a move from `from` to `to`, after the moves before it in
/// schedule order saved `saved` credits exactly: the rounded running saving after it
/// less the rounded running saving before it, so that the moves' savings add up to
/// [`Route::saving`]. `None` on overflow.
fn shown_saving(saved: &mut Ratio, from: &Job<'_>, to: &Job<'_>) -> Option<Decimal> {
    let before = *saved;
    let after = before.checked_add(from.exact.expected.checked_sub(to.exact.expected)?)?;
    *saved = after;
    after.rounded2()?.checked_sub(before.rounded2()?)
}

fn saving_overflow() -> Diagnostic {
    Diagnostic::error(
        CheckCode::ArithmeticOverflow,
        "the credits routing saves are too large to compute exactly",
    )
    .with_help("look for a misplaced digit in the rates, takes or durations")
}

/// What route decided for one job of the current plan.
enum Decision<'a> {
    /// It moves; `raised_from` is the shot's own resolution when the new model makes
    /// it above that.
    Moves {
        raised_from: Option<&'a str>,
        reason: MoveReason,
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
        // A job on a model its vendor has retired is offered the successor its catalog
        // names, where that fits, even when it saves nothing: the old model is gone.
        let own = match job.subject() {
            Subject::Shot { index, .. } => checked.shot_models().get(index),
            Subject::Sheet { kind, index, .. } => checked.sheet_model(kind, index),
        }
        .and_then(|choice| checked.model(choice.model));
        let successor = own
            .filter(|model| model.is_retired_on(options.today))
            .and_then(|model| model.def.successor.as_ref())
            .and_then(|successor| checked.find_model(&successor.value))
            .and_then(|successor| {
                candidates
                    .iter()
                    .find(|candidate| {
                        std::ptr::eq(candidate.model, successor) && candidate.fit.fits()
                    })
                    .cloned()
            });
        // Decided on exact figures: the job's shown credits are a part of the plan's
        // rounded totals, a cent off its exact value either way.
        let now = job.exact.expected;
        let exact_saving = |candidate: &Candidate| now.checked_sub(candidate.exact_expected()?);
        let saving = |candidate: &Candidate| exact_saving(candidate)?.value();
        candidates
            .retain(|candidate| exact_saving(candidate).is_some_and(|saving| saving > Ratio::ZERO));
        let (fitting, turned_down): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|candidate| candidate.fit.fits());
        let best = cheapest(fitting.into_iter())
            .map(|best| (best, MoveReason::Cheaper))
            .or(successor.map(|successor| (successor, MoveReason::Successor)))
            .and_then(|(best, reason)| {
                let (choice, _) = best.priced?;
                Some((choice, best.fit.raised, reason))
            });
        // Only a job whose index is in `checked` has candidates, and `shot_models` and
        // `sheet_models` are copies of `checked`'s, so its slot is there; should that
        // ever break, the job stays on its own model rather than panic.
        let moved = best.and_then(|(choice, raised, reason)| match job.subject() {
            Subject::Shot { index, .. } => {
                let own = checked.shot_models().get(index)?.resolution;
                *shot_models.get_mut(index)? = choice;
                Some(Decision::Moves {
                    raised_from: raised.then_some(own),
                    reason,
                })
            }
            Subject::Sheet { kind, index, .. } => {
                *sheet_models.get_mut(kind as usize)?.get_mut(index)? = Some(choice);
                Some(Decision::Moves {
                    raised_from: None,
                    reason,
                })
            }
        });
        decisions.push(moved.unwrap_or_else(|| Decision::Stays {
            closest: closest_rejection(turned_down, saving),
        }));
    }
    let routed = plan_with(checked, shot_models, sheet_models)?;
    let mut moves = Vec::new();
    let mut stays = Vec::new();
    // The exact credits saved by the moves so far, in schedule order.
    let mut saved = Ratio::ZERO;
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
            Decision::Moves {
                raised_from,
                reason,
            } => moves.push(Move {
                shot_type,
                saving: shown_saving(&mut saved, &from, &to)
                    .ok_or_else(|| vec![saving_overflow()])?,
                cost_saving: match (from.cost, to.cost) {
                    (Some(from), Some(to)) => Some(from.expected.saturating_sub(to.expected)),
                    _ => None,
                },
                from,
                to,
                raised_from,
                reason,
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
