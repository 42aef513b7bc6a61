//! `shotlist route` renderers, one per format, and the phrases they share. They only
//! format: every figure comes from [`crate::plan::route::Route`].

pub mod human;
pub mod json;
pub mod markdown;

use super::human::plural;
use super::plan::{credits, model, money};
use crate::plan::route::{Move, MoveReason, Route, Stay};
use crate::plan::{Job, Work};
use crate::spec::ShotType;
use rust_decimal::Decimal;

/// What a job is: the shot's type, or the kind of asset whose sheet it locks.
pub fn what(shot_type: Option<ShotType>, job: &Job<'_>) -> String {
    match (&job.work, shot_type) {
        (Work::Sheet(sheet), _) => format!("{} sheet", sheet.kind.name()),
        (Work::Shot(_), Some(shot_type)) => shot_type.name().to_owned(),
        (Work::Shot(_), None) => "shot".to_owned(),
    }
}

/// The model a job moves to, saying so when it makes the shot above its resolution
/// and when it replaces a retired model: `ltx-2-fast 1080p (above 720p)`,
/// `house-new 720p (successor of retired house-old)`.
pub fn suggested(the_move: &Move<'_>) -> String {
    let mut why = Vec::new();
    if let Some(own) = the_move.raised_from {
        why.push(format!("above {own}"));
    }
    if the_move.reason == MoveReason::Successor {
        why.push(format!("successor of retired {}", the_move.from.model));
    }
    if why.is_empty() {
        model(&the_move.to)
    } else {
        format!("{} ({})", model(&the_move.to), why.join("; "))
    }
}

/// A saving in credits, with its money where there is a price per credit: `12.00
/// ($0.12)`; a negative one, which only a move to a successor makes, is an extra cost
/// and says so: `costs 0.50 more ($0.01)`.
pub fn saving_or_extra(saving: Decimal, money: Option<Decimal>, currency: &str) -> String {
    if saving.is_sign_negative() && !saving.is_zero() {
        format!(
            "costs {} more{}",
            credits(saving.abs()),
            money_note(money.map(|money| money.abs()), currency)
        )
    } else {
        format!("{}{}", credits(saving), money_note(money, currency))
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
fn money_note(value: Option<Decimal>, currency: &str) -> String {
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
    let successors = route
        .moves
        .iter()
        .filter(|the_move| the_move.reason == MoveReason::Successor)
        .count();
    let cheaper = route.moves.len().saturating_sub(successors);
    // A move off a retired model is made because the model is gone, not to save, so
    // such moves are counted apart and never called cheaper.
    let moves = if successors == 1 { "moves" } else { "move" };
    let what = match (cheaper, successors) {
        (_, 0) => format!("{cheaper} of {jobs} can move to a cheaper model that fits"),
        (0, _) => {
            let are = if successors == 1 { "is" } else { "are" };
            format!("{successors} of {jobs} {are} on a retired model and {moves} to its successor")
        }
        _ => format!(
            "{cheaper} of {jobs} can move to a cheaper model that fits and {successors} on a retired model {moves} to its successor"
        ),
    };
    format!(
        "Route: {what} — {} expected credits{}: {} → {}",
        net(route.saving()),
        net_money(route.cost_saving(), currency),
        credits(current),
        credits(route.routed.totals.credits.expected),
    )
}

/// The credits the moves save together, or cost: `saving 12.00`, `costing 0.50 more`.
fn net(saving: Decimal) -> String {
    if saving.is_sign_negative() && !saving.is_zero() {
        format!("costing {} more", credits(saving.abs()))
    } else {
        format!("saving {}", credits(saving))
    }
}

/// The money beside [`net`], unsigned because `net` says which way it goes.
fn net_money(saving: Option<Decimal>, currency: &str) -> String {
    money_note(saving.map(|saving| saving.abs()), currency)
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
        "Expected total: {} → {} credits{money}, {}{}",
        credits(route.current.totals.credits.expected),
        credits(route.routed.totals.credits.expected),
        net(route.saving()),
        net_money(route.cost_saving(), currency)
    )
}
