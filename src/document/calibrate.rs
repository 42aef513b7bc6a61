//! The calibration document that `shotlist calibrate --format json` writes: the
//! measured takes overall, by shot type and by model, and the assumptions they
//! suggest. Means are strings with two decimals, yields strings with four, counts
//! and the largest takes JSON numbers.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::decimal::Fixed2;
use crate::calibrate::{Calibration, Measure, Suggested};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Calibration")]
pub struct CalibrateDocument {
    pub schema_version: u32,
    /// Every measured shot (a shot with a `kept` row in the ledger).
    pub overall: Group,
    /// Shot types with at least one measured shot.
    pub by_type: BTreeMap<String, Group>,
    /// Models with at least one measured shot, each shot under the model of its kept
    /// row.
    pub by_model: BTreeMap<String, Group>,
    /// The assumptions to write, from groups of at least five measured shots.
    pub suggested: SuggestedAssumptions,
}

/// What a group of measured shots took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// Measured shots.
    pub shots: u64,
    /// Mean ledger rows per measured shot, every outcome counted; `null` without
    /// measured shots.
    pub takes: Option<Fixed2>,
    /// The most rows of any measured shot; `null` without measured shots.
    pub takes_worst: Option<u64>,
    /// Measured shots ÷ their rows; `null` without measured shots.
    #[serde(rename = "yield")]
    pub yield_: Option<Fixed4>,
}

/// `assumptions.takes`, `assumptions.takes_worst` and `assumptions.by_type` as
/// measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SuggestedAssumptions {
    /// `null` under five measured shots.
    pub takes: Option<Fixed2>,
    /// `null` under five measured shots.
    pub takes_worst: Option<u64>,
    /// Only types with at least five measured shots.
    pub by_type: BTreeMap<String, SuggestedTakes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SuggestedTakes {
    pub takes: Fixed2,
    pub takes_worst: u64,
}

fn group(measure: &Measure) -> Group {
    Group {
        shots: measure.shots,
        takes: measure.takes().map(Fixed2::new),
        takes_worst: measure.takes_worst(),
        yield_: measure.yield_().map(Fixed4::new),
    }
}

fn takes(suggested: &Suggested) -> SuggestedTakes {
    SuggestedTakes {
        takes: Fixed2::new(suggested.takes),
        takes_worst: suggested.takes_worst,
    }
}

impl CalibrateDocument {
    pub fn new(calibration: &Calibration<'_>) -> CalibrateDocument {
        let suggestion = calibration.suggestion();
        CalibrateDocument {
            schema_version: 1,
            overall: group(&calibration.overall),
            by_type: calibration
                .by_type
                .iter()
                .map(|(shot_type, measure)| (shot_type.name().to_owned(), group(measure)))
                .collect(),
            by_model: calibration
                .by_model
                .iter()
                .map(|(model, measure)| ((*model).to_owned(), group(measure)))
                .collect(),
            suggested: SuggestedAssumptions {
                takes: suggestion
                    .overall
                    .as_ref()
                    .map(|overall| Fixed2::new(overall.takes)),
                takes_worst: suggestion
                    .overall
                    .as_ref()
                    .map(|overall| overall.takes_worst),
                by_type: suggestion
                    .by_type
                    .iter()
                    .map(|(shot_type, suggested)| (shot_type.name().to_owned(), takes(suggested)))
                    .collect(),
            },
        }
    }
}

/// A share such as a yield: a string with exactly four decimals (`"0.3111"`), rounded
/// half away from zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Fixed4(Decimal);

impl Fixed4 {
    pub fn new(value: Decimal) -> Fixed4 {
        let mut rounded =
            value.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(4);
        Fixed4(rounded)
    }

    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Fixed4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Fixed4 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fixed4 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        let shaped = text.split_once('.').is_some_and(|(whole, places)| {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && places.len() == 4
                && places.bytes().all(|b| b.is_ascii_digit())
        });
        if !shaped {
            return Err(D::Error::custom(format!(
                "`{text}` is not a decimal with four places, such as \"0.3111\""
            )));
        }
        Decimal::from_str_exact(&text)
            .map(Fixed4)
            .map_err(|error| D::Error::custom(format!("`{text}`: {error}")))
    }
}

impl JsonSchema for Fixed4 {
    fn schema_name() -> Cow<'static, str> {
        "Fixed4".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A share: a decimal string with exactly four places, rounded half away from zero.",
            "type": "string",
            "pattern": "^[0-9]+\\.[0-9]{4}$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_have_four_places_and_read_back() {
        assert_eq!(Fixed4::new(Decimal::new(25, 2)).to_string(), "0.2500");
        assert_eq!(Fixed4::new(Decimal::new(311_115, 6)).to_string(), "0.3111");
        assert_eq!(Fixed4::new(Decimal::new(5, 5)).to_string(), "0.0001");
        let read: Fixed4 = serde_json::from_str("\"0.3111\"").unwrap();
        assert_eq!(read.value(), Decimal::new(3111, 4));
        for bad in [
            "\"0.311\"",
            "\"0.31110\"",
            "0.3111",
            "\"-0.3111\"",
            "\".3111\"",
        ] {
            assert!(serde_json::from_str::<Fixed4>(bad).is_err(), "{bad}");
        }
    }
}
