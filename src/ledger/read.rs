//! Reading a ledger CSV against a checked spec: the header, then each row resolved to
//! its job, model, resolution and outcome and priced, every problem of every row
//! reported at its field's line and column.
//!
//! The work is linear in the file: jobs and models are found through hash maps, and a
//! "did you mean" (which compares a name with every candidate) is offered only on the
//! first [`SUGGESTED`] problems, the ones a report shows.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::catalog::rate::Rate;
use crate::catalog::ratio::Ratio;
use crate::diagnostic::{CheckCode, Diagnostic, Severity};
use crate::plan::{TakeError, grid_options, needed_seconds, take_credits};
use crate::source::{Source, Span};
use crate::spec::{Dec, Duration, ModelKind};
use crate::suggest::did_you_mean;
use crate::validate::{AssetKind, Checked, Model, ModelId};
use crate::wording::grouped;

use super::{JobRef, Ledger, Outcome, Row};

/// The most rows a ledger may hold: fifty generations for each of 10,000 shots, the
/// largest production the tool is built for. Past it the file is refused at the first
/// row over, whatever its size in bytes (which `--max-bytes` caps): a runaway script
/// appending rows, not a production.
pub const MAX_ROWS: usize = 500_000;

/// Problems that get a "did you mean": as many as a report lists (E011's limit).
const SUGGESTED: usize = 200;

/// A ledger column, as FORMAT.md's table names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Job,
    Kind,
    Model,
    Outcome,
    Seconds,
    Resolution,
    Images,
    Credits,
    At,
    Note,
}

impl Column {
    /// Every column, in the order a new ledger's header lists them.
    pub const ALL: [Column; 10] = [
        Column::Job,
        Column::Kind,
        Column::Model,
        Column::Outcome,
        Column::Seconds,
        Column::Resolution,
        Column::Images,
        Column::Credits,
        Column::At,
        Column::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Job => "job",
            Column::Kind => "kind",
            Column::Model => "model",
            Column::Outcome => "outcome",
            Column::Seconds => "seconds",
            Column::Resolution => "resolution",
            Column::Images => "images",
            Column::Credits => "credits",
            Column::At => "at",
            Column::Note => "note",
        }
    }

    /// Whether every ledger must have the column.
    pub fn required(self) -> bool {
        matches!(self, Column::Job | Column::Model | Column::Outcome)
    }

    pub fn parse(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// What a row's `kind` says its job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindHint {
    Shot,
    Sheet,
    /// `character`, `location` or `prop`: for the rare id two asset kinds share.
    Asset(AssetKind),
}

impl KindHint {
    const NAMES: [&'static str; 5] = ["shot", "sheet", "character", "location", "prop"];

    fn parse(text: &str) -> Option<KindHint> {
        match text {
            "shot" => Some(KindHint::Shot),
            "sheet" => Some(KindHint::Sheet),
            _ => AssetKind::ALL
                .into_iter()
                .find(|kind| kind.name() == text)
                .map(KindHint::Asset),
        }
    }
}

/// Reads the ledger in `source` against `checked`: the valid rows, and every problem
/// found (errors, and warnings for unknown columns), in file order. Each row with an
/// error is left out of the ledger.
pub fn read<'a>(checked: &Checked<'a>, source: &Source) -> (Ledger<'a>, Vec<Diagnostic>) {
    let mut reader = Reader::new(checked, source);
    reader.read();
    let Reader {
        ledger,
        diagnostics,
        ..
    } = reader;
    (ledger, diagnostics)
}

struct Reader<'c, 'a> {
    checked: &'c Checked<'a>,
    source: &'c Source,
    shots: HashMap<&'a str, usize>,
    ledger: Ledger<'a>,
    diagnostics: Vec<Diagnostic>,
    /// Where each column is in the header.
    columns: HashMap<Column, usize>,
}

/// The fields of one record: their text and their spans in the source.
struct Fields<'r> {
    record: &'r csv::StringRecord,
    spans: Vec<Span>,
    /// The record's start, for problems of a field the header lacks.
    start: Span,
    line: usize,
}

impl Fields<'_> {
    fn span(&self, position: Option<usize>) -> Span {
        position
            .and_then(|p| self.spans.get(p).copied())
            .unwrap_or(self.start)
    }
}

