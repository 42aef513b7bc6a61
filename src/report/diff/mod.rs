//! `shotlist diff` renderers, one per format, and the phrases they share. They only
//! format: every figure comes from [`crate::diff::Diff`].

pub mod human;
pub mod json;
pub mod markdown;

use rust_decimal::Decimal;

use super::human::plural;
use super::plan::{credits, fixed2, money};
use crate::diff::{Change, Diff, JobChange, JobKind, Side, Status, Threshold};

/// A change with its sign: `+60.00`, `-45.00`, and `0.00` for one that rounds to
/// nothing.
pub fn signed(value: Decimal) -> String {
    let text = credits(value);
    if value > Decimal::ZERO && fixed2(value) != "0.00" {
        format!("+{text}")
    } else {
        text
    }
}

/// A change of money with its sign: `+$0.60`, `-$0.45`, `+0.60 EUR`.
pub fn signed_money(value: Decimal, currency: &str) -> String {
    let text = money(value, currency);
    if value > Decimal::ZERO && fixed2(value) != "0.00" {
        format!("+{text}")
    } else {
        text
    }
}

/// The change as a share of the old figure: `+1.68%`; `new` from nothing.
pub fn percent(change: Change) -> String {
    match change.percent() {
        Some(percent) => format!("{}%", signed(percent)),
        None if change.is_zero() => "0.00%".to_owned(),
        None => "new".to_owned(),
    }
}

/// `examples/lighthouse.yaml (spec)`, `plan.json (plan JSON)`.
pub fn label(side: &Side) -> String {
    let kind = if side.from_spec { "spec" } else { "plan JSON" };
    format!("{} ({kind})", side.name)
}

/// `3,566.00 → 3,626.00 (+60.00)`.
pub fn arrow(change: Change) -> String {
    format!(
        "{} → {} ({})",
        credits(change.old),
        credits(change.new),
        signed(change.delta())
    )
}

/// What a job is: `shot`, or `character sheet`.
pub fn kind(job: &JobChange) -> String {
    match (job.kind, &job.asset_kind) {
        (JobKind::Shot, _) => "shot".to_owned(),
        (JobKind::Sheet, Some(asset_kind)) => format!("{asset_kind} sheet"),
        (JobKind::Sheet, None) => "sheet".to_owned(),
    }
}

/// What changed in a job: `model veo-3.1 → veo-3.1-fast; takes 3 → 4`; for an added or
/// removed job, what it runs on.
pub fn what_changed(job: &JobChange) -> String {
    match job.status {
        Status::Added | Status::Removed => {
            // What it runs on, on the side that has it.
            let on: Vec<&str> = job
                .reasons
                .iter()
                .map(|r| {
                    if r.new.is_empty() {
                        r.old.as_str()
                    } else {
                        r.new.as_str()
                    }
                })
                .collect();
            format!("{}: {}", job.status.name(), on.join(", "))
        }
        Status::Changed => job
            .reasons
            .iter()
            .map(|r| format!("{} {} → {}", r.field, r.old, r.new))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The job's figures: `expected -300.00, worst -500.00, -$3.00`.
pub fn job_figures(job: &JobChange, currency: Option<&str>) -> String {
    let mut text = format!(
        "expected {}, worst {}",
        signed(job.figures.expected.delta()),
        signed(job.figures.worst.delta())
    );
    if let (Some(currency), Some(cost)) = (currency, job.figures.cost_expected) {
        text.push_str(&format!(", {}", signed_money(cost.delta(), currency)));
    }
    text
}

/// The one-line summary that leads every format.
pub fn summary_line(diff: &Diff) -> String {
    let expected = diff.totals.credits.expected;
    let worst = diff.totals.credits.worst;
    let cost = diff.totals.cost.map(|cost| cost.expected);
    let currency = diff.currency().unwrap_or_default();
    if diff.jobs.is_empty() && diff.stages.is_empty() && expected.is_zero() && worst.is_zero() {
        let money = cost.map_or(String::new(), |cost| {
            format!(" ({})", money(cost.new, currency))
        });
        return format!(
            "Diff: no change — expected {} credits{money}, worst {}; {} the same",
            credits(expected.new),
            credits(worst.new),
            plural(diff.unchanged_jobs, "job")
        );
    }
    let money = cost.map_or(String::new(), |cost| {
        format!(
            ", {} → {}",
            money(cost.old, currency),
            money(cost.new, currency)
        )
    });
    // "1 job added, 2 changed": the noun once, with the first count.
    let mut counts: Vec<String> = Vec::new();
    for status in [Status::Added, Status::Removed, Status::Changed] {
        let count = diff.count(status);
        if count == 0 {
            continue;
        }
        counts.push(if counts.is_empty() {
            format!("{} {}", plural(count, "job"), status.name())
        } else {
            format!("{count} {}", status.name())
        });
    }
    let counts = if counts.is_empty() {
        "no job changed".to_owned()
    } else {
        counts.join(", ")
    };
    format!(
        "Diff: expected {} → {} credits ({}, {}){money}; worst {} → {} ({}) — {counts}",
        credits(expected.old),
        credits(expected.new),
        signed(expected.delta()),
        percent(expected),
        credits(worst.old),
        credits(worst.new),
        signed(worst.delta()),
    )
}

/// The verdict of `--fail-above`: the change measured as the limit is, and whether it
/// is more than the limit.
pub fn threshold_line(diff: &Diff, threshold: &Threshold, exceeded: bool) -> String {
    let expected = diff.totals.credits.expected;
    let change = match threshold {
        Threshold::Credits(_) => format!("{} credits", signed(expected.delta())),
        Threshold::Percent(_) => percent(expected),
        Threshold::Money { currency, .. } => diff.totals.cost.map_or_else(String::new, |cost| {
            signed_money(cost.expected.delta(), currency)
        }),
    };
    let verdict = if exceeded {
        "more than the limit"
    } else {
        "within the limit"
    };
    format!("--fail-above {threshold}: the expected cost changed by {change}, {verdict}")
}
