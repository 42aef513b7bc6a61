//! The diff document that `shotlist diff --format json` writes: figures as strings
//! with two decimals, as in the plan; money `null` unless both plans are priced in one
//! currency.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decimal::Fixed2;
use super::plan::Columns;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Diff")]
pub struct DiffDocument {
    pub schema_version: u32,
    pub summary: String,
    pub old: Side,
    pub new: Side,
    pub totals: Totals,
    /// Stages added, removed or changed, in the new plan's order, removed ones last.
    pub stages: Vec<StageChange>,
    /// Jobs added, removed or changed, in the new plan's order, removed ones last.
    pub jobs: Vec<JobChange>,
    pub unchanged_jobs: usize,
    /// `null` without `--fail-above`.
    pub fail_above: Option<FailAbove>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Side {
    pub file: String,
    pub kind: SideKind,
    pub title: String,
    pub currency: String,
}

/// Whether a side was a spec, planned for the diff, or a plan JSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SideKind {
    Spec,
    Plan,
}

/// One figure on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    pub old: Fixed2,
    pub new: Fixed2,
    pub change: Fixed2,
    /// Of the old figure; `null` when that is zero.
    pub percent: Option<Fixed2>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    pub credits: Columns<Change>,
    pub cost: Option<CostTotals>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CostTotals {
    pub currency: String,
    pub best: Change,
    pub expected: Change,
    pub worst: Change,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Pair_of_{T}")]
pub struct Pair<T> {
    pub expected: T,
    pub worst: T,
}

/// Expected and worst credits, and money where both sides have it in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Figures {
    pub credits: Pair<Change>,
    pub cost: Pair<Option<Change>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// A stage added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StageChange {
    pub id: String,
    pub status: Status,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    Shot,
    Sheet,
}

/// A job added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct JobChange {
    pub kind: JobKind,
    pub id: String,
    /// The asset's kind, for a sheet.
    pub asset_kind: Option<String>,
    /// The stage it is in on the new side, else on the old.
    pub stage: String,
    pub status: Status,
    /// For a change, each field that differs; for an added or removed job, its model
    /// (or `status: approved`).
    pub changes: Vec<Reason>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FailAbove {
    /// The limit as it was written: `19.99 credits`, `$0.20`, `10%`.
    pub limit: String,
    pub exceeded: bool,
}
