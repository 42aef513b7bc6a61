//! The command line's arguments, as clap parses them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diff::Threshold;
use crate::pipeline::Limits;
use crate::spec::{self, CatalogId};

#[derive(Debug, Parser)]
#[command(
    name = "shotlist",
    version,
    about = "Check, lint, cost and route AI-video production specs before a credit is spent",
    long_about = None,
    after_help = "Exit codes: 0 clean, 1 problems found, 2 could not run (usage, unreadable file).\nDocs: README.md; the spec format: docs/FORMAT.md."
)]
pub struct Cli {
    /// When to colour output: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate specs; report every problem with its line and column.
    Check(CheckArgs),
    /// Print the JSON Schema of the spec format.
    Schema,
    /// List a built-in price catalog: rates, clip limits, status and sources.
    Models(ModelsArgs),
    /// Check specs, then flag shots and segments that will fail or waste credits.
    Lint(LintArgs),
    /// List every lint rule: code, name, default level and what it flags.
    Rules(RulesArgs),
    /// Print the documentation of a lint rule or check code.
    Explain(ExplainArgs),
    /// Cost a spec and lay out its schedule: reference sheets first, then each segment
    /// behind an approval gate, in the best, expected and worst case.
    Plan(PlanArgs),
    /// Find the cheapest model that still fits each planned shot and unlocked sheet,
    /// and what switching saves; `--fix` writes the switches into the spec.
    Route(RouteArgs),
    /// Compare the cost of two specs or plan JSON files, overall, per stage and per
    /// shot, with the reason for each change; `--fail-above` gates a rise.
    Diff(DiffArgs),
    /// Serve the Language Server Protocol on stdin and stdout: live diagnostics, costs
    /// as inlay hints, hovers, navigation, completion and quick fixes (docs/editors.md).
    Lsp(LspArgs),
    /// Print a synthetic spec of N shots, shaped like a real one, for benchmarks and
    /// scale tests (BENCHMARKS.md). Hidden: it is a tool for developers, not users.
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Milliseconds typing must pause before a change is analysed.
    #[arg(long, value_name = "MS", default_value_t = 150)]
    pub debounce_ms: u64,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// How many shots the spec has.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub shots: usize,
    /// Print this hostile input instead (BENCHMARKS.md): a file that must end in a clear
    /// diagnostic within bounded time and memory.
    #[arg(long, value_name = "NAME", conflicts_with = "shots", value_parser = clap::builder::PossibleValuesParser::new(crate::generate::HOSTILE))]
    pub hostile: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = spec::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Refuse specs with more than this many shots (at most 100,000).
    #[arg(long, value_name = "N", default_value_t = spec::DEFAULT_MAX_SHOTS as u64,
          value_parser = clap::value_parser!(u64).range(1..=spec::MAX_SHOTS as u64))]
    pub max_shots: u64,
}

impl InputArgs {
    /// The caps the pipeline reads under; clap has held `--max-shots` to at most
    /// `MAX_SHOTS`.
    pub fn limits(&self) -> Limits {
        Limits {
            max_bytes: self.max_bytes,
            max_shots: usize::try_from(self.max_shots).unwrap_or(spec::MAX_SHOTS),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Spec files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Spec files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Report RULE (a name or code) as an error; repeatable.
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,
    /// Report RULE as a warning; repeatable.
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,
    /// Turn RULE off; repeatable.
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// The date model retirements are measured against (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// Graphical reports with the offending lines.
    Human,
    /// The lint JSON contract (docs/lint.md).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A lint rule name or code (`cut-density`, `L001`) or a check code (`E104`).
    #[arg(value_name = "RULE")]
    pub rule: String,
}

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    /// The catalog to list.
    #[arg(long, value_enum, default_value_t = CatalogChoice::ListPrices)]
    pub catalog: CatalogChoice,
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
    /// The date to measure the catalog's age from (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogChoice {
    ListPrices,
    Invideo,
}

impl From<CatalogChoice> for CatalogId {
    fn from(choice: CatalogChoice) -> Self {
        match choice {
            CatalogChoice::ListPrices => CatalogId::ListPrices,
            CatalogChoice::Invideo => CatalogId::Invideo,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The spec file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    pub format: PlanFormat,
    /// Price with this built-in catalog instead of the one the spec names.
    #[arg(long, value_enum)]
    pub catalog: Option<CatalogChoice>,
    /// Write the plan to this file, atomically, instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare the plan with the plan JSON committed at this path; exit 1, printing
    /// the differences, when they differ.
    #[arg(long, value_name = "PLAN.json", conflicts_with_all = ["output", "format"])]
    pub check: Option<PathBuf>,
    /// With `--check`: rewrite the committed plan JSON, atomically, when it differs.
    #[arg(long, requires = "check")]
    pub update: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// A summary line, a table per stage and a bar chart.
    Human,
    /// The contract of FORMAT.md, for CI.
    Json,
    /// Summary, tables and a mermaid gantt, for a pull-request comment.
    Markdown,
    /// One row per job.
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    /// The spec file; `-` reads standard input (with `--diff`, not `--fix`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = RouteFormat::Human)]
    pub format: RouteFormat,
    /// Rewrite FILE in place with the suggested models, touching nothing else; the
    /// result is checked and planned again before it is written.
    #[arg(long)]
    pub fix: bool,
    /// Print the rewrite as a unified diff instead of writing it.
    #[arg(long)]
    pub diff: bool,
    /// Let shots outside `routing.premium_for` go down to draft-tier models.
    #[arg(long)]
    pub allow_draft: bool,
    /// Route with this built-in catalog instead of the one the spec names (not with
    /// `--fix` or `--diff`, which write model ids for the spec's own catalog).
    #[arg(long, value_enum)]
    pub catalog: Option<CatalogChoice>,
    /// The date model retirements are measured against (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RouteFormat {
    /// A summary line, the moves by saving and the jobs that stay, with reasons.
    Human,
    /// The moves and stays with their figures, for scripts.
    Json,
    /// Summary and tables, for a pull-request comment.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old side: a spec, or a plan JSON written by `plan --format json`; `-` reads
    /// standard input.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new side, likewise.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit 1 when the expected cost rises by more than this: credits (`50`), money
    /// with a currency sign or code (`$12.50`, `12.50 EUR`), or a percentage of the
    /// old expected credits (`10%`). A rise exactly at the limit passes.
    #[arg(long, value_name = "LIMIT", value_parser = parse_threshold)]
    pub fail_above: Option<Threshold>,
    /// Price specs with this built-in catalog instead of the one each names (plan JSON
    /// files keep their own figures).
    #[arg(long, value_enum)]
    pub catalog: Option<CatalogChoice>,
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_threshold(text: &str) -> Result<Threshold, String> {
    text.parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The summary, the totals, the stages and one line per changed job.
    Human,
    /// Every change with old and new figures, for scripts.
    Json,
    /// Summary and tables, for a pull-request comment.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Human,
    Json,
}
