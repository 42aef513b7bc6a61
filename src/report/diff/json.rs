//! The diff as JSON: figures as strings with two decimals, as in the plan JSON; money
//! `null` unless both plans are priced in one currency.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::summary_line;
use crate::diff::{Change, Diff, Figures, JobChange, JobKind, Side, Threshold};
use crate::report::plan::fixed2;

fn decimal(value: Decimal) -> Value {
    Value::String(fixed2(value))
}

fn change(change: Change) -> Value {
    json!({
        "old": decimal(change.old),
        "new": decimal(change.new),
        "change": decimal(change.delta()),
        "percent": change.percent().map_or(Value::Null, decimal),
    })
}

fn optional(value: Option<Change>) -> Value {
    value.map_or(Value::Null, change)
}

fn figures(figures: &Figures) -> Value {
    json!({
        "credits": {"expected": change(figures.expected), "worst": change(figures.worst)},
        "cost": {
            "expected": optional(figures.cost_expected),
            "worst": optional(figures.cost_worst),
        },
    })
}

fn side(side: &Side) -> Value {
    json!({
        "file": side.name,
        "kind": if side.from_spec { "spec" } else { "plan" },
        "title": side.document.title,
        "currency": side.document.currency,
    })
}

fn job(job: &JobChange) -> Value {
    let mut value = json!({
        "kind": match job.kind { JobKind::Shot => "shot", JobKind::Sheet => "sheet" },
        "id": job.id,
        "asset_kind": job.asset_kind,
        "stage": job.stage,
        "status": job.status.name(),
        "changes": job.reasons.iter().map(|reason| json!({
            "field": reason.field,
            "old": reason.old,
            "new": reason.new,
        })).collect::<Vec<_>>(),
    });
    if let (Value::Object(object), Value::Object(figures)) = (&mut value, figures(&job.figures)) {
        object.extend(figures);
    }
    value
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    let totals = &diff.totals;
    let document = json!({
        "schema_version": 1,
        "summary": summary_line(diff),
        "old": side(&diff.old),
        "new": side(&diff.new),
        "totals": {
            "credits": {
                "best": change(totals.credits.best),
                "expected": change(totals.credits.expected),
                "worst": change(totals.credits.worst),
            },
            "cost": totals.cost.map_or(Value::Null, |cost| json!({
                "currency": diff.currency(),
                "best": change(cost.best),
                "expected": change(cost.expected),
                "worst": change(cost.worst),
            })),
        },
        "stages": diff.stages.iter().map(|stage| {
            let mut value = json!({"id": stage.id, "status": stage.status.name()});
            if let (Value::Object(object), Value::Object(figures)) = (&mut value, figures(&stage.figures)) {
                object.extend(figures);
            }
            value
        }).collect::<Vec<_>>(),
        "jobs": diff.jobs.iter().map(job).collect::<Vec<_>>(),
        "unchanged_jobs": diff.unchanged_jobs,
        "fail_above": threshold.map_or(Value::Null, |(threshold, exceeded)| json!({
            "limit": threshold.to_string(),
            "exceeded": exceeded,
        })),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
