//! The costed plan: the one cost computation that the planner's outputs and the
//! linter's `over-budget` rule both read, so that no figure is computed two ways. Jobs
//! are staged here and priced by `price.rs`; totals are exact sums, and every figure
//! a plan hands out is rounded once from them (see `tally.rs`).
//!
//! A [`Plan`] keeps the figures of its stages and totals but not its jobs, which take
//! most of a plan's memory: [`Plan::jobs`] prices them again, with the same functions,
//! when a report walks them.

use rust_decimal::Decimal;

use crate::catalog::Catalog;
use crate::catalog::ratio::Ratio;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{ShotStatus, Spec};
use crate::validate::{AssetKind, Checked, ModelChoice};

use super::budget::BudgetStatus;
use super::price::{missing, price_per_credit, sheet_job, shot_job};
use super::tally::{Running, Tally, settle, totals};
use super::types::{Exact, Job, Stage, StageKind, Subject, Totals};

/// A job as a plan keeps it: its place in the spec, an asset's sheet or a shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    /// `index` is the asset's position in its list.
    Sheet { kind: AssetKind, index: usize },
    /// `index` is the shot's position in `shots`.
    Shot { index: usize },
}

/// The models a plan's jobs run on.
#[derive(Clone)]
enum Models<'a> {
    /// The checked spec's own: [`Checked::shot_models`] and [`Checked::sheet_models`].
    Checked,
    /// Those given to [`plan_with`].
    Given {
        shots: Vec<ModelChoice<'a>>,
        sheets: [Vec<Option<ModelChoice<'a>>>; 3],
    },
}

/// The model of every shot and of every sheet, as [`Models`] names them.
type ModelLists<'m, 'a> = (&'m [ModelChoice<'a>], &'m [Vec<Option<ModelChoice<'a>>>; 3]);

impl<'a> Models<'a> {
    fn of<'m>(&'m self, checked: &'m Checked<'a>) -> ModelLists<'m, 'a> {
        match self {
            Models::Checked => (checked.shot_models(), checked.sheet_models()),
            Models::Given { shots, sheets } => (shots, sheets),
        }
    }
}

/// The costed, staged schedule of one checked spec.
///
/// A plan keeps the figures of its stages and totals, and of each job only its place in
/// the spec: [`Plan::jobs`] prices a stage's jobs again as a report walks them, with
/// the arithmetic that priced them for the totals. A report of 10,000 shots so holds
/// one stage's jobs at a time, and the plan borrows the checked spec to price them.
#[derive(Clone)]
pub struct Plan<'a> {
    pub title: &'a str,
    pub catalog: &'a Catalog,
    /// `budget.currency`, else the catalog's.
    pub currency: &'a str,
    /// `budget.price_per_credit`, else `budget.plan` price ÷ credits, else the catalog's;
    /// `None` when none of them gives one (the invideo catalog publishes none), and then
    /// every money figure is `None` too. Money is priced from the undivided
    /// `price ÷ credits`; this quotient is for display.
    pub price_per_credit: Option<Decimal>,
    /// `references` first, then one stage per segment in spec order.
    pub stages: Vec<Stage<'a>>,
    pub totals: Totals,
    pub budget: BudgetStatus<'a>,
    /// What the jobs are priced from.
    checked: &'a Checked<'a>,
    models: Models<'a>,
    /// The undivided price per credit behind `price_per_credit`: each job's money.
    price: Option<Ratio>,
    /// Every job, stage after stage in schedule order: each stage's jobs are a run of it.
    schedule: Vec<Task>,
    /// `totals.credits` exactly, as the cap is met.
    pub(super) exact: Exact,
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The checked spec and the models are the plan's input, not its figures.
        f.debug_struct("Plan")
            .field("title", &self.title)
            .field("catalog", &self.catalog.name())
            .field("currency", &self.currency)
            .field("price_per_credit", &self.price_per_credit)
            .field("stages", &self.stages)
            .field("totals", &self.totals)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl<'a> Plan<'a> {
    /// The undivided price per credit every money figure is priced from.
    pub fn exact_price(&self) -> Option<Ratio> {
        self.price
    }

    /// The jobs of `stage`, one of this plan's `stages`, in schedule order, each with
    /// its running total and money. None of them is stored: each walk prices them
    /// again, as [`plan`] priced them.
    ///
    /// [`plan`] priced every job once, with the same models and arithmetic, before it
    /// returned the plan, so an item is an error only when an invariant is broken (a
    /// stage of another plan, say), which is reported rather than a panic.
    pub fn jobs(&self, stage: &Stage<'_>) -> Jobs<'_, 'a> {
        match self.schedule.get(stage.jobs.clone()) {
            Some(tasks) => Jobs {
                plan: self,
                tasks: tasks.iter(),
                running: stage.running_before,
                foreign: None,
            },
            None => Jobs {
                plan: self,
                tasks: [].iter(),
                running: Running::start(self.price),
                foreign: Some(JobError(
                    Diagnostic::error(
                        CheckCode::UnpriceableShot,
                        format!(
                            "the jobs of stage `{}` cannot be priced: it is not a stage of this plan",
                            stage.id()
                        ),
                    )
                    .with_help("walk the jobs of a stage with the plan it came from"),
                )),
            },
        }
    }

    /// Every job of every stage, in schedule order: [`Plan::jobs`] of each stage in turn.
    pub fn all_jobs(&self) -> Jobs<'_, 'a> {
        Jobs {
            plan: self,
            tasks: self.schedule.iter(),
            running: Running::start(self.price),
            foreign: None,
        }
    }

    /// The model of every shot the plan priced, parallel to [`Checked::shot_models`]:
    /// the spec's own, or those given to [`plan_with`].
    pub fn shot_models(&self) -> &[ModelChoice<'a>] {
        self.models.of(self.checked).0
    }

    /// The model of every sheet the plan priced, parallel to [`Checked::sheet_models`].
    pub fn sheet_models(&self) -> &[Vec<Option<ModelChoice<'a>>>; 3] {
        self.models.of(self.checked).1
    }

    /// Every shot in the spec, approved ones included.
    pub fn shot_count(&self) -> usize {
        self.segments()
            .map(|stage| stage.job_count().saturating_add(stage.approved_shots.len()))
            .fold(0, usize::saturating_add)
    }

    pub fn approved_shot_count(&self) -> usize {
        self.segments()
            .map(|stage| stage.approved_shots.len())
            .sum()
    }

    pub fn segment_count(&self) -> usize {
        self.segments().count()
    }

    /// Sheets still to lock: the jobs of the `references` stage.
    pub fn sheets_to_lock(&self) -> usize {
        self.stages
            .iter()
            .filter(|stage| stage.kind == StageKind::References)
            .map(Stage::job_count)
            .sum()
    }

    fn segments(&self) -> impl Iterator<Item = &Stage<'_>> {
        self.stages
            .iter()
            .filter(|stage| matches!(stage.kind, StageKind::Segment { .. }))
    }
}

