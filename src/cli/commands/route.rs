//! `shotlist route`: the cheapest model that still fits each job, and `--fix`.

use std::path::Path;

use crate::cli::EXIT_OK;
use crate::cli::args::{RouteArgs, RouteFormat};
use crate::cli::io::{Failure, Io, refuse, write_file, write_out};
use crate::plan::fix::fix;
use crate::plan::route::{RouteOptions, route};
use crate::report::{self, Style};
use crate::wording::plural;

/// `shotlist route`: the report, or with `--fix` the report and the spec rewritten
/// atomically, or with `--diff` the rewrite as a unified diff. A spec with check
/// errors is refused as `plan` refuses it; a rewrite that cannot be placed or verified
/// is refused with exit 2, and the file is left as it was.
pub(in crate::cli) fn run(args: &RouteArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let rewrites = args.fix || args.diff;
    if args.fix && !args.diff && args.file == Path::new("-") {
        return Err(Failure(
            "--fix rewrites FILE in place and cannot rewrite standard input; use --diff".to_owned(),
        ));
    }
    let json = args.format == RouteFormat::Json;
    let loaded = super::load(&args.file, &args.input, json, io)?;
    if let (true, Some(catalog), Ok(spec)) = (rewrites, &args.catalog, &loaded.spec) {
        let own = spec
            .catalog
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_default();
        if *catalog != own {
            return Err(Failure(format!(
                "--fix and --diff write model ids for the spec's own catalog `{}`, not `{}`; drop --catalog, or set `catalog:` in the spec",
                own.as_str(),
                catalog.as_str()
            )));
        }
    }
    let catalog =
        match super::catalog(&loaded, args.catalog.as_ref(), &args.input, style, json, io)? {
            Ok(catalog) => catalog,
            Err(code) => return Ok(code),
        };
    let checked = match loaded.check(Some(&catalog)) {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return refuse(io, &loaded.source, &diagnostics, style, json, "not routed");
        }
    };
    let options = RouteOptions {
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        allow_draft: args.allow_draft,
    };
    let route = match route(&checked, options) {
        Ok(route) => route,
        Err(diagnostics) => {
            return refuse(io, &loaded.source, &diagnostics, style, json, "not routed");
        }
    };
    let rewrite = || {
        fix(&loaded.source, &checked, &route).map_err(|refusal| {
            Failure(format!(
                "refusing to rewrite {}: {refusal}",
                loaded.source.name
            ))
        })
    };
    if args.diff {
        if !route.moves.is_empty() {
            let fixed = rewrite()?;
            let name = loaded.source.name.as_str();
            write_notes(io, name, &fixed.notes)?;
            let diff = fixed
                .unified_diff(&loaded.source.text, name)
                .ok_or_else(|| {
                    Failure(format!(
                        "refusing to diff {name}: the rewrite and its edits disagree; please report this bug"
                    ))
                })?;
            write_out(io, &diff)?;
        }
        return Ok(EXIT_OK);
    }
    if args.fix {
        if route.moves.is_empty() {
            writeln!(io.stderr, "{}: nothing to rewrite", loaded.source.name)?;
        } else {
            let fixed = rewrite()?;
            // The spec is the file meant to be replaced here.
            write_file(&args.file, None, |out| out.write_all(fixed.text.as_bytes()))?;
            writeln!(
                io.stderr,
                "{}: {} rewritten; it checks clean and plans to {} expected credits",
                loaded.source.name,
                plural(route.moves.len(), "job"),
                report::plan::credits(route.routed.totals.credits.expected)
            )?;
            write_notes(io, &loaded.source.name, &fixed.notes)?;
        }
    }
    let text = match args.format {
        RouteFormat::Human => report::route::human::render(&route, style),
        RouteFormat::Json => report::route::json::render(&route),
        RouteFormat::Markdown => report::route::markdown::render(&route),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}

/// The edits beyond the moved values, on standard error: a shot given its own
/// `model:` because a value it shared now differs from the one it needs.
fn write_notes(io: &mut Io, name: &str, notes: &[String]) -> Result<(), Failure> {
    for note in notes {
        let note = report::printable::printable(note);
        writeln!(io.stderr, "{name}: note: {note}")?;
    }
    Ok(())
}
