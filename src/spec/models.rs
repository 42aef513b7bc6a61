//! A model as a spec or a catalog declares it: kind, tier, rates, addons, clip limits
//! and provenance.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::{OrderedMap, Spanned};
use super::text::Text;
use super::values::{Date, Dec, Duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    Video,
    Image,
}

impl ModelKind {
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Video => "video",
            ModelKind::Image => "image",
        }
    }

    /// "a video", "an image".
    pub fn article(self) -> &'static str {
        match self {
            ModelKind::Video => "a video",
            ModelKind::Image => "an image",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Draft,
    Standard,
    Premium,
}

impl Tier {
    pub fn name(self) -> &'static str {
        match self {
            Tier::Draft => "draft",
            Tier::Standard => "standard",
            Tier::Premium => "premium",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// The vendor's own page or repository.
    Official,
    /// An aggregator, reseller or article.
    ThirdParty,
}

/// A generation model and its prices.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelDef {
    /// `video` for shots, `image` for reference sheets.
    pub kind: Spanned<ModelKind>,
    /// Price tier (default `standard`).
    #[serde(default)]
    pub tier: Option<Spanned<Tier>>,
    /// Rates by resolution; the first listed is the model's default.
    pub rates: OrderedMap<Spanned<RateDef>>,
    /// Extra rates a shot can ask for by name; `audio` is the rate for sound.
    #[serde(default)]
    pub addons: OrderedMap<Spanned<RateDef>>,
    /// Longest clip one generation can make.
    #[serde(default)]
    pub max_clip: Option<Spanned<Duration>>,
    /// Shortest billed generation.
    #[serde(default)]
    pub min_clip: Option<Spanned<Duration>>,
    /// Accepts reference images for continuity.
    #[serde(default)]
    pub references: Option<Spanned<bool>>,
    /// Most reference images one generation accepts.
    #[serde(default)]
    pub max_references: Option<Spanned<u32>>,
    /// Most cuts one generation can render (multi-shot prompts).
    #[serde(default)]
    pub max_cuts: Option<Spanned<u32>>,
    /// The date the vendor removed the model.
    #[serde(default)]
    pub retired: Option<Spanned<Date>>,
    /// The model the vendor names to use instead once this one is retired.
    #[serde(default)]
    pub successor: Option<Spanned<String>>,
    /// Where the price comes from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Whether the source is the vendor's own.
    #[serde(default)]
    pub provenance: Option<Provenance>,
    /// The date the price was seen.
    #[serde(default)]
    pub seen: Option<Date>,
    /// Caveats about the price.
    #[serde(default)]
    pub notes: Option<Text>,
}

/// How a rate is billed: by time (`credits` per `per` seconds), by clip length
/// (`buckets`), or per image (`per: image`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(with = "RateSchema")]
pub struct RateDef {
    #[serde(default)]
    pub credits: Option<Spanned<Dec>>,
    #[serde(default)]
    pub per: Option<Spanned<Per>>,
    #[serde(default)]
    pub increment: Option<Spanned<Duration>>,
    #[serde(default)]
    pub minimum: Option<Spanned<Duration>>,
    #[serde(default)]
    pub buckets: Option<Spanned<OrderedMap<Spanned<Dec>>>>,
}

/// The unit a rate's `credits` buy: a length of time or one image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Image,
    Time(Duration),
}

impl<'de> Deserialize<'de> for Per {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::values::deserialize_via_str(deserializer, "a duration or `image`", |text| {
            if text.trim() == "image" {
                Ok(Per::Image)
            } else {
                text.parse().map(Per::Time)
            }
        })
    }
}

impl JsonSchema for Per {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Per".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let duration = generator.subschema_for::<Duration>();
        schemars::json_schema!({
            "anyOf": [{"const": "image"}, duration]
        })
    }
}

/// Schema-only mirror of [`RateDef`]: exactly one of the three rate forms.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // never built; only its schema is used
enum RateSchema {
    /// Time-priced: `credits × billed / per`, billed = max(minimum, needed) rounded up to `increment`.
    #[schemars(extend("additionalProperties" = false))]
    Time {
        /// Credits for each `per` of billed time.
        credits: Dec,
        /// The length of time `credits` buy, such as `1s`.
        per: Duration,
        /// Billed seconds are rounded up to a multiple of this.
        #[serde(default)]
        increment: Option<Duration>,
        /// The fewest seconds one generation is billed for.
        #[serde(default)]
        minimum: Option<Duration>,
    },
    /// Clip-priced: the smallest bucket at least as long as the needed seconds.
    #[schemars(extend("additionalProperties" = false))]
    Buckets {
        /// Clip length → credits, such as `{5s: 50, 10s: 120}`.
        buckets: BTreeMap<String, Dec>,
    },
    /// Image-priced: credits per image.
    #[schemars(extend("additionalProperties" = false))]
    Image {
        /// Credits for one image.
        credits: Dec,
        /// Always `image`.
        per: ImageUnit,
    },
}

#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)] // never built; only its schema is used
enum ImageUnit {
    Image,
}
