//! `shotlist route` renderers, one per format, and the phrases they share. They only
//! format: every figure comes from [`crate::plan::route::Route`].

pub mod human;
pub mod json;
pub mod markdown;

use super::human::plural;
use super::plan::{credits, model, money};
use crate::plan::route::{Move, Route, Stay};
use crate::plan::{Job, Work};
use crate::spec::ShotType;

/// What a job is: the shot's type, or the kind of asset whose sheet it locks.
pub fn what(shot_type: Option<ShotType>, job: &Job<'_>) -> String {
    match (&job.work, shot_type) {
        (Work::Sheet(sheet), _) => format!("{} sheet", sheet.kind.name()),
        (Work::Shot(_), Some(shot_type)) => shot_type.name().to_owned(),
        (Work::Shot(_), None) => "shot".to_owned(),
    }
}

/// The model a job moves to, saying so when it makes the shot above its resolution:
/// `ltx-2-fast 1080p (above 720p)`.
pub fn suggested(the_move: &Move<'_>) -> String {
    match the_move.raised_from {
        Some(own) => format!("{} (above {own})", model(&the_move.to)),
        None => model(&the_move.to),
    }
}

/// Why a job keeps its model: the closest cheaper model and every rule it breaks, or
/// that nothing else is cheaper.
pub fn why_staying(stay: &Stay<'_>) -> String {
    match &stay.closest {
        Some(closest) => {
            let misfits: Vec<String> = closest.misfits.iter().map(ToString::to_string).collect();
            format!(
                "{} would save {} but {}",
                closest.model,
                credits(closest.saving),
                misfits.join("; ")
            )
        }
        None => "no other model prices it lower".to_owned(),
    }
}

/// ` ($12.34)`, or nothing without a price per credit.
fn money_note(value: Option<rust_decimal::Decimal>, currency: &str) -> String {
    value.map_or(String::new(), |value| {
        format!(" ({})", money(value, currency))
    })
}

/// The one-line summary that leads the human and markdown outputs.
pub fn summary_line(route: &Route<'_>) -> String {
    let job_count = route.moves.len().saturating_add(route.stays.len());
    if job_count == 0 {
        return "Route: nothing to route — no planned shot and no sheet to lock".to_owned();
    }
    let jobs = plural(job_count, "job");
    let currency = route.current.currency;
    let current = route.current.totals.credits.expected;
    if route.moves.is_empty() {
        return format!(
            "Route: no cheaper model fits any of the {jobs} — expected {} credits{} as planned",
            credits(current),
            money_note(route.current.totals.cost.map(|c| c.expected), currency)
        );
    }
    format!(
        "Route: {} of {jobs} can move to a cheaper model that fits — saving {} expected credits{}: {} → {}",
        route.moves.len(),
        credits(route.saving()),
        money_note(route.cost_saving(), currency),
        credits(current),
        credits(route.routed.totals.credits.expected),
    )
}

/// The expected totals before and after, and the saving, in a sentence.
pub fn totals_line(route: &Route<'_>) -> String {
    let currency = route.current.currency;
    let money = match (route.current.totals.cost, route.routed.totals.cost) {
        (Some(current), Some(routed)) => format!(
            " ({} → {})",
            money(current.expected, currency),
            money(routed.expected, currency)
        ),
        _ => String::new(),
    };
    format!(
        "Expected total: {} → {} credits{money}, saving {}{}",
        credits(route.current.totals.credits.expected),
        credits(route.routed.totals.credits.expected),
        credits(route.saving()),
        money_note(route.cost_saving(), currency)
    )
}
