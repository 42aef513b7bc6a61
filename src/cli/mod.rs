//! Command-line interface: argument parsing and the commands. Commands call the library
//! stages, render their results and return the exit code; nothing else prints.

mod args;
mod commands;
mod io;

use std::io::IsTerminal;

use clap::{CommandFactory, Parser};

pub use args::*;
pub use io::{Failure, Io};

use commands::{
    check, compare, diff, explain, generate, lint, log, lsp, models, plan, route, rules, status,
};
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
        Command::Compare(args) => compare::run(&args, style, io),
        Command::Diff(args) => diff::run(&args, style, io),
        Command::Status(args) => status::run(&args, style, io),
        Command::Log(args) => log::run(&args, style, io),
        Command::Completions(args) => write_out(io, &completions(args.shell)).map(|()| EXIT_OK),
        Command::Generate(args) => generate::run(&args, io),
        Command::Lsp(args) => lsp::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            // A refusal may quote a shot id, which may hold any character.
            let message = crate::report::printable::printable(&failure.0);
            let _ = writeln!(io.stderr, "shotlist: {message}");
            EXIT_USAGE
        }
    }
}

/// The completion script for a shell.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "shotlist", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The manual pages, by file name: `shotlist.1` and one `shotlist-COMMAND.1` per
/// command, as docs/man/ holds them (a test keeps that copy current).
pub fn man_pages() -> Vec<(String, String)> {
    let command = Cli::command();
    let mut pages = vec![("shotlist.1".to_owned(), man_page(command.clone()))];
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = format!("shotlist-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name.clone())
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), man_page(page)));
    }
    pages
}

fn man_page(command: clap::Command) -> String {
    let mut roff = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(command).render(&mut roff);
    String::from_utf8_lossy(&roff).into_owned()
}
