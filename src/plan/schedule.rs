//! The costed plan: the one cost computation that the planner's outputs and the
//! linter's `over-budget` rule both read, so that no figure is computed twice.
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

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::rate::{BillError, Charge, Rate};
use super::ratio::Ratio;
use crate::diagnostic::Diagnostic;
use crate::spec::{Asset, CatalogId, ModelKind, Shot, ShotStatus, Spanned};
use crate::validate::{AssetKind, Checked, ModelChoice, codes};

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

/// A stage of work ending in an approval gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage<'a> {
    pub kind: StageKind<'a>,
    pub jobs: Vec<Job<'a>>,
    /// Shots of this segment already approved: listed, never priced.
    pub approved_shots: Vec<&'a str>,
    pub credits: Estimate,
    pub cost: Option<Estimate>,
    /// Running totals after this stage, in each case.
    pub cumulative_credits: Estimate,
}

impl Stage<'_> {
    fn new(kind: StageKind<'_>) -> Stage<'_> {
        Stage {
            kind,
            jobs: Vec::new(),
            approved_shots: Vec::new(),
            credits: Estimate::default(),
            cost: None,
            cumulative_credits: Estimate::default(),
        }
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

/// The costed, staged schedule of one checked spec.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Plan<'_> {
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
            .map(|stage| stage.jobs.len().saturating_add(stage.approved_shots.len()))
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
            .map(|stage| stage.jobs.len())
            .sum()
    }

    fn segments(&self) -> impl Iterator<Item = &Stage<'_>> {
        self.stages
            .iter()
            .filter(|stage| matches!(stage.kind, StageKind::Segment { .. }))
    }
}

/// Costs and stages a checked spec. Fails with E119 when a shot needs a longer clip
/// than its model prices, and with E120 when a figure is too large to hold exactly.
pub fn plan<'a>(checked: &Checked<'a>) -> Result<Plan<'a>, Vec<Diagnostic>> {
    plan_with(checked, &checked.shot_models, &checked.sheet_models)
}

