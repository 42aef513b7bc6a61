//! The catalog document that `shotlist models --format json` writes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Models")]
pub struct ModelsDocument {
    pub schema_version: u32,
    pub catalog: String,
    pub title: String,
    pub currency: String,
    /// Exact, trailing zeros trimmed; `null` when the catalog has none.
    pub price_per_credit: Option<String>,
    /// The date the prices were last reviewed.
    pub seen: String,
    /// Days from `seen` to today (negative when `seen` is later).
    pub age_days: i64,
    pub models: Vec<Model>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Model {
    pub id: String,
    /// `video` or `image`.
    pub kind: String,
    /// `draft`, `standard` or `premium`.
    pub tier: String,
    pub rates: Vec<Rate>,
    pub addons: Vec<Addon>,
    /// Seconds.
    pub min_clip: Option<String>,
    /// Seconds.
    pub max_clip: Option<String>,
    pub references: bool,
    /// `active`, `retiring <date>` or `retired <date>`.
    pub status: String,
    pub retired: Option<String>,
    /// `official`, `third-party` or `unsourced`.
    pub provenance: String,
    pub seen: Option<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rate {
    pub resolution: String,
    /// The rate as text: `0.5 credits per 1s`, `{5s: 50, 10s: 120}`.
    pub rate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Addon {
    pub addon: String,
    pub rate: String,
}
