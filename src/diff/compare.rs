//! Matching two plans job by job and stage by stage, and what changed between them.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::Side;
use super::reasons::{described, reasons};
use crate::document::decimal::Fixed2;
use crate::document::plan::{Columns, Job, JobFigures, PlanDocument, Stage};

/// A figure on both sides. A job or stage on one side only is 0 on the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub old: Decimal,
    pub new: Decimal,
}

impl Change {
    /// New less old. Saturating: plans never hold negative figures, so this is exact
    /// for every plan, and a hand-edited file with absurd ones cannot make it panic.
    pub fn delta(self) -> Decimal {
        self.new.saturating_sub(self.old)
    }

    /// The change as a percentage of the old figure; `None` when that is zero.
    pub fn percent(self) -> Option<Decimal> {
        if self.old.is_zero() {
            return None;
        }
        self.delta()
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(self.old)
    }

    pub fn is_zero(self) -> bool {
        self.delta().is_zero()
    }
}

/// Expected and worst credits, and money where both sides have it in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub expected: Change,
    pub worst: Change,
    pub cost_expected: Option<Change>,
    pub cost_worst: Option<Change>,
}

impl Figures {
    pub fn is_zero(&self) -> bool {
        self.expected.is_zero()
            && self.worst.is_zero()
            && self.cost_expected.is_none_or(Change::is_zero)
            && self.cost_worst.is_none_or(Change::is_zero)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
        }
    }
}

/// One field of a job that differs, as the plans print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// `status`, `stage`, `model`, `resolution`, `duration`, `takes`, `worst takes`,
    /// `audio`, `addons`, `needed seconds`, `credits per take`, `rounds`, `options`,
    /// `credits per image` or `cost`.
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    Shot,
    Sheet,
}

/// A job added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobChange {
    pub kind: JobKind,
    pub id: String,
    /// The asset's kind, for a sheet.
    pub asset_kind: Option<String>,
    /// The stage it is in on the new side, else on the old.
    pub stage: String,
    pub status: Status,
    /// For a change, each field that differs; for an added or removed job, the model
    /// it runs on (or `status: approved`).
    pub reasons: Vec<Reason>,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    pub id: String,
    pub status: Status,
    pub figures: Figures,
}

/// The totals in the three cases, credits and money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalsChange {
    pub credits: Columns<Change>,
    /// `None` unless both sides have money in one currency.
    pub cost: Option<Columns<Change>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub totals: TotalsChange,
    /// Stages added, removed or changed, in the new plan's order, removed ones last.
    pub stages: Vec<StageChange>,
    /// Jobs added, removed or changed, in the new plan's order, removed ones last.
    pub jobs: Vec<JobChange>,
    /// Jobs on both sides with nothing changed.
    pub unchanged_jobs: usize,
}

impl Diff {
    pub fn count(&self, status: Status) -> usize {
        self.jobs.iter().filter(|job| job.status == status).count()
    }

    /// Whether money compares: both sides priced, in one currency.
    pub fn currency(&self) -> Option<&str> {
        self.totals
            .cost
            .map(|_| self.new.document.currency.as_str())
    }
}

/// What a job is on one side, with the fields a reason may name.
#[derive(Debug, Clone)]
pub(super) struct JobView<'d> {
    pub(super) kind: JobKind,
    pub(super) id: &'d str,
    pub(super) asset_kind: Option<&'d str>,
    pub(super) stage: &'d str,
    /// `None` for an approved shot, which runs on nothing more.
    pub(super) job: Option<&'d Job>,
    pub(super) amounts: Amounts,
}

/// A job's or stage's expected and worst credits and money on one side.
#[derive(Debug, Clone, Copy)]
pub(super) struct Amounts {
    credits: Decimal,
    credits_worst: Decimal,
    cost: Option<Decimal>,
    cost_worst: Option<Decimal>,
}

