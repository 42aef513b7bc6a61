//! `shotlist rules`: list every lint rule.

use crate::cli::EXIT_OK;
use crate::cli::args::{RulesArgs, TableFormat};
use crate::cli::io::{Failure, Io, write_out};

pub(in crate::cli) fn run(args: &RulesArgs, io: &mut Io) -> Result<u8, Failure> {
    let text = match args.format {
        TableFormat::Human => crate::report::rules::list_human(),
        TableFormat::Json => crate::report::rules::list_json(),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
