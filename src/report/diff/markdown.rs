//! The diff as Markdown for a pull-request comment: the summary, a table of totals,
//! the stages that changed, and the jobs added, removed or changed, with why.

use super::{
    arrow, kind, label, percent, signed, signed_money, summary_line, threshold_line, what_changed,
};
use crate::diff::{Diff, Threshold};
use crate::report::human::plural;
use crate::report::plan::{credits, money};
use crate::report::printable::printable;

/// Escapes text for a table cell: a `|` would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Control characters from the spec come out escaped (see [`printable`]).
pub fn render(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    printable(&render_unescaped(diff, threshold)).into_owned()
}

fn render_unescaped(diff: &Diff, threshold: Option<(&Threshold, bool)>) -> String {
    let title = &diff.new.document.title;
    let mut out = format!(
        "### shotlist diff: {}\n\n**{}**\n\nOld: `{}` · new: `{}`\n\n| | old | new | change |\n|---|---:|---:|---:|\n",
        cell(title),
        cell(&summary_line(diff)),
        cell(&label(&diff.old)),
        cell(&label(&diff.new)),
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
                cell(&money(change.old, currency)),
                cell(&money(change.new, currency)),
                cell(&signed_money(change.delta(), currency)),
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
                "| `{}` | {} | {} | {} | {} |\n",
                cell(&stage.id),
                stage.status.name(),
                arrow(stage.figures.expected),
                signed(stage.figures.worst.delta()),
                cell(&cost),
            ));
        }
    }
    if !diff.jobs.is_empty() {
        out.push_str("\n#### Jobs\n\n| job | | stage | what changed | expected | worst |\n|---|---|---|---|---:|---:|\n");
        for job in &diff.jobs {
            out.push_str(&format!(
                "| `{}` | {} | `{}` | {} | {} | {} |\n",
                cell(&job.id),
                kind(job),
                cell(&job.stage),
                cell(&what_changed(job)),
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
            cell(&threshold_line(diff, threshold, exceeded))
        ));
    }
    out
}