impl Amounts {
    /// What a side without the job or stage counts it at: nothing, in money too when
    /// that side is priced.
    fn absent(document: &PlanDocument) -> Amounts {
        let zero = document.price_per_credit.map(|_| Decimal::ZERO);
        Amounts {
            credits: Decimal::ZERO,
            credits_worst: Decimal::ZERO,
            cost: zero,
            cost_worst: zero,
        }
    }

    fn of_job(job: &Job) -> Amounts {
        let figures: &JobFigures = job.figures();
        Amounts {
            credits: job.credits().value(),
            credits_worst: figures.credits_worst.value(),
            cost: figures.cost.map(Fixed2::value),
            cost_worst: figures.cost_worst.map(Fixed2::value),
        }
    }

    fn of_stage(stage: &Stage) -> Amounts {
        Amounts {
            credits: stage.credits.value(),
            credits_worst: stage.credits_worst.value(),
            cost: stage.cost.map(Fixed2::value),
            cost_worst: stage.cost_worst.map(Fixed2::value),
        }
    }
}

type JobKey<'d> = (JobKind, Option<&'d str>, &'d str);

fn jobs(document: &PlanDocument) -> Vec<JobView<'_>> {
    let mut views = Vec::new();
    for stage in &document.stages {
        for job in &stage.jobs {
            let (kind, asset_kind) = match job {
                Job::Shot(_) => (JobKind::Shot, None),
                Job::Sheet(sheet) => (JobKind::Sheet, Some(sheet.asset_kind.as_str())),
            };
            views.push(JobView {
                kind,
                id: job.id(),
                asset_kind,
                stage: &stage.id,
                job: Some(job),
                amounts: Amounts::of_job(job),
            });
        }
        for id in &stage.approved_shots {
            views.push(JobView {
                kind: JobKind::Shot,
                id,
                asset_kind: None,
                stage: &stage.id,
                job: None,
                // Approved: it costs nothing more, as if it were not generated.
                amounts: Amounts::absent(document),
            });
        }
    }
    views
}

fn key<'d>(view: &JobView<'d>) -> JobKey<'d> {
    (view.kind, view.asset_kind, view.id)
}

/// Money compares only between two priced plans in one currency.
fn money(
    old: &PlanDocument,
    new: &PlanDocument,
    old_value: Option<Decimal>,
    new_value: Option<Decimal>,
) -> Option<Change> {
    if old.currency != new.currency {
        return None;
    }
    Some(Change {
        old: old_value?,
        new: new_value?,
    })
}

fn figures(
    documents: (&PlanDocument, &PlanDocument),
    old: Option<Amounts>,
    new: Option<Amounts>,
) -> Figures {
    let old = old.unwrap_or_else(|| Amounts::absent(documents.0));
    let new = new.unwrap_or_else(|| Amounts::absent(documents.1));
    Figures {
        expected: Change {
            old: old.credits,
            new: new.credits,
        },
        worst: Change {
            old: old.credits_worst,
            new: new.credits_worst,
        },
        cost_expected: money(documents.0, documents.1, old.cost, new.cost),
        cost_worst: money(documents.0, documents.1, old.cost_worst, new.cost_worst),
    }
}

/// A job on one side only.
fn one_sided(view: &JobView<'_>, status: Status, figures: Figures) -> JobChange {
    JobChange {
        kind: view.kind,
        id: view.id.to_owned(),
        asset_kind: view.asset_kind.map(str::to_owned),
        stage: view.stage.to_owned(),
        status,
        reasons: described(view, status),
        figures,
    }
}

