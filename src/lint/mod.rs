//! The linter: rules that flag shots and segments that will fail or waste credits.
//!
//! Each rule lives in its own file under `rules/`: one `declare_rule!` (code, name,
//! default level, options and documentation) and a check function; the list in
//! `rules/mod.rs` makes it part of the registry. [`lint`] runs every enabled rule over a
//! [`Checked`] spec, applies levels, options and per-shot `allow`, and returns the
//! findings sorted by position.

pub mod config;
mod context;
mod declare;
pub mod options;
pub mod registry;
pub mod rules;

pub use context::{Context, Tracked};

use crate::diagnostic::{Code, CodeDef, Diagnostic, Severity};
use crate::spec::{Level, RuleSetting};
use crate::validate::Checked;
use options::{OptionDoc, Options};

/// A lint rule: its identity, default level, options, documentation and check.
pub struct RuleDef {
    /// `L` and three digits, never reused; and the kebab-case name. Both are contract.
    pub code: CodeDef,
    pub default_level: Level,
    /// One line for `shotlist rules` and SARIF's short description.
    pub summary: &'static str,
    /// Markdown with the sections `## What it does`, `## Why it matters`, `## Example`
    /// and `## Use instead`; the `## Options` section is generated from `options`.
    pub docs: &'static str,
    pub options: &'static [&'static dyn OptionDoc],
    pub check: fn(&Context, &Options, &mut Findings),
}

impl RuleDef {
    pub fn code(&'static self) -> Code {
        &self.code
    }

    pub fn name(&self) -> &'static str {
        self.code.name
    }

    pub fn option(&self, name: &str) -> Option<&'static dyn OptionDoc> {
        self.options
            .iter()
            .copied()
            .find(|option| option.name() == name)
    }
}

/// A level as a severity; `None` for `off`.
pub fn severity(level: Level) -> Option<Severity> {
    match level {
        Level::Off => None,
        Level::Warn => Some(Severity::Warning),
        Level::Deny => Some(Severity::Error),
    }
}

/// One finding: the diagnostic, the shot it is about (so that the shot's `allow:` can
/// silence it), and the most severe level it may be reported at.
struct Finding {
    diagnostic: Diagnostic,
    shot: Option<usize>,
    at_most: Severity,
}

/// What one rule found.
pub struct Findings {
    code: Code,
    found: Vec<Finding>,
}

impl Findings {
    fn new(code: Code) -> Self {
        Self {
            code,
            found: Vec::new(),
        }
    }

    /// Starts a diagnostic with this rule's code; the engine sets its severity.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, Severity::Warning, message)
    }

    /// A finding about a segment, an asset or the production as a whole.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.found.push(Finding {
            diagnostic,
            shot: None,
            at_most: Severity::Error,
        });
    }

    /// A finding about one shot.
    pub fn push_for_shot(&mut self, shot: usize, diagnostic: Diagnostic) {
        self.found.push(Finding {
            diagnostic,
            shot: Some(shot),
            at_most: Severity::Error,
        });
    }

    /// A risk rather than a certainty: reported as a warning even when the rule is at
    /// `deny`, so that only the certain findings of a rule fail a run.
    pub fn push_warning(&mut self, diagnostic: Diagnostic) {
        self.found.push(Finding {
            diagnostic,
            shot: None,
            at_most: Severity::Warning,
        });
    }
}

/// Levels set on the command line; they override the spec's `lint:` section.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub levels: Vec<(&'static RuleDef, Level)>,
}

/// Settings for one lint run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The date retirements are measured against.
    pub today: jiff::civil::Date,
    pub overrides: Overrides,
}

impl std::fmt::Debug for RuleDef {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}({})", self.code.id, self.code.name)
    }
}

/// The level of `rule` for this spec: its default, then the spec's `lint:` section,
/// then the command line.
fn level_of(rule: &'static RuleDef, checked: &Checked, overrides: &Overrides) -> Level {
    let from_spec = checked
        .spec()
        .lint
        .iter()
        .filter(|(key, _)| registry::find(&key.value).is_some_and(|r| std::ptr::eq(r, rule)))
        .filter_map(|(_, setting)| match &setting.value {
            RuleSetting::Level(level) => Some(*level),
            RuleSetting::Table { level, .. } => level.as_ref().map(|l| l.value),
        })
        .last();
    let from_cli = overrides
        .levels
        .iter()
        .rev()
        .find(|(overridden, _)| std::ptr::eq(*overridden, rule))
        .map(|(_, level)| *level);
    from_cli.or(from_spec).unwrap_or(rule.default_level)
}

fn options_of<'s>(rule: &'static RuleDef, checked: &Checked<'s>) -> Options<'s> {
    checked
        .spec()
        .lint
        .iter()
        .filter(|(key, _)| registry::find(&key.value).is_some_and(|r| std::ptr::eq(r, rule)))
        .find_map(|(_, setting)| match &setting.value {
            RuleSetting::Table { options, .. } => Some(Options::new(&options.entries)),
            RuleSetting::Level(_) => None,
        })
        .unwrap_or_default()
}

/// Runs every enabled rule and returns the findings in source order. The rules that
/// read a ledger stay silent, and `over-budget` judges the plan.
pub fn lint(checked: &Checked, settings: &Settings) -> Vec<Diagnostic> {
    lint_tracked(checked, settings, None)
}

/// As [`lint`], with the production's ledger and the status made from it when there is
/// one: the rules that read it run, and `over-budget` judges the figures at completion.
pub fn lint_tracked(
    checked: &Checked,
    settings: &Settings,
    tracked: Option<Tracked<'_, '_>>,
) -> Vec<Diagnostic> {
    let context = Context::new(checked, settings.today, tracked);
    let mut diagnostics = Vec::new();
    for &rule in registry::RULES {
        let Some(severity) = severity(level_of(rule, checked, &settings.overrides)) else {
            continue;
        };
        let options = options_of(rule, checked);
        let mut findings = Findings::new(rule.code());
        (rule.check)(&context, &options, &mut findings);
        for finding in findings.found {
            let silenced = finding.shot.is_some_and(|shot| context.allows(shot, rule));
            if !silenced {
                let severity = severity.min(finding.at_most);
                diagnostics.push(finding.diagnostic.with_severity(severity));
            }
        }
    }
    diagnostics.sort_by(|a, b| {
        let position = |d: &Diagnostic| d.primary_span().map(|s| (s.offset, s.len));
        position(a)
            .cmp(&position(b))
            .then_with(|| a.code.id.cmp(b.code.id))
    });
    diagnostics
}
