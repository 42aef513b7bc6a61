//! The route for a terminal: the summary, the moves by saving, the totals, and the
//! jobs that stay with the reason for each.

use super::{saving_or_extra, suggested, summary_line, totals_line, what, why_staying};
use crate::plan::route::Route;
use crate::report::Style;
use crate::report::plan::human::{table, without_trailing_blanks};
use crate::report::plan::{credits, model};
use crate::report::printable::printable;

/// Control characters from the spec come out escaped (see [`printable`]).
pub fn render(route: &Route<'_>, style: Style) -> String {
    printable(&render_unescaped(route, style)).into_owned()
}

fn render_unescaped(route: &Route<'_>, style: Style) -> String {
    let currency = route.current.currency;
    let mut out = format!("{}\n{}\n\n", summary_line(route), route.current.title);
    if !route.moves.is_empty() {
        let mut moves = table(
            style,
            &["job", "type", "current", "suggested", "expected", "saving"],
            4,
        );
        for the_move in &route.moves {
            moves.add_row([
                the_move.from.id.to_owned(),
                what(the_move.shot_type, &the_move.from),
                model(&the_move.from),
                suggested(the_move),
                credits(the_move.from.credits.expected),
                saving_or_extra(the_move.saving, the_move.cost_saving, currency),
            ]);
        }
        out.push_str(&format!(
            "Moves, largest saving first\n{moves}\n{}\n\n",
            totals_line(route)
        ));
    }
    if !route.stays.is_empty() {
        // One line each rather than a table: the reasons are sentences, and a table
        // column would wrap them a few words to a line.
        out.push_str("Staying on their model\n");
        for stay in &route.stays {
            out.push_str(&format!(
                "  {} ({}, {}, {} expected): {}\n",
                stay.job.id,
                what(stay.shot_type, &stay.job),
                model(&stay.job),
                credits(stay.job.credits.expected),
                why_staying(stay)
            ));
        }
    }
    without_trailing_blanks(&out)
}
