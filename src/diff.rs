//! `shotlist diff`: what changed in cost between two plans, and why.
//!
//! Both sides are plan JSON documents, the contract `shotlist plan --format json`
//! writes: a spec is planned and put in that form first, so a spec and the plan JSON
//! written from it compare equal, and every figure is compared as the plan shows it,
//! to the cent. Jobs are matched by shot id, or by asset kind and id for sheets.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

/// One side of a diff: a plan JSON document and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The file as the user named it.
    pub name: String,
    /// Whether it was a spec (planned for the diff) or a plan JSON file.
    pub from_spec: bool,
    pub document: PlanDocument,
}

/// A plan as `shotlist plan --format json` writes it: the fields a diff reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PlanDocument {
    pub schema_version: u32,
    #[serde(default)]
    pub title: Option<String>,
    pub currency: String,
    pub price_per_credit: Option<Decimal>,
    pub totals: DocumentTotals,
    pub stages: Vec<DocumentStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DocumentTotals {
    pub credits: Columns<Decimal>,
    pub cost: Columns<Option<Decimal>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Columns<T> {
    pub best: T,
    pub expected: T,
    pub worst: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DocumentStage {
    pub id: String,
    pub credits: Decimal,
    pub credits_worst: Decimal,
    #[serde(default)]
    pub cost: Option<Decimal>,
    /// Absent from plans written before it was added.
    #[serde(default)]
    pub cost_worst: Option<Decimal>,
    pub jobs: Vec<DocumentJob>,
    #[serde(default)]
    pub approved_shots: Vec<String>,
}

/// A sheet or shot job; the fields of the other kind are absent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DocumentJob {
    #[serde(default)]
    pub shot: Option<String>,
    #[serde(default)]
    pub asset: Option<String>,
    #[serde(default)]
    pub asset_kind: Option<String>,
    pub model: String,
    #[serde(default)]
    pub resolution: Option<String>,
    /// JSON numbers, fractional from a yield: kept as their text, never a float.
    #[serde(default)]
    pub takes: Option<serde_json::Number>,
    #[serde(default)]
    pub takes_worst: Option<serde_json::Number>,
    #[serde(default)]
    pub duration: Option<Decimal>,
    #[serde(default)]
    pub needed_seconds: Option<Decimal>,
    #[serde(default)]
    pub audio: Option<bool>,
    #[serde(default)]
    pub addons: Option<Vec<String>>,
    #[serde(default)]
    pub credits_per_take: Option<Decimal>,
    #[serde(default)]
    pub rounds: Option<u32>,
    #[serde(default)]
    pub options: Option<u32>,
    #[serde(default)]
    pub credits_per_image: Option<Decimal>,
    pub credits: Decimal,
    pub credits_worst: Decimal,
    #[serde(default)]
    pub cost: Option<Decimal>,
    #[serde(default)]
    pub cost_worst: Option<Decimal>,
}

impl PlanDocument {
    /// Reads a plan JSON document; `Err` says what is missing or malformed.
    pub fn from_value(value: serde_json::Value) -> Result<PlanDocument, String> {
        let document: PlanDocument =
            serde_json::from_value(value).map_err(|error| error.to_string())?;
        if document.schema_version != 1 {
            return Err(format!(
                "plan schema_version {} is not one this shotlist reads (1)",
                document.schema_version
            ));
        }
        Ok(document)
    }
}

/// Whether `text` is a plan JSON document rather than a spec: a JSON object with a
/// `schema_version`, which no spec has (a spec written as JSON has `version`).
pub fn looks_like_plan(text: &str) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("schema_version")?;
    Some(value)
}

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
struct JobView<'d> {
    kind: JobKind,
    id: &'d str,
    asset_kind: Option<&'d str>,
    stage: &'d str,
    /// `None` for an approved shot, which runs on nothing more.
    job: Option<&'d DocumentJob>,
    amounts: Amounts,
}

/// A job's or stage's expected and worst credits and money on one side.
#[derive(Debug, Clone, Copy)]
struct Amounts {
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

    fn of_job(job: &DocumentJob) -> Amounts {
        Amounts {
            credits: job.credits,
            credits_worst: job.credits_worst,
            cost: job.cost,
            cost_worst: job.cost_worst,
        }
    }

