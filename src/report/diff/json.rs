//! The diff as JSON: the [diff document](crate::document::diff).

use super::summary_line;
use crate::diff::{Change, Diff, Figures, JobChange, JobKind, Side, Status, Threshold};
use crate::document::decimal::Fixed2;
use crate::document::diff as document;
use crate::document::plan::{Columns, SCHEMA_VERSION};

fn change(change: Change) -> document::Change {
    document::Change {
        old: Fixed2::new(change.old),
        new: Fixed2::new(change.new),
        change: Fixed2::new(change.delta()),
        percent: change.percent().map(Fixed2::new),
    }
}

fn figures(figures: &Figures) -> document::Figures {
    document::Figures {
        credits: document::Pair {
            expected: change(figures.expected),
            worst: change(figures.worst),
        },
        cost: document::Pair {
            expected: figures.cost_expected.map(change),
            worst: figures.cost_worst.map(change),
        },
    }
}

fn side(side: &Side) -> document::Side {
    document::Side {
        file: side.name.clone(),
        kind: if side.from_spec {
            document::SideKind::Spec
        } else {
            document::SideKind::Plan
        },
        title: side.document.title.clone(),
        currency: side.document.currency.clone(),
    }
}

fn status(status: Status) -> document::Status {
    match status {
        Status::Added => document::Status::Added,
        Status::Removed => document::Status::Removed,
        Status::Changed => document::Status::Changed,
    }
}

fn job(job: &JobChange) -> document::JobChange {
    document::JobChange {
        kind: match job.kind {
            JobKind::Shot => document::JobKind::Shot,
            JobKind::Sheet => document::JobKind::Sheet,
        },
        id: job.id.clone(),
        asset_kind: job.asset_kind.clone(),
        stage: job.stage.clone(),
        status: status(job.status),
        changes: job
            .reasons
            .iter()
            .map(|reason| document::Reason {
                field: reason.field.to_owned(),
                old: reason.old.clone(),
                new: reason.new.clone(),
            })
            .collect(),
        figures: figures(&job.figures),
    }
}

fn columns(columns: Columns<Change>) -> Columns<document::Change> {
    columns.map(change)
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    let totals = &diff.totals;
    let document = document::DiffDocument {
        schema_version: SCHEMA_VERSION,
        summary: summary_line(diff),
        old: side(&diff.old),
        new: side(&diff.new),
        totals: document::Totals {
            credits: columns(totals.credits),
            cost: totals.cost.map(|cost| {
                let cost = columns(cost);
                document::CostTotals {
                    currency: diff.currency().unwrap_or_default().to_owned(),
                    best: cost.best,
                    expected: cost.expected,
                    worst: cost.worst,
                }
            }),
        },
        stages: diff
            .stages
            .iter()
            .map(|stage| document::StageChange {
                id: stage.id.clone(),
                status: status(stage.status),
                figures: figures(&stage.figures),
            })
            .collect(),
        jobs: diff.jobs.iter().map(job).collect(),
        unchanged_jobs: diff.unchanged_jobs,
        fail_above: threshold.map(|(threshold, exceeded)| document::FailAbove {
            limit: threshold.to_string(),
            exceeded,
        }),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
