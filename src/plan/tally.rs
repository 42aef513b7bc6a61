//! What pricing every job once adds up to: running totals, stage figures and the
//! plan's totals.

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;
use crate::spec::Spec;

use super::budget::passes;
use super::price::costs;
use super::types::{Estimate, Job, Stage, Subject, Totals, Work};

/// Gives a priced job its running total, after adding it to `running`, and its money:
/// the one step after pricing that [`plan`] and [`Plan::jobs`] share. `None` on
/// overflow.
pub(super) fn settle(job: &mut Job<'_>, running: &mut Decimal, price: Option<Ratio>) -> Option<()> {
    let total = running.checked_add(job.credits.expected)?;
    job.cost = costs(job.credits, price)?;
    job.cumulative_credits = total;
    *running = total;
    Some(())
}

/// What [`plan`] sums as it prices every job once.
#[derive(Default)]
pub(super) struct Tally<'a> {
    /// The stages' credits, added stage by stage, so that stages add up to the total
    /// exactly.
    pub(super) credits: Estimate,
    /// The expected credits added job by job, as a reader of the schedule would.
    pub(super) running: Decimal,
    pub(super) exceeded_at: Option<Subject<'a>>,
    pub(super) image_generations: u64,
    pub(super) video_generations: Estimate,
}

impl<'a> Tally<'a> {
    /// Counts a priced job of `stage`, and gives it its running total and money.
    /// `None` on overflow.
    pub(super) fn count(
        &mut self,
        stage: &mut Stage<'a>,
        job: &mut Job<'a>,
        price: Option<Ratio>,
        cap: Option<Decimal>,
    ) -> Option<()> {
        stage.credits = stage.credits.checked_add(job.credits)?;
        settle(job, &mut self.running, price)?;
        if self.exceeded_at.is_none() && cap.is_some_and(|cap| passes(self.running, cap)) {
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

    /// Closes `stage` once its jobs are counted: its money and running totals. `None`
    /// on overflow.
    pub(super) fn close(&mut self, stage: &mut Stage<'a>, price: Option<Ratio>) -> Option<()> {
        stage.cost = costs(stage.credits, price)?;
        self.credits = self.credits.checked_add(stage.credits)?;
        stage.cumulative_credits = self.credits;
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
    let credits = tally.credits;
    let mut finished_seconds = Decimal::ZERO;
    for shot in &spec.shots {
        finished_seconds = finished_seconds.checked_add(shot.duration.value.seconds())?;
    }
    let credits_per_finished_second = if finished_seconds.is_zero() {
        None
    } else {
        Some(Ratio::new(credits.expected, finished_seconds).value()?)
    };
    let cost_per_finished_minute = match price_per_credit {
        Some(price) if !finished_seconds.is_zero() => {
            let per_minute = Ratio::new(Decimal::from(60), finished_seconds);
            Some(
                Ratio::whole(credits.expected)
                    .checked_mul(price)?
                    .checked_mul(per_minute)?
                    .value()?,
            )
        }
        _ => None,
    };
    Some(Totals {
        credits,
        cost: costs(credits, price_per_credit)?,
        finished_seconds,
        credits_per_finished_second,
        cost_per_finished_minute,
        image_generations: tally.image_generations,
        video_generations: tally.video_generations,
    })
}
