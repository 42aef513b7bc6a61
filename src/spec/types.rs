//! The production spec, version 1, as Rust types. These types are the single source of
//! truth for the format: the loader deserializes into them and `schema/` is generated
//! from them.

use std::cell::Cell;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::decode::DecodeError;
use super::load::grouped;
use super::shots::ShotList;
use super::span::{OrderedMap, Spanned};
use super::text::Text;
use super::values::{Date, Dec, Duration, Percent};
use crate::diagnostic::CheckCode;

/// A production spec: script segments, a shot list, reference assets, model routing and
/// a budget.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "shotlist production spec, version 1")]
pub struct Spec {
    /// Format version; always `1`.
    #[schemars(range(min = 1, max = 1))]
    pub version: Spanned<u32>,
    /// Built-in price catalog to start from.
    #[serde(default)]
    pub catalog: Option<Spanned<CatalogId>>,
    pub production: Production,
    #[serde(default)]
    pub budget: Option<Budget>,
    #[serde(default)]
    pub assumptions: Assumptions,
    /// Models that add to or replace entries of the built-in catalog, by id.
    #[serde(default)]
    pub models: OrderedMap<Spanned<ModelDef>>,
    #[serde(default)]
    pub routing: Routing,
    #[serde(default)]
    pub characters: Vec<Spanned<Asset>>,
    #[serde(default)]
    pub locations: Vec<Spanned<Asset>>,
    #[serde(default)]
    pub props: Vec<Spanned<Asset>>,
    /// The script cut into chunks, each generated and approved as one stage.
    pub segments: Vec<Spanned<Segment>>,
    /// The shot list; at most 25,000 shots, or up to 100,000 with `--max-shots`.
    #[serde(deserialize_with = "bounded_shots")]
    #[schemars(with = "Vec<Spanned<Shot>>", length(max = 100_000))]
    pub shots: ShotList,
    /// Lint rule levels and options: `<rule>: off | warn | deny` or `{level, ...options}`.
    #[serde(default)]
    pub lint: OrderedMap<Spanned<RuleSetting>>,
}

/// The most shots a spec may hold unless `--max-shots` says otherwise: two and a half
/// times the largest series the tool is built for (10,000 shots). The cap stops a
/// runaway list — a generator gone wrong, a file of one-line shots — with a diagnostic on
/// the shot that passed it. It, not the byte cap, bounds the time such a file takes:
/// parsing runs at 50,000 to 100,000 shots a second on BENCHMARKS.md's machine however
/// little each shot holds, and 32 MiB hold 500,000 one-line shots. At this cap the worst
/// such file is refused in under half a second, with room for a busy machine.
pub const DEFAULT_MAX_SHOTS: usize = 25_000;

/// The most shots any spec may hold, `--max-shots` included: the largest size
/// BENCHMARKS.md measures, which the YAML node budget is sized for.
pub const MAX_SHOTS: usize = 100_000;

thread_local! {
    /// The shot cap of the deserialization running on this thread. serde's derive gives
    /// a field's deserializer no way to receive a setting, so [`with_shot_cap`] puts it
    /// here for the length of one call.
    static SHOT_CAP: Cell<usize> = const { Cell::new(DEFAULT_MAX_SHOTS) };
}

/// Runs `deserialize` with the shot list capped at `max_shots` (at most [`MAX_SHOTS`]),
/// restoring the previous cap afterwards, even if `deserialize` panics.
pub(crate) fn with_shot_cap<T>(max_shots: usize, deserialize: impl FnOnce() -> T) -> T {
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            SHOT_CAP.with(|cap| cap.set(self.0));
        }
    }
    let _restore = Restore(SHOT_CAP.with(|cap| cap.replace(max_shots.min(MAX_SHOTS))));
    deserialize()
}

fn bounded_shots<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<ShotList, D::Error> {
    struct ShotsVisitor {
        max_shots: usize,
    }
    impl<'de> serde::de::Visitor<'de> for ShotsVisitor {
        type Value = ShotList;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of shots")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut shots = ShotList::new();
            while let Some(shot) = seq.next_element::<Spanned<Shot>>()? {
                if shots.len() >= self.max_shots {
                    return Err(DecodeError::new(
                        CheckCode::InputLimit,
                        format!("the spec has more than {} shots", grouped(self.max_shots)),
                    )
                    .with_help(too_many_shots_help(self.max_shots))
                    .at(shot.id.span)
                    .raise());
                }
                shots.push(shot);
            }
            shots.shrink_to_fit();
            Ok(shots)
        }
    }
    let max_shots = SHOT_CAP.with(Cell::get);
    deserializer.deserialize_seq(ShotsVisitor { max_shots })
}

