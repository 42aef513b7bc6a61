//! The route document that `shotlist route --format json` writes: figures as strings
//! with two decimals, money `null` without a price per credit, as in the plan.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decimal::{Exact, Fixed2};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Route")]
pub struct RouteDocument {
    pub schema_version: u32,
    pub title: String,
    pub catalog: String,
    pub currency: String,
    pub price_per_credit: Option<Exact>,
    pub totals: RouteTotals,
    /// Jobs that move, largest saving first: to a cheaper model, or off a retired one
    /// to its successor (whose extra cost comes last, as a negative saving).
    pub moves: Vec<Move>,
    /// Jobs that stay, in schedule order.
    pub stays: Vec<Stay>,
}

/// Expected figures of the plan as written and as routed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Saving_of_{T}")]
pub struct Saving<T> {
    pub current: T,
    pub routed: T,
    pub saving: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RouteTotals {
    pub credits: Saving<Fixed2>,
    pub cost: Saving<Option<Fixed2>>,
}

/// Which job: a shot and its type, or a sheet's asset and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Identity {
    Shot {
        shot: String,
        #[serde(rename = "type")]
        shot_type: Option<String>,
    },
    Sheet {
        asset: String,
        asset_kind: String,
    },
}

/// The model a job runs on, with the resolution for a shot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct On {
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
}

/// Why a job moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// A model that fits costs less.
    Cheaper,
    /// Its model is retired and no cheaper model fits, so it goes to the successor its
    /// catalog names; its `saving` is negative when the successor costs more.
    Successor,
}

/// A job that moves: to a cheaper model, or off a retired one to its successor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Move {
    #[serde(flatten)]
    pub identity: Identity,
    pub from: On,
    pub to: On,
    /// The shot's resolution when the new model lacks it and makes the shot at the
    /// nearest one above.
    pub raised_from: Option<String>,
    pub reason: Reason,
    /// `saving` is negative, an extra cost, only for a move to a successor.
    pub credits: Saving<Fixed2>,
    pub cost: Saving<Option<Fixed2>>,
}

/// A job that keeps its model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Stay {
    #[serde(flatten)]
    pub identity: Identity,
    pub on: On,
    /// Expected credits.
    pub credits: Fixed2,
    /// The closest cheaper model turned down; `null` when no other model prices the
    /// job below its own.
    pub closest: Option<Closest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Closest {
    pub model: String,
    pub saving: Fixed2,
    /// Why it does not fit.
    pub misfits: Vec<String>,
}
