//! The command line's arguments, as clap parses them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diff::Threshold;
use crate::pipeline::Limits;
use crate::spec::{self, CatalogName};

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
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate specs; report every problem with its line and column.
    Check(CheckArgs),
    /// Print the JSON Schema of the spec format.
    Schema,
    /// List a price catalog (built in, or a catalog file): rates, clip limits, status
    /// and sources; `--format yaml` prints it as a catalog file to start one from.
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
    /// Cost one spec on several catalogs (platforms), every shot and sheet on the
    /// cheapest model of each that fits it, side by side in money, the cheapest named.
    Compare(CompareArgs),
    /// Where the production stands, from its ledger of generations run: spent,
    /// remaining and at completion against the cap, and each job's state.
    Status(StatusArgs),
    /// Append one checked row to the spec's ledger: a generation just run.
    Log(LogArgs),
    /// Measure the takes a shot really needed from the ledger, overall, by shot type
    /// and by model; `--fix` writes the measured takes into the spec's assumptions.
    Calibrate(CalibrateArgs),
    /// Compare the cost of two specs or plan JSON files, overall, per stage and per
    /// shot, with the reason for each change; `--fail-above` gates a rise.
    Diff(DiffArgs),
    /// Print a shell completion script: save it where your shell loads completions
    /// (README.md, "Install").
    Completions(CompletionsArgs),
    /// Serve the Language Server Protocol on stdin and stdout: live diagnostics, costs
    /// as inlay hints, hovers, navigation, completion and quick fixes (docs/editors.md).
    Lsp(LspArgs),
    /// Print a synthetic spec of N shots, shaped like a real one, for benchmarks and
    /// scale tests (BENCHMARKS.md). Hidden: it is a tool for developers, not users.
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Graphical reports with the offending lines.
    Human,
    /// The diagnostics JSON contract (docs/lint.md).
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
    /// With `--format sarif`: the directory that file URIs are relative to
    /// (`%SRCROOT%`, for code scanning the repository root); default: the working
    /// directory. Files outside it get absolute `file:` URIs.
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<PathBuf>,
    /// The date model retirements are measured against (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    /// The production's ledger (a CSV of the generations run), instead of the one the
    /// spec's `ledger:` names; the rules that read a ledger run on it. One spec only.
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
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
    /// Output format.
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
#[command(args_conflicts_with_subcommands = true)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: Option<ModelsCommand>,
    /// The catalog to list: a built-in one's name or a catalog file's path.
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name,
          default_value = "list-prices")]
    pub catalog: CatalogName,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ModelsFormat::Human)]
    pub format: ModelsFormat,
    /// The date to measure the catalog's age from (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Convert a public price list into a catalog file, and report on standard error
    /// what it could not map.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The list's format: `litellm`, LiteLLM's `model_prices_and_context_window.json`.
    #[arg(value_enum, value_name = "LIST")]
    pub list: PriceList,
    /// The list file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the catalog to this file, atomically, instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Import only this provider's entries (the list's `litellm_provider`, or an id's
    /// part before the first `/`); repeat or separate with commas for several.
    #[arg(long, value_name = "P", value_delimiter = ',')]
    pub provider: Vec<String>,
    /// Money per credit: a $0.40/s rate at 0.01 is 40 credits a second.
    #[arg(long, value_name = "X", default_value = "0.01", value_parser = parse_price_per_credit)]
    pub price_per_credit: rust_decimal::Decimal,
    /// The date the list was read, as YYYY-MM-DD (default: the file's modification date).
    #[arg(long, value_name = "DATE")]
    pub seen: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PriceList {
    /// LiteLLM's `model_prices_and_context_window.json`.
    Litellm,
}

