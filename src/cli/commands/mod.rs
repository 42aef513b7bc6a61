//! One module per command: each reads its input through the library's pipeline,
//! renders what comes out and returns the exit code.

pub(super) mod check;
pub(super) mod diff;
pub(super) mod explain;
pub(super) mod generate;
pub(super) mod lint;
pub(super) mod lsp;
pub(super) mod models;
pub(super) mod plan;
pub(super) mod route;
pub(super) mod rules;

use std::io::Read;
use std::path::Path;

use super::args::InputArgs;
use super::io::Failure;
use crate::pipeline::Loaded;

/// Reads and loads one file. `Err` only when the file cannot be read at all.
fn load(path: &Path, input: &InputArgs, stdin: &mut dyn Read) -> Result<Loaded, Failure> {
    Loaded::read(path, input.limits(), stdin).map_err(|error| Failure(error.to_string()))
}
