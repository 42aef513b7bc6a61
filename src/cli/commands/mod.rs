//! One module per command: each reads its input through the library's pipeline,
//! renders what comes out and returns the exit code.

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
use std::path::Path;

use super::args::InputArgs;
use super::io::{Failure, Io, refuse};
use crate::catalog::Catalog;
use crate::pipeline::{CatalogError, Loaded};
use crate::report::Style;
use crate::spec::CatalogName;

/// Reads and loads one file. `Err` only when the file cannot be read at all.
fn load(path: &Path, input: &InputArgs, stdin: &mut dyn Read) -> Result<Loaded, Failure> {
    Loaded::read(path, input.limits(), stdin).map_err(|error| Failure(error.to_string()))
}

/// Reads and loads one of several files. One that cannot be read at all is loaded as
/// its E012 diagnostic, so that the other files are still reported; `true` beside it
/// asks the command to exit 2 once every file is.
fn load_one_of_many(path: &Path, input: &InputArgs, stdin: &mut dyn Read) -> (Loaded, bool) {
    match Loaded::read(path, input.limits(), stdin) {
        Ok(loaded) => (loaded, false),
        Err(error) => {
            let (source, diagnostic) = error.into_diagnostic();
            let loaded = Loaded {
                source,
                spec: Err(vec![diagnostic]),
            };
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
) -> Result<Result<&'static Catalog, u8>, Failure> {
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
