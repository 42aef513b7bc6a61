//! `shotlist calibrate`: the take assumptions measured from the ledger, and `--fix`.

use std::path::Path;

use crate::calibrate::fix::fix;
use crate::calibrate::{Calibration, MIN_SHOTS, measured_shots};
use crate::cli::EXIT_OK;
use crate::cli::args::{CalibrateArgs, CalibrateFormat};
use crate::cli::io::{Failure, Io, refuse, write_file, write_out};
use crate::report::{self, Style};

/// Exit 0 when the spec and the ledger load (an unknown column is only a warning, shown
/// on stderr); 1 with the diagnostics of a spec or ledger with errors (with `--format
/// json`, also as a diagnostics document on stdout); 2 when no ledger is named or it
/// cannot be read, or a `--fix` cannot be written safely (the file is then left as it
/// was).
pub(in crate::cli) fn run(args: &CalibrateArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    if args.fix && args.file == Path::new("-") {
        return Err(Failure(
            "--fix rewrites FILE in place and cannot rewrite standard input".to_owned(),
        ));
    }
    let json = args.format == CalibrateFormat::Json;
    let loaded = super::load(&args.file, &args.input, json, io)?;
    let catalog = match super::catalog(&loaded, None, &args.input, style, json, io)? {
        Ok(catalog) => catalog,
        Err(code) => return Ok(code),
    };
    let checked = match loaded.check(Some(&catalog)) {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return refuse(
                io,
                &loaded.source,
                &diagnostics,
                style,
                json,
                "not calibrated",
            );
        }
    };
    let path = super::ledger_path(&loaded, args.ledger.as_deref())?;
    let read = super::read_ledger(&loaded, &checked, &path, args.input.limits())?;
    if let Some(code) = super::refuse_or_warn(io, &read, style, json, "not calibrated")? {
        return Ok(code);
    }
    let calibration = Calibration::measure(measured_shots(&checked, &read.ledger));
    if args.fix {
        let name = loaded.source.name.as_str();
        let suggestion = calibration.suggestion();
        if suggestion.is_empty() {
            writeln!(
                io.stderr,
                "{name}: nothing to write: {} measured, fewer than the {} a suggestion needs; the spec is left as it was",
                report::calibrate::shots(calibration.overall.shots),
                MIN_SHOTS
            )?;
        } else {
            let fixed = fix(&loaded.source, &checked, &suggestion)
                .map_err(|refusal| Failure(format!("refusing to rewrite {name}: {refusal}")))?;
            if fixed.edits.is_empty() {
                writeln!(
                    io.stderr,
                    "{name}: its assumptions already say {}; nothing to rewrite",
                    report::calibrate::suggested(&suggestion)
                )?;
            } else {
                // The spec is the file meant to be replaced here.
                write_file(&args.file, None, |out| out.write_all(fixed.text.as_bytes()))?;
                writeln!(
                    io.stderr,
                    "{name}: assumptions rewritten with {}; it checks clean",
                    report::calibrate::suggested(&suggestion)
                )?;
                for note in &fixed.notes {
                    writeln!(io.stderr, "{name}: note: {note}")?;
                }
            }
        }
    }
    let text = match args.format {
        CalibrateFormat::Human => {
            report::calibrate::render(&calibration, &checked.spec().assumptions, style, !args.fix)
        }
        CalibrateFormat::Json => report::calibrate::json(&calibration),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}