fn parse_price_per_credit(text: &str) -> Result<rust_decimal::Decimal, String> {
    match rust_decimal::Decimal::from_str_exact(text.trim()) {
        Ok(price) if price > rust_decimal::Decimal::ZERO => Ok(price),
        Ok(_) => Err("a price per credit is more than 0".to_owned()),
        Err(_) => Err(format!("`{text}` is not a decimal number like 0.01")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelsFormat {
    /// A table per kind, with each price's source and age.
    Human,
    /// Every model with its rates, for scripts.
    Json,
    /// A catalog file, to edit and pass back as `--catalog` or `catalog:`.
    Yaml,
}

/// A built-in catalog's name (`list-prices`, `invideo`) or a catalog file's path.
pub(crate) fn parse_catalog_name(text: &str) -> Result<CatalogName, String> {
    text.parse::<CatalogName>()
        .map_err(|error| match error.help {
            Some(help) => format!("{}; {help}", error.message),
            None => error.message,
        })
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The spec file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    pub format: PlanFormat,
    /// Price with this catalog (a built-in one's name or a catalog file's path)
    /// instead of the one the spec names.
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name)]
    pub catalog: Option<CatalogName>,
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
pub struct StatusArgs {
    /// The spec file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The ledger CSV, instead of the one the spec's `ledger:` names.
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    /// Price with this catalog (a built-in one's name or a catalog file's path)
    /// instead of the one the spec names.
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name)]
    pub catalog: Option<CatalogName>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// The spec file; `-` reads standard input (not with `--fix`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The ledger CSV, instead of the one the spec's `ledger:` names.
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Human)]
    pub format: CalibrateFormat,
    /// Rewrite FILE in place with the suggested `takes`, `takes_worst` and `by_type`,
    /// touching nothing outside `assumptions`; the result is checked again before it is
    /// written.
    #[arg(long)]
    pub fix: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalibrateFormat {
    /// A summary line, then tables by shot type and by model.
    Human,
    /// The calibration document of FORMAT.md, for CI.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A summary line, the jobs over plan, then each stage's jobs.
    Human,
    /// The status document of FORMAT.md, for CI.
    Json,
    /// Summary and tables, for a pull request or a team channel.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// The spec file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The shot id, or the asset id whose sheet the generation was for.
    #[arg(value_name = "JOB")]
    pub job: String,
    /// The model the generation ran on.
    #[arg(long, value_name = "MODEL")]
    pub model: String,
    /// How it turned out: kept (usable), rejected (not used) or failed (no output).
    #[arg(long, value_enum)]
    pub outcome: LogOutcome,
    /// Generated seconds (`5`, `5s`); for a shot, defaults to its duration plus
    /// `assumptions.handles`, what the plan generates per take.
    #[arg(long, value_name = "DURATION")]
    pub seconds: Option<String>,
    /// Credits charged; without it the row is priced like one take of the plan (a
    /// failed one at 0).
    #[arg(long, value_name = "DECIMAL")]
    pub credits: Option<String>,
    /// A resolution of the model's rates; defaults to the model's first.
    #[arg(long, value_name = "KEY")]
    pub resolution: Option<String>,
    /// Images generated, for a sheet; defaults to its grid's options.
    #[arg(long, value_name = "N")]
    pub images: Option<String>,
    /// `shot` or `sheet`: needed only when a shot and an asset share the id.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Free text.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When it ran, ISO 8601; defaults to now (UTC).
    #[arg(long, value_name = "ISO-8601")]
    pub at: Option<String>,
    /// The ledger CSV, instead of the one the spec's `ledger:` names.
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogOutcome {
    /// Usable: it goes in the cut, or the sheet is locked from it.
    Kept,
    /// Generated, not used.
    Rejected,
    /// No usable output.
    Failed,
}

impl LogOutcome {
    pub fn name(self) -> &'static str {
        match self {
            LogOutcome::Kept => "kept",
            LogOutcome::Rejected => "rejected",
            LogOutcome::Failed => "failed",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    /// The spec file; `-` reads standard input (with `--diff`, not `--fix`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
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
    /// Route with this catalog (a built-in one's name or a catalog file's path)
    /// instead of the one the spec names (not with `--fix` or `--diff`, which write
    /// model ids for the spec's own catalog).
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name)]
    pub catalog: Option<CatalogName>,
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
pub struct CompareArgs {
    /// The spec file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A catalog to cost the spec on: a built-in one's name or a catalog file's path.
    /// Give two or more; the first one's currency is the one they are ranked in.
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name, required = true)]
    pub catalog: Vec<CatalogName>,
    /// Converts another catalog's currency into the first one's, to rank them:
    /// `EUR=1.08` is 1 EUR = 1.08 of the first catalog's currency. Repeatable.
    #[arg(long, value_name = "CODE=RATE", value_parser = parse_rate)]
    pub rate: Vec<(String, rust_decimal::Decimal)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RouteFormat::Human)]
    pub format: RouteFormat,
    /// The date model retirements are measured against (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_rate(text: &str) -> Result<(String, rust_decimal::Decimal), String> {
    let (code, rate) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not CODE=RATE, e.g. `EUR=1.08`"))?;
    let code = code.trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(format!("`{code}` is not a three-letter currency code"));
    }
    let rate = spec::parse_decimal(rate.trim())
        .ok()
        .filter(|rate| rate.is_sign_positive() && !rate.is_zero())
        .ok_or_else(|| format!("`{rate}` is not a positive number"))?;
    Ok((code.to_ascii_uppercase(), rate))
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit 1 when the expected cost rises by more than this: credits (`50`), money
    /// with a currency sign or code (`$12.50`, `12.50 EUR`), or a percentage of the
    /// old expected credits (`10%`). A rise exactly at the limit passes.
    #[arg(long, value_name = "LIMIT", value_parser = parse_threshold)]
    pub fail_above: Option<Threshold>,
    /// Price specs with this catalog (a built-in one's name or a catalog file's path)
    /// instead of the one each names (plan JSON files keep their own figures).
    #[arg(long, value_name = "NAME|PATH", value_parser = parse_catalog_name)]
    pub catalog: Option<CatalogName>,
    /// Call the old side NAME in the report and its diagnostics instead of its path:
    /// for a spec read from standard input or a temporary file, e.g.
    /// `main:specs/episode.yaml`.
    #[arg(long, value_name = "NAME")]
    pub old_name: Option<String>,
    /// Call the new side NAME, likewise.
    #[arg(long, value_name = "NAME")]
    pub new_name: Option<String>,
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
    /// A table for a terminal.
    Human,
    /// A JSON document with a schema in schema/ (docs/json.md).
    Json,
}
