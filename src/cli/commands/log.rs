//! `shotlist log`: append one checked row to the spec's ledger.
//!
//! The row is checked exactly as reading checks it: the whole ledger, as it would be
//! with the row appended, is read against the spec, and the row is written only when
//! that reads cleanly (the ledger as it stands must, too). The new file is written
//! whole and atomically, so a torn line cannot happen and a refused row leaves the file
//! byte for byte as it was.

use crate::cli::args::LogArgs;
use crate::cli::io::{Failure, Io, refuse, write_file, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK};
use crate::ledger::{Column, JobRef};
use crate::pipeline::{self, LoadedLedger};
use crate::plan::generated_seconds;
use crate::report::Style;
use crate::spec::{self, SourceError};
use crate::validate::Checked;

pub(in crate::cli) fn run(args: &LogArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let loaded = super::load(&args.file, &args.input, false, io)?;
    let catalog = match super::catalog(&loaded, None, &args.input, style, false, io)? {
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
                false,
                "nothing logged",
            );
        }
    };
    let path = super::ledger_path(&loaded, args.ledger.as_deref())?;
    let limits = args.input.limits();
    let name = path.display().to_string();
    let existing = match spec::read_source(&path, limits.max_bytes, &mut std::io::empty()) {
        Ok(Ok(source)) => Some(source.text).filter(|text| !text.trim().is_empty()),
        Ok(Err((source, diagnostic))) => {
            return refuse(io, &source, &[diagnostic], style, false, "nothing logged");
        }
        Err(SourceError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(Failure(error.to_string())),
    };
    let header: Vec<String> = match &existing {
        Some(text) => {
            let read = pipeline::ledger_from_text(&checked, name.clone(), text.clone(), limits);
            if read.has_errors() {
                return refuse(
                    io,
                    &read.source,
                    &read.diagnostics,
                    style,
                    false,
                    "nothing logged: fix the ledger first",
                );
            }
            read.ledger.columns().to_vec()
        }
        None => Column::ALL.map(|c| c.name().to_owned()).to_vec(),
    };

    let values = values(args, &checked);
    let mut missing = Vec::new();
    for (column, _) in &values {
        if !header.iter().any(|name| name == column.name()) {
            // A defaulted time is left out of a ledger that keeps none.
            if *column == Column::At && args.at.is_none() {
                continue;
            }
            missing.push(column.name());
        }
    }
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        io.stderr.write_all(
            format!(
                "{name}: the ledger has no {list} column for this row; nothing logged\n  help: add {list} to the header (the first line) of {name}, or leave the option out\n"
            )
            .as_bytes(),
        )?;
        return Ok(EXIT_FINDINGS);
    }
    let record: Vec<&str> = header
        .iter()
        .map(|name| {
            values
                .iter()
                .find(|(column, _)| column.name() == name)
                .map_or("", |(_, value)| value.as_str())
        })
        .collect();
    let crlf = existing
        .as_deref()
        .is_some_and(|text| text.contains("\r\n"));
    let mut text = match existing {
        Some(mut text) => {
            if !text.ends_with('\n') {
                text.push_str(if crlf { "\r\n" } else { "\n" });
            }
            text
        }
        None => line(
            &header.iter().map(String::as_str).collect::<Vec<_>>(),
            false,
        )?,
    };
    text.push_str(&line(&record, crlf)?);

    let read: LoadedLedger<'_> =
        pipeline::ledger_from_text(&checked, name.clone(), text.clone(), limits);
    if let Some(code) = super::refuse_or_warn(io, &read, style, false, "nothing logged")? {
        return Ok(code);
    }
    write_file(&path, Some(&args.file), |out| {
        out.write_all(text.as_bytes())
    })?;
    let summary = read.ledger.rows().last().map_or_else(String::new, |row| {
        let credits = row.credits.rounded2().map_or_else(String::new, |c| {
            format!(", {} credits", crate::wording::credits(c))
        });
        let job = match row.job {
            JobRef::Shot(_) => "shot",
            JobRef::Sheet(..) => "sheet",
        };
        format!(
            "{name}:{}: logged a {} take of {job} `{}` on `{}`{credits}\n",
            row.line,
            row.outcome.name(),
            args.job,
            args.model
        )
    });
    write_out(io, &summary)?;
    Ok(EXIT_OK)
}

/// The row's values by column, as the ledger will hold them.
fn values(args: &LogArgs, checked: &Checked<'_>) -> Vec<(Column, String)> {
    let spec = checked.spec();
    let mut values = vec![
        (Column::Job, args.job.clone()),
        (Column::Model, args.model.clone()),
        (Column::Outcome, args.outcome.name().to_owned()),
    ];
    let optional = [
        (Column::Kind, &args.kind),
        (Column::Resolution, &args.resolution),
        (Column::Images, &args.images),
        (Column::Credits, &args.credits),
        (Column::Note, &args.note),
    ];
    values.extend(
        optional
            .into_iter()
            .filter_map(|(column, value)| value.clone().map(|value| (column, value))),
    );
    let seconds = args.seconds.clone().or_else(|| {
        // A shot's default: what the plan generates for one take of it.
        if args.kind.as_deref().is_some_and(|kind| kind != "shot") {
            return None;
        }
        let shot = spec
            .shots
            .iter()
            .find(|shot| shot.id.value.as_str() == args.job)?;
        generated_seconds(&spec.assumptions, shot.duration.value.seconds())
            .map(|seconds| seconds.normalize().to_string())
    });
    if let Some(seconds) = seconds {
        values.push((Column::Seconds, seconds));
    }
    let at = args.at.clone().unwrap_or_else(|| {
        let now = jiff::Timestamp::now();
        jiff::Timestamp::from_second(now.as_second())
            .unwrap_or(now)
            .to_string()
    });
    values.push((Column::At, at));
    values
}

/// One CSV record with its line end, quoted where RFC 4180 needs it.
fn line(fields: &[&str], crlf: bool) -> Result<String, Failure> {
    let terminator = if crlf {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .from_writer(Vec::new());
    writer
        .write_record(fields)
        .map_err(|error| Failure(format!("cannot write the row: {error}")))?;
    let bytes = writer
        .into_inner()
        .map_err(|error| Failure(format!("cannot write the row: {error}")))?;
    String::from_utf8(bytes).map_err(|error| Failure(format!("cannot write the row: {error}")))
}
