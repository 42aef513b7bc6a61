//! Where a production stands, as FORMAT.md's "Job state" and "What remains" fix it:
//! each job's state, generations and spend from the ledger, what remains of it priced
//! with the plan's own figures for the spec as it stands, and the totals against the
//! cap.
//!
//! Every figure is exact ([`Ratio`]) until it is shown. Shown figures are made as the
//! plan makes its parts (see docs/plan.md, "Parts that add up"): `spent` and `at
//! completion` are each rounded once from their exact values, `remaining` is the
//! difference of the two, and each job's part is the difference of rounded running
//! totals, so that the jobs shown add up to the totals shown and spent + remaining =
//! at completion in the shown figures as in the exact ones.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::plan::{
    Estimate, Exact, Plan, Subject, Work, grid_options, lock_rounds, shot_takes, shot_worst_takes,
    shown_part,
};
use crate::spec::ShotStatus;
use crate::validate::{AssetKind, Checked};

use super::{JobRef, Ledger, Outcome};

/// A job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobState {
    /// Approved or locked in the spec, or with a `kept` row.
    Done,
    /// Rows, none kept.
    InProgress,
    /// No rows.
    NotStarted,
}

impl JobState {
    /// As JSON writes it: `done`, `in-progress`, `not-started`.
    pub fn name(self) -> &'static str {
        match self {
            JobState::Done => "done",
            JobState::InProgress => "in-progress",
            JobState::NotStarted => "not-started",
        }
    }
}

/// One job of the production and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus<'a> {
    pub job: JobRef,
    /// The shot's or asset's id.
    pub id: &'a str,
    /// Its stage's position in the plan's `stages`: 0, `references`, for a sheet; one
    /// more than its segment's position for a shot.
    pub stage: usize,
    /// The model the spec chooses for it now.
    pub model: &'a str,
    pub state: JobState,
    /// `g`: its rows, whatever their outcome.
    pub generations: u64,
    /// `i`: the images of its rows (sheets; 0 for a shot).
    pub images: u64,
    /// Whether a row of it is `kept`.
    pub kept: bool,
    /// `T`, the plan's expected takes of a shot as the spec stands; `None` for a sheet.
    pub planned_takes: Option<Ratio>,
    /// `W = max(T, takes_worst)` of a shot; `None` for a sheet.
    pub planned_worst_takes: Option<Ratio>,
    /// `N = rounds × options` of a sheet; `None` for a shot.
    pub planned_images: Option<u64>,
    /// `g > T` for a shot, `i > N` for a sheet.
    pub over_plan: bool,
    /// The credits of its rows, exactly.
    pub spent: Ratio,
    /// What remains of it, exactly: zero in every case once done.
    pub remaining: Exact,
    /// `spent` as shown: its part of the shown total.
    pub shown_spent: Decimal,
    /// `remaining` as shown: its part of the shown total.
    pub shown_remaining: Estimate,
}

impl JobStatus<'_> {
    /// Spent + remaining, exactly: what the job costs at completion.
    pub fn at_completion(&self) -> Option<Exact> {
        Exact::flat(self.spent).checked_add(self.remaining)
    }
}

/// The cap and how the production meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerBudget {
    /// `budget.credits`.
    pub cap: Option<Decimal>,
    /// Cap − spent, rounded to two places; `None` without a cap.
    pub left: Option<Decimal>,
    /// At-completion expected above the cap.
    pub over: bool,
    /// At-completion worst above the cap.
    pub worst_over: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub shots: usize,
    pub shots_done: usize,
    /// Assets with a sheet.
    pub sheets: usize,
    pub sheets_done: usize,
    /// Every shot's duration.
    pub finished_seconds: Decimal,
    /// The durations of the shots done.
    pub finished_seconds_done: Decimal,
}