fn too_many_shots_help(max_shots: usize) -> String {
    const SPLIT: &str = "split the production into several specs, one per episode or part";
    if max_shots < MAX_SHOTS {
        format!(
            "{SPLIT}, or pass `--max-shots` (up to {}) if it really is one",
            grouped(MAX_SHOTS)
        )
    } else {
        SPLIT.to_owned()
    }
}

/// The built-in price catalogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CatalogId {
    /// Vendor list prices in USD; 1 credit = $0.01.
    #[default]
    ListPrices,
    /// invideo credits.
    Invideo,
}

impl CatalogId {
    pub const ALL: [CatalogId; 2] = [CatalogId::ListPrices, CatalogId::Invideo];

    pub fn name(self) -> &'static str {
        match self {
            CatalogId::ListPrices => "list-prices",
            CatalogId::Invideo => "invideo",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Production {
    pub title: Text,
    /// Target finished length.
    #[serde(default)]
    pub runtime: Option<Spanned<Duration>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Credit cap for the whole production.
    #[serde(default)]
    pub credits: Option<Spanned<Dec>>,
    /// Money per credit. Give this or `plan`, not both.
    #[serde(default)]
    pub price_per_credit: Option<Spanned<Dec>>,
    /// A subscription plan: price per credit = price / credits.
    #[serde(default)]
    pub plan: Option<Spanned<PlanPrice>>,
    /// ISO 4217 currency code; default `USD`.
    #[serde(default)]
    pub currency: Option<Spanned<Text>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPrice {
    pub price: Spanned<Dec>,
    pub credits: Spanned<Dec>,
}

/// Overgeneration and grid defaults.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// Expected generations per usable video shot (default 3).
    #[serde(default)]
    pub takes: Option<Spanned<Dec>>,
    /// Generations per usable shot in the worst case (default 5).
    #[serde(default)]
    pub takes_worst: Option<Spanned<Dec>>,
    /// Share of generations that are usable; `takes = 1 / yield`. Not with `takes`.
    #[serde(default, rename = "yield")]
    pub yield_: Option<Spanned<Percent>>,
    /// Images in one reference grid (default 4).
    #[serde(default)]
    pub grid_options: Option<Spanned<u32>>,
    /// Grids generated to lock one reference sheet (default 5).
    #[serde(default)]
    pub lock_rounds: Option<Spanned<u32>>,
    /// Extra seconds generated per take beyond the used duration (default 0s).
    #[serde(default)]
    pub handles: Option<Spanned<Duration>>,
}

impl Assumptions {
    /// `handles` in seconds; none means zero.
    pub fn handle_seconds(&self) -> Decimal {
        self.handles
            .as_ref()
            .map_or(Decimal::ZERO, |h| h.value.seconds())
    }
}

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
        credits: Dec,
        per: Duration,
        #[serde(default)]
        increment: Option<Duration>,
        #[serde(default)]
        minimum: Option<Duration>,
    },
    /// Clip-priced: the smallest bucket at least as long as the needed seconds.
    #[schemars(extend("additionalProperties" = false))]
    Buckets { buckets: BTreeMap<String, Dec> },
    /// Image-priced: credits per image.
    #[schemars(extend("additionalProperties" = false))]
    Image { credits: Dec, per: ImageUnit },
}

#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)] // never built; only its schema is used
enum ImageUnit {
    Image,
}

/// Which model a shot or sheet gets when it names none.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// Default video model.
    #[serde(default)]
    pub video: Option<Spanned<Text>>,
    /// Default model for reference sheets.
    #[serde(default)]
    pub image: Option<Spanned<Text>>,
    /// Model per shot type.
    #[serde(default)]
    pub by_type: BTreeMap<ShotType, Spanned<Text>>,
    /// Shot types where a premium tier is expected (default hero, dialogue, close-up).
    #[serde(default)]
    pub premium_for: Option<Vec<Spanned<ShotType>>>,
}

/// A character, location or prop.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: Spanned<Text>,
    #[serde(default)]
    pub name: Option<Text>,
    /// What it looks like; the prompt text its sheet is generated from.
    #[serde(default)]
    pub look: Option<Text>,
    #[serde(default)]
    pub sheet: Option<Spanned<Sheet>>,
}

/// A reference sheet: grids of images generated until one look is locked.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// `draft` (default) or `locked`.
    #[serde(default)]
    pub status: Option<Spanned<SheetStatus>>,
    /// Images per grid (overrides `assumptions.grid_options`).
    #[serde(default)]
    pub options: Option<Spanned<u32>>,
    /// Grids to lock it (overrides `assumptions.lock_rounds`).
    #[serde(default)]
    pub rounds: Option<Spanned<u32>>,
    /// Image model (overrides `routing.image`).
    #[serde(default)]
    pub model: Option<Spanned<Text>>,
    /// Reference image files.
    #[serde(default)]
    pub references: Vec<Text>,
}