    fn of_stage(stage: &DocumentStage) -> Amounts {
        Amounts {
            credits: stage.credits,
            credits_worst: stage.credits_worst,
            cost: stage.cost,
            cost_worst: stage.cost_worst,
        }
    }
}

type JobKey<'d> = (JobKind, Option<&'d str>, &'d str);

fn jobs(document: &PlanDocument) -> Vec<JobView<'_>> {
    let mut views = Vec::new();
    for stage in &document.stages {
        for job in &stage.jobs {
            let (kind, id) = match (&job.shot, &job.asset) {
                (Some(shot), _) => (JobKind::Shot, shot.as_str()),
                (None, Some(asset)) => (JobKind::Sheet, asset.as_str()),
                (None, None) => continue,
            };
            views.push(JobView {
                kind,
                id,
                asset_kind: job.asset_kind.as_deref(),
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
    (
        view.kind,
        view.asset_kind.filter(|_| view.kind == JobKind::Sheet),
        view.id,
    )
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

fn text<T: std::fmt::Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map_or_else(|| "—".to_owned(), ToString::to_string)
}

/// Seconds as the plan's reports show them: `5s`, `7.5s`.
fn seconds(value: &Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), |s| format!("{}s", s.normalize()))
}

/// Credits as in the plan JSON, two places.
fn credits(value: &Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), |c| format!("{c:.2}"))
}

fn reason(reasons: &mut Vec<Reason>, field: &'static str, old: String, new: String) {
    if old != new {
        reasons.push(Reason { field, old, new });
    }
}

/// The fields that differ between two versions of a job, most telling first. A
/// consequence is named only without its cause: worst takes when the takes did not
/// change, needed seconds when neither the duration nor the model did, a rate when
/// nothing that sets it did.
fn reasons(old: &JobView<'_>, new: &JobView<'_>) -> Vec<Reason> {
    let mut out = Vec::new();
    let status = |view: &JobView<'_>| match (view.kind, view.job) {
        (JobKind::Shot, None) => "approved",
        _ => "planned",
    };
    reason(&mut out, "status", status(old).into(), status(new).into());
    reason(&mut out, "stage", old.stage.into(), new.stage.into());
    let (Some(before), Some(after)) = (old.job, new.job) else {
        return out;
    };
    // A field of the job as both sides print it, named when they differ.
    let mut compare = |field: &'static str, show: &dyn Fn(&DocumentJob) -> String| {
        reason(&mut out, field, show(before), show(after));
    };
    let model_changed = before.model != after.model;
    compare("model", &|job| job.model.clone());
    match old.kind {
        JobKind::Shot => {
            compare("resolution", &|job| text(&job.resolution));
            compare("duration", &|job| seconds(&job.duration));
            compare("takes", &|job| text(&job.takes));
            if before.takes == after.takes {
                compare("worst takes", &|job| text(&job.takes_worst));
            }
            compare("audio", &|job| text(&job.audio));
            compare("addons", &|job| {
                job.addons.as_ref().map_or_else(
                    || "—".to_owned(),
                    |addons| format!("[{}]", addons.join(", ")),
                )
            });
            if !model_changed && before.duration == after.duration {
                compare("needed seconds", &|job| seconds(&job.needed_seconds));
            }
            let rate_set_elsewhere = model_changed
                || before.resolution != after.resolution
                || before.duration != after.duration
                || before.audio != after.audio
                || before.addons != after.addons
                || before.needed_seconds != after.needed_seconds;
            if !rate_set_elsewhere {
                compare("credits per take", &|job| credits(&job.credits_per_take));
            }
        }
        JobKind::Sheet => {
            compare("rounds", &|job| text(&job.rounds));
            compare("options", &|job| text(&job.options));
            if !model_changed {
                compare("credits per image", &|job| credits(&job.credits_per_image));
            }
        }
    }
    out
}

