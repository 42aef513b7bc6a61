//! Command-line interface: argument parsing and the commands. Commands call the library
//! stages, render their results and return the exit code; nothing else prints.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog::Catalog;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::diff::{PlanDocument, Side, Threshold};
use crate::lint::{self, Overrides, RuleDef, Settings as LintSettings, registry};
use crate::pipeline;
use crate::plan::fix::fix;
use crate::plan::route::{RouteOptions, route};
use crate::report::human::{Tally, plural, render_diagnostics};
use crate::report::{self, Style, diagnostics_json};
use crate::source::Source;
use crate::spec::{self, CatalogId, Level, Spec};
use crate::validate::{self, Checked};

/// Exit codes: 0 when clean, 1 when the input has errors, 2 when the tool could not run.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

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
    /// Print a synthetic spec of N shots, shaped like a real one, for benchmarks and
    /// scale tests (BENCHMARKS.md). Hidden: it is a tool for developers, not users.
    #[command(hide = true)]
    Generate(GenerateArgs),
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
    /// `--max-shots` as a count; clap has held it to at most `MAX_SHOTS`.
    fn shot_cap(&self) -> usize {
        usize::try_from(self.max_shots).unwrap_or(spec::MAX_SHOTS)
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

/// Where commands read and write. Tests pass buffers; `main` passes the process's
/// streams.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdout is a terminal (for colour).
    pub stdout_is_terminal: bool,
}

impl Io<'_> {
    fn style(&self, choice: ColorChoice) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                self.stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let width = if self.stdout_is_terminal {
            terminal_width().unwrap_or(100)
        } else {
            100
        };
        Style {
            color,
            width,
            terminal: self.stdout_is_terminal,
        }
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// Runs the process: parses arguments and runs the command. Returns the exit code.
pub fn main() -> u8 {
    let cli = Cli::parse();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stdout_is_terminal = stdout.is_terminal();
    let mut io = Io {
        stdin: &mut stdin.lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut std::io::stderr(),
        stdout_is_terminal,
    };
    run(cli, &mut io)
}

/// Runs a parsed command line.
pub fn run(cli: Cli, io: &mut Io) -> u8 {
    let style = io.style(cli.color);
    let result = match cli.command {
        Command::Check(args) => check_command(&args, style, io),
        Command::Schema => write_out(io, &crate::schema::spec_schema_json()).map(|()| EXIT_OK),
        Command::Models(args) => models_command(&args, style, io),
        Command::Lint(args) => lint_command(&args, style, io),
        Command::Rules(args) => write_out(
            io,
            &match args.format {
                TableFormat::Human => crate::report::rules::list_human(),
                TableFormat::Json => crate::report::rules::list_json(),
            },
        )
        .map(|()| EXIT_OK),
        Command::Explain(args) => explain_command(&args, io),
        Command::Plan(args) => plan_command(&args, style, io),
        Command::Route(args) => route_command(&args, style, io),
        Command::Diff(args) => diff_command(&args, style, io),
        Command::Generate(args) => generate_command(&args, io),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(io.stderr, "shotlist: {failure}");
            EXIT_USAGE
        }
    }
}

/// A reason the tool could not run at all (exit 2).
#[derive(Debug)]
pub struct Failure(String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure(format!("cannot write output: {error}"))
    }
}

fn write_out(io: &mut Io, text: &str) -> Result<(), Failure> {
    io.stdout.write_all(text.as_bytes())?;
    io.stdout.flush()?;
    Ok(())
}

/// A spec file read and loaded, or the diagnostics that stopped it.
pub struct Loaded {
    pub source: Source,
    pub spec: Result<Spec, Diagnostic>,
}

/// Reads and deserializes one file. `Err` only when the file cannot be read at all.
pub fn load_file(path: &Path, input: &InputArgs, stdin: &mut dyn Read) -> Result<Loaded, Failure> {
    let read = spec::read_source(path, input.max_bytes, stdin)
        .map_err(|error| Failure(error.to_string()))?;
    Ok(match read {
        Ok(source) => {
            let spec = spec::load_with_max_shots(&source, input.shot_cap());
            Loaded { source, spec }
        }
        Err((source, diagnostic)) => Loaded {
            source,
            spec: Err(diagnostic),
        },
    })
}

