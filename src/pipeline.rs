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

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
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
}

/// Checking's outcome: the checked spec, or every diagnostic that stops it, loading's
/// included.
pub type CheckOutcome<'a> = Result<Checked<'a>, Vec<Diagnostic>>;

impl Loaded {
    /// Reads and loads the spec at `path`; `-` reads `stdin`. `Err` only when the input
    /// cannot be read at all.
    pub fn read(path: &Path, limits: Limits, stdin: &mut dyn Read) -> Result<Self, SourceError> {
        Ok(match spec::read_source(path, limits.max_bytes, stdin)? {
            Ok(source) => Self::load(source, limits),
            Err((source, diagnostic)) => Self {
                source,
                spec: Err(vec![diagnostic]),
            },
        })
    }

    /// Loads a spec handed over as text, reported under `name`, as if read from a file.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, limits: Limits) -> Self {
        let text = text.into();
        if text.len() as u64 > limits.max_bytes {
            return Self {
                source: Source::new(name, String::new()),
                spec: Err(vec![spec::too_large(limits.max_bytes)]),
            };
        }
        Self::load(Source::new(name, text), limits)
    }

    /// Loads a source already read (one `shotlist diff` has found not to be a plan).
    pub fn load(source: Source, limits: Limits) -> Self {
        let spec = spec::load_all(&source, limits.max_shots).map_err(|failure| {
            let mut diagnostics = failure.diagnostics;
            if let Some(salvaged) = &failure.salvaged
                && let Err(problems) = check(salvaged, None)
            {
                for problem in problems {
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
        Self { source, spec }
    }

    /// Checks the spec, priced under `catalog` when given instead of its own. Without
    /// one, the spec's own `catalog:` is used, a catalog file read beside the spec; a
    /// file that cannot be used is reported on the spec's `catalog:` line.
    pub fn check(&self, catalog: Option<&'static Catalog>) -> CheckOutcome<'_> {
        let catalog = match catalog {
            Some(catalog) => catalog,
            None => match self.catalog(None, Limits::default()) {
                Ok(catalog) => catalog,
                Err(error) => return Err(vec![self.catalog_problem(error)]),
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
    ) -> Result<&'static Catalog, CatalogError> {
        if let Some(choice) = choice {
            return resolve_catalog(choice, Path::new(""), limits);
        }
        let Some(named) = self
            .spec
            .as_ref()
            .ok()
            .and_then(|spec| spec.catalog.as_ref())
        else {
            return Catalog::builtin(Default::default()).map_err(CatalogError::Spec);
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
) -> Result<&'static Catalog, CatalogError> {
    match name {
        CatalogName::Builtin(id) => Catalog::builtin(*id).map_err(CatalogError::Spec),
        CatalogName::File(path) => load_catalog(&directory.join(path), limits),
    }
}

/// Reads a catalog file within `limits.max_bytes`, loads it with the spec loader's
/// budgets and checks it as a spec's models are checked.
pub fn load_catalog(path: &Path, limits: Limits) -> Result<&'static Catalog, CatalogError> {
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
    Ok(Catalog::keep(&source.text, catalog))
}

/// As [`Loaded::check`] on loading's outcome alone, so that the caller may drop the
/// source's text while the checked spec is in use.
pub fn check_loaded<'a>(
    spec: &'a Result<Spec, Vec<Diagnostic>>,
    catalog: Option<&'static Catalog>,
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
pub fn check<'a>(spec: &'a Spec, catalog: Option<&'static Catalog>) -> CheckOutcome<'a> {
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
    let checked = match checked {
        Ok(checked) => checked,
        Err(diagnostics) => {
            return Analysis {
                diagnostics: diagnostics.clone(),
                plan: None,
            };
        }
    };
    let mut diagnostics = lint::lint(checked, settings);
    let plan = match crate::plan::plan(checked) {
        Ok(plan) => Some(plan),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    Analysis { diagnostics, plan }
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
