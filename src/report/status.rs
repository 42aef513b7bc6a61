//! `shotlist status`: where the production stands, as a report for a terminal, Markdown
//! for a pull request or a team channel, or the status document as JSON. Every
//! renderer reads the one [`StatusDocument`], so the three show the same figures.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, Table, presets};

use super::Style;
use super::printable::printable;
use crate::document::decimal::Fixed2;
use crate::document::status::{Job, JobKind, State, StatusDocument};
use crate::report::markdown;
use crate::wording::{credits, plural, seconds};

fn money(value: Option<Fixed2>, currency: &str) -> Option<String> {
    value.map(|value| super::plan::money(value.value(), currency))
}

/// The line a report leads with: shots done, credits spent against the cap, the
/// figures at completion and how they meet the cap.
pub fn summary_line(document: &StatusDocument) -> String {
    let progress = &document.progress;
    let spent = credits(document.spent.credits.value());
    let spent = match document.budget.credits {
        Some(cap) => format!("{spent} of {} credits spent", credits(cap.value())),
        None => format!("{spent} credits spent"),
    };
    let at = &document.at_completion.credits;
    let verdict = match (&document.budget.credits, &document.budget) {
        (None, _) => "",
        (Some(_), budget) if budget.over => " — the expected cost passes the cap",
        (Some(_), budget) if budget.worst_over => " — the worst case passes the cap",
        (Some(_), _) => " — within the cap even in the worst case",
    };
    format!(
        "{} of {} done, {spent}; at completion {} expected, {} worst{verdict}",
        progress.shots_done,
        plural(
            usize::try_from(progress.shots).unwrap_or(usize::MAX),
            "shot"
        ),
        credits(at.expected.value()),
        credits(at.worst.value()),
    )
}

/// The facts under the summary: sheets, seconds, money and the measured actuals.
fn facts(document: &StatusDocument) -> Vec<String> {
    let progress = &document.progress;
    let mut lines = vec![format!(
        "{} of {} done · {} of {} finished",
        progress.sheets_done,
        plural(
            usize::try_from(progress.sheets).unwrap_or(usize::MAX),
            "sheet"
        ),
        seconds(progress.finished_seconds_done.value()),
        seconds(progress.finished_seconds.value()),
    )];
    let currency = &document.currency;
    let remaining = &document.remaining.credits;
    let mut credit_line = format!(
        "remaining: {} best, {} expected, {} worst credits",
        credits(remaining.best.value()),
        credits(remaining.expected.value()),
        credits(remaining.worst.value()),
    );
    if let Some(left) = document.budget.left {
        let _ = write!(
            credit_line,
            " · {} left under the cap",
            credits(left.value())
        );
    }
    lines.push(credit_line);
    if let (Some(spent), Some(expected), Some(worst)) = (
        money(document.spent.cost, currency),
        money(document.at_completion.cost.expected, currency),
        money(document.at_completion.cost.worst, currency),
    ) {
        lines.push(format!(
            "money: {spent} spent; at completion {expected} expected, {worst} worst"
        ));
    }
    let actuals = &document.actuals;
    let mut measured = format!(
        "actuals: {}, {} kept",
        plural(
            usize::try_from(actuals.video_generations).unwrap_or(usize::MAX),
            "video generation"
        ),
        actuals.kept
    );
    if let Some(yield_) = actuals.yield_ {
        let _ = write!(measured, " (yield {yield_})");
    }
    if let Some(takes) = actuals.takes_per_done_shot {
        let _ = write!(measured, " · {takes} takes per done shot");
    }
    if let Some(per_second) = actuals.credits_per_finished_second {
        let _ = write!(
            measured,
            " · {} credits per finished second",
            credits(per_second.value())
        );
    }
    if let Some(per_minute) = money(actuals.cost_per_finished_minute, currency) {
        let _ = write!(measured, " · {per_minute} per finished minute");
    }
    lines.push(measured);
    lines
}

fn state(state: State) -> &'static str {
    match state {
        State::Done => "done",
        State::InProgress => "in progress",
        State::NotStarted => "not started",
    }
}