/// Loads and checks: the checked spec, or every diagnostic that stops it.
pub fn check_loaded(loaded: &Loaded) -> Result<Checked<'_>, Vec<Diagnostic>> {
    check_loaded_with(loaded, None)
}

/// As [`check_loaded`], priced with `catalog` when given instead of the spec's own.
pub fn check_loaded_with(
    loaded: &Loaded,
    catalog: Option<CatalogId>,
) -> Result<Checked<'_>, Vec<Diagnostic>> {
    check_spec_with(&loaded.spec, catalog)
}

/// As [`check_loaded_with`], on the outcome of loading alone, so that the caller may
/// keep the source apart.
fn check_spec_with(
    spec: &Result<Spec, Diagnostic>,
    catalog: Option<CatalogId>,
) -> Result<Checked<'_>, Vec<Diagnostic>> {
    match spec {
        Ok(spec) => pipeline::check(spec, catalog),
        Err(diagnostic) => Err(vec![diagnostic.clone()]),
    }
}

fn check_command(args: &CheckArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let mut tally = Tally::default();
    let mut json_diagnostics = Vec::new();
    let mut human = String::new();
    for path in &args.files {
        let loaded = load_file(path, &args.input, io.stdin)?;
        let diagnostics = match check_loaded(&loaded) {
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
    Ok(if tally.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn generate_command(args: &GenerateArgs, io: &mut Io) -> Result<u8, Failure> {
    let bytes = match &args.hostile {
        Some(name) => crate::generate::hostile(name)
            .ok_or_else(|| Failure(format!("no hostile input `{name}`")))?,
        None => crate::generate::spec_yaml(args.shots).into_bytes(),
    };
    io.stdout.write_all(&bytes)?;
    io.stdout.flush()?;
    Ok(EXIT_OK)
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

fn models_command(args: &ModelsArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let catalog_id = CatalogId::from(args.catalog);
    let catalog = Catalog::builtin(catalog_id).map_err(|d| Failure(d.message))?;
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let text = match args.format {
        TableFormat::Human => crate::report::models::human(catalog, today, style),
        TableFormat::Json => crate::report::models::json(catalog, today),
    };
    write_out(io, &text)?;
    Ok(EXIT_OK)
}

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

fn lint_command(args: &LintArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let settings = LintSettings {
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        overrides: lint_overrides(args)?,
    };
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let loaded = load_file(path, &args.input, io.stdin)?;
        let (diagnostics, check_failed) = match check_loaded(&loaded) {
            Ok(checked) => (lint::lint(&checked, &settings), false),
            Err(diagnostics) => (diagnostics, true),
        };
        files.push(LintedFile {
            source: loaded.source,
            diagnostics,
            check_failed,
        });
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
            crate::report::sarif::document(&parts)
        }
        LintFormat::Github => files
            .iter()
            .map(|f| crate::report::github::render(&f.diagnostics, &f.source))
            .collect(),
    };
    write_out(io, &text)?;
    let failed = tally.errors > 0 || (args.strict && tally.warnings > 0);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

fn explain_command(args: &ExplainArgs, io: &mut Io) -> Result<u8, Failure> {
    if let Some(rule) = registry::find(&args.rule) {
        write_out(io, &crate::report::rules::explain(rule))?;
        return Ok(EXIT_OK);
    }
    if let Some(code) = CheckCode::find(args.rule.trim()) {
        let (description, code) = (code.description(), code.def());
        let text = format!(
            "{} {} — check error\n\n{}.\nA spec with check errors is not linted or planned; `shotlist check FILE` shows where.\n",
            code.id,
            code.name,
            capitalize(description)
        );
        write_out(io, &text)?;
        return Ok(EXIT_OK);
    }
    let names = registry::RULES
        .iter()
        .map(|rule| rule.code.name)
        .chain(CheckCode::ALL.iter().map(|code| code.def().name));
    let hint = match crate::suggest::did_you_mean(&args.rule, names) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "run `shotlist rules` to list the lint rules".to_owned(),
    };
    Err(Failure(format!(
        "no lint rule or check code `{}`; {hint}",
        args.rule
    )))
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `shotlist plan`: a spec with check errors (or one that cannot be priced) is refused
/// with its diagnostics on stderr and exit 1; otherwise the plan goes to stdout or,
/// with `-o`, atomically to a file.
fn plan_command(args: &PlanArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let Loaded { mut source, spec } = load_file(&args.file, &args.input, io.stdin)?;
    // Kept while the plan is written: the plan prices its jobs from it as they are.
    let checked = check_spec_with(&spec, args.catalog.map(CatalogId::from));
    let planned = match &checked {
        Ok(checked) => crate::plan::plan(checked),
        Err(diagnostics) => Err(diagnostics.clone()),
    };
    let plan = match planned {
        Ok(plan) => plan,
        Err(diagnostics) => return refuse(io, &source, &diagnostics, style, "no plan made"),
    };
    // No diagnostic about the spec can follow a plan, so its text goes before the
    // report is written: for a long series that is megabytes the report never reads.
    source.forget_text();
    if let Some(committed) = &args.check {
        let check = PlanCheck {
            spec_name: &source.name,
            committed_path: committed,
            update: args.update,
            max_bytes: args.input.max_bytes,
        };
        return plan_check(&check, &plan, style, io);
    }
    // Every format is written as it is rendered: a 10,000-shot report is megabytes
    // that need never be held whole.
    let write = |out: &mut dyn Write| match args.format {
        PlanFormat::Human => report::plan::human::render_to(&plan, style, out),
        PlanFormat::Json => report::plan::json::render_to(&plan, out),
        PlanFormat::Markdown => report::plan::markdown::render_to(&plan, out),
        PlanFormat::Csv => report::plan::csv::render_to(&plan, out).map_err(std::io::Error::from),
    };
    match &args.output {
        Some(path) => crate::atomic::write_with(path, write)
            .map_err(|error| Failure(format!("cannot write {}: {error}", path.display())))?,
        None => {
            // Standard output is line-buffered: unbuffered, a report of 10,000 table
            // rows would be 10,000 system calls.
            let mut buffered = std::io::BufWriter::new(&mut *io.stdout);
            write(&mut buffered)?;
            buffered.flush()?;
        }
    }
    Ok(EXIT_OK)
}

/// Reports the diagnostics that stop a command on stderr, with a closing line saying
/// what was not done; exit 1.
fn refuse(
    io: &mut Io,
    source: &Source,
    diagnostics: &[Diagnostic],
    style: Style,
    not_done: &str,
) -> Result<u8, Failure> {
    let mut text = render_diagnostics(diagnostics, source, style);
    text.push_str(&format!(
        "{}: {}; {not_done}\n",
        source.name,
        Tally::of(diagnostics).describe()
    ));
    io.stderr.write_all(text.as_bytes())?;
    Ok(EXIT_FINDINGS)
}

/// `shotlist route`: the report, or with `--fix` the report and the spec rewritten
/// atomically, or with `--diff` the rewrite as a unified diff. A spec with check
/// errors is refused as `plan` refuses it; a rewrite that cannot be placed or verified
/// is refused with exit 2, and the file is left as it was.
fn route_command(args: &RouteArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    let rewrites = args.fix || args.diff;
    if args.fix && !args.diff && args.file == Path::new("-") {
        return Err(Failure(
            "--fix rewrites FILE in place and cannot rewrite standard input; use --diff".to_owned(),
        ));
    }
    let loaded = load_file(&args.file, &args.input, io.stdin)?;
    if let (true, Some(catalog), Ok(spec)) = (rewrites, args.catalog, &loaded.spec) {
        let own = spec.catalog.as_ref().map(|c| c.value).unwrap_or_default();
        if CatalogId::from(catalog) != own {
            return Err(Failure(format!(
                "--fix and --diff write model ids for the spec's own catalog `{}`, not `{}`; drop --catalog, or set `catalog:` in the spec",
                own.name(),
                CatalogId::from(catalog).name()
            )));
        }
    }
    let checked = match check_loaded_with(&loaded, args.catalog.map(CatalogId::from)) {
        Ok(checked) => checked,
        Err(diagnostics) => return refuse(io, &loaded.source, &diagnostics, style, "not routed"),
    };
    let options = RouteOptions {
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        allow_draft: args.allow_draft,
    };
    let route = match route(&checked, options) {
        Ok(route) => route,
        Err(diagnostics) => return refuse(io, &loaded.source, &diagnostics, style, "not routed"),
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
            let diff = similar::TextDiff::from_lines(&loaded.source.text, &fixed.text)
                .unified_diff()
                .header(name, name)
                .to_string();
            write_out(io, &diff)?;
        }
        return Ok(EXIT_OK);
    }
    if args.fix {
        if route.moves.is_empty() {
            writeln!(io.stderr, "{}: nothing to rewrite", loaded.source.name)?;
        } else {
            let fixed = rewrite()?;
            crate::atomic::write(&args.file, fixed.text.as_bytes()).map_err(|error| {
                Failure(format!("cannot write {}: {error}", args.file.display()))
            })?;
            writeln!(
                io.stderr,
                "{}: {} rewritten; it checks clean and plans to {} expected credits",
                loaded.source.name,
                plural(route.moves.len(), "job"),
                report::plan::credits(route.routed.totals.credits.expected)
            )?;
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

/// What `plan --check` compares, and how.
struct PlanCheck<'a> {
    spec_name: &'a str,
    committed_path: &'a Path,
    /// `--update`: rewrite the committed file when it differs.
    update: bool,
    max_bytes: u64,
}

/// `plan --check`: the spec's plan against the committed plan JSON. They are the same
/// when their JSON values are equal, so indentation and line ends do not count. When
/// they differ, the cost diff and the unified diff of the JSON text are printed and the
/// exit code is 1, unless `--update` rewrites the committed file.
fn plan_check(
    check: &PlanCheck,
    plan: &crate::plan::Plan<'_>,
    style: Style,
    io: &mut Io,
) -> Result<u8, Failure> {
    let PlanCheck {
        spec_name,
        committed_path,
        update,
        max_bytes,
    } = *check;
    let name = committed_path.display().to_string();
    let current = report::plan::json::document(plan)
        .map_err(|error| Failure(format!("cannot write the plan: {error}")))?;
    let current_text = report::plan::json::render(plan)?;
    let committed_text = match spec::read_source(committed_path, max_bytes, io.stdin) {
        Ok(Ok(source)) => Some(source.text),
        Ok(Err((_, diagnostic))) => {
            return Err(Failure(format!(
                "cannot read {name}: {}",
                diagnostic.message
            )));
        }
        Err(spec::SourceError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            None
        }
        Err(error) => return Err(Failure(error.to_string())),
    };
    let committed = committed_text
        .as_deref()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
    if committed.as_ref() == Some(&current) {
        write_out(
            io,
            &format!(
                "{name}: up to date — expected {} credits\n",
                report::plan::credits(plan.totals.credits.expected)
            ),
        )?;
        return Ok(EXIT_OK);
    }
    let cost_diff = committed
        .and_then(|value| PlanDocument::from_value(value).ok())
        .map(|document| {
            let old = Side {
                name: name.clone(),
                from_spec: false,
                document,
            };
            let new = Side {
                name: spec_name.to_owned(),
                from_spec: true,
                document: PlanDocument::from_value(current.clone())
                    .map_err(|error| Failure(format!("cannot read back the plan: {error}")))?,
            };
            Ok::<_, Failure>(crate::diff::diff(old, new))
        })
        .transpose()?;
    if update {
        crate::atomic::write(committed_path, current_text.as_bytes())
            .map_err(|error| Failure(format!("cannot write {name}: {error}")))?;
        let what = cost_diff.as_ref().map_or_else(
            || "written".to_owned(),
            |diff| format!("updated; {}", report::diff::summary_line(diff)),
        );
        write_out(io, &format!("{name}: {what}\n"))?;
        return Ok(EXIT_OK);
    }
    let mut out = match &committed_text {
        None => format!(
            "{name} does not exist: the plan of {spec_name} has not been committed; pass --update to write it\n"
        ),
        Some(_) => format!(
            "{name} differs from the plan of {spec_name}; if the change is intended, pass --update to accept it\n"
        ),
    };
    if let Some(diff) = &cost_diff {
        out.push('\n');
        out.push_str(&report::diff::human::render(diff, None, style));
    }
    if let Some(text) = &committed_text {
        let committed_label = format!("{name} (committed)");
        let current_label = format!("{name} (current)");
        out.push('\n');
        out.push_str(
            &similar::TextDiff::from_lines(text.as_str(), current_text.as_str())
                .unified_diff()
                .header(&committed_label, &current_label)
                .to_string(),
        );
    }
    write_out(io, &out)?;
    Ok(EXIT_FINDINGS)
}

/// One side of `shotlist diff`: a plan JSON document as it is, or a spec checked,
/// planned and put in that form. `Err(code)` when the file has errors, which are
/// already reported on stderr.
fn diff_side(
    path: &Path,
    args: &DiffArgs,
    style: Style,
    io: &mut Io,
) -> Result<Result<Side, u8>, Failure> {
    let read = spec::read_source(path, args.input.max_bytes, io.stdin)
        .map_err(|error| Failure(error.to_string()))?;
    let source = match read {
        Ok(source) => source,
        Err((source, diagnostic)) => {
            return refuse(io, &source, &[diagnostic], style, "not compared").map(Err);
        }
    };
    if let Some(value) = crate::diff::looks_like_plan(&source.text) {
        return match PlanDocument::from_value(value) {
            Ok(document) => Ok(Ok(Side {
                name: source.name,
                from_spec: false,
                document,
            })),
            Err(error) => {
                writeln!(
                    io.stderr,
                    "{}: not a plan written by `shotlist plan --format json`: {error}",
                    source.name
                )?;
                Ok(Err(EXIT_FINDINGS))
            }
        };
    }
    // Read once: the text is only deserialized as a spec when it is not a plan.
    let loaded = Loaded {
        spec: spec::load_with_max_shots(&source, args.input.shot_cap()),
        source,
    };
    let checked = check_loaded_with(&loaded, args.catalog.map(CatalogId::from));
    let planned = match &checked {
        Ok(checked) => crate::plan::plan(checked),
        Err(diagnostics) => Err(diagnostics.clone()),
    };
    let plan = match planned {
        Ok(plan) => plan,
        Err(diagnostics) => {
            return refuse(io, &loaded.source, &diagnostics, style, "not compared").map(Err);
        }
    };
    let value = report::plan::json::document(&plan)
        .map_err(|error| Failure(format!("cannot write the plan: {error}")))?;
    let document = PlanDocument::from_value(value)
        .map_err(|error| Failure(format!("cannot read back the plan: {error}")))?;
    Ok(Ok(Side {
        name: loaded.source.name.clone(),
        from_spec: true,
        document,
    }))
}

/// `shotlist diff OLD NEW`: the report, and exit 1 when `--fail-above` is passed.
fn diff_command(args: &DiffArgs, style: Style, io: &mut Io) -> Result<u8, Failure> {
    if args.old == Path::new("-") && args.new == Path::new("-") {
        return Err(Failure(
            "OLD and NEW cannot both be standard input".to_owned(),
        ));
    }
    let old = diff_side(&args.old, args, style, io)?;
    let new = diff_side(&args.new, args, style, io)?;
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        _ => return Ok(EXIT_FINDINGS),
    };
    let diff = crate::diff::diff(old, new);
    let verdict = match &args.fail_above {
        Some(threshold) => Some((threshold, threshold.exceeded_by(&diff).map_err(Failure)?)),
        None => None,
    };
    let text = match args.format {
        DiffFormat::Human => report::diff::human::render(&diff, verdict, style),
        DiffFormat::Json => report::diff::json::render(&diff, verdict),
        DiffFormat::Markdown => report::diff::markdown::render(&diff, verdict),
    };
    write_out(io, &text)?;
    Ok(match verdict {
        Some((_, true)) => EXIT_FINDINGS,
        _ => EXIT_OK,
    })
}
