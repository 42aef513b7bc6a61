//! The plan document: what `shotlist plan --format json` writes and what `shotlist
//! diff` and `plan --check` read back, as FORMAT.md ("JSON output") fixes it, with a
//! few added fields. Every money field is `null` when the plan has no price per credit.
//!
//! The stages are a type parameter so that one set of structs serves both directions:
//! the writer fills it with [`Stages`], which prices and serializes one job at a time,
//! and a reader gets the owned default, `Vec<Stage>`.

use schemars::JsonSchema;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Number;

use super::decimal::{Exact, Fixed2, number};
use crate::plan::{BudgetVerdict, Estimate, Job as PlannedJob, JobError, Plan, Work};
use crate::spec::ModelKind;

/// The only `schema_version` this shotlist writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Plan")]
pub struct PlanDocument<S = Vec<Stage>> {
    pub schema_version: u32,
    pub currency: String,
    pub price_per_credit: Option<Exact>,
    pub totals: Totals,
    pub budget: Budget,
    /// The references stage first, then one per segment in spec order.
    pub stages: S,
    pub title: String,
    pub catalog: String,
}

/// A figure in the three cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Columns_of_{T}")]
pub struct Columns<T> {
    pub best: T,
    pub expected: T,
    pub worst: T,
}

impl<T> Columns<T> {
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Columns<U> {
        Columns {
            best: f(self.best),
            expected: f(self.expected),
            worst: f(self.worst),
        }
    }
}

impl Columns<Fixed2> {
    /// An estimate's columns, each rounded once to two places.
    pub fn of(estimate: Estimate) -> Self {
        Columns {
            best: Fixed2::new(estimate.best),
            expected: Fixed2::new(estimate.expected),
            worst: Fixed2::new(estimate.worst),
        }
    }
}

