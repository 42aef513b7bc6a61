//! The diff as Markdown for a pull-request comment: the summary, a table of totals,
//! the stages that changed, and the jobs added, removed or changed, with why.

use super::{
    arrow, kind, label, percent, signed, signed_money, summary_line, threshold_line, what_changed,
};
use crate::diff::{Diff, Threshold};
use crate::report::human::plural;
use crate::report::markdown;
use crate::report::plan::{credits, money};
use crate::report::printable::printable;

/// Control characters from the spec come out escaped (see [`printable`]).
pub fn render(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    printable(&render_unescaped(diff, threshold)).into_owned()
}

fn render_unescaped(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    let title = &diff.new.document.title;
    let mut out = format!(
        "### shotlist diff: {}\n\n**{}**\n\nOld: {} · new: {}\n\n| | old | new | change |\n|---|---:|---:|---:|\n",
        markdown::text(title),
        markdown::cell(&summary_line(diff)),
        markdown::code(&label(&diff.old)),
        markdown::code(&label(&diff.new)),
    );
    for (name, change) in [
        ("expected credits", diff.totals.credits.expected),
        ("worst credits", diff.totals.credits.worst),
    ] {
        out.push_str(&format!(
            "| {name} | {} | {} | {} ({}) |\n",
            credits(change.old),
            credits(change.new),
            signed(change.delta()),
            percent(change)
        ));
    }
    if let (Some(cost), Some(currency)) = (diff.totals.cost, diff.currency()) {
        for (name, change) in [("expected cost", cost.expected), ("worst cost", cost.worst)] {
            out.push_str(&format!(
                "| {name} | {} | {} | {} |\n",
                markdown::cell(&money(change.old, currency)),
                markdown::cell(&money(change.new, currency)),
                markdown::cell(&signed_money(change.delta(), currency)),
            ));
        }
    }
    if !diff.stages.is_empty() {
        out.push_str(
            "\n#### Stages\n\n| stage | | expected | worst | cost |\n|---|---|---:|---:|---:|\n",
        );
        for stage in &diff.stages {
            let cost = match (stage.figures.cost_expected, diff.currency()) {
                (Some(cost), Some(currency)) => signed_money(cost.delta(), currency),
                _ => String::new(),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                markdown::code(&stage.id),
                stage.status.name(),
                arrow(stage.figures.expected),
                signed(stage.figures.worst.delta()),
                markdown::cell(&cost),
            ));
        }
    }
    if !diff.jobs.is_empty() {
        out.push_str("\n#### Jobs\n\n| job | | stage | what changed | expected | worst |\n|---|---|---|---|---:|---:|\n");
        for job in &diff.jobs {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                markdown::code(&job.id),
                kind(job),
                markdown::code(&job.stage),
                markdown::cell(&what_changed(job)),
                signed(job.figures.expected.delta()),
                signed(job.figures.worst.delta()),
            ));
        }
        if diff.unchanged_jobs > 0 {
            out.push_str(&format!(
                "\nAnd {} unchanged.\n",
                plural(diff.unchanged_jobs, "job")
            ));
        }
    }
    if let Some((threshold, exceeded)) = threshold {
        let mark = if exceeded { "**Over the limit.** " } else { "" };
        out.push_str(&format!(
            "\n> {mark}{}\n",
            markdown::cell(&threshold_line(diff, threshold, exceeded))
        ));
    }
    out
}
