//! The plan's figures: jobs, stages, totals and the three cases they are priced in.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;
use crate::spec::ModelKind;
use crate::validate::AssetKind;

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

    pub fn checked_sub(self, other: Estimate) -> Option<Estimate> {
        Some(Estimate {
            best: self.best.checked_sub(other.best)?,
            expected: self.expected.checked_sub(other.expected)?,
            worst: self.worst.checked_sub(other.worst)?,
        })
    }
}

/// A figure in the three cases, exactly: what the plan sums and meets the cap with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Exact {
    pub best: Ratio,
    pub expected: Ratio,
    pub worst: Ratio,
}

impl Exact {
    pub fn flat(value: Ratio) -> Exact {
        Exact {
            best: value,
            expected: value,
            worst: value,
        }
    }

    pub fn checked_add(self, other: Exact) -> Option<Exact> {
        self.zip(other, Ratio::checked_add)
    }

    /// `f` of each case: `None` when it is `None` for any.
    pub fn checked_map(self, f: impl Fn(Ratio) -> Option<Ratio>) -> Option<Exact> {
        Some(Exact {
            best: f(self.best)?,
            expected: f(self.expected)?,
            worst: f(self.worst)?,
        })
    }

    fn zip(self, other: Exact, f: impl Fn(Ratio, Ratio) -> Option<Ratio>) -> Option<Exact> {
        Some(Exact {
            best: f(self.best, other.best)?,
            expected: f(self.expected, other.expected)?,
            worst: f(self.worst, other.worst)?,
        })
    }

    /// Each case rounded to two places from its exact value. `None` when one does not
    /// fit a decimal of two places.
    pub fn rounded2(self) -> Option<Estimate> {
        Some(Estimate {
            best: self.best.rounded2()?,
            expected: self.expected.rounded2()?,
            worst: self.worst.rounded2()?,
        })
    }

    /// Each case as the nearest decimal, exact when it terminates.
    pub fn value(self) -> Option<Estimate> {
        Some(Estimate {
            best: self.best.value()?,
            expected: self.expected.value()?,
            worst: self.worst.value()?,
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
    /// The job's credits. Priced alone ([`shot_job`](super::shot_job)), the nearest
    /// decimal to the exact figure; walked in a plan ([`Plan::jobs`](super::Plan::jobs)),
    /// the figure shown for it, two places that add up to the plan's shown totals (see
    /// docs/plan.md, "Parts that add up").
    pub credits: Estimate,
    /// `credits` in money, shown as they are in a plan; `None` without a price per
    /// credit or before the job is walked in a plan.
    pub cost: Option<Estimate>,
    /// The running expected total after this job, counted from the plan's first job,
    /// rounded to two places.
    pub cumulative_credits: Decimal,
    /// `credits`, exactly: what the plan sums.
    pub(super) exact: Exact,
}

impl<'a> Job<'a> {
    /// The job's credits exactly, as the plan sums them: for a shot, `best` is one
    /// take.
    pub fn exact(&self) -> Exact {
        self.exact
    }

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
/// [`Plan::jobs`](super::Plan::jobs) prices those again when a report walks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage<'a> {
    pub kind: StageKind<'a>,
    // `credits`, `cost` and `cumulative_credits` are shown figures: two places from
    // the exact running totals, so that a stage's jobs add up to it.
    /// Where its jobs are in the plan's schedule.
    pub(super) jobs: Range<usize>,
    /// Shots of this segment already approved: listed, never priced.
    pub approved_shots: Vec<&'a str>,
    pub credits: Estimate,
    pub cost: Option<Estimate>,
    /// Running totals after this stage, in each case.
    pub cumulative_credits: Estimate,
    /// The jobs' running totals before this stage's first job.
    pub(super) running_before: super::tally::Running,
}

impl Stage<'_> {
    pub(super) fn new(kind: StageKind<'_>, jobs: Range<usize>) -> Stage<'_> {
        Stage {
            kind,
            jobs,
            approved_shots: Vec::new(),
            credits: Estimate::default(),
            cost: None,
            cumulative_credits: Estimate::default(),
            running_before: super::tally::Running::start(None),
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
    /// Rounded to two places from the exact sums, as every money figure of a plan.
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
