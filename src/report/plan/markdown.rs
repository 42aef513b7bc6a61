//! The plan as Markdown for a pull-request comment: the summary, the totals, a table
//! of stages and gates, a mermaid gantt of the stages in credit order, and the jobs
//! folded away under a `<details>`.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{count, credits, facts, fixed2, model, money, price_phrase, summary_line, takes, unit};
use std::io::Write;

use crate::plan::Plan;
use crate::report::human::plural;
use crate::report::markdown;
use crate::report::printable::PrintableWriter;

/// Mermaid gantt task names end at `:` and comments start at `#` or `%`; ids and
/// gates are reduced to characters that cannot break the diagram.
fn gantt_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Whole credits, for the gantt's axis.
fn whole(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn totals(plan: &Plan<'_>) -> String {
    let totals = &plan.totals;
    let mut out = String::from("| | best | expected | worst |\n|---|---:|---:|---:|\n");
    out.push_str(&format!(
        "| credits | {} | {} | {} |\n",
        credits(totals.credits.best),
        credits(totals.credits.expected),
        credits(totals.credits.worst)
    ));
    if let Some(cost) = totals.cost {
        out.push_str(&format!(
            "| cost ({}) | {} | {} | {} |\n",
            markdown::text(plan.currency),
            money(cost.best, plan.currency),
            money(cost.expected, plan.currency),
            money(cost.worst, plan.currency)
        ));
    }
    out.push_str(&format!(
        "| video generations | {} | {} | {} |\n",
        takes(totals.video_generations.best),
        takes(totals.video_generations.expected),
        takes(totals.video_generations.worst)
    ));
    out.push_str(&format!(
        "\n{} · {}\n",
        facts(plan),
        markdown::cell(&price_phrase(plan))
    ));
    out
}

fn stages(plan: &Plan<'_>) -> String {
    let mut out = String::from(
        "| stage | gate | jobs | best | expected | worst | running |\n|---|---|---:|---:|---:|---:|---:|\n",
    );
    for stage in &plan.stages {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            markdown::code(&stage.id()),
            markdown::cell(&stage.gate()),
            stage.job_count(),
            credits(stage.credits.best),
            credits(stage.credits.expected),
            credits(stage.credits.worst),
            credits(stage.cumulative_credits.expected),
        ));
    }
    out
}

/// Stages as bars laid end to end along the running expected total, each followed by
/// its gate as a milestone. `dateFormat X` puts the axis in seconds, one per credit.
/// Every task after the first starts `after` the one before and lasts its width in
/// seconds: mermaid 11 reads an all-digit start as milliseconds but an all-digit end as
/// seconds, so bars given as `start, end` all begin at zero there.
fn gantt(plan: &Plan<'_>) -> String {
    let mut out = String::from(
        "```mermaid\ngantt\n    title Stages and gates along the expected credits\n    dateFormat X\n    axisFormat %s\n",
    );
    let mut start = Decimal::ZERO;
    for (index, stage) in plan.stages.iter().enumerate() {
        let end = whole(stage.cumulative_credits.expected);
        let width = end
            .checked_sub(start)
            .unwrap_or_default()
            .max(Decimal::ZERO);
        let task = match stage.job_count() {
            0 => "nothing to generate".to_owned(),
            jobs => format!(
                "{} {} credits",
                plural(jobs, "job"),
                fixed2(stage.credits.expected)
            ),
        };
        let after = match index.checked_sub(1) {
            Some(previous) => format!("after g{previous}"),
            None => "0".to_owned(),
        };
        out.push_str(&format!(
            "    section {}\n    {} : s{index}, {after}, {width}s\n    {} : milestone, g{index}, after s{index}, 0s\n",
            gantt_text(&stage.id()),
            gantt_text(&task),
            gantt_text(&stage.gate()),
        ));
        start = start.max(end);
    }
    out.push_str("```\n");
    out
}

/// The jobs, folded away, written a stage at a time: a 10,000-shot plan's rows are
/// megabytes that need never be held whole.
fn write_jobs(plan: &Plan<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"<details><summary>Jobs</summary>\n\n")?;
    for stage in &plan.stages {
        let mut text = format!("#### {}\n\n", markdown::code(&stage.id()));
        if stage.job_count() == 0 {
            text.push_str("Nothing to generate.\n\n");
        } else {
            text.push_str(
                "| job | model | each | n × credits | best | expected | worst | running |\n|---|---|---|---:|---:|---:|---:|---:|\n",
            );
            for job in plan.jobs(stage) {
                let job = job.map_err(std::io::Error::other)?;
                text.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                    markdown::code(job.id),
                    markdown::text(&model(&job)),
                    markdown::cell(&unit(&job)),
                    count(&job),
                    credits(job.credits.best),
                    credits(job.credits.expected),
                    credits(job.credits.worst),
                    credits(job.cumulative_credits),
                ));
            }
            text.push('\n');
        }
        if !stage.approved_shots.is_empty() {
            let approved: Vec<String> = stage
                .approved_shots
                .iter()
                .map(|id| markdown::code(id))
                .collect();
            text.push_str(&format!(
                "Approved already, not priced: {}.\n\n",
                approved.join(", ")
            ));
        }
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"</details>\n")
}

/// Writes the whole comment. Fails if `out` does, or, as an I/O error, if a job cannot
/// be priced again (see [`Plan::jobs`]).
pub fn render_to(plan: &Plan<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = PrintableWriter::new(out);
    write_report(plan, &mut out)?;
    out.finish()
}

fn write_report(plan: &Plan<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    // Part by part: the stage table and the gantt have a line per stage, thousands in
    // a long series, and need not be held together.
    write!(
        out,
        "### shotlist plan: {}\n\n**{}**\n\n{}\n#### Stages\n\n",
        markdown::text(plan.title),
        summary_line(plan),
        totals(plan),
    )?;
    writeln!(out, "{}", stages(plan))?;
    writeln!(out, "{}", gantt(plan))?;
    write_jobs(plan, out)
}