impl Sheet {
    /// Whether the sheet is locked: its references are final and cost nothing more.
    /// A sheet without a `status` is a draft.
    pub fn is_locked(&self) -> bool {
        self.status.as_ref().map(|s| s.value).unwrap_or_default() == SheetStatus::Locked
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SheetStatus {
    #[default]
    Draft,
    Locked,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: Spanned<Text>,
    pub duration: Spanned<Duration>,
    #[serde(default)]
    pub script: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ShotType {
    Hero,
    Dialogue,
    CloseUp,
    Action,
    Establishing,
    BRoll,
    Insert,
}

impl ShotType {
    pub const ALL: [ShotType; 7] = [
        ShotType::Hero,
        ShotType::Dialogue,
        ShotType::CloseUp,
        ShotType::Action,
        ShotType::Establishing,
        ShotType::BRoll,
        ShotType::Insert,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ShotType::Hero => "hero",
            ShotType::Dialogue => "dialogue",
            ShotType::CloseUp => "close-up",
            ShotType::Action => "action",
            ShotType::Establishing => "establishing",
            ShotType::BRoll => "b-roll",
            ShotType::Insert => "insert",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ShotStatus {
    #[default]
    Planned,
    /// Already generated: costs nothing more.
    Approved,
}

/// One shot: one generation request, repeated for as many takes as it needs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shot {
    pub id: Spanned<Text>,
    /// Id of its segment.
    pub segment: Spanned<Text>,
    #[serde(rename = "type")]
    pub shot_type: Spanned<ShotType>,
    /// Seconds used in the finished cut.
    pub duration: Spanned<Duration>,
    /// Cuts inside this one generation (a multi-shot prompt).
    #[serde(default)]
    pub cuts: Option<Spanned<u32>>,
    pub prompt: Spanned<Text>,
    #[serde(default)]
    pub characters: Box<[Spanned<Text>]>,
    #[serde(default)]
    pub props: Box<[Spanned<Text>]>,
    #[serde(default)]
    pub location: Option<Spanned<Text>>,
    /// Overrides routing.
    #[serde(default)]
    pub model: Option<Spanned<Text>>,
    /// A key of the model's `rates`; default: the model's first.
    #[serde(default)]
    pub resolution: Option<Spanned<Text>>,
    /// Adds the model's `audio` addon rate.
    #[serde(default)]
    pub audio: Option<Spanned<bool>>,
    /// Other addon names of the model (e.g. `actor`).
    #[serde(default)]
    pub addons: Box<[Spanned<Text>]>,
    /// Overrides `assumptions.takes` for this shot.
    #[serde(default)]
    pub takes: Option<Spanned<Dec>>,
    #[serde(default)]
    pub status: Option<Spanned<ShotStatus>>,
    /// Lint rule names silenced for this shot.
    #[serde(default)]
    pub allow: Box<[Spanned<Text>]>,
}

impl Shot {
    pub fn status(&self) -> ShotStatus {
        self.status.as_ref().map(|s| s.value).unwrap_or_default()
    }

    pub fn cuts(&self) -> u32 {
        self.cuts.as_ref().map_or(0, |c| c.value)
    }

    pub fn wants_audio(&self) -> bool {
        self.audio.as_ref().is_some_and(|a| a.value)
    }
}

/// A lint rule's setting: a bare level, or a mapping with a level and options.
#[derive(Debug, Clone)]
pub enum RuleSetting {
    Level(Level),
    Table {
        level: Option<Spanned<Level>>,
        options: OrderedMap<Spanned<Text>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Off,
    Warn,
    Deny,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`off`, `warn`, `deny` or a mapping `{level, ...options}`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RuleSetting, E> {
                let level = match text {
                    "off" => Level::Off,
                    "warn" => Level::Warn,
                    "deny" => Level::Deny,
                    other => {
                        return Err(E::unknown_variant(other, &["off", "warn", "deny"]));
                    }
                };
                Ok(RuleSetting::Level(level))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSetting, A::Error> {
                let mut level = None;
                let mut options = OrderedMap::default();
                while let Some(key) = map.next_key::<Spanned<Text>>()? {
                    if key.value == "level" {
                        level = Some(map.next_value::<Spanned<Level>>()?);
                    } else {
                        let value = map.next_value::<Spanned<Text>>()?;
                        options.entries.push((key, value));
                    }
                }
                Ok(RuleSetting::Table { level, options })
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

impl JsonSchema for RuleSetting {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleSetting".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let level = generator.subschema_for::<Level>();
        schemars::json_schema!({
            "anyOf": [
                level,
                {
                    "type": "object",
                    "properties": {"level": level},
                    "additionalProperties": {"type": ["string", "number"]}
                }
            ]
        })
    }
}
