//! The one pipeline, load → check → lint → plan, as every consumer runs it: the CLI,
//! the tests, the fuzz targets and the language server call these functions rather
//! than chaining the stages themselves.
//!
//! A spec is read from a path ([`Loaded::read`]) or taken as text ([`Loaded::from_text`],
//! an editor's buffer), under the same [`Limits`]. [`Loaded::check`] borrows the spec it
//! checks, and a plan borrows the checked spec, so the caller holds each stage's result
//! while it uses the next.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::plan::Plan;
use crate::source::Source;
use crate::spec::{self, CatalogId, SourceError, Spec};
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

/// A spec's source and what loading made of it: the spec, or the diagnostic that
/// stopped it (too large, not UTF-8, malformed).
#[derive(Debug)]
pub struct Loaded {
    pub source: Source,
    pub spec: Result<Spec, Diagnostic>,
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
                spec: Err(diagnostic),
            },
        })
    }

    /// Loads a spec handed over as text, reported under `name`, as if read from a file.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, limits: Limits) -> Self {
        let text = text.into();
        if text.len() as u64 > limits.max_bytes {
            return Self {
                source: Source::new(name, String::new()),
                spec: Err(spec::too_large(limits.max_bytes)),
            };
        }
        Self::load(Source::new(name, text), limits)
    }

    /// Loads a source already read (one `shotlist diff` has found not to be a plan).
    pub fn load(source: Source, limits: Limits) -> Self {
        let spec = spec::load_with_max_shots(&source, limits.max_shots);
        Self { source, spec }
    }

    /// Checks the spec, priced under `catalog` when given instead of its own.
    pub fn check(&self, catalog: Option<CatalogId>) -> CheckOutcome<'_> {
        check_loaded(&self.spec, catalog)
    }
}

/// As [`Loaded::check`] on loading's outcome alone, so that the caller may drop the
/// source's text while the checked spec is in use.
pub fn check_loaded(
    spec: &Result<Spec, Diagnostic>,
    catalog: Option<CatalogId>,
) -> CheckOutcome<'_> {
    match spec {
        Ok(spec) => check(spec, catalog),
        Err(diagnostic) => Err(vec![diagnostic.clone()]),
    }
}

/// Checks a loaded spec: the semantic checks of `validate` and the lint configuration
/// (`lint:` and every `allow:` list), so that a misspelt rule is a check error. With
/// `catalog`, the spec is priced under that catalog whatever its own `catalog:` says.
/// Returns the checked spec, or every problem in source order.
pub fn check(spec: &Spec, catalog: Option<CatalogId>) -> CheckOutcome<'_> {
    let mut config_problems = Vec::new();
    lint::config::check_config(spec, &mut config_problems);
    let checked = match catalog {
        Some(catalog) => validate::check_with(spec, catalog),
        None => validate::check(spec),
    };
    match checked {
        Ok(checked) if config_problems.is_empty() => Ok(checked),
        Ok(_) => Err(config_problems),
        Err(mut problems) => {
            problems.append(&mut config_problems);
            // Stable: problems at one place keep the order the checks found them in.
            problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
            Err(problems)
        }
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
        let Err(diagnostic) = &loaded.spec else {
            panic!("a spec over the cap loads");
        };
        assert_eq!(diagnostic.message, "input is larger than the 10-byte limit");
    }
}
