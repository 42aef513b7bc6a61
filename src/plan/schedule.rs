//! The costed plan: the one cost computation that the planner's outputs and the
//! linter's `over-budget` rule both read, so that no figure is computed two ways.
//!
//! The rules are FORMAT.md's "What the plan computes". A planned video shot needs
//! `duration + handles` seconds, raised to its model's `min_clip`; one take is the
//! shot's rate on those seconds plus each addon's rate on the same seconds; the
//! expected cost is `takes × one take`, the best one take, the worst
//! `max(takes, takes_worst) × one take`. An unlocked reference sheet costs
//! `rounds × options` images in every column. Every figure is an exact decimal,
//! every operation is checked, and each job's products are formed before its one
//! division (see [`Ratio`]). Totals are sums of unrounded figures; rounding is left to
//! the renderers.
//!
//! A [`Plan`] keeps the figures of its stages and totals but not its jobs, which take
//! most of a plan's memory: [`Plan::jobs`] prices them again, with the same functions,
//! when a report walks them.

use std::cmp::Ordering;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::catalog::rate::{BillError, Charge, Rate};
use crate::catalog::ratio::Ratio;
use crate::diagnostic::CheckCode;
use crate::diagnostic::Diagnostic;
use crate::spec::{Asset, CatalogId, ModelKind, Shot, ShotStatus, Spanned, Spec};
use crate::validate::{AssetKind, Checked, ModelChoice};

/// Expected generations per usable shot when the spec gives neither `takes` nor `yield`.
const DEFAULT_TAKES: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// Generations per usable shot in the worst case, unless `assumptions.takes_worst`.
const DEFAULT_TAKES_WORST: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
/// Images in one reference grid, unless `assumptions.grid_options` or `sheet.options`.
const DEFAULT_GRID_OPTIONS: u32 = 4;
/// Grids to lock one sheet, unless `assumptions.lock_rounds` or `sheet.rounds`.
const DEFAULT_LOCK_ROUNDS: u32 = 5;
/// Quotients hold 28 significant digits, so a sum of ones that do not terminate can land
/// a few units of the last digit past a round cap it equals: three 5 s remix clips are
/// `3 × 1.666…67 = 5.000…01` credits. A total passes the cap only by more than this,
/// eight places below anything a cent can show.
const CAP_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 10);

/// Whether `total` passes `cap` by more than the last digits of a division.
fn passes(total: Decimal, cap: Decimal) -> bool {
    total
        .checked_sub(cap)
        .is_some_and(|over| over > CAP_TOLERANCE)
}

/// A figure in the three cases the plan prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Estimate {
    pub best: Decimal,
    pub expected: Decimal,
    pub worst: Decimal,
}

impl Estimate {
    /// The same figure in every case, as for reference sheets.
    pub fn flat(value: Decimal) -> Self {
        Self {
            best: value,
            expected: value,
            worst: value,
        }
    }

    pub fn checked_add(self, other: Estimate) -> Option<Estimate> {
        Some(Estimate {
            best: self.best.checked_add(other.best)?,
            expected: self.expected.checked_add(other.expected)?,
            worst: self.worst.checked_add(other.worst)?,
        })
    }

    fn checked_map(self, f: impl Fn(Decimal) -> Option<Decimal>) -> Option<Estimate> {
        Some(Estimate {
            best: f(self.best)?,
            expected: f(self.expected)?,
            worst: f(self.worst)?,
        })
    }
}

/// What a job generates: a reference sheet for an asset, or takes of a shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    /// `index` is the asset's position in its list (`characters`, `locations`, `props`).
    Sheet {
        kind: AssetKind,
        index: usize,
        id: &'a str,
    },
    /// `index` is the shot's position in `shots`.
    Shot { index: usize, id: &'a str },
}

