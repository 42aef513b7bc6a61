//! One module per command: each reads its input through the library's pipeline,
//! renders what comes out and returns the exit code.

pub(super) mod calibrate;
pub(super) mod check;
pub(super) mod compare;
pub(super) mod diff;
pub(super) mod explain;
pub(super) mod generate;
pub(super) mod lint;
pub(super) mod log;
pub(super) mod lsp;
pub(super) mod models;
pub(super) mod plan;
pub(super) mod route;
pub(super) mod rules;
pub(super) mod status;

use std::io::Read;
use std::path::{Path, PathBuf};

use super::args::InputArgs;
use super::io::{Failure, Io, refuse, refuse_json};
use crate::catalog::CatalogHandle;
use crate::pipeline::{self, CatalogError, Limits, Loaded, LoadedLedger};
use crate::report::Style;
use crate::report::human::render_diagnostics;
use crate::spec::{CatalogName, SourceError};
use crate::validate::Checked;

/// Reads and loads one file. `Err` only when the file cannot be read at all; with
/// `json`, its E012 diagnostic then goes to stdout as the diagnostics document `check
/// --format json` writes, so that a consumer asking for JSON has a document to parse.
fn load(path: &Path, input: &InputArgs, json: bool, io: &mut Io) -> Result<Loaded, Failure> {
    match Loaded::read(path, input.limits(), io.stdin) {
        Ok(loaded) => Ok(loaded),
        Err(error) => Err(unreadable(error, json, io)),
    }
}

/// The failure of a file that cannot be read, after writing its E012 diagnostic to
/// stdout as a diagnostics document when `json` asks for one.
fn unreadable(error: SourceError, json: bool, io: &mut Io) -> Failure {
    let message = error.to_string();
    if json {
        let (source, diagnostic) = error.into_diagnostic();
        if let Err(failure) = refuse_json(io, &[(&source, &[diagnostic])]) {
            return failure;
        }
    }
    Failure(message)
}

/// Reads and loads one of several files. One that cannot be read at all is loaded as
/// its E012 diagnostic, so that the other files are still reported; `true` beside it
/// asks the command to exit 2 once every file is.
fn load_one_of_many(path: &Path, input: &InputArgs, stdin: &mut dyn Read) -> (Loaded, bool) {
    match Loaded::read(path, input.limits(), stdin) {
        Ok(loaded) => (loaded, false),
        Err(error) => {
            let (source, diagnostic) = error.into_diagnostic();
            let loaded = Loaded::new(source, Err(vec![diagnostic]));
            (loaded, true)
        }
    }
}

/// The catalog a command prices `loaded` with: `choice`, else the spec's own.
/// `Ok(Err(code))` once the catalog's problems are reported (on stderr, and with `json`
/// as a diagnostics document on stdout): a catalog file's against its own text, with
/// its lines and columns.
fn catalog(
    loaded: &Loaded,
    choice: Option<&CatalogName>,
    input: &InputArgs,
    style: Style,
    json: bool,
    io: &mut Io,
) -> Result<Result<CatalogHandle, u8>, Failure> {
    match loaded.catalog(choice, input.limits()) {
        Ok(catalog) => Ok(Ok(catalog)),
        Err(CatalogError::Unreadable(error)) => Err(Failure(error.to_string())),
        Err(CatalogError::Spec(diagnostic)) => refuse(
            io,
            &loaded.source,
            &[diagnostic],
            style,
            json,
            "nothing priced",
        )
        .map(Err),
        Err(CatalogError::Invalid {
            source,
            diagnostics,
        }) => refuse(io, &source, &diagnostics, style, json, "catalog not used").map(Err),
    }
}

/// The ledger `status`, `calibrate` and `log` work on: `--ledger`, else the spec's
/// `ledger:`; a failure that says how to name one when neither does.
fn ledger_path(loaded: &Loaded, choice: Option<&Path>) -> Result<PathBuf, Failure> {
    loaded.ledger_path(choice).ok_or_else(|| {
        Failure(format!(
            "{} names no ledger: add `ledger: takes.csv` to the spec (a path from its directory) or pass `--ledger FILE`",
            loaded.source.name
        ))
    })
}

/// The ledger at `path` read against `checked`, for `status` and `calibrate`; a missing
/// file is a failure that says how `log` creates it.
fn read_ledger<'a>(
    loaded: &Loaded,
    checked: &Checked<'a>,
    path: &Path,
    limits: Limits,
) -> Result<LoadedLedger<'a>, Failure> {
    pipeline::read_ledger(checked, path, limits).map_err(|error| match error {
        SourceError::Io {
            error: ref io_error,
            ..
        } if io_error.kind() == std::io::ErrorKind::NotFound => Failure(format!(
            "{error}; `shotlist log {} JOB --model M --outcome O` creates it with the first generation",
            loaded.source.name
        )),
        other => Failure(other.to_string()),
    })
}

/// A ledger with errors is refused (its diagnostics shown as `check` shows a spec's,
/// `not_done` saying what was not done) and gives the exit code; otherwise its warnings,
/// such as an unknown column, go to stderr and the command goes on.
fn refuse_or_warn(
    io: &mut Io,
    read: &LoadedLedger<'_>,
    style: Style,
    json: bool,
    not_done: &str,
) -> Result<Option<u8>, Failure> {
    if read.has_errors() {
        return refuse(io, &read.source, &read.diagnostics, style, json, not_done).map(Some);
    }
    if !read.diagnostics.is_empty() {
        let warnings = render_diagnostics(&read.diagnostics, &read.source, style);
        io.stderr.write_all(warnings.as_bytes())?;
    }
    Ok(None)
}