/// Measured figures, from shot rows only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actuals {
    /// Shot rows.
    pub video_generations: u64,
    /// Kept shot rows.
    pub kept: u64,
    /// kept ÷ video generations; `None` without shot rows.
    pub yield_: Option<Ratio>,
    /// The rows of the shots with a kept row ÷ those shots; `None` without such shots.
    pub takes_per_done_shot: Option<Ratio>,
    /// Spent ÷ the durations of the shots done; `None` when none is.
    pub credits_per_finished_second: Option<Ratio>,
    /// That × 60 × price per credit; `None` without a price or a shot done.
    pub cost_per_finished_minute: Option<Ratio>,
}

/// Where the production stands.
#[derive(Debug, Clone)]
pub struct Status<'a> {
    pub currency: &'a str,
    /// As the plan shows it; `None` when no price per credit is known.
    pub price_per_credit: Option<Decimal>,
    /// Every sheet job (assets with a sheet, in the plan's order), then every shot in
    /// plan order (segment after segment, each in spec order), approved ones included.
    pub jobs: Vec<JobStatus<'a>>,
    /// Exact totals: the credits of every row, what remains, and their sum.
    pub spent: Ratio,
    pub remaining: Exact,
    pub at_completion: Exact,
    /// Shown totals: `spent` and `at_completion` rounded once, `remaining` their
    /// difference.
    pub shown_spent: Decimal,
    pub shown_remaining: Estimate,
    pub shown_at_completion: Estimate,
    /// The same in money; `None` without a price per credit.
    pub spent_cost: Option<Decimal>,
    pub remaining_cost: Option<Estimate>,
    pub at_completion_cost: Option<Estimate>,
    pub budget: LedgerBudget,
    pub progress: Progress,
    pub actuals: Actuals,
}

/// The status of `checked`'s production given its `plan` and `ledger` (read against
/// the same checked spec). Fails with E120 only when a figure is too large to hold
/// exactly.
pub fn status<'a>(
    checked: &Checked<'a>,
    plan: &Plan<'a>,
    ledger: &Ledger<'a>,
) -> Result<Status<'a>, Vec<Diagnostic>> {
    compute(checked, plan, ledger).ok_or_else(|| {
        vec![
            Diagnostic::error(
                CheckCode::ArithmeticOverflow,
                "the production's spend is too large to compute exactly",
            )
            .with_help("look for a misplaced digit in the ledger's credits or seconds"),
        ]
    })
}

/// A planned job's exact figures and, for a sheet, its credits per image.
struct Planned {
    exact: Exact,
    per_image: Option<Decimal>,
}

