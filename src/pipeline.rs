//! The one pipeline, load → check → lint → plan, as every consumer runs it: the CLI,
//! the tests, the fuzz targets and the language server call these functions rather
//! than chaining the stages themselves.
//!
//! A spec is read from a path ([`Loaded::read`]) or taken as text ([`Loaded::from_text`],
//! an editor's buffer), under the same [`Limits`]. [`Loaded::check`] borrows the spec it
//! checks, and a plan borrows the checked spec, so the caller holds each stage's result
//! while it uses the next.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::catalog::{Catalog, CatalogHandle};
use crate::diagnostic::{CheckCode, Diagnostic, Severity};
use crate::ledger::{self, Ledger};
use crate::lint;
use crate::plan::Plan;
use crate::source::Source;
use crate::spec::{self, CatalogName, SourceError, Spec};
use crate::validate::{self, Checked};

/// Caps on one input: its size in bytes and its shots. The defaults are the CLI's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: u64,
    /// Held to at most [`spec::MAX_SHOTS`] whatever is asked.
    pub max_shots: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: spec::DEFAULT_MAX_BYTES,
            max_shots: spec::DEFAULT_MAX_SHOTS,
        }
    }
}

/// The most diagnostics reported for one file; past it, one more counts the rest. A
/// 25,000-shot spec with one systematic mistake would otherwise print 25,000 reports.
pub const MAX_DIAGNOSTICS: usize = 200;

/// A spec's source and what loading made of it: the spec, or every diagnostic that
/// stopped it (too large, not UTF-8, malformed) — each structural problem, and the
/// semantic ones of whatever could be read around them.
#[derive(Debug)]
pub struct Loaded {
    pub source: Source,
    pub spec: Result<Spec, Vec<Diagnostic>>,
    /// The catalog [`Loaded::check`] read for the spec's own `catalog:`, held here so
    /// that the checked spec may borrow it and it is freed with the spec.
    own_catalog: OnceLock<CatalogHandle>,
}

/// Checking's outcome: the checked spec, or every diagnostic that stops it, loading's
/// included.
pub type CheckOutcome<'a> = Result<Checked<'a>, Vec<Diagnostic>>;

impl Loaded {
    /// A spec already loaded from `source`.
    pub fn new(source: Source, spec: Result<Spec, Vec<Diagnostic>>) -> Self {
        Self {
            source,
            spec,
            own_catalog: OnceLock::new(),
        }
    }

    /// Reads and loads the spec at `path`; `-` reads `stdin`. `Err` only when the input
    /// cannot be read at all.
    pub fn read(path: &Path, limits: Limits, stdin: &mut dyn Read) -> Result<Self, SourceError> {
        Ok(match spec::read_source(path, limits.max_bytes, stdin)? {
            Ok(source) => Self::load(source, limits),
            Err((source, diagnostic)) => Self::new(source, Err(vec![diagnostic])),
        })
    }

