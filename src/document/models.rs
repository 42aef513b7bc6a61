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
    /// The rate as text: `12/s min 2s step 1s`, `5s 71 · 9s 127`, `13.4/image`.
    pub rate: String,
    #[serde(flatten)]
    pub price: Price,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Addon {
    pub addon: String,
    /// The rate as text, as for a resolution's rate.
    pub rate: String,
    #[serde(flatten)]
    pub price: Price,
}

/// A rate as data: exact decimals as strings with trailing zeros trimmed, seconds for
/// lengths of time. FORMAT.md's "A rate is one of" says how each form bills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Price {
    /// `time` (credits per length of time), `buckets` (a price per clip length) or
    /// `image` (credits per image).
    pub form: String,
    /// Credits per `per_seconds` (time) or per image; `null` for buckets.
    pub credits: Option<String>,
    /// The length of time `credits` buy, in seconds; time rates only.
    pub per_seconds: Option<String>,
    /// Billed seconds are rounded up to a multiple of this; time rates only.
    pub increment_seconds: Option<String>,
    /// The fewest seconds a generation is billed for; time rates only.
    pub minimum_seconds: Option<String>,
    /// Clip lengths and their prices, shortest first; bucket rates only.
    pub buckets: Option<Vec<Bucket>>,
}

/// One clip length of a bucket rate and what a clip up to it costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Bucket {
    pub seconds: String,
    pub credits: String,
}
