//! `shotlist status`: where the production stands, from the spec and its ledger.

use crate::cli::EXIT_OK;
use crate::cli::args::{StatusArgs, StatusFormat};
use crate::cli::io::{Failure, Io, refuse, write_out};
use crate::document;
use crate::ledger;
use crate::pipeline;
use crate::report::human::render_diagnostics;
use crate::report::{self, Style};
use crate::spec::SourceError;

/// Exit 0 when the spec and the ledger load (an unknown column is only a warning, shown
/// on stderr); 1 with the diagnostics of a spec or ledger with errors (with `--format
/// json`, also as a diagnostics document on stdout); 2 when no ledger is named or it
/// cannot be read.
pub(in crate::cli) fn run(args: &StatusArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let json = args.format == StatusFormat::Json;
    let loaded = super::load(&args.file, &args.input, json, io)?;
    let catalog =
        match super::catalog(&loaded, args.catalog.as_ref(), &args.input, style, json, io)? {
            Ok(catalog) => catalog,
            Err(code) => return Ok(code),
        };
    let checked = pipeline::check_loaded(&loaded.spec, Some(&catalog));
    // A plan is made only from a checked spec, so either both are there or the
    // diagnostics say why not.
    let (checked, plan) = match (&checked, pipeline::plan(&checked)) {
        (Ok(checked), Ok(plan)) => (checked, plan),
        (_, Err(diagnostics)) => {
            return refuse(
                io,
                &loaded.source,
                &diagnostics,
                style,
                json,
                "no status made",
            );
        }
        (Err(diagnostics), Ok(_)) => {
            return refuse(
                io,
                &loaded.source,
                diagnostics,
                style,
                json,
                "no status made",
            );
        }
    };
    let Some(path) = loaded.ledger_path(args.ledger.as_deref()) else {
        return Err(Failure(format!(
            "{} names no ledger: add `ledger: takes.csv` to the spec (a path from its directory) or pass `--ledger FILE`",
            loaded.source.name
        )));
    };
    let read = pipeline::read_ledger(checked, &path, args.input.limits()).map_err(|error| {
        match error {
            SourceError::Io { error: ref io_error, .. }
                if io_error.kind() == std::io::ErrorKind::NotFound =>
            {
                Failure(format!(
                    "{error}; `shotlist log {} JOB --model M --outcome O` creates it with the first generation",
                    loaded.source.name
                ))
            }
            other => Failure(other.to_string()),
        }
    })?;
    if read.has_errors() {
        return refuse(
            io,
            &read.source,
            &read.diagnostics,
            style,
            json,
            "no status made",
        );
    }
    if !read.diagnostics.is_empty() {
        let warnings = render_diagnostics(&read.diagnostics, &read.source, style);
        io.stderr.write_all(warnings.as_bytes())?;
    }
    let status = match ledger::status(checked, &plan, &read.ledger) {
        Ok(status) => status,
        Err(diagnostics) => {
            return refuse(
                io,
                &loaded.source,
                &diagnostics,
                style,
                json,
                "no status made",
            );
        }
    };
    let document = document::status::document(&status, &plan);
    let text = match args.format {
        StatusFormat::Human => report::status::human(&document, style),
        StatusFormat::Json => report::status::json(&document),
        StatusFormat::Markdown => report::status::markdown(&document),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