    /// Loads a spec handed over as text, reported under `name`, as if read from a file.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, limits: Limits) -> Self {
        let text = text.into();
        if text.len() as u64 > limits.max_bytes {
            return Self::new(
                Source::new(name, String::new()),
                Err(vec![spec::too_large(limits.max_bytes)]),
            );
        }
        Self::load(Source::new(name, text), limits)
    }

    /// Loads a source already read (one `shotlist diff` has found not to be a plan).
    pub fn load(source: Source, limits: Limits) -> Self {
        let spec = spec::load_all(&source, limits.max_shots).map_err(|failure| {
            let mut diagnostics = failure.diagnostics;
            if let Some(salvaged) = &failure.salvaged
                && let Err(problems) = check(&salvaged.spec, None)
            {
                for problem in problems {
                    if salvaged.follows_from_gaps(&problem, &source.text) {
                        continue;
                    }
                    let problem = salvaged.placed(problem);
                    let place = problem.primary_span();
                    if !diagnostics
                        .iter()
                        .any(|d| d.code == problem.code && d.primary_span() == place)
                    {
                        diagnostics.push(problem);
                    }
                }
                diagnostics.sort_by_key(|d| d.primary_span().map(|s| s.offset));
            }
            limited(diagnostics)
        });
        Self::new(source, spec)
    }

    /// Checks the spec, priced under `catalog` when given instead of its own. Without
    /// one, the spec's own `catalog:` is used, a catalog file read beside the spec; a
    /// file that cannot be used is reported on the spec's `catalog:` line.
    pub fn check<'a>(&'a self, catalog: Option<&'a Catalog>) -> CheckOutcome<'a> {
        let catalog = match catalog {
            Some(catalog) => catalog,
            None => match self.own_catalog.get() {
                Some(catalog) => catalog,
                None => match self.catalog(None, Limits::default()) {
                    Ok(catalog) => self.own_catalog.get_or_init(|| catalog),
                    Err(error) => return Err(vec![self.catalog_problem(error)]),
                },
            },
        };
        check_loaded(&self.spec, Some(catalog))
    }

    /// The catalog the spec is priced with: `choice` when given (a file's path taken
    /// from the working directory), else the spec's own `catalog:` (a file's path taken
    /// from the spec's directory), else the default built-in one.
    pub fn catalog(
        &self,
        choice: Option<&CatalogName>,
        limits: Limits,
    ) -> Result<CatalogHandle, CatalogError> {
        if let Some(choice) = choice {
            return resolve_catalog(choice, Path::new(""), limits);
        }
        let Some(named) = self
            .spec
            .as_ref()
            .ok()
            .and_then(|spec| spec.catalog.as_ref())
        else {
            return Catalog::builtin(Default::default())
                .map(CatalogHandle::Builtin)
                .map_err(CatalogError::Spec);
        };
        let directory = Path::new(&self.source.name)
            .parent()
            .unwrap_or(Path::new(""));
        resolve_catalog(&named.value, directory, limits).map_err(|error| match error {
            CatalogError::Unreadable(SourceError::Io { name, error }) => CatalogError::Spec(
                Diagnostic::error(
                    CheckCode::CatalogFile,
                    format!("cannot read catalog file `{name}`: {error}"),
                )
                .with_path("catalog")
                .with_label(named.span, "this catalog file")
                .with_help("give the path from the spec's directory, or a built-in catalog's name"),
            ),
            other => other,
        })
    }

    /// A catalog that cannot be used, as one diagnostic on the spec's `catalog:` line.
    fn catalog_problem(&self, error: CatalogError) -> Diagnostic {
        let span = self
            .spec
            .as_ref()
            .ok()
            .and_then(|spec| spec.catalog.as_ref())
            .map(|named| named.span);
        match error {
            CatalogError::Spec(diagnostic) => diagnostic,
            CatalogError::Unreadable(error) => {
                Diagnostic::error(CheckCode::CatalogFile, error.to_string())
                    .with_path("catalog")
                    .labelled(span, "this catalog file")
            }
            CatalogError::Invalid {
                source,
                diagnostics,
            } => {
                let first = diagnostics.first().map_or_else(String::new, |first| {
                    let (line, column) = first.line_column(&source);
                    format!(
                        "the first: {}:{line}:{column}: {}; ",
                        source.name, first.message
                    )
                });
                Diagnostic::error(
                    CheckCode::CatalogFile,
                    format!(
                        "catalog file `{}` has {}",
                        source.name,
                        crate::wording::plural(diagnostics.len(), "problem")
                    ),
                )
                .with_path("catalog")
                .labelled(span, "this catalog file")
                .with_help(format!(
                    "{first}`shotlist check` on the spec shows each in the catalog file"
                ))
            }
        }
    }
}

/// A ledger read against a checked spec: its source (the ledger file's text, which its
/// diagnostics point into), the valid rows, and every problem found, limited as a
/// spec's are.
#[derive(Debug)]
pub struct LoadedLedger<'a> {
    pub source: Source,
    pub ledger: Ledger<'a>,
    /// Errors and warnings (unknown columns), in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedLedger<'_> {
    /// Whether a diagnostic is an error: then the ledger is partial, and no figure
    /// should be made from it.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

impl Loaded {
    /// The ledger's path: `choice` when given (a `--ledger` path, taken from the
    /// working directory), else the spec's `ledger:` taken from the spec's directory;
    /// `None` when neither names one.
    pub fn ledger_path(&self, choice: Option<&Path>) -> Option<PathBuf> {
        if let Some(choice) = choice {
            return Some(choice.to_owned());
        }
        let named = self.spec.as_ref().ok()?.ledger.as_ref()?;
        let directory = Path::new(&self.source.name)
            .parent()
            .unwrap_or(Path::new(""));
        Some(directory.join(&named.value))
    }
}