impl<'a> Subject<'a> {
    /// The asset or shot id, as `budget.exceeded_at` names it.
    pub fn id(&self) -> &'a str {
        match self {
            Subject::Sheet { id, .. } | Subject::Shot { id, .. } => id,
        }
    }
}

/// How a reference sheet is priced: `rounds` grids of `options` images.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetWork {
    pub kind: AssetKind,
    /// The asset's position in its list (`characters`, `locations`, `props`).
    pub index: usize,
    pub rounds: u32,
    pub options: u32,
    pub credits_per_image: Decimal,
}

impl SheetWork {
    /// Images generated to lock the sheet.
    pub fn generations(&self) -> u64 {
        // Two u32 factors: the product always fits a u64.
        u64::from(self.rounds).saturating_mul(u64::from(self.options))
    }
}

/// How a video shot is priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShotWork<'a> {
    /// The shot's position in `shots`.
    pub index: usize,
    /// Seconds it lasts in the finished cut.
    pub duration: Decimal,
    pub resolution: &'a str,
    /// Whether the model's `audio` addon is added.
    pub audio: bool,
    /// The other addons, in the order the shot lists them.
    pub addons: Vec<&'a str>,
    /// `duration + handles`, raised to the model's `min_clip`.
    pub needed_seconds: Decimal,
    /// What the resolution's rate bills for the needed seconds.
    pub billed_seconds: Decimal,
    /// Expected generations. From a yield, `1 / yield` (3.33… for 30%); the credits
    /// are priced from the undivided ratio, this is for display.
    pub takes: Decimal,
    /// Generations in the worst case: `max(takes, takes_worst)`.
    pub worst_takes: Decimal,
    /// One take: the rate plus every addon, on the needed seconds.
    pub credits_per_take: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work<'a> {
    Sheet(SheetWork),
    Shot(ShotWork<'a>),
}

/// One line of the schedule: a sheet to lock or a shot to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job<'a> {
    /// The asset's or the shot's id.
    pub id: &'a str,
    pub model: &'a str,
    pub work: Work<'a>,
    pub credits: Estimate,
    /// `credits` in money; `None` without a price per credit.
    pub cost: Option<Estimate>,
    /// The running expected total after this job, counted from the plan's first job.
    pub cumulative_credits: Decimal,
}

