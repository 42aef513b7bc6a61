//! The plan as CSV: one row per job, in schedule order, for spreadsheets. Figures are
//! plain two-decimal numbers without thousands separators, so that spreadsheets read
//! them as numbers; columns that do not apply to a row are empty.

use std::io::Write;

use super::{fixed2, trimmed};
use crate::plan::{Plan, Work};
use crate::report::printable::PrintableWriter;

const HEADER: [&str; 17] = [
    "stage",
    "stage_kind",
    "job",
    "job_kind",
    "model",
    "resolution",
    "addons",
    "takes",
    "takes_worst",
    "generations",
    "billed_seconds",
    "credits_per_unit",
    "credits_best",
    "credits_expected",
    "credits_worst",
    "cumulative_credits",
    "cost_expected",
];

/// Writes the whole table with its header, row by row. Fails if `out` does, or, as an
/// I/O error, if a job cannot be priced again (see [`Plan::jobs`]).
pub fn render_to(plan: &Plan<'_>, out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut out = PrintableWriter::new(out);
    write_table(plan, &mut out)?;
    Ok(out.finish()?)
}

fn write_table(plan: &Plan<'_>, out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for stage in &plan.stages {
        let stage_id = stage.id();
        for job in plan.jobs(stage) {
            let job = job.map_err(|error| csv::Error::from(std::io::Error::other(error)))?;
            let (job_kind, resolution, addons, takes, takes_worst, generations, billed, per_unit) =
                match &job.work {
                    Work::Sheet(sheet) => (
                        sheet.kind.name(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        sheet.generations().to_string(),
                        String::new(),
                        fixed2(sheet.credits_per_image),
                    ),
                    Work::Shot(shot) => {
                        let mut addons: Vec<&str> = Vec::new();
                        if shot.audio {
                            addons.push("audio");
                        }
                        addons.extend(&shot.addons);
                        (
                            "shot",
                            shot.resolution.to_owned(),
                            addons.join(" "),
                            trimmed(shot.takes),
                            trimmed(shot.worst_takes),
                            String::new(),
                            fixed2(shot.billed_seconds),
                            fixed2(shot.credits_per_take),
                        )
                    }
                };
            writer.write_record([
                stage_id.as_str(),
                stage.generates().name(),
                job.id,
                job_kind,
                job.model,
                &resolution,
                &addons,
                &takes,
                &takes_worst,
                &generations,
                &billed,
                &per_unit,
                &fixed2(job.credits.best),
                &fixed2(job.credits.expected),
                &fixed2(job.credits.worst),
                &fixed2(job.cumulative_credits),
                &job.cost.map_or(String::new(), |cost| fixed2(cost.expected)),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}
