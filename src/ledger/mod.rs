//! The ledger: what was really generated, as FORMAT.md's "The ledger" fixes it — a CSV
//! file of one row per generation run — read against a checked spec ([`read`]), and
//! where the production stands once it is ([`status`]): each job's state, what it has
//! spent and what remains, priced with the planner's own functions.
//!
//! Reading keeps positions: every problem of a row is a [`Diagnostic`] on the ledger's
//! own [`Source`](crate::source::Source), at the line and column of the field.

mod read;
mod status;

pub use read::{Column, MAX_ROWS, read};
pub use status::{Actuals, JobState, JobStatus, LedgerBudget, Progress, Status, status};

use rust_decimal::Decimal;

use crate::catalog::ratio::Ratio;
use crate::source::Span;
use crate::validate::{AssetKind, ModelId};

/// What a generation was for: a shot, by its position in `shots`, or an asset's
/// reference sheet, by its kind and position in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobRef {
    Shot(usize),
    Sheet(AssetKind, usize),
}

/// How a generation turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Usable: it goes in the cut, or the sheet is locked from it.
    Kept,
    /// Generated, not used.
    Rejected,
    /// No usable output.
    Failed,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Kept, Outcome::Rejected, Outcome::Failed];

    pub fn name(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Rejected => "rejected",
            Outcome::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == text)
    }
}

/// One generation, resolved against the spec: every row of a [`Ledger`] passed every
/// check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// The 1-based line the row starts on in the ledger file.
    pub line: usize,
    /// The row's text in the ledger's source.
    pub span: Span,
    pub job: JobRef,
    /// The model used, which may differ from the spec's current choice.
    pub model: ModelId,
    /// The row's resolution, else the model's first.
    pub resolution: &'a str,
    pub outcome: Outcome,
    /// Generated seconds: always given on a shot row, `None` on a sheet row.
    pub seconds: Option<Decimal>,
    /// Images generated: on a sheet row, as given or the sheet's grid `options`;
    /// `None` on a shot row.
    pub images: Option<u64>,
    /// Credits charged, exactly: the `credits` column, else the row priced like one
    /// take of the plan (0 for a `failed` row).
    pub credits: Ratio,
    /// Whether `credits` was given rather than priced.
    pub credits_given: bool,
    /// The `at` column as written, when given (a valid ISO 8601 date or date-time).
    pub at: Option<String>,
    pub note: Option<String>,
}

/// A ledger read against a checked spec: its valid rows in file order, indexed by job.
/// Rows with problems are left out (their diagnostics say why), so a ledger read with
/// errors is partial and no figure should be made from it.
#[derive(Debug, Clone, Default)]
pub struct Ledger<'a> {
    rows: Vec<Row<'a>>,
    /// The header's columns as written, in file order.
    columns: Vec<String>,
    /// Row positions of each shot, parallel to `shots`.
    shot_rows: Vec<Vec<usize>>,
    /// Row positions of each asset's sheet, parallel to the asset lists.
    sheet_rows: [Vec<Vec<usize>>; 3],
}

impl<'a> Ledger<'a> {
    /// Every valid row, in file order.
    pub fn rows(&self) -> &[Row<'a>] {
        &self.rows
    }

    /// The header's column names as written, in file order; empty for an empty file.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The rows of shot `index` (its position in `shots`), in file order.
    pub fn shot_rows(&self, index: usize) -> impl Iterator<Item = &Row<'a>> {
        self.positions(self.shot_rows.get(index))
    }

    /// The rows of the sheet of asset `index` of `kind`, in file order.
    pub fn sheet_rows(&self, kind: AssetKind, index: usize) -> impl Iterator<Item = &Row<'a>> {
        self.positions(self.sheet_rows[kind as usize].get(index))
    }

    /// The rows of `job`, in file order.
    pub fn job_rows(&self, job: JobRef) -> impl Iterator<Item = &Row<'a>> {
        match job {
            JobRef::Shot(index) => self.positions(self.shot_rows.get(index)),
            JobRef::Sheet(kind, index) => self.positions(self.sheet_rows[kind as usize].get(index)),
        }
    }

    fn positions<'s>(&'s self, list: Option<&'s Vec<usize>>) -> impl Iterator<Item = &'s Row<'a>> {
        list.into_iter()
            .flatten()
            .filter_map(|&position| self.rows.get(position))
    }
}
