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
    after.checked_sub(before)
}

/// The running totals before the next job: exact, and as shown — rounded once from the
/// exact values, in credits and in money at the plan's price. A job's shown part is the
/// shown total after it less this one, so each running total is rounded once, not once
/// as the total after a job and again as the total before the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Running {
    pub(super) exact: Exact,
    credits: Estimate,
    /// `None` when the plan has no price per credit.
    cost: Option<Estimate>,
}

impl Running {
    /// Nothing yet, shown as `0.00` (and as no money when `price` is `None`).
    pub(super) fn start(price: Option<Ratio>) -> Running {
        let zero = Estimate::flat(Decimal::new(0, 2));
        Running {
            exact: Exact::default(),
            credits: zero,
            cost: price.map(|_| zero),
        }
    }

    /// The running totals at `exact`, shown at `price` per credit. `None` on overflow.
    pub(super) fn at(exact: Exact, price: Option<Ratio>) -> Option<Running> {
        let cost = match price {
            Some(price) => Some(exact.checked_map(|c| c.checked_mul(price))?.rounded2()?),
            None => None,
        };
        Some(Running {
            exact,
            credits: exact.rounded2()?,
            cost,
        })
    }

    /// The shown parts from `before` to this: credits, and money when priced.
    fn part_since(&self, before: &Running) -> Option<(Estimate, Option<Estimate>)> {
        let cost = match (before.cost, self.cost) {
            (Some(before), Some(after)) => Some(after.checked_sub(before)?),
            _ => None,
        };
        Some((self.credits.checked_sub(before.credits)?, cost))
    }
}

/// Gives a priced job its shown credits, money and running total, after adding it to
/// the `running` totals: the one step after pricing that [`plan`] and [`Plan::jobs`]
/// share. `None` on overflow.
pub(super) fn settle(job: &mut Job<'_>, running: &mut Running, price: Option<Ratio>) -> Option<()> {
    let after = Running::at(running.exact.checked_add(job.exact)?, price)?;
    (job.credits, job.cost) = after.part_since(running)?;
    job.cumulative_credits = after.credits.expected;
    *running = after;
    Some(())
}

/// What [`plan`] sums as it prices every job once.
pub(super) struct Tally<'a> {
    /// The running totals of the jobs priced so far, in each case.
    pub(super) running: Running,
    pub(super) exceeded_at: Option<Subject<'a>>,
    pub(super) image_generations: u64,
    pub(super) video_generations: Estimate,
}

impl<'a> Tally<'a> {
    /// Nothing counted yet, at `price` per credit.
    pub(super) fn new(price: Option<Ratio>) -> Tally<'a> {
        Tally {
            running: Running::start(price),
            exceeded_at: None,
            image_generations: 0,
            video_generations: Estimate::default(),
        }
    }

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
        let expected = self.running.exact.expected;
        if self.exceeded_at.is_none() && cap.is_some_and(|cap| expected > cap) {
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
    pub(super) fn close(&mut self, stage: &mut Stage<'a>) -> Option<()> {
        (stage.credits, stage.cost) = self.running.part_since(&stage.running_before)?;
        stage.cumulative_credits = self.running.credits;
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
    let exact = tally.running.exact;
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