/// Reads the ledger at `path` within `limits.max_bytes` and reads it against
/// `checked`. `Err` only when the file cannot be read at all (a missing file is one:
/// the caller decides whether that is an empty ledger). A ledger is never read from
/// standard input, which is the spec's: `-` is a file.
pub fn read_ledger<'a>(
    checked: &Checked<'a>,
    path: &Path,
    limits: Limits,
) -> Result<LoadedLedger<'a>, SourceError> {
    let path: PathBuf = if path == Path::new("-") {
        Path::new(".").join(path)
    } else {
        path.to_owned()
    };
    Ok(
        match spec::read_source(&path, limits.max_bytes, &mut std::io::empty())? {
            Ok(source) => ledger_from_source(checked, source),
            Err((source, mut diagnostic)) => {
                if diagnostic.code == CheckCode::InvalidUtf8 {
                    diagnostic.help = Some(
                        "save the ledger as UTF-8 text (a spreadsheet's \"CSV UTF-8\")".to_owned(),
                    );
                }
                LoadedLedger {
                    source,
                    ledger: Ledger::default(),
                    diagnostics: vec![diagnostic],
                }
            }
        },
    )
}

/// Reads a ledger handed over as text (an editor's buffer), reported under `name`,
/// as [`read_ledger`] reads a file.
pub fn ledger_from_text<'a>(
    checked: &Checked<'a>,
    name: impl Into<String>,
    text: impl Into<String>,
    limits: Limits,
) -> LoadedLedger<'a> {
    let text = text.into();
    if text.len() as u64 > limits.max_bytes {
        return LoadedLedger {
            source: Source::new(name, String::new()),
            ledger: Ledger::default(),
            diagnostics: vec![spec::too_large(limits.max_bytes)],
        };
    }
    ledger_from_source(checked, Source::new(name, text))
}

/// Reads a ledger's source already read against `checked`.
pub fn ledger_from_source<'a>(checked: &Checked<'a>, source: Source) -> LoadedLedger<'a> {
    let (ledger, diagnostics) = ledger::read(checked, &source);
    LoadedLedger {
        source,
        ledger,
        diagnostics: limited(diagnostics),
    }
}

/// Why a catalog could not be used.
#[derive(Debug)]
pub enum CatalogError {
    /// A file named on the command line cannot be read at all.
    Unreadable(SourceError),
    /// A problem reported on the spec: its `catalog:` names a file that cannot be read,
    /// or a built-in catalog is malformed.
    Spec(Diagnostic),
    /// The file was read, and these are its problems, against its own source.
    Invalid {
        source: Source,
        diagnostics: Vec<Diagnostic>,
    },
}

/// The catalog `name` names: a built-in one, or a file at `name` taken from
/// `directory` (an absolute path is taken as it is).
pub fn resolve_catalog(
    name: &CatalogName,
    directory: &Path,
    limits: Limits,
) -> Result<CatalogHandle, CatalogError> {
    match name {
        CatalogName::Builtin(id) => Catalog::builtin(*id)
            .map(CatalogHandle::Builtin)
            .map_err(CatalogError::Spec),
        CatalogName::File(path) => load_catalog(&directory.join(path), limits),
    }
}

/// Reads a catalog file within `limits.max_bytes`, loads it with the spec loader's
/// budgets and checks it as a spec's models are checked.
pub fn load_catalog(path: &Path, limits: Limits) -> Result<CatalogHandle, CatalogError> {
    // A catalog is never read from standard input, which is the spec's; `-` is a file.
    let path: PathBuf = if path == Path::new("-") {
        Path::new(".").join(path)
    } else {
        path.to_owned()
    };
    let source = match spec::read_source(&path, limits.max_bytes, &mut std::io::empty()) {
        Ok(Ok(source)) => source,
        Ok(Err((source, diagnostic))) => {
            return Err(CatalogError::Invalid {
                source,
                diagnostics: vec![diagnostic],
            });
        }
        Err(error) => return Err(CatalogError::Unreadable(error)),
    };
    let catalog = match Catalog::parse(&source.text) {
        Ok(catalog) => catalog,
        Err(diagnostic) => {
            return Err(CatalogError::Invalid {
                source,
                diagnostics: vec![diagnostic],
            });
        }
    };
    let diagnostics = validate::check_catalog(&catalog);
    if !diagnostics.is_empty() {
        return Err(CatalogError::Invalid {
            source,
            diagnostics,
        });
    }
    Ok(CatalogHandle::File(Arc::new(catalog)))
}