/// The jobs of a stage, or of a whole plan, priced as they are walked: see
/// [`Plan::jobs`].
#[derive(Debug, Clone)]
pub struct Jobs<'p, 'a> {
    plan: &'p Plan<'a>,
    tasks: std::slice::Iter<'p, Task>,
    /// The running totals before the next job.
    running: Running,
    /// Why a stage that is not the plan's has no jobs: its one item.
    foreign: Option<JobError>,
}

impl<'a> Iterator for Jobs<'_, 'a> {
    type Item = Result<Job<'a>, JobError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.foreign.take() {
            return Some(Err(error));
        }
        let &task = self.tasks.next()?;
        let plan = self.plan;
        let (shot_models, sheet_models) = plan.models.of(plan.checked);
        let job = price_task(plan.checked, shot_models, sheet_models, task).and_then(|mut job| {
            settle(&mut job, &mut self.running, plan.price).ok_or_else(totals_overflow)?;
            Ok(job)
        });
        Some(job.map_err(JobError))
    }
}

/// Why [`Plan::jobs`] could not price a job again: a broken invariant, since [`plan`]
/// priced every job once before it returned the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError(pub Diagnostic);

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for JobError {}

/// A job that cannot be priced again stops a whole computation, as any diagnostic does.
impl From<JobError> for Vec<Diagnostic> {
    fn from(error: JobError) -> Self {
        vec![error.0]
    }
}

/// Costs and stages a checked spec. Fails with E119 when a shot needs a longer clip
/// than its model prices, and with E120 when a figure is too large to hold exactly.
/// The plan borrows `checked`, to price its jobs again when they are walked.
pub fn plan<'a>(checked: &'a Checked<'a>) -> Result<Plan<'a>, Vec<Diagnostic>> {
    stage_and_price(checked, Models::Checked)
}

/// Costs and stages a checked spec as if its shots and sheets used the given models
/// (parallel to [`Checked::shot_models`] and [`Checked::sheet_models`]): `shotlist
/// route` prices a rerouted spec this way, with the very arithmetic of [`plan`]. The
/// plan keeps the models, to price its jobs again when they are walked.
pub fn plan_with<'a>(
    checked: &'a Checked<'a>,
    shot_models: Vec<ModelChoice<'a>>,
    sheet_models: [Vec<Option<ModelChoice<'a>>>; 3],
) -> Result<Plan<'a>, Vec<Diagnostic>> {
    let models = Models::Given {
        shots: shot_models,
        sheets: sheet_models,
    };
    stage_and_price(checked, models)
}

