//! The route as JSON: figures as strings with two decimals, money `null` without a
//! price per credit, like the plan's JSON.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::plan::route::{Move, Route, Stay};
use crate::plan::{Job, Work};
use crate::report::plan::{fixed2, trimmed};
use crate::spec::ShotType;

fn decimal(value: Decimal) -> Value {
    Value::String(fixed2(value))
}

fn optional(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, decimal)
}

/// The job's identity: `shot` and `type`, or `asset` and `asset_kind`.
fn identity(shot_type: Option<ShotType>, job: &Job<'_>) -> Map<String, Value> {
    let mut object = Map::new();
    match &job.work {
        Work::Shot(_) => {
            object.insert("shot".into(), job.id.into());
            object.insert("type".into(), shot_type.map(ShotType::name).into());
        }
        Work::Sheet(sheet) => {
            object.insert("asset".into(), job.id.into());
            object.insert("asset_kind".into(), sheet.kind.name().into());
        }
    }
    object
}

/// The model a job runs on, with the resolution for a shot.
fn on(job: &Job<'_>) -> Value {
    match &job.work {
        Work::Shot(shot) => json!({"model": job.model, "resolution": shot.resolution}),
        Work::Sheet(_) => json!({"model": job.model}),
    }
}

fn the_move(the_move: &Move<'_>) -> Value {
    let mut object = identity(the_move.shot_type, &the_move.from);
    object.insert("from".into(), on(&the_move.from));
    object.insert("to".into(), on(&the_move.to));
    object.insert("raised_from".into(), the_move.raised_from.into());
    object.insert(
        "credits".into(),
        json!({
            "current": decimal(the_move.from.credits.expected),
            "routed": decimal(the_move.to.credits.expected),
            "saving": decimal(the_move.saving),
        }),
    );
    object.insert(
        "cost".into(),
        json!({
            "current": optional(the_move.from.cost.map(|c| c.expected)),
            "routed": optional(the_move.to.cost.map(|c| c.expected)),
            "saving": optional(the_move.cost_saving),
        }),
    );
    Value::Object(object)
}

fn stay(stay: &Stay<'_>) -> Value {
    let mut object = identity(stay.shot_type, &stay.job);
    object.insert("on".into(), on(&stay.job));
    object.insert("credits".into(), decimal(stay.job.credits.expected));
    object.insert(
        "closest".into(),
        stay.closest.as_ref().map_or(Value::Null, |closest| {
            json!({
                "model": closest.model,
                "saving": decimal(closest.saving),
                "misfits": closest.misfits.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })
        }),
    );
    Value::Object(object)
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(route: &Route<'_>) -> String {
    let current = &route.current.totals;
    let routed = &route.routed.totals;
    let document = json!({
        "schema_version": 1,
        "title": route.current.title,
        "catalog": route.current.catalog.name(),
        "currency": route.current.currency,
        "price_per_credit": route.current.price_per_credit.map(trimmed),
        "totals": {
            "credits": {
                "current": decimal(current.credits.expected),
                "routed": decimal(routed.credits.expected),
                "saving": decimal(route.saving()),
            },
            "cost": {
                "current": optional(current.cost.map(|c| c.expected)),
                "routed": optional(routed.cost.map(|c| c.expected)),
                "saving": optional(route.cost_saving()),
            },
        },
        "moves": route.moves.iter().map(the_move).collect::<Vec<_>>(),
        "stays": route.stays.iter().map(stay).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