impl Columns<Option<Fixed2>> {
    /// Money columns: `null` in each without a price per credit.
    pub fn of_optional(estimate: Option<Estimate>) -> Self {
        match estimate {
            Some(estimate) => Columns::of(estimate).map(Some),
            None => Columns {
                best: None,
                expected: None,
                worst: None,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    pub credits: Columns<Fixed2>,
    pub cost: Columns<Option<Fixed2>>,
    pub finished_seconds: Fixed2,
    pub credits_per_finished_second: Option<Fixed2>,
    pub cost_per_finished_minute: Option<Fixed2>,
    pub generations: Generations,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Generations {
    pub image: u64,
    /// Fractional when takes come from a yield.
    pub video: Columns<Number>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Budget {
    /// The cap; `null` without one.
    pub credits: Option<Fixed2>,
    pub remaining: Option<Fixed2>,
    /// The first job (shot or asset id) at which the running expected total passes
    /// the cap.
    pub exceeded_at: Option<String>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Uncapped,
    Within,
    WorstOver,
    ExpectedOver,
}

impl From<BudgetVerdict> for Verdict {
    fn from(verdict: BudgetVerdict) -> Self {
        match verdict {
            BudgetVerdict::Uncapped => Verdict::Uncapped,
            BudgetVerdict::Within => Verdict::Within,
            BudgetVerdict::WorstOver => Verdict::WorstOver,
            BudgetVerdict::ExpectedOver => Verdict::ExpectedOver,
        }
    }
}

/// What a stage generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Generates {
    Image,
    Video,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Stage")]
pub struct Stage<J = Vec<Job>> {
    /// `references`, or `segment:<id>`.
    pub id: String,
    pub kind: Generates,
    pub gate: String,
    /// Expected credits.
    pub credits: Fixed2,
    pub cumulative_credits: Fixed2,
    pub jobs: J,
    pub credits_best: Fixed2,
    pub credits_worst: Fixed2,
    pub cost: Option<Fixed2>,
    /// Shots of the segment already generated: they cost nothing more.
    pub approved_shots: Vec<String>,
    pub cost_best: Option<Fixed2>,
    pub cost_worst: Option<Fixed2>,
}

/// A reference sheet or a shot: the one with `asset`, the other with `shot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Job {
    Sheet(SheetJob),
    Shot(ShotJob),
}

impl Job {
    /// The shot or asset id.
    pub fn id(&self) -> &str {
        match self {
            Job::Sheet(sheet) => &sheet.asset,
            Job::Shot(shot) => &shot.shot,
        }
    }

    pub fn model(&self) -> &str {
        match self {
            Job::Sheet(sheet) => &sheet.model,
            Job::Shot(shot) => &shot.model,
        }
    }

    /// Expected credits.
    pub fn credits(&self) -> Fixed2 {
        match self {
            Job::Sheet(sheet) => sheet.credits,
            Job::Shot(shot) => shot.credits,
        }
    }

    pub fn figures(&self) -> &JobFigures {
        match self {
            Job::Sheet(sheet) => &sheet.figures,
            Job::Shot(shot) => &shot.figures,
        }
    }
}

/// A reference sheet to lock: its grids of images.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SheetJob {
    pub asset: String,
    pub model: String,
    /// Images: rounds × options.
    pub generations: u64,
    /// Expected credits.
    pub credits: Fixed2,
    /// `character`, `location` or `prop`.
    pub asset_kind: String,
    pub rounds: u32,
    pub options: u32,
    pub credits_per_image: Fixed2,
    #[serde(flatten)]
    pub figures: JobFigures,
}

/// A shot to generate: its takes of one clip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ShotJob {
    pub shot: String,
    pub model: String,
    pub resolution: String,
    /// Fractional when it comes from a yield.
    pub takes: Number,
    pub billed_seconds: Fixed2,
    pub credits_per_take: Fixed2,
    /// Expected credits.
    pub credits: Fixed2,
    pub takes_worst: Number,
    pub needed_seconds: Fixed2,
    pub audio: bool,
    pub addons: Vec<String>,
    pub duration: Fixed2,
    #[serde(flatten)]
    pub figures: JobFigures,
}

/// The figures every job carries after its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct JobFigures {
    pub credits_best: Fixed2,
    pub credits_worst: Fixed2,
    pub cumulative_credits: Fixed2,
    pub cost: Option<Fixed2>,
    pub cost_best: Option<Fixed2>,
    pub cost_worst: Option<Fixed2>,
}

impl From<&PlannedJob<'_>> for Job {
    fn from(job: &PlannedJob<'_>) -> Self {
        let cost = Columns::of_optional(job.cost);
        let figures = JobFigures {
            credits_best: Fixed2::new(job.credits.best),
            credits_worst: Fixed2::new(job.credits.worst),
            cumulative_credits: Fixed2::new(job.cumulative_credits),
            cost: cost.expected,
            cost_best: cost.best,
            cost_worst: cost.worst,
        };
        match &job.work {
            Work::Sheet(sheet) => Job::Sheet(SheetJob {
                asset: job.id.to_owned(),
                model: job.model.to_owned(),
                generations: sheet.generations(),
                credits: Fixed2::new(job.credits.expected),
                asset_kind: sheet.kind.name().to_owned(),
                rounds: sheet.rounds,
                options: sheet.options,
                credits_per_image: Fixed2::new(sheet.credits_per_image),
                figures,
            }),
            Work::Shot(shot) => Job::Shot(ShotJob {
                shot: job.id.to_owned(),
                model: job.model.to_owned(),
                resolution: shot.resolution.to_owned(),
                takes: number(shot.takes),
                billed_seconds: Fixed2::new(shot.billed_seconds),
                credits_per_take: Fixed2::new(shot.credits_per_take),
                credits: Fixed2::new(job.credits.expected),
                takes_worst: number(shot.worst_takes),
                needed_seconds: Fixed2::new(shot.needed_seconds),
                audio: shot.audio,
                addons: shot.addons.iter().map(|&addon| addon.to_owned()).collect(),
                duration: Fixed2::new(shot.duration),
                figures,
            }),
        }
    }
}

/// A stage's fields around its jobs, whatever holds them.
fn stage<J>(stage: &crate::plan::Stage<'_>, jobs: J) -> Stage<J> {
    let cost = Columns::of_optional(stage.cost);
    Stage {
        id: stage.id(),
        kind: match stage.generates() {
            ModelKind::Image => Generates::Image,
            ModelKind::Video => Generates::Video,
        },
        gate: stage.gate(),
        credits: Fixed2::new(stage.credits.expected),
        cumulative_credits: Fixed2::new(stage.cumulative_credits.expected),
        jobs,
        credits_best: Fixed2::new(stage.credits.best),
        credits_worst: Fixed2::new(stage.credits.worst),
        cost: cost.expected,
        approved_shots: stage
            .approved_shots
            .iter()
            .map(|&shot| shot.to_owned())
            .collect(),
        cost_best: cost.best,
        cost_worst: cost.worst,
    }
}

