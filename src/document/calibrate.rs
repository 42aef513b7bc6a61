//! The calibration document that `shotlist calibrate --format json` writes: the
//! measured takes overall, by shot type and by model, and the assumptions they
//! suggest. Means are strings with two decimals, yields strings with four, counts
//! and the largest takes JSON numbers.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decimal::{Fixed2, Fixed4};
use crate::calibrate::{Calibration, Measure, Suggested};
use crate::catalog::ratio::Ratio;

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
        // Already four places: the conversion only changes the type.
        yield_: measure
            .yield_()
            .and_then(|share| Fixed4::of(Ratio::whole(share))),
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
