//! `shotlist diff`: the cost of two specs or plan JSON files compared.

use std::path::Path;

use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::io::{Failure, Io, refuse, refuse_json, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK};
use crate::diagnostic::Diagnostic;
use crate::diff::{PlanDocument, Side};
use crate::pipeline::{self, CatalogError, Loaded};
use crate::plan_check;
use crate::report::{self, Style};
use crate::source::Source;
use crate::spec;

/// Why one side cannot be compared.
enum Refusal {
    /// The spec's diagnostics, reported once both sides are read so that one JSON
    /// document holds both sides' problems.
    Diagnostics(Source, Vec<Diagnostic>),
    /// A plan JSON that does not parse; already reported on stderr.
    NotAPlan,
}

/// One side of `shotlist diff`: a plan JSON document as it is, or a spec checked,
/// planned and put in that form. `name`, when given, stands for the path in the report
/// and in the side's diagnostics.
fn side(
    path: &Path,
    name: Option<&str>,
    args: &DiffArgs,
    io: &mut Io,
) -> Result<Result<Side, Refusal>, Failure> {
    let read = match spec::read_source(path, args.input.max_bytes, io.stdin) {
        Ok(read) => read,
        Err(error) => {
            return Err(super::unreadable(
                error,
                args.format == DiffFormat::Json,
                io,
            ));
        }
    };
    let (mut source, diagnostic) = match read {
        Ok(source) => (source, None),
        Err((source, diagnostic)) => (source, Some(diagnostic)),
    };
    if let Some(name) = name {
        name.clone_into(&mut source.name);
    }
    if let Some(diagnostic) = diagnostic {
        return Ok(Err(Refusal::Diagnostics(source, vec![diagnostic])));
    }
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
                Ok(Err(Refusal::NotAPlan))
            }
        };
    }
    // Read once: the text is only deserialized as a spec when it is not a plan.
    let loaded = Loaded::load(source, args.input.limits());
    let catalog = match loaded.catalog(args.catalog.as_ref(), args.input.limits()) {
        Ok(catalog) => catalog,
        Err(CatalogError::Unreadable(error)) => return Err(Failure(error.to_string())),
        Err(CatalogError::Spec(diagnostic)) => {
            return Ok(Err(Refusal::Diagnostics(loaded.source, vec![diagnostic])));
        }
        Err(CatalogError::Invalid {
            source,
            diagnostics,
        }) => return Ok(Err(Refusal::Diagnostics(source, diagnostics))),
    };
    let checked = loaded.check(Some(&catalog));
    let plan = match pipeline::plan(&checked) {
        Ok(plan) => plan,
        Err(diagnostics) => {
            return Ok(Err(Refusal::Diagnostics(loaded.source, diagnostics)));
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
    let old = side(&args.old, args.old_name.as_deref(), args, io)?;
    let new = side(&args.new, args.new_name.as_deref(), args, io)?;
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let refused: Vec<_> = [old.err(), new.err()]
                .into_iter()
                .flatten()
                .filter_map(|refusal| match refusal {
                    Refusal::Diagnostics(source, diagnostics) => Some((source, diagnostics)),
                    Refusal::NotAPlan => None,
                })
                .collect();
            if args.format == DiffFormat::Json && !refused.is_empty() {
                let files: Vec<_> = refused.iter().map(|(s, d)| (s, d.as_slice())).collect();
                refuse_json(io, &files)?;
            }
            for (source, diagnostics) in &refused {
                refuse(io, source, diagnostics, style, false, "not compared")?;
            }
            return Ok(EXIT_FINDINGS);
        }
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