/// What an added or removed job is: its model (and resolution), or that it is
/// approved, on the side that has it.
fn described(view: &JobView<'_>, status: Status) -> Vec<Reason> {
    let what = match view.job {
        None => "approved".to_owned(),
        Some(job) => match &job.resolution {
            Some(resolution) => format!("{} {resolution}", job.model),
            None => job.model.clone(),
        },
    };
    let (old, new) = match status {
        Status::Removed => (what, String::new()),
        Status::Added | Status::Changed => (String::new(), what),
    };
    let field = if view.job.is_some() {
        "model"
    } else {
        "status"
    };
    vec![Reason { field, old, new }]
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
        match old_by_key.get(&key(view)) {
            None => job_changes.push(JobChange {
                kind: view.kind,
                id: view.id.to_owned(),
                asset_kind: view.asset_kind.map(str::to_owned),
                stage: view.stage.to_owned(),
                status: Status::Added,
                reasons: described(view, Status::Added),
                figures: figures(documents, None, Some(view.amounts)),
            }),
            Some(before) => {
                let figures = figures(documents, Some(before.amounts), Some(view.amounts));
                let mut reasons = reasons(before, view);
                if reasons.is_empty() && !figures.is_zero() {
                    // Nothing the plan records explains it: a rate or price per credit
                    // the plan JSON does not carry per job.
                    reasons.push(Reason {
                        field: "cost",
                        old: credits(&Some(before.amounts.credits)),
                        new: credits(&Some(view.amounts.credits)),
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
        }
    }
    for view in old_jobs
        .iter()
        .filter(|view| !new_keys.contains(&key(view)))
    {
        job_changes.push(JobChange {
            kind: view.kind,
            id: view.id.to_owned(),
            asset_kind: view.asset_kind.map(str::to_owned),
            stage: view.stage.to_owned(),
            status: Status::Removed,
            reasons: described(view, Status::Removed),
            figures: figures(documents, Some(view.amounts), None),
        });
    }

    let mut stage_changes = Vec::new();
    for stage in &new.document.stages {
        let before = old.document.stages.iter().find(|s| s.id == stage.id);
        let figures = figures(
            documents,
            before.map(Amounts::of_stage),
            Some(Amounts::of_stage(stage)),
        );
        match before {
            None => stage_changes.push(StageChange {
                id: stage.id.clone(),
                status: Status::Added,
                figures,
            }),
            Some(_) if !figures.is_zero() => stage_changes.push(StageChange {
                id: stage.id.clone(),
                status: Status::Changed,
                figures,
            }),
            Some(_) => {}
        }
    }
    for stage in &old.document.stages {
        if !new.document.stages.iter().any(|s| s.id == stage.id) {
            stage_changes.push(StageChange {
                id: stage.id.clone(),
                status: Status::Removed,
                figures: figures(documents, Some(Amounts::of_stage(stage)), None),
            });
        }
    }

    let column = |pick: fn(&Columns<Decimal>) -> Decimal| Change {
        old: pick(&old.document.totals.credits),
        new: pick(&new.document.totals.credits),
    };
    let cost_column = |pick: fn(&Columns<Option<Decimal>>) -> Option<Decimal>| {
        money(
            documents.0,
            documents.1,
            pick(&old.document.totals.cost),
            pick(&new.document.totals.cost),
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
    let totals = TotalsChange {
        credits: Columns {
            best: column(|c| c.best),
            expected: column(|c| c.expected),
            worst: column(|c| c.worst),
        },
        cost,
    };
    Diff {
        old,
        new,
        totals,
        stages: stage_changes,
        jobs: job_changes,
        unchanged_jobs,
    }
}

/// The `--fail-above` limit on a rise of the expected cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Threshold {
    /// A number of credits: `50`.
    Credits(Decimal),
    /// Money with a currency sign or code: `$12.50`, `€8`, `£3`, `12.50 EUR`.
    Money { amount: Decimal, currency: String },
    /// A share of the old expected credits: `10%`.
    Percent(Decimal),
}

/// Currency signs `--fail-above` reads, and their ISO codes.
const CURRENCY_SIGNS: [(char, &str); 4] = [('$', "USD"), ('€', "EUR"), ('£', "GBP"), ('¥', "JPY")];

impl FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let number = |digits: &str| -> Result<Decimal, String> {
            let value = Decimal::from_str_exact(digits.trim()).map_err(|_| {
                format!(
                    "`{trimmed}` is not a limit: write credits (`50`), money (`$12.50`, `12.50 EUR`) or a percentage (`10%`)"
                )
            })?;
            if value.is_sign_negative() {
                return Err(format!(
                    "`{trimmed}` is negative; a limit on a rise is 0 or more"
                ));
            }
            Ok(value)
        };
        if let Some(percent) = trimmed.strip_suffix('%') {
            return number(percent).map(Threshold::Percent);
        }
        for (sign, currency) in CURRENCY_SIGNS {
            if let Some(amount) = trimmed.strip_prefix(sign) {
                return Ok(Threshold::Money {
                    amount: number(amount)?,
                    currency: currency.to_owned(),
                });
            }
        }
        if let Some((amount, code)) = trimmed.rsplit_once(' ')
            && code.len() == 3
            && code.bytes().all(|b| b.is_ascii_uppercase())
        {
            return Ok(Threshold::Money {
                amount: number(amount)?,
                currency: code.to_owned(),
            });
        }
        number(trimmed).map(Threshold::Credits)
    }
}

/// The limit as it was written, its digits kept: `19.99 credits`, `$0.20`, `12.50 GBP`,
/// `10%`.
impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Threshold::Credits(amount) => write!(f, "{amount} credits"),
            Threshold::Money { amount, currency } => {
                match CURRENCY_SIGNS.iter().find(|(_, code)| code == currency) {
                    Some((sign, _)) => write!(f, "{sign}{amount}"),
                    None => write!(f, "{amount} {currency}"),
                }
            }
            Threshold::Percent(percent) => write!(f, "{percent}%"),
        }
    }
}

