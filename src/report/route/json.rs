//! The route as JSON: the [route document](crate::document::route).

use crate::document::decimal::{Exact, Fixed2};
use crate::document::plan::SCHEMA_VERSION;
use crate::document::route::{
    Closest, Identity, Move, On, Reason, RouteDocument, RouteTotals, Saving, Stay,
};
use crate::plan::route::{self, Route};
use crate::plan::{Job, Work};
use crate::spec::ShotType;

fn identity(shot_type: Option<ShotType>, job: &Job<'_>) -> Identity {
    match &job.work {
        Work::Shot(_) => Identity::Shot {
            shot: job.id.to_owned(),
            shot_type: shot_type.map(|t| t.name().to_owned()),
        },
        Work::Sheet(sheet) => Identity::Sheet {
            asset: job.id.to_owned(),
            asset_kind: sheet.kind.name().to_owned(),
        },
    }
}

fn on(job: &Job<'_>) -> On {
    On {
        model: job.model.to_owned(),
        resolution: match &job.work {
            Work::Shot(shot) => Some(shot.resolution.to_owned()),
            Work::Sheet(_) => None,
        },
    }
}

fn expected_cost(job: &Job<'_>) -> Option<Fixed2> {
    job.cost.map(|c| Fixed2::new(c.expected))
}

fn the_move(the_move: &route::Move<'_>) -> Move {
    Move {
        identity: identity(the_move.shot_type, &the_move.from),
        from: on(&the_move.from),
        to: on(&the_move.to),
        raised_from: the_move.raised_from.map(str::to_owned),
        reason: match the_move.reason {
            route::MoveReason::Cheaper => Reason::Cheaper,
            route::MoveReason::Successor => Reason::Successor,
        },
        credits: Saving {
            current: Fixed2::new(the_move.from.credits.expected),
            routed: Fixed2::new(the_move.to.credits.expected),
            saving: Fixed2::new(the_move.saving),
        },
        cost: Saving {
            current: expected_cost(&the_move.from),
            routed: expected_cost(&the_move.to),
            saving: the_move.cost_saving.map(Fixed2::new),
        },
    }
}

fn stay(stay: &route::Stay<'_>) -> Stay {
    Stay {
        identity: identity(stay.shot_type, &stay.job),
        on: on(&stay.job),
        credits: Fixed2::new(stay.job.credits.expected),
        closest: stay.closest.as_ref().map(|closest| Closest {
            model: closest.model.to_owned(),
            saving: Fixed2::new(closest.saving),
            misfits: closest.misfits.iter().map(ToString::to_string).collect(),
        }),
    }
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(route: &Route<'_>) -> String {
    let current = &route.current.totals;
    let routed = &route.routed.totals;
    let document = RouteDocument {
        schema_version: SCHEMA_VERSION,
        title: route.current.title.to_owned(),
        catalog: route.current.catalog.name().to_owned(),
        currency: route.current.currency.to_owned(),
        price_per_credit: route.current.price_per_credit.map(Exact::new),
        totals: RouteTotals {
            credits: Saving {
                current: Fixed2::new(current.credits.expected),
                routed: Fixed2::new(routed.credits.expected),
                saving: Fixed2::new(route.saving()),
            },
            cost: Saving {
                current: current.cost.map(|c| Fixed2::new(c.expected)),
                routed: routed.cost.map(|c| Fixed2::new(c.expected)),
                saving: route.cost_saving().map(Fixed2::new),
            },
        },
        moves: route.moves.iter().map(the_move).collect(),
        stays: route.stays.iter().map(stay).collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
