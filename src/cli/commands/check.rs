//! `shotlist check`: load and check each file; report every problem, or what a clean
//! spec holds.

use crate::cli::args::{CheckArgs, DiagnosticFormat};
use crate::cli::io::{Failure, Io, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::pipeline::CatalogError;
use crate::report::human::{Tally, render_diagnostics};
use crate::report::{Style, diagnostics_json};
use crate::spec::Spec;
use crate::validate;
use crate::wording::plural;

pub(in crate::cli) fn run(args: &CheckArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let mut tally = Tally::default();
    let mut any_unreadable = false;
    let mut json_diagnostics = Vec::new();
    let mut human = String::new();
    for path in &args.files {
        let (loaded, unreadable) = super::load_one_of_many(path, &args.input, io.stdin);
        any_unreadable |= unreadable;
        // A catalog file's own problems are reported against its text, before the one
        // on the spec's `catalog:` line that `check` makes of them.
        if let Err(CatalogError::Invalid {
            source,
            diagnostics,
        }) = loaded.catalog(None, args.input.limits())
        {
            tally.add(Tally::of(&diagnostics));
            match args.format {
                DiagnosticFormat::Human => {
                    human.push_str(&render_diagnostics(&diagnostics, &source, style))
                }
                DiagnosticFormat::Json => json_diagnostics
                    .extend(diagnostics_json::diagnostic_values(&diagnostics, &source)),
            }
        }
        let diagnostics = match crate::pipeline::representable(loaded.check(None)) {
            Ok(checked) => {
                if args.format == DiagnosticFormat::Human {
                    human.push_str(&format!(
                        "{}: ok — {} in {}, {} to lock\n",
                        loaded.source.name,
                        plural(checked.spec().shots.len(), "shot"),
                        plural(checked.spec().segments.len(), "segment"),
                        plural(sheets_to_lock(checked.spec()), "sheet"),
                    ));
                }
                Vec::new()
            }
            Err(diagnostics) => diagnostics,
        };
        let file_tally = Tally::of(&diagnostics);
        tally.add(file_tally);
        match args.format {
            DiagnosticFormat::Human => {
                human.push_str(&render_diagnostics(&diagnostics, &loaded.source, style));
                if !diagnostics.is_empty() {
                    human.push_str(&format!(
                        "{}: {}\n",
                        loaded.source.name,
                        file_tally.describe()
                    ));
                }
            }
            DiagnosticFormat::Json => {
                json_diagnostics.extend(diagnostics_json::diagnostic_values(
                    &diagnostics,
                    &loaded.source,
                ));
            }
        }
    }
    match args.format {
        DiagnosticFormat::Human => write_out(io, &human)?,
        DiagnosticFormat::Json => {
            write_out(io, &diagnostics_json::document(json_diagnostics, tally))?
        }
    }
    Ok(if any_unreadable {
        EXIT_USAGE
    } else if tally.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn sheets_to_lock(spec: &Spec) -> usize {
    validate::AssetKind::ALL
        .iter()
        .flat_map(|kind| kind.assets(spec))
        .filter(|asset| {
            asset
                .sheet
                .as_ref()
                .is_some_and(|sheet| !sheet.value.is_locked())
        })
        .count()
}
