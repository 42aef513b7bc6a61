//! The production spec, version 1, as Rust types: the top level, the budget, the
//! assumptions and routing, with the shot cap the loader holds the shot list to. These
//! types (with those of `models`, `assets`, `shot` and `rules` beside this file) are the
//! single source of truth for the format: the loader deserializes into them and
//! `schema/` is generated from them.

use std::cell::Cell;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::decode::DecodeError;
use super::shots::ShotList;
use super::span::{OrderedMap, Spanned};
use super::text::Text;
use super::values::{Dec, Duration, Percent};
use super::*;
use crate::diagnostic::CheckCode;
use crate::wording::grouped;

/// A production spec: script segments, a shot list, reference assets, model routing and
/// a budget.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "shotlist production spec, version 1")]
pub struct Spec {
    /// Format version; always `1`.
    #[schemars(range(min = 1, max = 1))]
    pub version: Spanned<u32>,
    /// Price catalog to start from: a built-in one by name, or a catalog file by path
    /// (relative to the spec's directory).
    #[serde(default)]
    pub catalog: Option<Spanned<CatalogName>>,
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
    /// The ledger of generations actually run: a CSV file's path, relative to the spec's
    /// directory.
    #[serde(default)]
    pub ledger: Option<Spanned<String>>,
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
                        format!(
                            "the spec has more than {} shots",
                            grouped(&self.max_shots.to_string())
                        ),
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
            grouped(&MAX_SHOTS.to_string())
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

/// A price catalog as a spec or `--catalog` names it: a built-in one, or a catalog
/// file. A value that names no built-in catalog is a path only when it looks like one
/// (it has a `/` or ends in `.yaml` or `.yml`), so that a misspelt built-in name gets a
/// suggestion rather than "file not found".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogName {
    Builtin(CatalogId),
    File(String),
}

impl CatalogName {
    /// The built-in catalog's name, or the path as written.
    pub fn as_str(&self) -> &str {
        match self {
            CatalogName::Builtin(id) => id.name(),
            CatalogName::File(path) => path,
        }
    }
}

impl Default for CatalogName {
    fn default() -> Self {
        CatalogName::Builtin(CatalogId::default())
    }
}

impl std::str::FromStr for CatalogName {
    type Err = DecodeError;

    fn from_str(text: &str) -> Result<Self, DecodeError> {
        let text = text.trim();
        if let Some(id) = CatalogId::ALL.into_iter().find(|id| id.name() == text) {
            return Ok(CatalogName::Builtin(id));
        }
        let looks_like_path = text.contains(['/', '\\'])
            || [".yaml", ".yml"]
                .iter()
                .any(|extension| text.to_ascii_lowercase().ends_with(extension));
        if looks_like_path {
            return Ok(CatalogName::File(text.to_owned()));
        }
        let names = CatalogId::ALL.map(CatalogId::name);
        let help = match crate::suggest::did_you_mean(text, names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "use `{}`, or the path of a catalog file ending in `.yaml`",
                names.join("` or `")
            ),
        };
        Err(DecodeError::invalid(
            format!("unknown catalog `{text}`"),
            help,
        ))
    }
}

impl<'de> Deserialize<'de> for CatalogName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::values::deserialize_via_str(
            deserializer,
            "a built-in catalog name or a catalog file's path",
            str::parse,
        )
    }
}

impl JsonSchema for CatalogName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CatalogName".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let builtin = generator.subschema_for::<CatalogId>();
        schemars::json_schema!({
            "description": "A built-in catalog's name, or the path of a catalog file (it has a `/` or ends in `.yaml` or `.yml`).",
            "anyOf": [builtin, {"type": "string", "pattern": "(/|\\\\|\\.[yY][aA]?[mM][lL]$)"}]
        })
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