/// As [`Loaded::check`] on loading's outcome alone, so that the caller may drop the
/// source's text while the checked spec is in use.
pub fn check_loaded<'a>(
    spec: &'a Result<Spec, Vec<Diagnostic>>,
    catalog: Option<&'a Catalog>,
) -> CheckOutcome<'a> {
    match spec {
        Ok(spec) => check(spec, catalog),
        Err(diagnostics) => Err(diagnostics.clone()),
    }
}

/// The first [`MAX_DIAGNOSTICS`] of one file's diagnostics and, past them, one that
/// counts the rest, placed at the first one left out.
pub fn limited(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() <= MAX_DIAGNOSTICS {
        return diagnostics;
    }
    let rest = diagnostics.split_off(MAX_DIAGNOSTICS);
    let place = rest.first().and_then(Diagnostic::primary_span);
    diagnostics.push(
        Diagnostic::error(
            CheckCode::TooManyProblems,
            format!(
                "{} not shown",
                crate::wording::plural(rest.len(), "more problem")
            ),
        )
        .with_help(format!(
            "the first {MAX_DIAGNOSTICS} problems are listed; fix them and check again"
        ))
        .labelled(place, "the first not shown"),
    );
    diagnostics
}

/// Checks a loaded spec: the semantic checks of `validate` and the lint configuration
/// (`lint:` and every `allow:` list), so that a misspelt rule is a check error. With
/// `catalog`, the spec is priced under that catalog whatever its own `catalog:` says.
/// Returns the checked spec, or every problem in source order.
pub fn check<'a>(spec: &'a Spec, catalog: Option<&'a Catalog>) -> CheckOutcome<'a> {
    let mut config_problems = Vec::new();
    lint::config::check_config(spec, &mut config_problems);
    let checked = match catalog {
        Some(catalog) => validate::check_with(spec, catalog),
        None => validate::check(spec),
    };
    match checked {
        Ok(checked) if config_problems.is_empty() => Ok(checked),
        Ok(_) => Err(limited(config_problems)),
        Err(mut problems) => {
            problems.append(&mut config_problems);
            // Stable: problems at one place keep the order the checks found them in.
            problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
            Err(limited(problems))
        }
    }
}

/// `checked`, unless its plan cannot be computed exactly: a spec that checks but whose
/// figures outgrow what an exact figure holds (E120: a misplaced digit in a rate, a
/// duration of 1e-28 s) is refused with the plan's own diagnostics, each at its place,
/// so that `check` and `lint` refuse it before `plan` does. It prices the spec once,
/// which `plan` does anyway; the `plan` command refuses it with the same diagnostics.
pub fn representable(checked: CheckOutcome<'_>) -> CheckOutcome<'_> {
    let checked = checked?;
    let overflows: Vec<Diagnostic> = match crate::plan::plan(&checked) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|problem| problem.code == CheckCode::ArithmeticOverflow)
            .collect(),
    };
    if overflows.is_empty() {
        Ok(checked)
    } else {
        Err(limited(overflows))
    }
}

/// Plans a checked spec, or passes on what stopped the check.
pub fn plan<'a>(checked: &'a CheckOutcome<'a>) -> Result<Plan<'a>, Vec<Diagnostic>> {
    match checked {
        Ok(checked) => crate::plan::plan(checked),
        Err(diagnostics) => Err(diagnostics.clone()),
    }
}

/// Every stage a spec reaches, as an editor or a fuzzer sees it.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The check's errors; or, once it passes, the lint findings followed by whatever
    /// stops the plan.
    pub diagnostics: Vec<Diagnostic>,
    /// The plan, when the spec checks and can be priced.
    pub plan: Option<Plan<'a>>,
}

/// Lints and plans a checked spec, or passes on what stopped the check.
pub fn analyze<'a>(checked: &'a CheckOutcome<'a>, settings: &lint::Settings) -> Analysis<'a> {
    analyze_tracked(checked, settings, None)
}

