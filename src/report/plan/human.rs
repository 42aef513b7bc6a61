//! The plan for a terminal: the summary line, a table per stage with running totals,
//! the totals, and a bar chart of expected credits per stage.

use std::io::Write;

use comfy_table::{CellAlignment, ContentLineStyle, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;

use super::{count, credits, facts, model, money, price_phrase, summary_line, takes, unit};
use crate::plan::{JobError, Plan, Stage};
use crate::report::Style;
use crate::report::human::plural;
use crate::report::printable::PrintableWriter;

/// Column rules and a header rule, no outer border and no rules between rows: the
/// plan's tables sit side by side with long ids and model names, and every column
/// a border costs is one a name could use.
const TABLE_STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction('┆'))
    .header_separator(LineStyle::none().fill('═').junction('╪'))
    .content_lines(ContentLineStyle::none().junction('┆'));

/// Cells in the longest bar of the chart.
const BAR_CELLS: u32 = 32;
/// Eighths of a cell, from one eighth to a full block.
const BAR_EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A table in the plan's style, fitted to a terminal's width, with the columns from
/// `numeric_from` on aligned right.
pub(crate) fn table(style: Style, header: &[&str], numeric_from: usize) -> Table {
    let mut table = Table::new();
    table.load_style(TABLE_STYLE).set_header(header);
    style.fit(&mut table);
    for index in numeric_from..header.len() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// Fails only if a job cannot be priced again, which [`Plan::jobs`] rules out.
fn stage_block(plan: &Plan<'_>, stage: &Stage<'_>, style: Style) -> Result<String, JobError> {
    let cost = stage.cost.map_or(String::new(), |cost| {
        format!(" ({})", money(cost.expected, plan.currency))
    });
    let mut out = if stage.job_count() == 0 {
        format!(
            "{} ({}) — nothing to generate, running total {}\n",
            stage.id(),
            stage.generates().name(),
            credits(stage.cumulative_credits.expected),
        )
    } else {
        format!(
            "{} ({}) — {}, expected {} credits{cost}, running total {}\n",
            stage.id(),
            stage.generates().name(),
            plural(stage.job_count(), "job"),
            credits(stage.credits.expected),
            credits(stage.cumulative_credits.expected),
        )
    };
    if stage.job_count() > 0 {
        let mut jobs = table(
            style,
            &[
                "job",
                "model",
                "each",
                "n × credits",
                "expected",
                "worst",
                "running",
            ],
            3,
        );
        for job in plan.jobs(stage) {
            let job = job?;
            jobs.add_row([
                job.id.to_owned(),
                model(&job),
                unit(&job),
                count(&job),
                credits(job.credits.expected),
                credits(job.credits.worst),
                credits(job.cumulative_credits),
            ]);
        }
        out.push_str(&format!("{jobs}\n"));
    }
    if !stage.approved_shots.is_empty() {
        out.push_str(&format!(
            "approved already, not priced: {}\n",
            stage.approved_shots.join(", ")
        ));
    }
    out.push_str(&format!("gate: {}\n", stage.gate()));
    Ok(out)
}

fn totals_block(plan: &Plan<'_>, style: Style) -> String {
    let totals = &plan.totals;
    let mut table = table(style, &["total", "best", "expected", "worst"], 1);
    table.add_row([
        "credits".to_owned(),
        credits(totals.credits.best),
        credits(totals.credits.expected),
        credits(totals.credits.worst),
    ]);
    if let Some(cost) = totals.cost {
        table.add_row([
            format!("cost ({})", plan.currency),
            money(cost.best, plan.currency),
            money(cost.expected, plan.currency),
            money(cost.worst, plan.currency),
        ]);
    }
    table.add_row([
        "video generations".to_owned(),
        takes(totals.video_generations.best),
        takes(totals.video_generations.expected),
        takes(totals.video_generations.worst),
    ]);
    format!("{table}\n{}\n{}\n", facts(plan), price_phrase(plan))
}

/// A bar of `value / largest` of [`BAR_CELLS`], drawn to an eighth of a cell.
fn bar(value: Decimal, largest: Decimal) -> String {
    let eighths = value
        .checked_mul(Decimal::from(BAR_CELLS * 8))
        .and_then(|scaled| scaled.checked_div(largest))
        .map_or(0, |eighths| {
            u32::try_from(eighths.round())
                .unwrap_or(0)
                .min(BAR_CELLS * 8)
        });
    let mut out = "█".repeat((eighths / 8) as usize);
    if let Some(index) = (eighths % 8).checked_sub(1) {
        out.push(BAR_EIGHTHS[index as usize]);
    }
    out
}

fn chart(plan: &Plan<'_>) -> String {
    let largest = plan
        .stages
        .iter()
        .map(|stage| stage.credits.expected)
        .max()
        .unwrap_or_default();
    let label_width = plan
        .stages
        .iter()
        .map(|stage| stage.id().chars().count())
        .max()
        .unwrap_or(0);
    let figures: Vec<String> = plan
        .stages
        .iter()
        .map(|stage| credits(stage.credits.expected))
        .collect();
    let figure_width = figures.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::from("Expected credits per stage\n");
    for (stage, figure) in plan.stages.iter().zip(&figures) {
        let bar = if largest.is_zero() {
            String::new()
        } else {
            bar(stage.credits.expected, largest)
        };
        out.push_str(&format!(
            "{:<label_width$}  {figure:>figure_width$}  {bar}\n",
            stage.id()
        ));
    }
    out
}

/// Writes the human report to `out` one block at a time: a 10,000-shot report is
/// megabytes, and only one stage's jobs and table are held at once. A job that cannot
/// be priced again (see [`Plan::jobs`]) fails it as an I/O error.
pub fn render_to(plan: &Plan<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = PrintableWriter::new(out);
    write_report(plan, style, &mut out)?;
    out.finish()
}

fn write_report(plan: &Plan<'_>, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    write_trimmed(out, &format!("{}\n{}\n\n", summary_line(plan), plan.title))?;
    for stage in &plan.stages {
        let block = stage_block(plan, stage, style).map_err(std::io::Error::other)?;
        write_trimmed(out, &block)?;
        out.write_all(b"\n")?;
    }
    write_trimmed(out, &totals_block(plan, style))?;
    out.write_all(b"\n")?;
    write_trimmed(out, &chart(plan))
}

/// `text` without trailing blanks on its lines, for reports built whole (route, diff).
pub(crate) fn without_trailing_blanks(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail, and trimming keeps the text UTF-8.
    let _ = write_trimmed(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `block` line by line without trailing blanks: tables pad their last column
/// and empty bars leave spaces, which only get in the way of copying and diffing.
fn write_trimmed(out: &mut dyn Write, block: &str) -> std::io::Result<()> {
    for line in block.lines() {
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_in_eighths() {
        assert_eq!(
            bar(Decimal::from(10), Decimal::from(10)).chars().count(),
            32
        );
        assert_eq!(bar(Decimal::from(5), Decimal::from(10)), "█".repeat(16));
        assert_eq!(bar(Decimal::from(1), Decimal::from(256)), "▏");
        assert_eq!(bar(Decimal::ZERO, Decimal::from(10)), "");
    }
}