fn compute<'a>(checked: &Checked<'a>, plan: &Plan<'a>, ledger: &Ledger<'a>) -> Option<Status<'a>> {
    let spec = checked.spec();
    let assumptions = &spec.assumptions;
    let mut planned: HashMap<JobRef, Planned> = HashMap::new();
    for job in plan.all_jobs() {
        let job = job.ok()?;
        let (key, per_image) = match (&job.work, job.subject()) {
            (Work::Sheet(sheet), Subject::Sheet { kind, index, .. }) => {
                (JobRef::Sheet(kind, index), Some(sheet.credits_per_image))
            }
            (_, Subject::Shot { index, .. }) => (JobRef::Shot(index), None),
            _ => continue,
        };
        planned.insert(
            key,
            Planned {
                exact: job.exact(),
                per_image,
            },
        );
    }

    let mut jobs = Vec::new();
    for kind in AssetKind::ALL {
        for (index, asset) in kind.assets(spec).iter().enumerate() {
            let Some(sheet) = &asset.sheet else { continue };
            let Some(choice) = checked.sheet_model(kind, index) else {
                continue;
            };
            let job = JobRef::Sheet(kind, index);
            let mut generations = 0u64;
            let mut images = 0u64;
            let mut kept = false;
            let mut spent = Ratio::ZERO;
            for row in ledger.job_rows(job) {
                generations = generations.checked_add(1)?;
                images = images.checked_add(row.images.unwrap_or(0))?;
                kept |= row.outcome == Outcome::Kept;
                spent = spent.checked_add(row.credits)?;
            }
            let planned_images = u64::from(lock_rounds(assumptions, Some(&sheet.value)))
                .checked_mul(u64::from(grid_options(assumptions, Some(&sheet.value))))?;
            let options = u64::from(grid_options(assumptions, Some(&sheet.value)));
            let done = sheet.value.is_locked() || kept;
            let remaining = if done {
                Exact::default()
            } else {
                let per_image = planned.get(&job).and_then(|p| p.per_image)?;
                let images_left = planned_images.saturating_sub(images).max(options);
                let credits = Decimal::from(images_left).checked_mul(per_image)?;
                Exact::flat(Ratio::whole(credits))
            };
            jobs.push(JobStatus {
                job,
                id: asset.id.value.as_str(),
                stage: 0,
                model: checked.model(choice.model)?.id,
                state: state(done, generations),
                generations,
                images,
                kept,
                planned_takes: None,
                planned_worst_takes: None,
                planned_images: Some(planned_images),
                over_plan: images > planned_images,
                spent,
                remaining,
                shown_spent: Decimal::ZERO,
                shown_remaining: Estimate::default(),
            });
        }
    }

    let mut order: Vec<(usize, usize)> = checked
        .shot_segments()
        .iter()
        .copied()
        .enumerate()
        .map(|(index, segment)| (segment, index))
        .collect();
    order.sort_unstable();
    for (segment, index) in order {
        let shot = spec.shots.get(index)?;
        let choice = checked.shot_models().get(index)?;
        let job = JobRef::Shot(index);
        let mut generations = 0u64;
        let mut kept = false;
        let mut spent = Ratio::ZERO;
        for row in ledger.job_rows(job) {
            generations = generations.checked_add(1)?;
            kept |= row.outcome == Outcome::Kept;
            spent = spent.checked_add(row.credits)?;
        }
        let takes = shot_takes(assumptions, shot);
        let worst_takes = shot_worst_takes(assumptions, shot);
        let done = shot.status() == ShotStatus::Approved || kept;
        let remaining = if done {
            Exact::default()
        } else {
            let one_take = planned.get(&job)?.exact.best;
            let g = Ratio::from_integer(generations);
            let left = |takes: Ratio| -> Option<Ratio> {
                takes.checked_sub(g)?.max(Ratio::ONE).checked_mul(one_take)
            };
            Exact {
                best: one_take,
                expected: left(takes)?,
                worst: left(worst_takes)?,
            }
        };
        jobs.push(JobStatus {
            job,
            id: shot.id.value.as_str(),
            stage: segment.checked_add(1)?,
            model: checked.model(choice.model)?.id,
            state: state(done, generations),
            generations,
            images: 0,
            kept,
            planned_takes: Some(takes),
            planned_worst_takes: Some(worst_takes),
            planned_images: None,
            over_plan: Ratio::from_integer(generations) > takes,
            spent,
            remaining,
            shown_spent: Decimal::ZERO,
            shown_remaining: Estimate::default(),
        });
    }

    // Exact totals, then each job's shown part of them.
    let mut spent = Ratio::ZERO;
    let mut remaining = Exact::default();
    for job in &jobs {
        spent = spent.checked_add(job.spent)?;
        remaining = remaining.checked_add(job.remaining)?;
    }
    let at_completion = Exact::flat(spent).checked_add(remaining)?;
    let mut running_spent = Exact::default();
    let mut running_remaining = Exact::flat(spent);
    for job in &mut jobs {
        let after = running_spent.checked_add(Exact::flat(job.spent))?;
        job.shown_spent = shown_part(running_spent, after)?.expected;
        running_spent = after;
        let after = running_remaining.checked_add(job.remaining)?;
        job.shown_remaining = shown_part(running_remaining, after)?;
        running_remaining = after;
    }
    let shown_spent = spent.rounded2()?;
    let shown_at_completion = at_completion.rounded2()?;
    let shown_remaining = shown_part(Exact::flat(spent), at_completion)?;

    let price = plan.exact_price();
    let (spent_cost, remaining_cost, at_completion_cost) = match price {
        Some(price) => {
            let spent_money = Exact::flat(spent.checked_mul(price)?);
            let total_money = at_completion.checked_map(|c| c.checked_mul(price))?;
            (
                Some(spent_money.best.rounded2()?),
                Some(shown_part(spent_money, total_money)?),
                Some(total_money.rounded2()?),
            )
        }
        None => (None, None, None),
    };

    let cap = plan.budget.cap;
    let budget = LedgerBudget {
        cap,
        left: match cap {
            Some(cap) => Some(Ratio::whole(cap).checked_sub(spent)?.rounded2()?),
            None => None,
        },
        over: cap.is_some_and(|cap| at_completion.expected > Ratio::whole(cap)),
        worst_over: cap.is_some_and(|cap| at_completion.worst > Ratio::whole(cap)),
    };

    let mut progress = Progress {
        shots: 0,
        shots_done: 0,
        sheets: 0,
        sheets_done: 0,
        finished_seconds: Decimal::ZERO,
        finished_seconds_done: Decimal::ZERO,
    };
    let mut video_generations = 0u64;
    let mut kept_rows = 0u64;
    let mut measured_rows = 0u64;
    let mut measured_shots = 0u64;
    for job in &jobs {
        let done = job.state == JobState::Done;
        match job.job {
            JobRef::Sheet(..) => {
                progress.sheets = progress.sheets.checked_add(1)?;
                progress.sheets_done = progress.sheets_done.checked_add(usize::from(done))?;
            }
            JobRef::Shot(index) => {
                let duration = spec.shots.get(index)?.duration.value.seconds();
                progress.shots = progress.shots.checked_add(1)?;
                progress.finished_seconds = progress.finished_seconds.checked_add(duration)?;
                if done {
                    progress.shots_done = progress.shots_done.checked_add(1)?;
                    progress.finished_seconds_done =
                        progress.finished_seconds_done.checked_add(duration)?;
                }
                video_generations = video_generations.checked_add(job.generations)?;
                let kept = ledger
                    .job_rows(job.job)
                    .filter(|row| row.outcome == Outcome::Kept)
                    .count();
                kept_rows = kept_rows.checked_add(u64::try_from(kept).ok()?)?;
                if job.kept {
                    measured_shots = measured_shots.checked_add(1)?;
                    measured_rows = measured_rows.checked_add(job.generations)?;
                }
            }
        }
    }
    // `Some(None)` when the divisor is zero: the figure is then `null`.
    let quotient = |numerator: u64, denominator: u64| -> Option<Option<Ratio>> {
        if denominator == 0 {
            return Some(None);
        }
        Ratio::from_integer(numerator)
            .checked_div(Ratio::from_integer(denominator))
            .map(Some)
    };
    let done_seconds = progress.finished_seconds_done;
    let credits_per_finished_second = if done_seconds.is_zero() {
        None
    } else {
        Some(spent.checked_div(Ratio::whole(done_seconds))?)
    };
    let cost_per_finished_minute = match (credits_per_finished_second, price) {
        (Some(per_second), Some(price)) => Some(
            per_second
                .checked_mul(Ratio::from_integer(60))?
                .checked_mul(price)?,
        ),
        _ => None,
    };
    let actuals = Actuals {
        video_generations,
        kept: kept_rows,
        yield_: quotient(kept_rows, video_generations)?,
        takes_per_done_shot: quotient(measured_rows, measured_shots)?,
        credits_per_finished_second,
        cost_per_finished_minute,
    };

    Some(Status {
        currency: plan.currency,
        price_per_credit: plan.price_per_credit,
        jobs,
        spent,
        remaining,
        at_completion,
        shown_spent,
        shown_remaining,
        shown_at_completion,
        spent_cost,
        remaining_cost,
        at_completion_cost,
        budget,
        progress,
        actuals,
    })
}

fn state(done: bool, generations: u64) -> JobState {
    if done {
        JobState::Done
    } else if generations > 0 {
        JobState::InProgress
    } else {
        JobState::NotStarted
    }
}
