//! The route as Markdown for a pull-request comment: the summary, a table of moves and
//! the totals, with the jobs that stay folded under a `<details>`.

use super::{saving_or_extra, suggested, summary_line, totals_line, what, why_staying};
use crate::plan::route::Route;
use crate::report::human::plural;
use crate::report::markdown;
use crate::report::plan::{credits, model};
use crate::report::printable::printable;

/// Control characters from the spec come out escaped (see [`printable`]).
pub fn render(route: &Route<'_>) -> String {
    printable(&render_unescaped(route)).into_owned()
}

fn render_unescaped(route: &Route<'_>) -> String {
    let mut out = format!(
        "### shotlist route: {}\n\n**{}**\n\n",
        markdown::text(route.current.title),
        markdown::cell(&summary_line(route))
    );
    if !route.moves.is_empty() {
        out.push_str(
            "| job | type | current | suggested | expected | after | saving |\n|---|---|---|---|---:|---:|---:|\n",
        );
        for the_move in &route.moves {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                markdown::code(the_move.from.id),
                what(the_move.shot_type, &the_move.from),
                markdown::text(&model(&the_move.from)),
                markdown::cell(&suggested(the_move)),
                credits(the_move.from.credits.expected),
                credits(the_move.to.credits.expected),
                saving_or_extra(the_move.saving, None, ""),
            ));
        }
        out.push_str(&format!("\n{}.\n\n", markdown::cell(&totals_line(route))));
    }
    if !route.stays.is_empty() {
        out.push_str(&format!(
            "<details><summary>Staying on their model: {}</summary>\n\n| job | type | model | expected | why it stays |\n|---|---|---|---:|---|\n",
            plural(route.stays.len(), "job")
        ));
        for stay in &route.stays {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                markdown::code(stay.job.id),
                what(stay.shot_type, &stay.job),
                markdown::text(&model(&stay.job)),
                credits(stay.job.credits.expected),
                markdown::cell(&why_staying(stay)),
            ));
        }
        out.push_str("\n</details>\n");
    }
    out
}