impl<'c, 'a> Reader<'c, 'a> {
    fn new(checked: &'c Checked<'a>, source: &'c Source) -> Self {
        let spec = checked.spec();
        let shots = spec
            .shots
            .iter()
            .enumerate()
            .map(|(index, shot)| (shot.id.value.as_str(), index))
            .collect();
        let ledger = Ledger {
            shot_rows: vec![Vec::new(); spec.shots.len()],
            sheet_rows: AssetKind::ALL.map(|kind| vec![Vec::new(); kind.assets(spec).len()]),
            ..Ledger::default()
        };
        Reader {
            checked,
            source,
            shots,
            ledger,
            diagnostics: Vec::new(),
            columns: HashMap::new(),
        }
    }

    /// Whether the next problem gets a "did you mean".
    fn suggesting(&self) -> bool {
        self.diagnostics.len() < SUGGESTED
    }

    fn read(&mut self) {
        let text = self.source.text.as_str();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body = text.get(bom..).unwrap_or_default();
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut header_len = None;
        let mut rows = 0usize;
        loop {
            let start = csv.position().byte();
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    // The text is UTF-8 and the reader flexible: only an I/O error of
                    // an in-memory reader could land here, which cannot happen.
                    let offset = usize::try_from(start).unwrap_or(usize::MAX);
                    self.diagnostics.push(
                        Diagnostic::error(
                            CheckCode::LedgerSyntax,
                            format!("the ledger cannot be read as CSV: {error}"),
                        )
                        .with_label(span_at(bom.saturating_add(offset), 0), "here")
                        .with_help("save the ledger as CSV (RFC 4180) in UTF-8"),
                    );
                    break;
                }
            }
            let position = record.position().map_or(start, csv::Position::byte);
            let offset = bom.saturating_add(usize::try_from(position).unwrap_or(usize::MAX));
            let spans = field_spans(text, offset, record.len());
            let end = spans.last().map_or(offset, |s| s.end() as usize);
            let start = span_at(offset, end.saturating_sub(offset));
            let line = self.source.line_column(start.offset).0;
            let fields = Fields {
                record: &record,
                spans,
                start,
                line,
            };
            match header_len {
                None => {
                    header_len = Some(record.len());
                    if !self.header(&fields) {
                        return;
                    }
                }
                Some(expected) => {
                    rows = rows.saturating_add(1);
                    if rows > MAX_ROWS {
                        self.diagnostics.push(
                            Diagnostic::error(
                                CheckCode::LedgerSyntax,
                                format!(
                                    "the ledger has more than {} rows",
                                    grouped(&MAX_ROWS.to_string())
                                ),
                            )
                            .with_label(fields.start, "the first row over")
                            .with_help("split the ledger, one per production or episode"),
                        );
                        return;
                    }
                    if record.len() != expected {
                        self.diagnostics.push(
                            Diagnostic::error(
                                CheckCode::LedgerSyntax,
                                format!(
                                    "this row has {} but the header has {expected}",
                                    crate::wording::plural(record.len(), "field")
                                ),
                            )
                            .with_path(format!("line {line}"))
                            .with_label(fields.start, "this row")
                            .with_help(
                                "give every row one field per header column; quote a field that holds a comma (`\"a, b\"`)",
                            ),
                        );
                        continue;
                    }
                    self.row(&fields);
                }
            }
        }
    }

    /// Reads the header: `false` when a required column is missing, so no row can be
    /// read.
    fn header(&mut self, fields: &Fields<'_>) -> bool {
        for (position, name) in fields.record.iter().enumerate() {
            let name = name.trim();
            let span = fields.span(Some(position));
            self.ledger.columns.push(name.to_owned());
            let Some(column) = Column::parse(name) else {
                let suggestion = self
                    .suggesting()
                    .then(|| did_you_mean(name, Column::ALL.map(Column::name)))
                    .flatten();
                let help = match suggestion {
                    Some(known) => format!("did you mean `{known}`? an unknown column is ignored"),
                    None => format!(
                        "the ledger's columns are {}; an unknown column is ignored",
                        column_list()
                    ),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        CheckCode::LedgerUnknownColumn,
                        format!("unknown ledger column `{name}`"),
                    )
                    .with_severity(Severity::Warning)
                    .with_path(format!("columns[{position}]"))
                    .with_label(span, "ignored")
                    .with_help(help),
                );
                continue;
            };
            if let Some(&first) = self.columns.get(&column) {
                self.diagnostics.push(
                    Diagnostic::error(
                        CheckCode::LedgerColumn,
                        format!("column `{name}` is named twice"),
                    )
                    .with_path(format!("columns[{position}]"))
                    .with_label(span, "again")
                    .with_secondary(fields.span(Some(first)), "first here")
                    .with_help("remove or rename one of the two columns"),
                );
                continue;
            }
            self.columns.insert(column, position);
        }
        let missing: Vec<&str> = Column::ALL
            .into_iter()
            .filter(|c| c.required() && !self.columns.contains_key(c))
            .map(Column::name)
            .collect();
        for name in &missing {
            self.diagnostics.push(
                Diagnostic::error(
                    CheckCode::LedgerColumn,
                    format!("the ledger has no `{name}` column"),
                )
                .with_path("columns")
                .with_label(fields.start, "the header")
                .with_help(
                    "the first line names the columns; `job`, `model` and `outcome` are required, e.g. `job,model,outcome,seconds`",
                ),
            );
        }
        missing.is_empty()
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }

    /// The trimmed value of `column` in the row, with its position; `None` when the
    /// header lacks the column, `Some((None, _))` when the field is empty.
    fn field<'f>(&self, fields: &'f Fields<'_>, column: Column) -> Option<(&'f str, Span)> {
        let position = *self.columns.get(&column)?;
        let value = fields.record.get(position)?.trim();
        (!value.is_empty()).then(|| (value, fields.span(Some(position))))
    }

    fn error(
        &mut self,
        code: CheckCode,
        fields: &Fields<'_>,
        column: Column,
        message: String,
        label: &str,
        help: String,
    ) {
        let span = fields.span(self.columns.get(&column).copied());
        self.diagnostics.push(
            Diagnostic::error(code, message)
                .with_path(format!("line {}.{}", fields.line, column.name()))
                .with_label(span, label)
                .with_help(help),
        );
    }

    /// Checks and resolves one data row; adds it to the ledger when it has no problem.
    fn row(&mut self, fields: &Fields<'_>) {
        let before = self.diagnostics.len();
        let job = self.job(fields);
        let outcome = self.outcome(fields);
        let model = self.model(fields, job);
        let resolution = model.and_then(|(_, model)| self.resolution(fields, model));
        let seconds = self.seconds(fields, job);
        let images = self.images(fields, job);
        let credits = self.credits(fields);
        let at = self.at(fields);
        if self.diagnostics.len() > before {
            return;
        }
        let (Some(job), Some(outcome), Some((model_id, model)), Some(resolution), Some(credits)) =
            (job, outcome, model, resolution, credits)
        else {
            return;
        };
        let credits_given = credits.is_some();
        let credits = match credits {
            Some(given) => Ratio::whole(given),
            None if outcome == Outcome::Failed => Ratio::ZERO,
            None => match self.price(fields, job, model, resolution, seconds, images) {
                Some(priced) => priced,
                None => return,
            },
        };
        let note = self
            .field(fields, Column::Note)
            .map(|(note, _)| note.to_owned());
        let position = self.ledger.rows.len();
        let list = match job {
            JobRef::Shot(index) => self.ledger.shot_rows.get_mut(index),
            JobRef::Sheet(kind, index) => self.ledger.sheet_rows[kind as usize].get_mut(index),
        };
        let Some(list) = list else {
            return;
        };
        list.push(position);
        self.ledger.rows.push(Row {
            line: fields.line,
            span: fields.start,
            job,
            model: model_id,
            resolution,
            outcome,
            seconds,
            images,
            credits,
            credits_given,
            at,
            note,
        });
    }

    fn job(&mut self, fields: &Fields<'_>) -> Option<JobRef> {
        let kind = match self.field(fields, Column::Kind) {
            None => None,
            Some((text, _)) => match KindHint::parse(text) {
                Some(kind) => Some(kind),
                None => {
                    let help = match self
                        .suggesting()
                        .then(|| did_you_mean(text, KindHint::NAMES))
                        .flatten()
                    {
                        Some(known) => format!("did you mean `{known}`?"),
                        None => "write `shot` or `sheet`, or leave it empty".to_owned(),
                    };
                    self.error(
                        CheckCode::LedgerKind,
                        fields,
                        Column::Kind,
                        format!("unknown kind `{text}`"),
                        "not `shot` or `sheet`",
                        help,
                    );
                    return None;
                }
            },
        };
        let Some((id, _)) = self.field(fields, Column::Job) else {
            self.error(
                CheckCode::LedgerUnknownJob,
                fields,
                Column::Job,
                "the row names no job".to_owned(),
                "empty",
                "give the shot id or the asset id the generation was for".to_owned(),
            );
            return None;
        };
        let spec = self.checked.spec();
        let shot = self.shots.get(id).copied();
        // Assets of each kind with this id: (kind, index, has a sheet).
        let assets: Vec<(AssetKind, usize, bool)> = AssetKind::ALL
            .into_iter()
            .filter_map(|kind| {
                self.checked
                    .asset(kind, id)
                    .map(|(index, asset)| (kind, index, asset.sheet.is_some()))
            })
            .collect();
        let sheets: Vec<JobRef> = assets
            .iter()
            .filter(|(_, _, has_sheet)| *has_sheet)
            .filter(|(asset_kind, _, _)| match kind {
                Some(KindHint::Asset(wanted)) => wanted == *asset_kind,
                _ => true,
            })
            .map(|&(kind, index, _)| JobRef::Sheet(kind, index))
            .collect();
        let candidates: Vec<JobRef> = match kind {
            Some(KindHint::Shot) => shot.map(JobRef::Shot).into_iter().collect(),
            Some(KindHint::Sheet | KindHint::Asset(_)) => sheets,
            None => shot.map(JobRef::Shot).into_iter().chain(sheets).collect(),
        };
        match candidates.as_slice() {
            [one] => return Some(*one),
            [] => {}
            several => {
                let names: Vec<String> = several.iter().map(|job| job_kind_name(*job)).collect();
                let help = if several.iter().any(|j| matches!(j, JobRef::Shot(_))) {
                    "write `shot` or `sheet` in the row's `kind` column".to_owned()
                } else {
                    format!(
                        "write {} in the row's `kind` column",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                };
                self.error(
                    CheckCode::LedgerAmbiguousJob,
                    fields,
                    Column::Job,
                    format!("`{id}` is both a {}", names.join(" and a ")),
                    "which job?",
                    help,
                );
                return None;
            }
        }
        // No job of the asked kind: say what the id is, if anything.
        let what_it_is = match (kind, shot, assets.first()) {
            (Some(KindHint::Sheet | KindHint::Asset(_)), Some(_), _) => Some("a shot".to_owned()),
            (Some(KindHint::Shot), None, Some((asset_kind, _, true))) => {
                Some(format!("a {}'s sheet", asset_kind.name()))
            }
            (Some(KindHint::Asset(_)), None, Some((asset_kind, _, true))) => {
                Some(format!("a {}", asset_kind.name()))
            }
            _ => None,
        };
        if let Some(what) = what_it_is {
            self.error(
                CheckCode::LedgerKind,
                fields,
                Column::Kind,
                format!(
                    "`{id}` is {what}, not a {}",
                    self.field(fields, Column::Kind)
                        .map_or("", |(kind, _)| kind)
                ),
                "does not match the job",
                "correct the row's `kind`, or leave it empty".to_owned(),
            );
            return None;
        }
        if let Some((asset_kind, _, false)) = assets.first() {
            self.error(
                CheckCode::LedgerUnknownJob,
                fields,
                Column::Job,
                format!("{} `{id}` has no reference sheet", asset_kind.name()),
                "no sheet to generate",
                format!(
                    "give {} `{id}` a `sheet:` in the spec, or correct the row's job",
                    asset_kind.name()
                ),
            );
            return None;
        }
        let suggestion = if self.suggesting() {
            let shots = spec.shots.iter().map(|shot| shot.id.value.as_str());
            let sheets = AssetKind::ALL.into_iter().flat_map(|kind| {
                kind.assets(spec)
                    .iter()
                    .filter(|asset| asset.sheet.is_some())
                    .map(|asset| asset.id.value.as_str())
            });
            match kind {
                Some(KindHint::Shot) => did_you_mean(id, shots),
                Some(_) => did_you_mean(id, sheets),
                None => did_you_mean(id, shots.chain(sheets)),
            }
        } else {
            None
        };
        let help = match suggestion {
            Some(known) => format!("did you mean `{known}`?"),
            None => {
                "name a shot id, or the id of a character, location or prop with a sheet".to_owned()
            }
        };
        self.error(
            CheckCode::LedgerUnknownJob,
            fields,
            Column::Job,
            format!("unknown job `{id}`"),
            "not a shot or sheet of the spec",
            help,
        );
        None
    }

    fn outcome(&mut self, fields: &Fields<'_>) -> Option<Outcome> {
        let Some((text, _)) = self.field(fields, Column::Outcome) else {
            self.error(
                CheckCode::LedgerOutcome,
                fields,
                Column::Outcome,
                "the row has no outcome".to_owned(),
                "empty",
                "write `kept`, `rejected` or `failed`".to_owned(),
            );
            return None;
        };
        if let Some(outcome) = Outcome::parse(text) {
            return Some(outcome);
        }
        let help = match self
            .suggesting()
            .then(|| did_you_mean(text, Outcome::ALL.map(Outcome::name)))
            .flatten()
        {
            Some(known) => format!("did you mean `{known}`?"),
            None => "write `kept` (usable), `rejected` (generated, not used) or `failed` (no usable output)".to_owned(),
        };
        self.error(
            CheckCode::LedgerOutcome,
            fields,
            Column::Outcome,
            format!("unknown outcome `{text}`"),
            "not `kept`, `rejected` or `failed`",
            help,
        );
        None
    }

    /// The row's model, which must make what the job needs: video for a shot, images
    /// for a sheet.
    fn model(
        &mut self,
        fields: &Fields<'_>,
        job: Option<JobRef>,
    ) -> Option<(ModelId, &'c Model<'a>)> {
        let Some((name, _)) = self.field(fields, Column::Model) else {
            self.error(
                CheckCode::LedgerUnknownModel,
                fields,
                Column::Model,
                "the row names no model".to_owned(),
                "empty",
                "give the model the generation ran on".to_owned(),
            );
            return None;
        };
        let checked = self.checked;
        let Some((id, model)) = checked
            .model_id(name)
            .and_then(|id| checked.model(id).map(|model| (id, model)))
        else {
            let help = match self
                .suggesting()
                .then(|| did_you_mean(name, checked.models().map(|(_, m)| m.id)))
                .flatten()
            {
                Some(known) => format!("did you mean `{known}`?"),
                None => {
                    "name a model of the catalog (`shotlist models`) or of the spec's `models:`"
                        .to_owned()
                }
            };
            self.error(
                CheckCode::LedgerUnknownModel,
                fields,
                Column::Model,
                format!("unknown model `{name}`"),
                "not in the catalog or `models:`",
                help,
            );
            return None;
        };
        let wanted = match job {
            Some(JobRef::Shot(_)) => ModelKind::Video,
            Some(JobRef::Sheet(..)) => ModelKind::Image,
            // The job is reported already; the model is known, which is all that can
            // be said of it.
            None => return Some((id, model)),
        };
        if model.kind != wanted {
            let (job_kind, kind_name) = match wanted {
                ModelKind::Video => ("a shot", "video"),
                ModelKind::Image => ("a sheet", "image"),
            };
            self.error(
                CheckCode::LedgerWrongModelKind,
                fields,
                Column::Model,
                format!("`{name}` is not a {kind_name} model, and the row is for {job_kind}"),
                &format!("not a {kind_name} model"),
                format!("name the {kind_name} model the generation ran on"),
            );
            return None;
        }
        Some((id, model))
    }

    fn resolution(&mut self, fields: &Fields<'_>, model: &Model<'a>) -> Option<&'a str> {
        let Some((text, _)) = self.field(fields, Column::Resolution) else {
            // Checking holds every model to at least one rate.
            return model.default_resolution();
        };
        if let Some(&(key, _)) = model.rates.iter().find(|(key, _)| *key == text) {
            return Some(key);
        }
        let keys: Vec<&str> = model.rates.iter().map(|(key, _)| *key).collect();
        let suggestion = self
            .suggesting()
            .then(|| did_you_mean(text, keys.iter().copied()))
            .flatten();
        let list = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match suggestion {
            Some(known) => format!("did you mean `{known}`? `{}` has {list}", model.id),
            None => format!("`{}` has {list}; leave it empty for the first", model.id),
        };
        self.error(
            CheckCode::LedgerUnknownResolution,
            fields,
            Column::Resolution,
            format!("model `{}` has no resolution `{text}`", model.id),
            "no rate for it",
            help,
        );
        None
    }

    /// The generated seconds, checked when given and required on a shot row.
    fn seconds(&mut self, fields: &Fields<'_>, job: Option<JobRef>) -> Option<Decimal> {
        let Some((text, _)) = self.field(fields, Column::Seconds) else {
            if !matches!(job, Some(JobRef::Shot(_))) {
                return None;
            }
            let why = if self.columns.contains_key(&Column::Seconds) {
                "it is empty"
            } else {
                "the ledger has no `seconds` column"
            };
            self.error(
                CheckCode::LedgerMissingSeconds,
                fields,
                Column::Seconds,
                format!("a shot row needs its generated seconds, and {why}"),
                "no seconds",
                "give the seconds this generation made, such as `5` or `5s`".to_owned(),
            );
            return None;
        };
        match Duration::from_str(text) {
            Ok(duration) => matches!(job, Some(JobRef::Shot(_))).then_some(duration.seconds()),
            Err(error) => {
                self.invalid(fields, Column::Seconds, error.message, error.help);
                None
            }
        }
    }

    /// The images of a sheet row: as given (checked whenever given), else the sheet's
    /// grid `options`; `None` on any other row.
    fn images(&mut self, fields: &Fields<'_>, job: Option<JobRef>) -> Option<u64> {
        let given = match self.field(fields, Column::Images) {
            None => None,
            Some((text, _)) => match text.parse::<u64>() {
                Ok(images) => Some(images),
                Err(_) => {
                    self.invalid(
                        fields,
                        Column::Images,
                        format!("expected a whole number of images, found `{text}`"),
                        Some("write how many images the generation made, such as `4`".to_owned()),
                    );
                    return None;
                }
            },
        };
        let Some(JobRef::Sheet(kind, index)) = job else {
            return None;
        };
        if given.is_some() {
            return given;
        }
        let spec = self.checked.spec();
        let sheet = kind
            .assets(spec)
            .get(index)
            .and_then(|asset| asset.sheet.as_ref())
            .map(|sheet| &sheet.value);
        Some(u64::from(grid_options(&spec.assumptions, sheet)))
    }

    /// `Some(None)` when no credits are given, `None` when they are malformed.
    fn credits(&mut self, fields: &Fields<'_>) -> Option<Option<Decimal>> {
        let Some((text, _)) = self.field(fields, Column::Credits) else {
            return Some(None);
        };
        match Dec::from_str(text) {
            Ok(Dec(credits)) if credits.is_sign_negative() && !credits.is_zero() => {
                self.invalid(
                    fields,
                    Column::Credits,
                    format!("credits `{text}` are negative"),
                    Some(
                        "give the credits charged, 0 or more; a refunded generation charged 0"
                            .to_owned(),
                    ),
                );
                None
            }
            Ok(Dec(credits)) => Some(Some(credits)),
            Err(error) => {
                let help = "write the credits charged as a decimal, such as `12.5`".to_owned();
                self.invalid(fields, Column::Credits, error.message, Some(help));
                None
            }
        }
    }

    fn at(&mut self, fields: &Fields<'_>) -> Option<String> {
        let (text, _) = self.field(fields, Column::At)?;
        if is_iso_8601(text) {
            return Some(text.to_owned());
        }
        self.invalid(
            fields,
            Column::At,
            format!("`{text}` is not an ISO 8601 date or date-time"),
            Some(
                "write a date such as `2026-11-30` or a date-time such as `2026-11-30T14:05:00Z`"
                    .to_owned(),
            ),
        );
        None
    }

    fn invalid(
        &mut self,
        fields: &Fields<'_>,
        column: Column,
        message: String,
        help: Option<String>,
    ) {
        self.error(
            CheckCode::LedgerInvalidValue,
            fields,
            column,
            message,
            "does not parse",
            help.unwrap_or_default(),
        );
    }

    /// A row without `credits`, priced like one take of the plan.
    fn price(
        &mut self,
        fields: &Fields<'_>,
        job: JobRef,
        model: &Model<'a>,
        resolution: &'a str,
        seconds: Option<Decimal>,
        images: Option<u64>,
    ) -> Option<Ratio> {
        let spec = self.checked.spec();
        let problem = match job {
            JobRef::Shot(index) => {
                let shot = spec.shots.get(index)?;
                let seconds = seconds?;
                let addons: Vec<&str> = shot.addons.iter().map(|a| a.value.as_str()).collect();
                let needed = needed_seconds(seconds, model);
                match take_credits(model, resolution, needed, shot.wants_audio(), &addons) {
                    Ok((_, credits)) => return Some(credits),
                    Err(TakeError::Overflow) => format!(
                        "its price on `{}` is too large to compute exactly",
                        model.id
                    ),
                    Err(TakeError::Unbillable {
                        addon: Some(addon),
                        error: None,
                    }) => format!(
                        "shot `{}` wants the `{addon}` addon, which `{}` does not offer",
                        shot.id.value, model.id
                    ),
                    Err(TakeError::Unbillable { addon, .. }) => format!(
                        "{} of `{}` cannot bill {}s",
                        addon.map_or_else(
                            || format!("the `{resolution}` rate"),
                            |a| format!("the `{a}` addon")
                        ),
                        model.id,
                        needed.normalize()
                    ),
                }
            }
            JobRef::Sheet(..) => {
                let per_image = model.rate(resolution).and_then(Rate::image_credits);
                match per_image {
                    Some(per_image) => {
                        match Decimal::from(images.unwrap_or(0)).checked_mul(per_image) {
                            Some(credits) => return Some(Ratio::whole(credits)),
                            None => format!(
                                "its price on `{}` is too large to compute exactly",
                                model.id
                            ),
                        }
                    }
                    None => format!("`{}` has no per-image rate at `{resolution}`", model.id),
                }
            }
        };
        self.error(
            CheckCode::LedgerUnpriceable,
            fields,
            Column::Credits,
            format!("the row gives no credits and cannot be priced: {problem}"),
            "no credits",
            "give the credits the generation was charged in the `credits` column".to_owned(),
        );
        None
    }
}

