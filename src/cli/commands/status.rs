//! `shotlist status`: where the production stands, from the spec and its ledger.

use crate::cli::EXIT_OK;
use crate::cli::args::{StatusArgs, StatusFormat};
use crate::cli::io::{Failure, Io, refuse, write_out};
use crate::document;
use crate::ledger;
use crate::pipeline;
use crate::report::{self, Style};

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
    let path = super::ledger_path(&loaded, args.ledger.as_deref())?;
    let read = super::read_ledger(&loaded, checked, &path, args.input.limits())?;
    if let Some(code) = super::refuse_or_warn(io, &read, style, json, "no status made")? {
        return Ok(code);
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