impl<'a> Job<'a> {
    pub fn subject(&self) -> Subject<'a> {
        match &self.work {
            Work::Sheet(sheet) => Subject::Sheet {
                kind: sheet.kind,
                index: sheet.index,
                id: self.id,
            },
            Work::Shot(shot) => Subject::Shot {
                index: shot.index,
                id: self.id,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind<'a> {
    /// Every unlocked sheet, before any video.
    References,
    /// One segment's planned shots; `index` is its position in `segments`.
    Segment { index: usize, id: &'a str },
}

/// A stage of work ending in an approval gate. It keeps its figures, not its jobs:
/// [`Plan::jobs`] prices those again when a report walks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage<'a> {
    pub kind: StageKind<'a>,
    /// Where its jobs are in the plan's schedule.
    jobs: Range<usize>,
    /// Shots of this segment already approved: listed, never priced.
    pub approved_shots: Vec<&'a str>,
    pub credits: Estimate,
    pub cost: Option<Estimate>,
    /// Running totals after this stage, in each case.
    pub cumulative_credits: Estimate,
    /// The jobs' running expected total before this stage's first job. It is summed job
    /// by job, so it may differ from the previous stage's `cumulative_credits` in the
    /// last of 28 digits.
    running_before: Decimal,
}

impl Stage<'_> {
    fn new(kind: StageKind<'_>, jobs: Range<usize>) -> Stage<'_> {
        Stage {
            kind,
            jobs,
            approved_shots: Vec::new(),
            credits: Estimate::default(),
            cost: None,
            cumulative_credits: Estimate::default(),
            running_before: Decimal::ZERO,
        }
    }

    /// How many jobs the stage runs.
    pub fn job_count(&self) -> usize {
        self.jobs.len()
    }

    /// `references` or `segment:<id>`.
    pub fn id(&self) -> String {
        match self.kind {
            StageKind::References => "references".to_owned(),
            StageKind::Segment { id, .. } => format!("segment:{id}"),
        }
    }

    /// What must be approved before the next stage spends anything.
    pub fn gate(&self) -> String {
        match self.kind {
            StageKind::References => "approve and lock the reference sheets".to_owned(),
            StageKind::Segment { id, .. } => format!("approve segment {id}"),
        }
    }

    /// What the stage generates.
    pub fn generates(&self) -> ModelKind {
        match self.kind {
            StageKind::References => ModelKind::Image,
            StageKind::Segment { .. } => ModelKind::Video,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub credits: Estimate,
    /// `credits` in money; `None` without a price per credit.
    pub cost: Option<Estimate>,
    /// The sum of every shot's duration, approved shots included.
    pub finished_seconds: Decimal,
    /// Expected credits per finished second; `None` when nothing is finished.
    pub credits_per_finished_second: Option<Decimal>,
    /// Expected money per finished minute; `None` without a price or finished seconds.
    pub cost_per_finished_minute: Option<Decimal>,
    /// Images generated to lock every unlocked sheet.
    pub image_generations: u64,
    /// Video generations: one per planned shot at best, the takes summed as expected
    /// and in the worst case (fractional when takes come from `yield`).
    pub video_generations: Estimate,
}

/// The credit cap and how the plan meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetStatus<'a> {
    /// `budget.credits`.
    pub cap: Option<Decimal>,
    /// Cap less the expected total; negative when over.
    pub remaining: Option<Decimal>,
    /// The first job at which the running expected total passes the cap.
    pub exceeded_at: Option<Subject<'a>>,
}

/// How the plan sits against `budget.credits`: what the `over-budget` lint reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetVerdict {
    /// No `budget.credits`.
    Uncapped,
    /// Even the worst case fits.
    Within,
    /// The expected total fits; the worst case does not.
    WorstOver,
    /// The expected total is above the cap (so `exceeded_at` names a job).
    ExpectedOver,
}

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
    pub catalog: CatalogId,
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
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The checked spec and the models are the plan's input, not its figures.
        f.debug_struct("Plan")
            .field("title", &self.title)
            .field("catalog", &self.catalog)
            .field("currency", &self.currency)
            .field("price_per_credit", &self.price_per_credit)
            .field("stages", &self.stages)
            .field("totals", &self.totals)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl<'a> Plan<'a> {
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
                running: Decimal::ZERO,
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
            running: Decimal::ZERO,
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

    /// How the totals meet the cap. `ExpectedOver` exactly when `exceeded_at` names a
    /// job, so that the linter and the plan never disagree.
    pub fn budget_verdict(&self) -> BudgetVerdict {
        match self.budget.cap {
            None => BudgetVerdict::Uncapped,
            Some(_) if self.budget.exceeded_at.is_some() => BudgetVerdict::ExpectedOver,
            Some(cap) if passes(self.totals.credits.worst, cap) => BudgetVerdict::WorstOver,
            Some(_) => BudgetVerdict::Within,
        }
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
    /// The running expected total before the next job.
    running: Decimal,
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
    let mut tally = Tally::default();
    // Reported only when every job prices, as one problem of the totals.
    let mut overflowed = false;
    for stage in &mut stages {
        stage.running_before = tally.running;
        // Every range was cut from the schedule just above.
        for &task in schedule.get(stage.jobs.clone()).unwrap_or_default() {
            match price_task(checked, shot_models, sheet_models, task) {
                Ok(mut job) => overflowed |= tally.count(stage, &mut job, price, cap).is_none(),
                Err(problem) => problems.push(problem),
            }
        }
        overflowed |= tally.close(stage, price).is_none();
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
        return Err(problems);
    }
    let overflow = || vec![totals_overflow()];
    if overflowed {
        return Err(overflow());
    }
    let totals = totals(spec, &tally, price).ok_or_else(overflow)?;
    let remaining = match cap {
        Some(cap) => Some(
            cap.checked_sub(tally.credits.expected)
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
        catalog: checked.catalog_id(),
        currency: spec
            .budget
            .as_ref()
            .and_then(|b| b.currency.as_ref())
            .map_or(checked.catalog().catalog.currency.as_str(), |c| {
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
    })
}

fn totals_overflow() -> Diagnostic {
    Diagnostic::error(
        CheckCode::ArithmeticOverflow,
        "the plan's totals are too large to compute exactly",
    )
    .with_help("look for a misplaced digit in the rates, takes, durations or price per credit")
}

fn price_per_credit(checked: &Checked<'_>) -> Option<Ratio> {
    let budget = checked.spec().budget.as_ref();
    if let Some(price) = budget.and_then(|b| b.price_per_credit.as_ref()) {
        return Some(Ratio::whole(price.value.0));
    }
    if let Some(plan) = budget.and_then(|b| b.plan.as_ref()) {
        // Kept as a ratio: $100 for 3,000 credits is 1/30, which no decimal holds.
        return Some(Ratio::new(
            plan.value.price.value.0,
            plan.value.credits.value.0,
        ));
    }
    checked
        .catalog()
        .catalog
        .price_per_credit
        .map(|price| Ratio::whole(price.0))
}

/// Money for `credits`: one product, one division.
fn money(credits: Decimal, price_per_credit: Ratio) -> Option<Decimal> {
    Ratio::whole(credits).checked_mul(price_per_credit)?.value()
}

fn costs(credits: Estimate, price_per_credit: Option<Ratio>) -> Option<Option<Estimate>> {
    match price_per_credit {
        None => Some(None),
        Some(price) => credits.checked_map(|c| money(c, price)).map(Some),
    }
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

/// A job whose shot, sheet or model is not in the checked spec: a broken invariant,
/// reported rather than priced at nothing.
fn missing(path: String) -> Diagnostic {
    Diagnostic::error(
        CheckCode::UnpriceableShot,
        format!("`{path}` cannot be priced: it is missing from the spec or its models"),
    )
    .with_path(path)
    .with_help("please report this bug: the plan lists a job the spec does not have")
}

/// Gives a priced job its running total, after adding it to `running`, and its money:
/// the one step after pricing that [`plan`] and [`Plan::jobs`] share. `None` on
/// overflow.
fn settle(job: &mut Job<'_>, running: &mut Decimal, price: Option<Ratio>) -> Option<()> {
    let total = running.checked_add(job.credits.expected)?;
    job.cost = costs(job.credits, price)?;
    job.cumulative_credits = total;
    *running = total;
    Some(())
}

/// What [`plan`] sums as it prices every job once.
#[derive(Default)]
struct Tally<'a> {
    /// The stages' credits, added stage by stage, so that stages add up to the total
    /// exactly.
    credits: Estimate,
    /// The expected credits added job by job, as a reader of the schedule would.
    running: Decimal,
    exceeded_at: Option<Subject<'a>>,
    image_generations: u64,
    video_generations: Estimate,
}

impl<'a> Tally<'a> {
    /// Counts a priced job of `stage`, and gives it its running total and money.
    /// `None` on overflow.
    fn count(
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
    fn close(&mut self, stage: &mut Stage<'a>, price: Option<Ratio>) -> Option<()> {
        stage.cost = costs(stage.credits, price)?;
        self.credits = self.credits.checked_add(stage.credits)?;
        stage.cumulative_credits = self.credits;
        Some(())
    }
}

/// The plan's totals from what the jobs added up to, with the per-second figures.
/// `None` on overflow.
fn totals(spec: &Spec, tally: &Tally<'_>, price_per_credit: Option<Ratio>) -> Option<Totals> {
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

/// Prices the sheet of asset `index` of `kind` on `choice`, as [`plan`] does: the job
/// without its running total or money, which only a whole plan gives.
pub fn sheet_job<'a>(
    checked: &Checked<'a>,
    kind: AssetKind,
    index: usize,
    asset: &'a Spanned<Asset>,
    choice: &ModelChoice<'a>,
) -> Result<Job<'a>, Diagnostic> {
    let assumptions = &checked.spec().assumptions;
    let path = || format!("{}[{index}].sheet", kind.section());
    let model = checked.model(choice.model).ok_or_else(|| missing(path()))?;
    let id = asset.id.value.as_str();
    let sheet = asset.sheet.as_ref().map(|s| &s.value);
    let rounds = sheet
        .and_then(|s| s.rounds.as_ref())
        .or(assumptions.lock_rounds.as_ref())
        .map_or(DEFAULT_LOCK_ROUNDS, |r| r.value);
    let options = sheet
        .and_then(|s| s.options.as_ref())
        .or(assumptions.grid_options.as_ref())
        .map_or(DEFAULT_GRID_OPTIONS, |o| o.value);
    // Checking guarantees an image model has only per-image rates; should that ever
    // break, the sheet is reported rather than priced at nothing.
    let credits_per_image = model
        .rate(choice.resolution)
        .and_then(Rate::image_credits)
        .ok_or_else(|| {
            Diagnostic::error(
                CheckCode::UnpriceableShot,
                format!(
                    "the sheet of {} `{id}` cannot be priced: model `{}` has no per-image rate",
                    kind.name(),
                    model.id
                ),
            )
            .with_path(path())
            .with_label(asset.id.span, "sheet without a price")
            .with_help("give the sheet an image model priced `{credits, per: image}`")
        })?;
    let work = SheetWork {
        kind,
        index,
        rounds,
        options,
        credits_per_image,
    };
    let credits = Decimal::from(work.generations())
        .checked_mul(credits_per_image)
        .ok_or_else(|| {
            Diagnostic::error(
                CheckCode::ArithmeticOverflow,
                format!(
                    "the sheet of {} `{id}` costs too much to compute exactly",
                    kind.name()
                ),
            )
            .with_path(path())
            .with_label(asset.id.span, "cost overflows")
            .with_help("look for a misplaced digit in the image model's rate")
        })?;
    Ok(Job {
        id,
        model: model.id,
        work: Work::Sheet(work),
        credits: Estimate::flat(credits),
        cost: None,
        cumulative_credits: Decimal::ZERO,
    })
}

/// Prices shot `index` on `choice`, as [`plan`] does, whatever the shot's status: the
/// job without its running total or money, which only a whole plan gives.
pub fn shot_job<'a>(
    checked: &Checked<'a>,
    index: usize,
    shot: &'a Spanned<Shot>,
    choice: &ModelChoice<'a>,
) -> Result<Job<'a>, Diagnostic> {
    let assumptions = &checked.spec().assumptions;
    let id = shot.id.value.as_str();
    // Paths and names for diagnostics are formatted only when one is made: a plan of
    // 100,000 shots that prices cleanly formats none of them.
    let path = || format!("shots[{index}]");
    let model = checked.model(choice.model).ok_or_else(|| missing(path()))?;
    let overflow = || {
        Diagnostic::error(
            CheckCode::ArithmeticOverflow,
            format!("the cost of shot `{id}` is too large to compute exactly"),
        )
        .with_path(path())
        .with_label(shot.id.span, "cost overflows")
        .with_help("look for a misplaced digit in the duration, takes or the model's rates")
    };

    let mut needed = shot
        .duration
        .value
        .seconds()
        .checked_add(assumptions.handle_seconds())
        .ok_or_else(overflow)?;
    if let Some(min_clip) = model.min_clip
        && min_clip.seconds() > needed
    {
        needed = min_clip.seconds();
    }

    let bill = |rate: Option<&Rate>, priced: &dyn Fn() -> String| -> Result<Charge, Diagnostic> {
        let unpriceable = |why: String, help: String| {
            Diagnostic::error(
                CheckCode::UnpriceableShot,
                format!("shot `{id}` cannot be priced: {why}"),
            )
            .with_path(format!("{}.duration", path()))
            .with_label(shot.duration.span, format!("needs {}s", needed.normalize()))
            .with_help(help)
        };
        match rate.map(|rate| rate.bill(needed)) {
            Some(Ok(charge)) => Ok(charge),
            Some(Err(BillError::LongerThanBuckets { largest })) => Err(unpriceable(
                format!(
                    "it needs {}s, longer than the longest clip {} prices ({}s)",
                    needed.normalize(),
                    priced(),
                    largest.normalize()
                ),
                format!(
                    "shorten or split the shot to {}s or less (needed seconds include `handles`), or route it to a model priced by the second",
                    largest.normalize()
                ),
            )),
            Some(Err(BillError::Overflow)) => Err(overflow()),
            // Checking rejects video rates that are missing or priced per image; should
            // that ever break, the shot is reported rather than priced at nothing.
            Some(Err(BillError::NotTimed)) | None => Err(unpriceable(
                format!("{} has no rate by time or by clip", priced()),
                "give the model a rate such as `{credits: 1, per: 1s}`".to_owned(),
            )),
        }
    };

    let main = bill(model.rate(choice.resolution), &|| {
        format!("`{}` at `{}`", model.id, choice.resolution)
    })?;
    let mut one_take = Ratio::from(main);
    let audio = shot.wants_audio();
    let addons: Vec<&'a str> = shot.addons.iter().map(|a| a.value.as_str()).collect();
    let addon_names = audio
        .then_some("audio")
        .into_iter()
        .chain(addons.iter().copied());
    for addon in addon_names {
        let charge = bill(model.addon(addon), &|| {
            format!("the `{addon}` addon of `{}`", model.id)
        })?;
        one_take = one_take
            .checked_add(Ratio::from(charge))
            .ok_or_else(overflow)?;
    }

    let takes = match (&shot.takes, &assumptions.takes, &assumptions.yield_) {
        (Some(own), _, _) => Ratio::whole(own.value.0),
        (None, Some(assumed), _) => Ratio::whole(assumed.value.0),
        // A yield of 25% means four generations per usable one: 1 / 0.25.
        (None, None, Some(yield_)) => Ratio::new(Decimal::ONE, yield_.value.fraction()),
        (None, None, None) => Ratio::whole(DEFAULT_TAKES),
    };
    let takes_worst = Ratio::whole(
        assumptions
            .takes_worst
            .as_ref()
            .map_or(DEFAULT_TAKES_WORST, |t| t.value.0),
    );
    let worst_takes = match takes.checked_cmp(takes_worst).ok_or_else(overflow)? {
        Ordering::Less => takes_worst,
        Ordering::Equal | Ordering::Greater => takes,
    };
    let priced = |takes: Ratio| -> Option<Decimal> { one_take.checked_mul(takes)?.value() };
    let credits = Estimate {
        best: one_take.value().ok_or_else(overflow)?,
        expected: priced(takes).ok_or_else(overflow)?,
        worst: priced(worst_takes).ok_or_else(overflow)?,
    };
    Ok(Job {
        id,
        model: model.id,
        work: Work::Shot(ShotWork {
            index,
            duration: shot.duration.value.seconds(),
            resolution: choice.resolution,
            audio,
            addons,
            needed_seconds: needed,
            billed_seconds: main.billed_seconds,
            takes: takes.value().ok_or_else(overflow)?,
            worst_takes: worst_takes.value().ok_or_else(overflow)?,
            credits_per_take: credits.best,
        }),
        credits,
        cost: None,
        cumulative_credits: Decimal::ZERO,
    })
}