/// Compares two plans.
pub fn diff(old: Side, new: Side) -> Diff {
    let documents = (&old.document, &new.document);
    let old_jobs = jobs(&old.document);
    let new_jobs = jobs(&new.document);
    let old_by_key: HashMap<JobKey<'_>, &JobView<'_>> =
        old_jobs.iter().map(|view| (key(view), view)).collect();
    let new_keys: HashSet<JobKey<'_>> = new_jobs.iter().map(key).collect();

    let mut job_changes = Vec::new();
    let mut unchanged_jobs = 0usize;
    for view in &new_jobs {
        let Some(before) = old_by_key.get(&key(view)) else {
            let figures = figures(documents, None, Some(view.amounts));
            job_changes.push(one_sided(view, Status::Added, figures));
            continue;
        };
        let figures = figures(documents, Some(before.amounts), Some(view.amounts));
        let mut reasons = reasons(before, view);
        if reasons.is_empty() && !figures.is_zero() {
            // Nothing the plan records explains it: a rate or price per credit the
            // plan JSON does not carry per job.
            reasons.push(Reason {
                field: "cost",
                old: format!("{:.2}", before.amounts.credits),
                new: format!("{:.2}", view.amounts.credits),
            });
        }
        if reasons.is_empty() {
            unchanged_jobs = unchanged_jobs.saturating_add(1);
        } else {
            job_changes.push(JobChange {
                kind: view.kind,
                id: view.id.to_owned(),
                asset_kind: view.asset_kind.map(str::to_owned),
                stage: view.stage.to_owned(),
                status: Status::Changed,
                reasons,
                figures,
            });
        }
    }
    for view in old_jobs
        .iter()
        .filter(|view| !new_keys.contains(&key(view)))
    {
        let figures = figures(documents, Some(view.amounts), None);
        job_changes.push(one_sided(view, Status::Removed, figures));
    }

    let stages = stage_changes(documents);
    let totals = totals(documents);
    Diff {
        old,
        new,
        totals,
        stages,
        jobs: job_changes,
        unchanged_jobs,
    }
}

fn stage_changes(documents: (&PlanDocument, &PlanDocument)) -> Vec<StageChange> {
    let (old, new) = documents;
    // Matched by id through maps: a series has a stage per segment, tens of thousands
    // at the shot cap, and a search per stage would make the diff quadratic.
    let old_by_id: HashMap<&str, &Stage> = old.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    let new_ids: HashSet<&str> = new.stages.iter().map(|s| s.id.as_str()).collect();
    let mut changes = Vec::new();
    for stage in &new.stages {
        let before = old_by_id.get(stage.id.as_str()).copied();
        let figures = figures(
            documents,
            before.map(Amounts::of_stage),
            Some(Amounts::of_stage(stage)),
        );
        let status = match before {
            None => Status::Added,
            Some(_) if !figures.is_zero() => Status::Changed,
            Some(_) => continue,
        };
        changes.push(StageChange {
            id: stage.id.clone(),
            status,
            figures,
        });
    }
    for stage in &old.stages {
        if !new_ids.contains(stage.id.as_str()) {
            changes.push(StageChange {
                id: stage.id.clone(),
                status: Status::Removed,
                figures: figures(documents, Some(Amounts::of_stage(stage)), None),
            });
        }
    }
    changes
}

fn totals(documents: (&PlanDocument, &PlanDocument)) -> TotalsChange {
    let (old, new) = documents;
    let column = |pick: fn(&Columns<Fixed2>) -> Fixed2| Change {
        old: pick(&old.totals.credits).value(),
        new: pick(&new.totals.credits).value(),
    };
    let cost_column = |pick: fn(&Columns<Option<Fixed2>>) -> Option<Fixed2>| {
        money(
            old,
            new,
            pick(&old.totals.cost).map(Fixed2::value),
            pick(&new.totals.cost).map(Fixed2::value),
        )
    };
    let cost = match (
        cost_column(|c| c.best),
        cost_column(|c| c.expected),
        cost_column(|c| c.worst),
    ) {
        (Some(best), Some(expected), Some(worst)) => Some(Columns {
            best,
            expected,
            worst,
        }),
        _ => None,
    };
    TotalsChange {
        credits: Columns {
            best: column(|c| c.best),
            expected: column(|c| c.expected),
            worst: column(|c| c.worst),
        },
        cost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_percentage_of_nothing_is_undefined() {
        let change = Change {
            old: Decimal::ZERO,
            new: dec("5"),
        };
        assert_eq!(change.percent(), None);
        let change = Change {
            old: dec("3566"),
            new: dec("3626"),
        };
        assert_eq!(change.percent().map(|p| p.round_dp(2)), Some(dec("1.68")));
    }
}