/// Orders the jobs into stages, then prices each once, in schedule order, for the
/// figures the plan keeps. The jobs are not kept: pricing them here, running totals and
/// money included, is what proves that [`Plan::jobs`] can price them again.
fn stage_and_price<'a>(
    checked: &'a Checked<'a>,
    models: Models<'a>,
) -> Result<Plan<'a>, Vec<Diagnostic>> {
    let spec = checked.spec();
    let (shot_models, sheet_models) = models.of(checked);
    let mut problems = Vec::new();

    let mut schedule = Vec::new();
    for kind in AssetKind::ALL {
        let assets = kind.assets(spec);
        let choices = sheet_models
            .get(kind as usize)
            .map_or(&[][..], Vec::as_slice);
        for (index, (asset, choice)) in assets.iter().zip(choices).enumerate() {
            // `sheet_models` holds a model exactly for the assets that have a sheet.
            let (Some(sheet), Some(_)) = (&asset.sheet, choice) else {
                continue;
            };
            if !sheet.value.is_locked() {
                schedule.push(Task::Sheet { kind, index });
            }
        }
    }
    // One list, references first: building the segments apart and appending them would
    // hold two copies of every stage.
    let mut stages = Vec::with_capacity(spec.segments.len().saturating_add(1));
    stages.push(Stage::new(StageKind::References, 0..schedule.len()));
    stages.extend(spec.segments.iter().enumerate().map(|(index, segment)| {
        let kind = StageKind::Segment {
            index,
            id: &segment.id.value,
        };
        Stage::new(kind, 0..0)
    }));
    let segments = stages.get_mut(1..).unwrap_or_default();
    // Each planned shot with its segment, to be put in segment order.
    let mut planned = Vec::with_capacity(spec.shots.len());
    let resolved = checked.shot_segments().iter().zip(shot_models);
    for (index, (shot, (&segment, _))) in spec.shots.iter().zip(resolved).enumerate() {
        // `Checked` resolves every shot's segment to an index into `segments`; should that
        // ever break, the shot is reported rather than left out of the plan.
        let Some(stage) = segments.get_mut(segment) else {
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownSegment,
                    format!(
                        "shot `{}` names segment `{}`, which cannot be planned",
                        shot.id.value, shot.segment.value
                    ),
                )
                .with_path(format!("shots[{index}].segment"))
                .with_label(shot.segment.span, "segment not resolved")
                .with_help("please report this bug: checking passed a shot it did not resolve"),
            );
            continue;
        };
        if shot.status() == ShotStatus::Approved {
            stage.approved_shots.push(&shot.id.value);
            continue;
        }
        // The range only counts the stage's shots until they are placed, below.
        stage.jobs.end = stage.jobs.end.saturating_add(1);
        planned.push((segment, index));
    }
    // Segment after segment, each segment's shots in spec order.
    planned.sort_unstable();
    schedule.reserve_exact(planned.len());
    schedule.extend(planned.into_iter().map(|(_, index)| Task::Shot { index }));
    let mut start = stages.first().map_or(0, Stage::job_count);
    for stage in stages.iter_mut().skip(1) {
        let end = start.saturating_add(stage.jobs.len());
        stage.jobs = start..end;
        start = end;
    }

    let price = price_per_credit(checked);
    let cap = spec
        .budget
        .as_ref()
        .and_then(|b| b.credits.as_ref())
        .map(|c| c.value.0);
    let exact_cap = cap.map(Ratio::whole);
    let mut tally = Tally::new(price);
    // Reported only when every job prices, as one problem of the totals, at the first
    // job whose running totals cannot be held.
    let mut overflowed: Option<Diagnostic> = None;
    for stage in &mut stages {
        stage.running_before = tally.running;
        // Every range was cut from the schedule just above.
        for &task in schedule.get(stage.jobs.clone()).unwrap_or_default() {
            match price_task(checked, shot_models, sheet_models, task) {
                Ok(mut job) => {
                    if tally.count(&mut job, price, exact_cap).is_none() && overflowed.is_none() {
                        overflowed = Some(running_overflow(checked, job.subject()));
                    }
                }
                Err(problem) => problems.push(problem),
            }
        }
        if tally.close(stage).is_none() && overflowed.is_none() {
            overflowed = Some(totals_overflow());
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
        return Err(problems);
    }
    let overflow = || vec![totals_overflow()];
    if let Some(problem) = overflowed {
        return Err(vec![problem]);
    }
    let totals = totals(spec, &tally, price).ok_or_else(|| vec![per_second_overflow(spec)])?;
    let remaining = match exact_cap {
        Some(cap) => Some(
            cap.checked_sub(tally.running.exact.expected)
                .and_then(Ratio::rounded2)
                .ok_or_else(overflow)?,
        ),
        None => None,
    };
    let price_per_credit = match price {
        Some(price) => Some(price.value().ok_or_else(overflow)?),
        None => None,
    };
    Ok(Plan {
        title: &spec.production.title,
        catalog: checked.catalog(),
        currency: spec
            .budget
            .as_ref()
            .and_then(|b| b.currency.as_ref())
            .map_or(checked.catalog().catalog.currency.value.as_str(), |c| {
                c.value.as_str()
            }),
        price_per_credit,
        stages,
        totals,
        budget: BudgetStatus {
            cap,
            remaining,
            exceeded_at: tally.exceeded_at,
        },
        checked,
        models,
        price,
        schedule,
        exact: tally.running.exact,
    })
}