/// Costs and stages a checked spec as if its shots and sheets used the given models
/// (parallel to [`Checked::shot_models`] and [`Checked::sheet_models`]): `shotlist
/// route` prices a rerouted spec this way, with the very arithmetic of [`plan`].
pub fn plan_with<'a>(
    checked: &Checked<'a>,
    shot_models: &[ModelChoice<'a>],
    sheet_models: &[Vec<Option<ModelChoice<'a>>>; 3],
) -> Result<Plan<'a>, Vec<Diagnostic>> {
    let spec = checked.spec;
    let mut problems = Vec::new();
    let price_per_credit = price_per_credit(checked);

    let mut references = Stage::new(StageKind::References);
    for kind in AssetKind::ALL {
        let assets = kind.assets(spec);
        let choices = sheet_models
            .get(kind as usize)
            .map_or(&[][..], Vec::as_slice);
        for (index, (asset, choice)) in assets.iter().zip(choices).enumerate() {
            // `sheet_models` holds a model exactly for the assets that have a sheet.
            let (Some(sheet), Some(choice)) = (&asset.sheet, choice) else {
                continue;
            };
            if sheet.value.is_locked() {
                continue;
            }
            match sheet_job(checked, kind, index, asset, choice) {
                Ok(job) => references.jobs.push(job),
                Err(problem) => problems.push(problem),
            }
        }
    }

    // One list, references first: building the segments apart and appending them would
    // hold two copies of every stage until the plan is returned.
    let mut stages = Vec::with_capacity(spec.segments.len().saturating_add(1));
    stages.push(references);
    stages.extend(spec.segments.iter().enumerate().map(|(index, segment)| {
        Stage::new(StageKind::Segment {
            index,
            id: &segment.id.value,
        })
    }));
    let segments = stages.get_mut(1..).unwrap_or_default();
    // Each stage's jobs reserved at their final count: grown by doubling, the job lists
    // of a 10,000-shot plan would hold up to twice the memory they use.
    let mut shots_per_segment = vec![0usize; segments.len()];
    for &segment in &checked.shot_segments {
        if let Some(count) = shots_per_segment.get_mut(segment) {
            *count = count.saturating_add(1);
        }
    }
    for (stage, count) in segments.iter_mut().zip(shots_per_segment) {
        stage.jobs.reserve_exact(count);
    }
    let resolved = checked.shot_segments.iter().zip(shot_models);
    for (index, (shot, (&segment, choice))) in spec.shots.iter().zip(resolved).enumerate() {
        // `Checked` resolves every shot's segment to an index into `segments`; should that
        // ever break, the shot is reported rather than left out of the plan.
        let Some(stage) = segments.get_mut(segment) else {
            problems.push(
                Diagnostic::error(
                    codes::UNKNOWN_SEGMENT,
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
        match shot_job(checked, index, shot, choice) {
            Ok(job) => stage.jobs.push(job),
            Err(problem) => problems.push(problem),
        }
    }

    if !problems.is_empty() {
        problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
        return Err(problems);
    }
    assemble(checked, stages, price_per_credit).ok_or_else(|| {
        vec![
            Diagnostic::error(
                codes::ARITHMETIC_OVERFLOW,
                "the plan's totals are too large to compute exactly",
            )
            .with_help(
                "look for a misplaced digit in the rates, takes, durations or price per credit",
            ),
        ]
    })
}

fn price_per_credit(checked: &Checked<'_>) -> Option<Ratio> {
    let budget = checked.spec.budget.as_ref();
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
        .catalog
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

/// Adds up stages and jobs, running totals, money, the budget position and the
/// per-second figures. `None` on overflow.
fn assemble<'a>(
    checked: &Checked<'a>,
    mut stages: Vec<Stage<'a>>,
    price_per_credit: Option<Ratio>,
) -> Option<Plan<'a>> {
    let spec = checked.spec;
    let cap = spec
        .budget
        .as_ref()
        .and_then(|b| b.credits.as_ref())
        .map(|c| c.value.0);
    // The total is the sum of the stages, so that stages add up to it exactly; the jobs'
    // running total is summed job by job, as a reader of the schedule would.
    let mut credits = Estimate::default();
    let mut running = Decimal::ZERO;
    let mut exceeded_at = None;
    let mut image_generations = 0u64;
    let mut video_generations = Estimate::default();
    for stage in &mut stages {
        for job in &mut stage.jobs {
            stage.credits = stage.credits.checked_add(job.credits)?;
            running = running.checked_add(job.credits.expected)?;
            job.cumulative_credits = running;
            job.cost = costs(job.credits, price_per_credit)?;
            if exceeded_at.is_none() && cap.is_some_and(|cap| passes(running, cap)) {
                exceeded_at = Some(job.subject());
            }
            match &job.work {
                Work::Sheet(sheet) => {
                    image_generations = image_generations.checked_add(sheet.generations())?;
                }
                Work::Shot(shot) => {
                    let takes = Estimate {
                        best: Decimal::ONE,
                        expected: shot.takes,
                        worst: shot.worst_takes,
                    };
                    video_generations = video_generations.checked_add(takes)?;
                }
            }
        }
        stage.cost = costs(stage.credits, price_per_credit)?;
        credits = credits.checked_add(stage.credits)?;
        stage.cumulative_credits = credits;
    }

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
    let remaining = match cap {
        Some(cap) => Some(cap.checked_sub(credits.expected)?),
        None => None,
    };
    Some(Plan {
        title: &spec.production.title,
        catalog: checked.catalog_id,
        currency: spec
            .budget
            .as_ref()
            .and_then(|b| b.currency.as_ref())
            .map_or(checked.catalog.catalog.currency.as_str(), |c| {
                c.value.as_str()
            }),
        price_per_credit: match price_per_credit {
            Some(price) => Some(price.value()?),
            None => None,
        },
        stages,
        totals: Totals {
            credits,
            cost: costs(credits, price_per_credit)?,
            finished_seconds,
            credits_per_finished_second,
            cost_per_finished_minute,
            image_generations,
            video_generations,
        },
        budget: BudgetStatus {
            cap,
            remaining,
            exceeded_at,
        },
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
    let assumptions = &checked.spec.assumptions;
    let model = checked.model(choice.model);
    let id = asset.id.value.as_str();
    let path = || format!("{}[{index}].sheet", kind.section());
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
                codes::UNPRICEABLE_SHOT,
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
                codes::ARITHMETIC_OVERFLOW,
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
    let assumptions = &checked.spec.assumptions;
    let model = checked.model(choice.model);
    let id = shot.id.value.as_str();
    // Paths and names for diagnostics are formatted only when one is made: a plan of
    // 100,000 shots that prices cleanly formats none of them.
    let path = || format!("shots[{index}]");
    let overflow = || {
        Diagnostic::error(
            codes::ARITHMETIC_OVERFLOW,
            format!("the cost of shot `{id}` is too large to compute exactly"),
        )
        .with_path(path())
        .with_label(shot.id.span, "cost overflows")
        .with_help("look for a misplaced digit in the duration, takes or the model's rates")
    };

    let handles = assumptions
        .handles
        .as_ref()
        .map_or(Decimal::ZERO, |h| h.value.seconds());
    let mut needed = shot
        .duration
        .value
        .seconds()
        .checked_add(handles)
        .ok_or_else(overflow)?;
    if let Some(min_clip) = model.min_clip
        && min_clip.seconds() > needed
    {
        needed = min_clip.seconds();
    }

    let bill = |rate: Option<&Rate>, priced: &dyn Fn() -> String| -> Result<Charge, Diagnostic> {
        let unpriceable = |why: String, help: String| {
            Diagnostic::error(
                codes::UNPRICEABLE_SHOT,
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
    let addon_names = audio.then_some("audio").into_iter().chain(addons.clone());
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