/// As [`analyze`], with the production's ledger when it has one: the lint rules that
/// read a ledger run on it (see [`lint_tracked`]).
pub fn analyze_tracked<'a>(
    checked: &'a CheckOutcome<'a>,
    settings: &lint::Settings,
    ledger: Option<&LoadedLedger<'a>>,
) -> Analysis<'a> {
    let checked = match checked {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return Analysis {
                diagnostics: diagnostics.clone(),
                plan: None,
            };
        }
    };
    let (plan, problems) = match crate::plan::plan(checked) {
        Ok(plan) => (Some(plan), Vec::new()),
        Err(problems) => (None, problems),
    };
    let status = match (ledger, &plan) {
        (Some(ledger), Some(plan)) => status_for_lint(checked, plan, ledger),
        _ => None,
    };
    let tracked = ledger
        .zip(status.as_ref())
        .map(|(ledger, status)| lint::Tracked {
            ledger: &ledger.ledger,
            status,
        });
    let mut diagnostics = lint::lint_tracked(checked, settings, tracked);
    diagnostics.extend(problems);
    Analysis { diagnostics, plan }
}

/// The ledger of `loaded`'s production, read against `checked`: the file `choice`
/// names (`--ledger`, from the working directory), else the one the spec's `ledger:`
/// names. `Ok(None)` when neither names one, and when the spec names a file that does
/// not exist yet: nothing has been generated, and `shotlist log` creates it. `Err` when
/// the file cannot be read, a `choice` that does not exist included.
pub fn open_ledger<'a>(
    loaded: &Loaded,
    checked: &Checked<'a>,
    choice: Option<&Path>,
    limits: Limits,
) -> Result<Option<LoadedLedger<'a>>, SourceError> {
    let Some(path) = loaded.ledger_path(choice) else {
        return Ok(None);
    };
    match read_ledger(checked, &path, limits) {
        Ok(ledger) => Ok(Some(ledger)),
        Err(SourceError::Io { error, .. })
            if choice.is_none() && error.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// Lints a checked spec with its ledger when it has one: the rules that read a ledger
/// run, and `over-budget` judges the figures at completion. A ledger with errors is
/// partial, so the spec is then linted as without one (its errors are the ledger's own
/// diagnostics, for the caller to report against its source).
pub fn lint_tracked<'a>(
    checked: &Checked<'a>,
    settings: &lint::Settings,
    ledger: Option<&LoadedLedger<'a>>,
) -> Vec<Diagnostic> {
    let status = ledger.and_then(|ledger| {
        let plan = crate::plan::plan(checked).ok()?;
        status_for_lint(checked, &plan, ledger)
    });
    let tracked = ledger
        .zip(status.as_ref())
        .map(|(ledger, status)| lint::Tracked {
            ledger: &ledger.ledger,
            status,
        });
    lint::lint_tracked(checked, settings, tracked)
}

/// The status lint judges: none from a ledger with errors, whose figures would be
/// partial, nor when a figure is too large to hold (`status` reports that).
fn status_for_lint<'a>(
    checked: &Checked<'a>,
    plan: &Plan<'a>,
    ledger: &LoadedLedger<'a>,
) -> Option<ledger::Status<'a>> {
    if ledger.has_errors() {
        return None;
    }
    ledger::status(checked, plan, &ledger.ledger).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "version: 1
production: {title: Waves}
segments: [{id: s1, duration: 5s}]
shots:
  - {id: sea, segment: s1, type: b-roll, duration: 5s, prompt: Grey waves at dawn}
";

    /// An editor's buffer goes through the stages a file does, under its name.
    #[test]
    fn text_is_planned_as_a_file_is() {
        let loaded = Loaded::from_text("buffer.yaml", SPEC, Limits::default());
        let checked = loaded.check(None);
        let plan = plan(&checked).expect("plans");
        assert_eq!(plan.totals.credits.expected.to_string(), "60.00");
        assert_eq!(loaded.source.name, "buffer.yaml");
    }

    #[test]
    fn text_over_the_byte_cap_is_refused_as_a_file_is() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let loaded = Loaded::from_text("buffer.yaml", SPEC, limits);
        let Err(diagnostics) = &loaded.spec else {
            panic!("a spec over the cap loads");
        };
        assert_eq!(
            diagnostics[0].message,
            "input is larger than the 10-byte limit"
        );
    }
}