/// The running totals overflow at `subject`'s job: said at its id.
fn running_overflow(checked: &Checked<'_>, subject: Subject<'_>) -> Diagnostic {
    let spec = checked.spec();
    let (path, id) = match subject {
        Subject::Shot { index, .. } => (
            format!("shots[{index}]"),
            spec.shots.get(index).map(|shot| &shot.id),
        ),
        Subject::Sheet { kind, index, .. } => (
            format!("{}[{index}].sheet", kind.section()),
            kind.assets(spec).get(index).map(|asset| &asset.id),
        ),
    };
    let diagnostic = Diagnostic::error(
        CheckCode::ArithmeticOverflow,
        format!(
            "the plan's running totals are too large to compute exactly from `{}` on",
            subject.id()
        ),
    )
    .with_path(path)
    .with_help("look for a misplaced digit in the rates, takes, durations or price per credit");
    match id {
        Some(id) => diagnostic.with_label(id.span, "totals overflow here"),
        None => diagnostic,
    }
}

/// The totals overflow once the jobs have summed: in the figures per finished second,
/// whose divisor is the sum of the shots' durations. Said at the shortest shot, the
/// likeliest slipped digit, when the spec has one.
fn per_second_overflow(spec: &Spec) -> Diagnostic {
    let shortest = spec
        .shots
        .iter()
        .enumerate()
        .min_by_key(|(_, shot)| shot.duration.value.seconds());
    match shortest {
        Some((index, shot)) => Diagnostic::error(
            CheckCode::ArithmeticOverflow,
            "the plan's totals are too large to compute exactly per finished second",
        )
        .with_path(format!("shots[{index}].duration"))
        .with_label(
            shot.duration.span,
            format!(
                "the shortest shot: {} s",
                shot.duration.value.seconds().normalize()
            ),
        )
        .with_help(
            "credits and cost per finished second divide by the shots' summed durations; \
             look for a misplaced digit in the durations, rates or takes",
        ),
        None => totals_overflow(),
    }
}

fn totals_overflow() -> Diagnostic {
    Diagnostic::error(
        CheckCode::ArithmeticOverflow,
        "the plan's totals are too large to compute exactly",
    )
    .with_help("look for a misplaced digit in the rates, takes, durations or price per credit")
}

/// Prices the job at `task` on its model, as [`plan`] and [`Plan::jobs`] both do: the
/// job without its running total or money.
fn price_task<'a>(
    checked: &Checked<'a>,
    shot_models: &[ModelChoice<'a>],
    sheet_models: &[Vec<Option<ModelChoice<'a>>>; 3],
    task: Task,
) -> Result<Job<'a>, Diagnostic> {
    // Every task was made from the spec and these models; should that ever break, the
    // job is reported rather than priced at nothing.
    match task {
        Task::Sheet { kind, index } => {
            let asset = kind.assets(checked.spec()).get(index);
            let choice = sheet_models
                .get(kind as usize)
                .and_then(|choices| choices.get(index))
                .and_then(Option::as_ref);
            match (asset, choice) {
                (Some(asset), Some(choice)) => sheet_job(checked, kind, index, asset, choice),
                _ => Err(missing(format!("{}[{index}].sheet", kind.section()))),
            }
        }
        Task::Shot { index } => match (checked.spec().shots.get(index), shot_models.get(index)) {
            (Some(shot), Some(choice)) => shot_job(checked, index, shot, choice),
            _ => Err(missing(format!("shots[{index}]"))),
        },
    }
}
