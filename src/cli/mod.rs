//! Command-line interface: argument parsing and the commands. Commands call the library
//! stages, render their results and return the exit code; nothing else prints.

mod args;
mod commands;
mod io;

use std::io::IsTerminal;

use clap::Parser;

pub use args::*;
pub use io::{Failure, Io};

use commands::{check, diff, explain, generate, lint, lsp, models, plan, route, rules};
use io::write_out;

/// Exit codes: 0 when clean, 1 when the input has errors, 2 when the tool could not run.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Runs the process: parses arguments and runs the command. Returns the exit code.
pub fn main() -> u8 {
    let cli = Cli::parse();
    // The language server's threads read stdin and write stdout themselves: the locks
    // below would block them for the whole run.
    if let Command::Lsp(args) = &cli.command {
        return lsp::run(args).unwrap_or_else(|failure| {
            eprintln!("shotlist: {failure}");
            EXIT_USAGE
        });
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stdout_is_terminal = stdout.is_terminal();
    let mut io = Io {
        stdin: &mut stdin.lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut std::io::stderr(),
        stdout_is_terminal,
    };
    run(cli, &mut io)
}

/// Runs a parsed command line.
pub fn run(cli: Cli, io: &mut Io) -> u8 {
    let style = io.style(cli.color);
    let result = match cli.command {
        Command::Check(args) => check::run(&args, style, io),
        Command::Schema => write_out(io, &crate::schema::spec_schema_json()).map(|()| EXIT_OK),
        Command::Models(args) => models::run(&args, style, io),
        Command::Lint(args) => lint::run(&args, style, io),
        Command::Rules(args) => rules::run(&args, io),
        Command::Explain(args) => explain::run(&args, io),
        Command::Plan(args) => plan::run(&args, style, io),
        Command::Route(args) => route::run(&args, style, io),
        Command::Diff(args) => diff::run(&args, style, io),
        Command::Generate(args) => generate::run(&args, io),
        Command::Lsp(args) => lsp::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(io.stderr, "shotlist: {failure}");
            EXIT_USAGE
        }
    }
}
