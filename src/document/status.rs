//! The status document: what `shotlist status --format json` writes, as FORMAT.md's
//! "`shotlist status`" fixes it, with a few added fields (each job's stage, model,
//! images and planned images).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Number;

use super::decimal::{Exact, Fixed2, Fixed4, number};
use super::plan::Columns;
use crate::catalog::ratio::Ratio;
use crate::ledger::{JobRef, JobState, Status};
use crate::plan::Plan;

/// The only `schema_version` this shotlist writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Status")]
pub struct StatusDocument {
    pub schema_version: u32,
    pub currency: String,
    /// `null` when no price per credit is known (the invideo catalog).
    pub price_per_credit: Option<Exact>,
    /// The credits of every ledger row.
    pub spent: Spent,
    /// What the jobs not done still cost, as the spec stands.
    pub remaining: Figures,
    /// Spent + remaining.
    pub at_completion: Figures,
    pub budget: Budget,
    pub progress: Progress,
    pub actuals: Actuals,
    /// Every sheet job, then every shot, in plan order.
    pub jobs: Vec<Job>,
    /// `production.title`.
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Spent {
    pub credits: Fixed2,
    pub cost: Option<Fixed2>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Figures {
    pub credits: Columns<Fixed2>,
    /// Each `null` without a price per credit.
    pub cost: Columns<Option<Fixed2>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Budget {
    /// The cap; `null` without one.
    pub credits: Option<Fixed2>,
    /// Cap − spent; `null` without a cap.
    pub left: Option<Fixed2>,
    /// At completion, the expected credits pass the cap.
    pub over: bool,
    /// At completion, the worst-case credits pass the cap.
    pub worst_over: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    pub shots: u64,
    pub shots_done: u64,
    pub sheets: u64,
    pub sheets_done: u64,
    pub finished_seconds: Fixed2,
    pub finished_seconds_done: Fixed2,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actuals {
    /// Shot rows.
    pub video_generations: u64,
    /// Kept shot rows.
    pub kept: u64,
    /// kept ÷ video_generations.
    #[serde(rename = "yield")]
    pub yield_: Option<Fixed4>,
    /// Rows of the shots with a kept row ÷ those shots.
    pub takes_per_done_shot: Option<Fixed2>,
    /// Spent ÷ the durations of the shots done.
    pub credits_per_finished_second: Option<Fixed2>,
    pub cost_per_finished_minute: Option<Fixed2>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    Sheet,
    Shot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Done,
    InProgress,
    NotStarted,
}

impl From<JobState> for State {
    fn from(state: JobState) -> Self {
        match state {
            JobState::Done => State::Done,
            JobState::InProgress => State::InProgress,
            JobState::NotStarted => State::NotStarted,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Job {
    /// The shot or asset id.
    pub job: String,
    pub kind: JobKind,
    pub state: State,
    /// Ledger rows, whatever their outcome.
    pub generations: u64,
    pub spent: Fixed2,
    /// The shot's expected takes `T` (fractional from a yield); `null` for a sheet.
    pub planned_takes: Option<Number>,
    /// `generations > planned_takes` for a shot; images > planned images for a sheet.
    pub over_plan: bool,
    pub remaining: Columns<Fixed2>,
    /// `references`, or `segment:<id>`.
    pub stage: String,
    /// The model the spec chooses for the job now.
    pub model: String,
    /// Images of the sheet's rows; `null` for a shot.
    pub images: Option<u64>,
    /// `rounds × options` of a sheet; `null` for a shot.
    pub planned_images: Option<u64>,
}

/// Two places from an exact figure; `None` when it does not fit (never for figures a
/// status computed).
fn fixed2(value: Option<Ratio>) -> Option<Fixed2> {
    value.and_then(Ratio::rounded2).map(Fixed2::new)
}

/// The document of `status`, made for the `plan` it was computed with.
pub fn document(status: &Status<'_>, plan: &Plan<'_>) -> StatusDocument {
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let stage_ids: Vec<String> = plan.stages.iter().map(|stage| stage.id()).collect();
    StatusDocument {
        schema_version: SCHEMA_VERSION,
        currency: status.currency.to_owned(),
        price_per_credit: status.price_per_credit.map(Exact::new),
        spent: Spent {
            credits: Fixed2::new(status.shown_spent),
            cost: status.spent_cost.map(Fixed2::new),
        },
        remaining: Figures {
            credits: Columns::of(status.shown_remaining),
            cost: Columns::of_optional(status.remaining_cost),
        },
        at_completion: Figures {
            credits: Columns::of(status.shown_at_completion),
            cost: Columns::of_optional(status.at_completion_cost),
        },
        budget: Budget {
            credits: status.budget.cap.map(Fixed2::new),
            left: status.budget.left.map(Fixed2::new),
            over: status.budget.over,
            worst_over: status.budget.worst_over,
        },
        progress: Progress {
            shots: count(status.progress.shots),
            shots_done: count(status.progress.shots_done),
            sheets: count(status.progress.sheets),
            sheets_done: count(status.progress.sheets_done),
            finished_seconds: Fixed2::new(status.progress.finished_seconds),
            finished_seconds_done: Fixed2::new(status.progress.finished_seconds_done),
        },
        actuals: Actuals {
            video_generations: status.actuals.video_generations,
            kept: status.actuals.kept,
            yield_: status.actuals.yield_.and_then(Fixed4::of),
            takes_per_done_shot: fixed2(status.actuals.takes_per_done_shot),
            credits_per_finished_second: fixed2(status.actuals.credits_per_finished_second),
            cost_per_finished_minute: fixed2(status.actuals.cost_per_finished_minute),
        },
        jobs: status
            .jobs
            .iter()
            .map(|job| Job {
                job: job.id.to_owned(),
                kind: match job.job {
                    JobRef::Sheet(..) => JobKind::Sheet,
                    JobRef::Shot(_) => JobKind::Shot,
                },
                state: job.state.into(),
                generations: job.generations,
                spent: Fixed2::new(job.shown_spent),
                planned_takes: job.planned_takes.and_then(Ratio::value).map(number),
                over_plan: job.over_plan,
                remaining: Columns::of(job.shown_remaining),
                stage: stage_ids.get(job.stage).cloned().unwrap_or_default(),
                model: job.model.to_owned(),
                images: job.planned_images.map(|_| job.images),
                planned_images: job.planned_images,
            })
            .collect(),
        title: plan.title.to_owned(),
    }
}