/// The spans of the first `count` fields of the record starting at byte `start` of
/// `text`, by RFC 4180's rules: a field is quoted when it starts with `"`, and a
/// doubled quote inside stands for one. Each span runs from the field's first byte
/// (its opening quote) to the separator after it.
fn field_spans(text: &str, start: usize, count: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(count);
    let mut position = start;
    for _ in 0..count {
        let field_start = position;
        if bytes.get(position) == Some(&b'"') {
            position = position.saturating_add(1);
            loop {
                match bytes.get(position) {
                    None => break,
                    Some(b'"') if bytes.get(position.saturating_add(1)) == Some(&b'"') => {
                        position = position.saturating_add(2);
                    }
                    Some(b'"') => {
                        position = position.saturating_add(1);
                        break;
                    }
                    Some(_) => position = position.saturating_add(1),
                }
            }
        }
        while let Some(byte) = bytes.get(position) {
            if matches!(byte, b',' | b'\r' | b'\n') {
                break;
            }
            position = position.saturating_add(1);
        }
        spans.push(span_at(field_start, position.saturating_sub(field_start)));
        if bytes.get(position) == Some(&b',') {
            position = position.saturating_add(1);
        }
    }
    spans
}

fn span_at(offset: usize, len: usize) -> Span {
    Span::new(
        u32::try_from(offset).unwrap_or(u32::MAX),
        u32::try_from(len).unwrap_or(u32::MAX),
    )
}

fn column_list() -> String {
    Column::ALL.map(|c| format!("`{}`", c.name())).join(", ")
}

fn job_kind_name(job: JobRef) -> String {
    match job {
        JobRef::Shot(_) => "shot".to_owned(),
        JobRef::Sheet(kind, _) => kind.name().to_owned(),
    }
}

/// Whether `text` is an ISO 8601 date (`2026-11-30`) or date-time, with or without
/// an offset (`2026-11-30T14:05:00`, `2026-11-30T14:05:00Z`, `…+01:00`).
pub(super) fn is_iso_8601(text: &str) -> bool {
    text.parse::<jiff::civil::Date>().is_ok()
        || text.parse::<jiff::civil::DateTime>().is_ok()
        || text.parse::<jiff::Timestamp>().is_ok()
}
