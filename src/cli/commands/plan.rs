//! `shotlist plan`, and `plan --check` against a committed plan JSON.

use std::io::Write;
use std::path::Path;

use crate::cli::args::{PlanArgs, PlanFormat};
use crate::cli::io::{Failure, Io, refuse, write_file, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK};
use crate::pipeline::{self, Loaded};
use crate::plan::Plan;
use crate::plan_check::{self, Outcome};
use crate::report::{self, Style};
use crate::spec;

/// `shotlist plan`: a spec with check errors (or one that cannot be priced) is refused
/// with its diagnostics on stderr and exit 1; otherwise the plan goes to stdout or,
/// with `-o`, atomically to a file.
pub(in crate::cli) fn run(args: &PlanArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let json = args.format == PlanFormat::Json;
    let loaded = super::load(&args.file, &args.input, json, io)?;
    let catalog =
        match super::catalog(&loaded, args.catalog.as_ref(), &args.input, style, json, io)? {
            Ok(catalog) => catalog,
            Err(code) => return Ok(code),
        };
    let Loaded {
        mut source, spec, ..
    } = loaded;
    // Kept while the plan is written: the plan prices its jobs from it as they are.
    let checked = pipeline::check_loaded(&spec, Some(&catalog));
    let plan = match pipeline::plan(&checked) {
        Ok(plan) => plan,
        Err(diagnostics) => {
            return refuse(io, &source, &diagnostics, style, json, "no plan made");
        }
    };
    // No diagnostic about the spec can follow a plan, so its text goes before the
    // report is written: for a long series that is megabytes the report never reads.
    source.forget_text();
    if let Some(committed) = &args.check {
        return check_committed(committed, &source.name, args, &plan, style, io);
    }
    // Every format is written as it is rendered: a 10,000-shot report is megabytes
    // that need never be held whole.
    let write = |out: &mut dyn Write| match args.format {
        PlanFormat::Human => report::plan::human::render_to(&plan, style, out),
        PlanFormat::Json => report::plan::json::render_to(&plan, out),
        PlanFormat::Markdown => report::plan::markdown::render_to(&plan, out),
        PlanFormat::Csv => report::plan::csv::render_to(&plan, out).map_err(std::io::Error::from),
    };
    match &args.output {
        Some(path) => write_file(path, Some(&args.file), write)?,
        None => {
            // Standard output is line-buffered: unbuffered, a report of 10,000 table
            // rows would be 10,000 system calls.
            let mut buffered = std::io::BufWriter::new(&mut *io.stdout);
            write(&mut buffered)?;
            buffered.flush()?;
        }
    }
    Ok(EXIT_OK)
}

/// `plan --check`: the spec's plan against the plan JSON committed at `path`. When
/// they differ, the cost diff and the unified diff of the JSON text are printed and the
/// exit code is 1, unless `--update` rewrites the committed file.
fn check_committed(
    path: &Path,
    spec_name: &str,
    args: &PlanArgs,
    plan: &Plan<'_>,
    style: Style,
    io: &mut Io,
) -> Result<u8, Failure> {
    let name = path.display().to_string();
    let committed = match spec::read_source(path, args.input.max_bytes, io.stdin) {
        Ok(Ok(source)) => Some(source.text),
        Ok(Err((_, diagnostic))) => {
            return Err(Failure(format!(
                "cannot read {name}: {}",
                diagnostic.message
            )));
        }
        Err(spec::SourceError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            None
        }
        Err(error) => return Err(Failure(error.to_string())),
    };
    let comparison = plan_check::compare(plan, spec_name, &name, committed.as_deref())
        .map_err(|error| Failure(error.to_string()))?;
    let cost_diff = match comparison.outcome {
        Outcome::UpToDate => {
            write_out(
                io,
                &format!(
                    "{name}: up to date — expected {} credits\n",
                    report::plan::credits(plan.totals.credits.expected)
                ),
            )?;
            return Ok(EXIT_OK);
        }
        Outcome::Missing => None,
        Outcome::Differs { cost } => cost,
    };
    if args.update {
        write_file(path, Some(&args.file), |out| {
            out.write_all(comparison.current.as_bytes())
        })?;
        let what = cost_diff.as_ref().map_or_else(
            || "written".to_owned(),
            |diff| format!("updated; {}", report::diff::summary_line(diff)),
        );
        write_out(io, &format!("{name}: {what}\n"))?;
        return Ok(EXIT_OK);
    }
    let mut out = match &committed {
        None => format!(
            "{name} does not exist: the plan of {spec_name} has not been committed; pass --update to write it\n"
        ),
        Some(_) => format!(
            "{name} differs from the plan of {spec_name}; if the change is intended, pass --update to accept it\n"
        ),
    };
    if let Some(diff) = &cost_diff {
        out.push('\n');
        out.push_str(&report::diff::human::render(diff, None, style));
    }
    if let Some(text) = &committed {
        let committed_label = format!("{name} (committed)");
        let current_label = format!("{name} (current)");
        out.push('\n');
        out.push_str(
            &similar::TextDiff::from_lines(text.as_str(), comparison.current.as_str())
                .unified_diff()
                .header(&committed_label, &current_label)
                .to_string(),
        );
    }
    write_out(io, &out)?;
    Ok(EXIT_FINDINGS)
}