impl Threshold {
    /// Whether the expected cost rose by more than the limit: a rise equal to it passes.
    /// A percentage is of the old expected credits, and any rise from nothing passes
    /// every percentage. `Err` when money cannot be compared: a side without a price
    /// per credit, or a currency other than the limit's.
    pub fn exceeded_by(&self, diff: &Diff) -> Result<bool, String> {
        let expected = diff.totals.credits.expected;
        match self {
            Threshold::Credits(limit) => Ok(expected.delta() > *limit),
            Threshold::Percent(limit) => {
                if expected.old.is_zero() {
                    return Ok(expected.delta() > Decimal::ZERO);
                }
                // rise / old > limit / 100, cross-multiplied so nothing is divided.
                let rise = expected.delta().checked_mul(Decimal::ONE_HUNDRED);
                let allowed = limit.checked_mul(expected.old);
                match (rise, allowed) {
                    (Some(rise), Some(allowed)) => Ok(rise > allowed),
                    _ => Err("the figures are too large to compare exactly".to_owned()),
                }
            }
            Threshold::Money { amount, currency } => {
                let cost = diff.totals.cost.ok_or_else(|| {
                    "the plans do not both have a price per credit in one currency; give --fail-above in credits or as a percentage".to_owned()
                })?;
                let priced_in = &diff.new.document.currency;
                if priced_in != currency {
                    return Err(format!(
                        "--fail-above is in {currency} but the plans are priced in {priced_in}"
                    ));
                }
                Ok(cost.expected.delta() > *amount)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn thresholds_parse_credits_money_and_percentages() {
        assert_eq!("50".parse(), Ok(Threshold::Credits(dec("50"))));
        assert_eq!(" 12.5 ".parse(), Ok(Threshold::Credits(dec("12.5"))));
        assert_eq!("10%".parse(), Ok(Threshold::Percent(dec("10"))));
        assert_eq!(
            "$12.50".parse(),
            Ok(Threshold::Money {
                amount: dec("12.50"),
                currency: "USD".into()
            })
        );
        assert_eq!(
            "€8".parse(),
            Ok(Threshold::Money {
                amount: dec("8"),
                currency: "EUR".into()
            })
        );
        assert_eq!(
            "12.50 GBP".parse(),
            Ok(Threshold::Money {
                amount: dec("12.50"),
                currency: "GBP".into()
            })
        );
        for bad in ["", "-5", "ten", "$", "5 credits", "1e3", "%"] {
            assert!(bad.parse::<Threshold>().is_err(), "{bad:?}");
        }
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

    #[test]
    fn only_json_with_a_schema_version_is_a_plan() {
        assert!(looks_like_plan("{\"schema_version\": 1}").is_some());
        assert!(looks_like_plan("{\"version\": 1}").is_none());
        assert!(looks_like_plan("version: 1\n").is_none());
        assert!(looks_like_plan("{version: 1}").is_none());
    }
}
