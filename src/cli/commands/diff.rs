//! `shotlist diff`: the cost of two specs or plan JSON files compared.

use std::path::Path;

use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::io::{Failure, Io, refuse, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK};
use crate::diff::{PlanDocument, Side};
use crate::pipeline::{self, Loaded};
use crate::plan_check;
use crate::report::{self, Style};
use crate::spec;

/// One side of `shotlist diff`: a plan JSON document as it is, or a spec checked,
/// planned and put in that form. `Err(code)` when the file has errors, which are
/// already reported on stderr.
fn side(
    path: &Path,
    args: &DiffArgs,
    style: Style,
    io: &mut Io,
) -> Result<Result<Side, u8>, Failure> {
    let read = spec::read_source(path, args.input.max_bytes, io.stdin)
        .map_err(|error| Failure(error.to_string()))?;
    let source = match read {
        Ok(source) => source,
        Err((source, diagnostic)) => {
            return refuse(io, &source, &[diagnostic], style, "not compared").map(Err);
        }
    };
    if let Some(value) = crate::diff::looks_like_plan(&source.text) {
        return match PlanDocument::from_value(value) {
            Ok(document) => Ok(Ok(Side {
                name: source.name,
                from_spec: false,
                document,
            })),
            Err(error) => {
                writeln!(
                    io.stderr,
                    "{}: not a plan written by `shotlist plan --format json`: {error}",
                    source.name
                )?;
                Ok(Err(EXIT_FINDINGS))
            }
        };
    }
    // Read once: the text is only deserialized as a spec when it is not a plan.
    let loaded = Loaded::load(source, args.input.limits());
    let catalog = match super::catalog(&loaded, args.catalog.as_ref(), &args.input, style, io)? {
        Ok(catalog) => catalog,
        Err(code) => return Ok(Err(code)),
    };
    let checked = loaded.check(Some(catalog));
    let plan = match pipeline::plan(&checked) {
        Ok(plan) => plan,
        Err(diagnostics) => {
            return refuse(io, &loaded.source, &diagnostics, style, "not compared").map(Err);
        }
    };
    let document = plan_check::document(&plan).map_err(|error| Failure(error.to_string()))?;
    Ok(Ok(Side {
        name: loaded.source.name.clone(),
        from_spec: true,
        document,
    }))
}

/// `shotlist diff OLD NEW`: the report, and exit 1 when `--fail-above` is passed.
pub(in crate::cli) fn run(args: &DiffArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    if args.old == Path::new("-") && args.new == Path::new("-") {
        return Err(Failure(
            "OLD and NEW cannot both be standard input".to_owned(),
        ));
    }
    let old = side(&args.old, args, style, io)?;
    let new = side(&args.new, args, style, io)?;
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        _ => return Ok(EXIT_FINDINGS),
    };
    let diff = crate::diff::diff(old, new);
    let verdict = match &args.fail_above {
        Some(threshold) => Some((threshold, threshold.exceeded_by(&diff).map_err(Failure)?)),
        None => None,
    };
    let text = match args.format {
        DiffFormat::Human => report::diff::human::render(&diff, verdict, style),
        DiffFormat::Json => report::diff::json::render(&diff, verdict),
        DiffFormat::Markdown => report::diff::markdown::render(&diff, verdict),
    };
    write_out(io, &text)?;
    Ok(match verdict {
        Some((_, true)) => EXIT_FINDINGS,
        _ => EXIT_OK,
    })
}
