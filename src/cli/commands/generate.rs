//! `shotlist generate`: synthetic and hostile specs for benchmarks and scale tests.

use crate::cli::EXIT_OK;
use crate::cli::args::GenerateArgs;
use crate::cli::io::{Failure, Io};

pub(in crate::cli) fn run(args: &GenerateArgs, io: &mut Io) -> Result<u8, Failure> {
    let bytes = match &args.hostile {
        Some(name) => crate::generate::hostile(name)
            .ok_or_else(|| Failure(format!("no hostile input `{name}`")))?,
        None => crate::generate::spec_yaml(args.shots).into_bytes(),
    };
    io.stdout.write_all(&bytes)?;
    io.stdout.flush()?;
    Ok(EXIT_OK)
}
