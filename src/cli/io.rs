//! Where commands read and write, how they style what they write, and the one error
//! that stops a command (exit 2).

use std::io::{Read, Write};
use std::path::Path;

use super::EXIT_FINDINGS;
use super::args::ColorChoice;
use crate::diagnostic::Diagnostic;
use crate::report::human::{Tally, render_diagnostics};
use crate::report::{Style, diagnostics_json};
use crate::source::Source;

/// Where commands read and write. Tests pass buffers; `main` passes the process's
/// streams.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdout is a terminal (for colour).
    pub stdout_is_terminal: bool,
}

impl Io<'_> {
    pub(super) fn style(&self, choice: ColorChoice) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                self.stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let width = if self.stdout_is_terminal {
            terminal_width().unwrap_or(100)
        } else {
            100
        };
        Style {
            color,
            width,
            terminal: self.stdout_is_terminal,
        }
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// A reason the tool could not run at all (exit 2).
#[derive(Debug)]
pub struct Failure(pub(super) String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure(format!("cannot write output: {error}"))
    }
}

/// Writes a file by the rules of [`crate::atomic`], never over `spec`, the input: any
/// refusal or error is a failure to run, and the file is left as it was.
pub(super) fn write_file(
    path: &Path,
    spec: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    // A spec read from standard input may still be a file (`plan - < spec.yaml`), which
    // `/dev/stdin` names where the system has it.
    let inputs: Vec<&Path> = spec
        .map(|spec| {
            if spec == Path::new("-") {
                Path::new("/dev/stdin")
            } else {
                spec
            }
        })
        .into_iter()
        .collect();
    crate::atomic::write_with(path, &inputs, fill)
        .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))
}

pub(super) fn write_out(io: &mut Io, text: &str) -> Result<(), Failure> {
    io.stdout.write_all(text.as_bytes())?;
    io.stdout.flush()?;
    Ok(())
}

/// Reports the diagnostics that stop a command on stderr, with a closing line saying
/// what was not done; exit 1. With `json`, the diagnostics also go to stdout as the
/// diagnostics document `check --format json` writes, so that a consumer asking for
/// JSON always has a document to parse.
pub(super) fn refuse(
    io: &mut Io,
    source: &Source,
    diagnostics: &[Diagnostic],
    style: Style,
    json: bool,
    not_done: &str,
) -> Result<u8, Failure> {
    if json {
        refuse_json(io, &[(source, diagnostics)])?;
    }
    let mut text = render_diagnostics(diagnostics, source, style);
    text.push_str(&format!(
        "{}: {}; {not_done}\n",
        source.name,
        Tally::of(diagnostics).describe()
    ));
    io.stderr.write_all(text.as_bytes())?;
    Ok(EXIT_FINDINGS)
}

/// Writes the diagnostics of files that stopped a command to stdout as one diagnostics
/// document.
pub(super) fn refuse_json(io: &mut Io, files: &[(&Source, &[Diagnostic])]) -> Result<(), Failure> {
    let mut tally = Tally::default();
    let mut entries = Vec::new();
    for (source, diagnostics) in files {
        tally.add(Tally::of(diagnostics));
        entries.extend(diagnostics_json::diagnostic_values(diagnostics, source));
    }
    write_out(io, &diagnostics_json::document(entries, tally))
}
