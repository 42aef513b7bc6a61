//! `shotlist lint`: check each file, then run the lint rules on those that pass.

use std::path::Path;

use crate::cli::args::{LintArgs, LintFormat};
use crate::cli::io::{Failure, Io, write_out};
use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Diagnostic;
use crate::lint::{Overrides, RuleDef, Settings as LintSettings, registry};
use crate::pipeline;
use crate::report::human::{Tally, render_diagnostics};
use crate::report::{Style, diagnostics_json};
use crate::source::Source;
use crate::spec::Level;

/// Resolves the `--deny`, `--warn` and `--allow` flags. A rule given to two of them is
/// a usage error: which one wins would otherwise depend on an unstated precedence.
fn lint_overrides(args: &LintArgs) -> Result<Overrides, Failure> {
    let mut levels: Vec<(&'static RuleDef, Level, &'static str)> = Vec::new();
    for (flag, level, keys) in [
        ("--deny", Level::Deny, &args.deny),
        ("--warn", Level::Warn, &args.warn),
        ("--allow", Level::Off, &args.allow),
    ] {
        for key in keys {
            let Some(rule) = registry::find(key) else {
                let hint = match registry::suggest(key) {
                    Some(close) => format!("; did you mean `{close}`?"),
                    None => "; run `shotlist rules` to list the rules".to_owned(),
                };
                return Err(Failure(format!("{flag}: unknown lint rule `{key}`{hint}")));
            };
            if let Some((_, _, other)) = levels
                .iter()
                .find(|(seen, seen_level, _)| std::ptr::eq(*seen, rule) && *seen_level != level)
            {
                return Err(Failure(format!(
                    "`{}` is given to both {other} and {flag}; give it to one",
                    rule.name()
                )));
            }
            levels.push((rule, level, flag));
        }
    }
    Ok(Overrides {
        levels: levels
            .into_iter()
            .map(|(rule, level, _)| (rule, level))
            .collect(),
    })
}

/// One file's outcome: its source and diagnostics, and whether the check stopped it
/// before linting.
struct LintedFile {
    source: Source,
    diagnostics: Vec<Diagnostic>,
    check_failed: bool,
}

pub(in crate::cli) fn run(args: &LintArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let settings = LintSettings {
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        overrides: lint_overrides(args)?,
    };
    if args.ledger.is_some() && args.files.len() > 1 {
        return Err(Failure(
            "--ledger is the ledger of one production: give it one spec".to_owned(),
        ));
    }
    let mut files = Vec::with_capacity(args.files.len());
    let mut any_unreadable = false;
    for path in &args.files {
        let (loaded, unreadable) = super::load_one_of_many(path, &args.input, io.stdin);
        any_unreadable |= unreadable;
        let mut ledger_file = None;
        let (diagnostics, check_failed) = match pipeline::representable(loaded.check(None)) {
            Ok(checked) => {
                let ledger = match pipeline::open_ledger(
                    &loaded,
                    &checked,
                    args.ledger.as_deref(),
                    args.input.limits(),
                ) {
                    Ok(ledger) => ledger,
                    Err(error) => {
                        any_unreadable = true;
                        let (source, diagnostic) = error.into_diagnostic();
                        ledger_file = Some(LintedFile {
                            source,
                            diagnostics: vec![diagnostic],
                            check_failed: false,
                        });
                        None
                    }
                };
                let diagnostics = pipeline::lint_tracked(&checked, &settings, ledger.as_ref());
                if let Some(ledger) = ledger.filter(|ledger| !ledger.diagnostics.is_empty()) {
                    ledger_file = Some(LintedFile {
                        source: ledger.source,
                        diagnostics: ledger.diagnostics,
                        check_failed: false,
                    });
                }
                (diagnostics, false)
            }
            Err(diagnostics) => (diagnostics, true),
        };
        files.push(LintedFile {
            source: loaded.source,
            diagnostics,
            check_failed,
        });
        files.extend(ledger_file);
    }
    let mut tally = Tally::default();
    for file in &files {
        tally.add(Tally::of(&file.diagnostics));
    }
    let text = match args.format {
        LintFormat::Human => {
            let mut text = String::new();
            for file in &files {
                text.push_str(&render_diagnostics(&file.diagnostics, &file.source, style));
                let summary = Tally::of(&file.diagnostics).describe();
                let line = if file.check_failed {
                    format!("{summary}; not linted until the check passes")
                } else if summary.is_empty() {
                    "ok — no lint findings".to_owned()
                } else {
                    summary
                };
                text.push_str(&format!("{}: {line}\n", file.source.name));
            }
            text
        }
        LintFormat::Json => {
            let values = files
                .iter()
                .flat_map(|f| diagnostics_json::diagnostic_values(&f.diagnostics, &f.source))
                .collect();
            diagnostics_json::document(values, tally)
        }
        LintFormat::Sarif => {
            let parts: Vec<_> = files
                .iter()
                .map(|f| (&f.source, f.diagnostics.as_slice()))
                .collect();
            let root = args.sarif_root.as_deref().unwrap_or(Path::new("."));
            let root = crate::report::sarif::resolve_root(root)
                .map_err(|e| Failure(format!("--sarif-root {}: {e}", root.display())))?;
            crate::report::sarif::document(&parts, &root)
        }
        LintFormat::Github => files
            .iter()
            .map(|f| crate::report::github::render(&f.diagnostics, &f.source))
            .collect(),
    };
    write_out(io, &text)?;
    let failed = tally.errors > 0 || (args.strict && tally.warnings > 0);
    Ok(if any_unreadable {
        EXIT_USAGE
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