/// Generations against the plan: `4 / 3` takes for a shot, `12 / 8` images for a sheet.
fn generations(job: &Job) -> String {
    match job.kind {
        JobKind::Shot => match &job.planned_takes {
            Some(takes) => {
                let text = takes.to_string();
                let takes = text
                    .parse::<rust_decimal::Decimal>()
                    .map_or(text, super::plan::takes);
                format!("{} / {takes}", job.generations)
            }
            None => job.generations.to_string(),
        },
        JobKind::Sheet => match (job.images, job.planned_images) {
            (Some(images), Some(planned)) => format!("{images} / {planned} img"),
            _ => job.generations.to_string(),
        },
    }
}

const HEADER: [&str; 8] = [
    "job",
    "state",
    "generated / planned",
    "spent",
    "remaining best",
    "expected",
    "worst",
    "over plan",
];

fn row(job: &Job) -> [String; 8] {
    [
        job.job.clone(),
        state(job.state).to_owned(),
        generations(job),
        credits(job.spent.value()),
        credits(job.remaining.best.value()),
        credits(job.remaining.expected.value()),
        credits(job.remaining.worst.value()),
        if job.over_plan { "over" } else { "" }.to_owned(),
    ]
}

/// The jobs in stage order, each run of one stage with its id.
fn stages(document: &StatusDocument) -> Vec<(&str, Vec<&Job>)> {
    let mut stages: Vec<(&str, Vec<&Job>)> = Vec::new();
    for job in &document.jobs {
        match stages.last_mut() {
            Some((stage, jobs)) if *stage == job.stage => jobs.push(job),
            _ => stages.push((&job.stage, vec![job])),
        }
    }
    stages
}

fn table(jobs: &[&Job], style: Style) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(HEADER);
    for job in jobs {
        table.add_row(row(job));
    }
    for column in 3..7 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    style.fit(&mut table);
    table
}

/// The human report; control characters from the spec come out escaped.
pub fn human(document: &StatusDocument, style: Style) -> String {
    let mut out = format!("{}: {}\n", document.title, summary_line(document));
    for line in facts(document) {
        let _ = writeln!(out, "{line}");
    }
    let over: Vec<&Job> = document.jobs.iter().filter(|job| job.over_plan).collect();
    if !over.is_empty() {
        let _ = writeln!(
            out,
            "\nover plan — {}: fix the prompt or the references before rolling again\n{}",
            plural(over.len(), "job"),
            table(&over, style)
        );
    }
    for (stage, jobs) in stages(document) {
        let _ = writeln!(out, "\n{stage}\n{}", table(&jobs, style));
    }
    printable(&out).into_owned()
}

fn markdown_table(out: &mut String, jobs: &[&Job]) {
    let _ = writeln!(out, "| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---|");
    for job in jobs {
        let raw = row(job);
        let mut cells = raw.clone().map(|text| markdown::cell(&text));
        cells[0] = markdown::code(&raw[0]);
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// Markdown for a pull request or a team channel: the summary, the jobs over plan,
/// and each stage's jobs folded under a `<details>`.
pub fn markdown(document: &StatusDocument) -> String {
    let mut out = format!(
        "### {} — status\n\n**{}**\n\n",
        markdown::text(&document.title),
        markdown::cell(&summary_line(document))
    );
    for line in facts(document) {
        let _ = writeln!(out, "- {}", markdown::cell(&line));
    }
    let over: Vec<&Job> = document.jobs.iter().filter(|job| job.over_plan).collect();
    if !over.is_empty() {
        let _ = writeln!(out, "\n#### Over plan\n");
        markdown_table(&mut out, &over);
    }
    for (stage, jobs) in stages(document) {
        let done = jobs.iter().filter(|job| job.state == State::Done).count();
        let _ = writeln!(
            out,
            "\n<details><summary>{} — {done} of {} done</summary>\n",
            markdown::cell(stage),
            plural(jobs.len(), "job")
        );
        markdown_table(&mut out, &jobs);
        let _ = writeln!(out, "\n</details>");
    }
    printable(&out).into_owned()
}

/// The status document, pretty-printed, with a final newline.
pub fn json(document: &StatusDocument) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}