/// The plan's fields around its stages, whatever holds them.
fn document<S>(plan: &Plan<'_>, stages: S) -> PlanDocument<S> {
    let totals = &plan.totals;
    PlanDocument {
        schema_version: SCHEMA_VERSION,
        currency: plan.currency.to_owned(),
        price_per_credit: plan.price_per_credit.map(Exact::new),
        totals: Totals {
            credits: Columns::of(totals.credits),
            cost: Columns::of_optional(totals.cost),
            finished_seconds: Fixed2::new(totals.finished_seconds),
            credits_per_finished_second: totals.credits_per_finished_second.map(Fixed2::new),
            cost_per_finished_minute: totals.cost_per_finished_minute.map(Fixed2::new),
            generations: Generations {
                image: totals.image_generations,
                video: Columns {
                    best: totals.video_generations.best,
                    expected: totals.video_generations.expected,
                    worst: totals.video_generations.worst,
                }
                .map(number),
            },
        },
        budget: Budget {
            credits: plan.budget.cap.map(Fixed2::new),
            remaining: plan.budget.remaining.map(Fixed2::new),
            exceeded_at: plan
                .budget
                .exceeded_at
                .map(|subject| subject.id().to_owned()),
            verdict: plan.budget_verdict().into(),
        },
        stages,
        title: plan.title.to_owned(),
        catalog: plan.catalog.name().to_owned(),
    }
}

/// The document to write: its stages priced and serialized one job at a time, so that
/// a 100,000-shot plan is never held whole (as a tree of values it takes some forty
/// times the spec's size).
pub fn streamed<'p, 'a>(plan: &'p Plan<'a>) -> PlanDocument<Stages<'p, 'a>> {
    document(plan, Stages(plan))
}

/// The whole document in memory. Fails only if a job cannot be priced again, which
/// [`Plan::jobs`] rules out.
pub fn collected(plan: &Plan<'_>) -> Result<PlanDocument, JobError> {
    let stages = plan
        .stages
        .iter()
        .map(|one| {
            let jobs = plan
                .jobs(one)
                .map(|job| job.map(|job| Job::from(&job)))
                .collect::<Result<_, _>>()?;
            Ok(stage(one, jobs))
        })
        .collect::<Result<_, JobError>>()?;
    Ok(document(plan, stages))
}

/// The plan's stages, each with its jobs priced as it is serialized.
pub struct Stages<'p, 'a>(&'p Plan<'a>);

impl Serialize for Stages<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plan = self.0;
        let mut stages = serializer.serialize_seq(Some(plan.stages.len()))?;
        for one in &plan.stages {
            stages.serialize_element(&stage(one, Jobs { plan, stage: one }))?;
        }
        stages.end()
    }
}

/// A stage's jobs. Fails only if a job cannot be priced again, which [`Plan::jobs`]
/// rules out.
pub struct Jobs<'p, 'a> {
    plan: &'p Plan<'a>,
    stage: &'p crate::plan::Stage<'a>,
}

impl Serialize for Jobs<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut jobs = serializer.serialize_seq(Some(self.stage.job_count()))?;
        for job in self.plan.jobs(self.stage) {
            jobs.serialize_element(&Job::from(&job.map_err(S::Error::custom)?))?;
        }
        jobs.end()
    }
}

impl PlanDocument {
    /// Reads a plan JSON document; `Err` says what is missing or malformed.
    pub fn from_value(value: serde_json::Value) -> Result<PlanDocument, String> {
        let document: PlanDocument =
            serde_json::from_value(value).map_err(|error| error.to_string())?;
        if document.schema_version != SCHEMA_VERSION {
            return Err(format!(
                "plan schema_version {} is not one this shotlist reads ({SCHEMA_VERSION})",
                document.schema_version
            ));
        }
        Ok(document)
    }
}
