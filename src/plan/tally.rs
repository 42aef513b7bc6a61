//! What pricing every job once adds up to: running totals, stage figures and the
//! plan's totals.

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;
use crate::spec::Spec;

use super::types::{Estimate, Exact, Job, Stage, Subject, Totals, Work};

/// The figure shown for a part of the plan that runs the exact totals from `before`
/// to `after`: the rounded running total after it less the rounded running total
/// before it. Each part is so within a cent of its exact value, and the parts of a
/// whole add up to the whole as shown (see docs/plan.md, "Parts that add up"). `None`
/// when a running total does not fit a decimal of two places.
pub fn shown_part(before: Exact, after: Exact) -> Option<Estimate> {
    let before = before.rounded2()?;
    let after = after.rounded2()?;
    Some(Estimate {
        best: after.best.checked_sub(before.best)?,
        expected: after.expected.checked_sub(before.expected)?,
        worst: after.worst.checked_sub(before.worst)?,
    })
}

/// [`shown_part`] in money at `price` per credit; `None` inside when unpriced.
fn shown_cost(before: Exact, after: Exact, price: Option<Ratio>) -> Option<Option<Estimate>> {
    let Some(price) = price else {
        return Some(None);
    };
    let money = |credits: Exact| credits.checked_map(|c| c.checked_mul(price));
    shown_part(money(before)?, money(after)?).map(Some)
}

/// Gives a priced job its shown credits, money and running total, after adding it to
/// the exact `running` totals: the one step after pricing that [`plan`] and
/// [`Plan::jobs`] share. `None` on overflow.
pub(super) fn settle(job: &mut Job<'_>, running: &mut Exact, price: Option<Ratio>) -> Option<()> {
    let before = *running;
    let after = before.checked_add(job.exact)?;
    job.credits = shown_part(before, after)?;
    job.cost = shown_cost(before, after, price)?;
    job.cumulative_credits = after.expected.rounded2()?;
    *running = after;
    Some(())
}

/// What [`plan`] sums as it prices every job once.
#[derive(Default)]
pub(super) struct Tally<'a> {
    /// The exact running totals of the jobs priced so far, in each case.
    pub(super) running: Exact,
    pub(super) exceeded_at: Option<Subject<'a>>,
    pub(super) image_generations: u64,
    pub(super) video_generations: Estimate,
}

impl<'a> Tally<'a> {
    /// Counts a priced job, and gives it its shown figures. The first job whose exact
    /// running expected total passes `cap` is where the plan exceeds it. `None` on
    /// overflow.
    pub(super) fn count(
        &mut self,
        job: &mut Job<'a>,
        price: Option<Ratio>,
        cap: Option<Ratio>,
    ) -> Option<()> {
        settle(job, &mut self.running, price)?;
        if self.exceeded_at.is_none() && cap.is_some_and(|cap| self.running.expected > cap) {
            self.exceeded_at = Some(job.subject());
        }
        match &job.work {
            Work::Sheet(sheet) => {
                self.image_generations = self.image_generations.checked_add(sheet.generations())?;
            }
            Work::Shot(shot) => {
                let takes = Estimate {
                    best: Decimal::ONE,
                    expected: shot.takes,
                    worst: shot.worst_takes,
                };
                self.video_generations = self.video_generations.checked_add(takes)?;
            }
        }
        Some(())
    }

    /// Closes `stage` once its jobs are counted: its shown figures, from the running
    /// totals before and after it. `None` on overflow.
    pub(super) fn close(&mut self, stage: &mut Stage<'a>, price: Option<Ratio>) -> Option<()> {
        stage.credits = shown_part(stage.running_before, self.running)?;
        stage.cost = shown_cost(stage.running_before, self.running, price)?;
        stage.cumulative_credits = self.running.rounded2()?;
        Some(())
    }
}

/// The plan's totals from what the jobs added up to, with the per-second figures.
/// `None` on overflow.
pub(super) fn totals(
    spec: &Spec,
    tally: &Tally<'_>,
    price_per_credit: Option<Ratio>,
) -> Option<Totals> {
    let exact = tally.running;
    let mut finished_seconds = Decimal::ZERO;
    for shot in &spec.shots {
        finished_seconds = finished_seconds.checked_add(shot.duration.value.seconds())?;
    }
    let credits_per_finished_second = if finished_seconds.is_zero() {
        None
    } else {
        let per_second = Ratio::ONE.checked_div(Ratio::whole(finished_seconds))?;
        Some(exact.expected.checked_mul(per_second)?.rounded2()?)
    };
    let cost_per_finished_minute = match price_per_credit {
        Some(price) if !finished_seconds.is_zero() => {
            let per_minute = Ratio::new(Decimal::from(60), finished_seconds)?;
            Some(
                exact
                    .expected
                    .checked_mul(price)?
                    .checked_mul(per_minute)?
                    .rounded2()?,
            )
        }
        _ => None,
    };
    let cost = match price_per_credit {
        Some(price) => Some(exact.checked_map(|c| c.checked_mul(price))?.rounded2()?),
        None => None,
    };
    Some(Totals {
        credits: exact.rounded2()?,
        cost,
        finished_seconds,
        credits_per_finished_second,
        cost_per_finished_minute,
        image_generations: tally.image_generations,
        video_generations: tally.video_generations,
    })
}
