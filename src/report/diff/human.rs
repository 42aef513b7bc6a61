//! The diff for a terminal: the summary, both sides, the totals, the stages that
//! changed, and one line per job added, removed or changed, with why.

use super::{
    arrow, job_figures, kind, label, percent, signed, signed_money, summary_line, threshold_line,
    what_changed,
};
use crate::diff::{Diff, Status, Threshold};
use crate::report::Style;
use crate::report::plan::human::{table, without_trailing_blanks};
use crate::report::plan::{credits, money};
use crate::report::printable::printable;

fn marker(status: Status) -> char {
    match status {
        Status::Added => '+',
        Status::Removed => '-',
        Status::Changed => '~',
    }
}

/// Control characters from the spec come out escaped (see [`printable`]).
pub fn render(diff: &Diff, threshold: Option<(&Threshold, bool)>, style: Style) -> String {
    printable(&render_unescaped(diff, threshold, style)).into_owned()
}

fn render_unescaped(diff: &Diff, threshold: Option<(&Threshold, bool)>, style: Style) -> String {
    let mut out = format!(
        "{}\nold: {}\nnew: {}\n\n",
        summary_line(diff),
        label(&diff.old),
        label(&diff.new)
    );
    let mut totals = table(style, &["total", "old", "new", "change"], 1);
    let credits_rows = [
        ("expected credits", diff.totals.credits.expected),
        ("worst credits", diff.totals.credits.worst),
        ("best credits", diff.totals.credits.best),
    ];
    for (name, change) in credits_rows {
        totals.add_row([
            name.to_owned(),
            credits(change.old),
            credits(change.new),
            format!("{} ({})", signed(change.delta()), percent(change)),
        ]);
    }
    if let (Some(cost), Some(currency)) = (diff.totals.cost, diff.currency()) {
        for (name, change) in [
            ("expected cost", cost.expected),
            ("worst cost", cost.worst),
            ("best cost", cost.best),
        ] {
            totals.add_row([
                name.to_owned(),
                money(change.old, currency),
                money(change.new, currency),
                signed_money(change.delta(), currency),
            ]);
        }
    }
    out.push_str(&format!("{totals}\n"));

    if !diff.stages.is_empty() {
        let mut stages = table(style, &["stage", "", "expected", "worst", "cost"], 2);
        for stage in &diff.stages {
            let cost = match (stage.figures.cost_expected, diff.currency()) {
                (Some(cost), Some(currency)) => signed_money(cost.delta(), currency),
                _ => String::new(),
            };
            stages.add_row([
                stage.id.clone(),
                stage.status.name().to_owned(),
                arrow(stage.figures.expected),
                signed(stage.figures.worst.delta()),
                cost,
            ]);
        }
        out.push_str(&format!("\nStages\n{stages}\n"));
    }

    if !diff.jobs.is_empty() {
        out.push_str("\nJobs\n");
        for job in &diff.jobs {
            out.push_str(&format!(
                "  {} {} ({}, {}): {} — {}\n",
                marker(job.status),
                job.id,
                kind(job),
                job.stage,
                what_changed(job),
                job_figures(job, diff.currency())
            ));
        }
    }
    if diff.unchanged_jobs > 0 && !diff.jobs.is_empty() {
        out.push_str(&format!(
            "  and {} unchanged\n",
            crate::report::human::plural(diff.unchanged_jobs, "job")
        ));
    }
    if let Some((threshold, exceeded)) = threshold {
        out.push_str(&format!(
            "\n{}\n",
            threshold_line(diff, threshold, exceeded)
        ));
    }
    without_trailing_blanks(&out)
}
