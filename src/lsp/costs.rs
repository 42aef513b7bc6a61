//! Costs in the editor: an inlay hint at the end of each shot's first line with its
//! expected credits (and money, with a price per credit), one at each segment with its
//! subtotal, and the hover that gives a shot's whole line of the plan. Figures are
//! rounded as `plan --format json` rounds them, so the two always agree.

use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, Position};
use rust_decimal::Decimal;

use super::analysis::{Analysis, PlanFacts, ShotCost};
use super::position::position;
use crate::plan::Estimate;
use crate::report::plan::{money, takes};
use crate::source::{Source, Span};
use crate::wording::{credits, seconds};

/// The end of the line holding `span`'s start, before any `\r`.
fn end_of_line(source: &Source, span: Span) -> Position {
    let text = source.text.as_str();
    let start = (span.offset as usize).min(text.len());
    let end = text
        .get(start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |newline| start.saturating_add(newline));
    let end = if text.get(..end).is_some_and(|line| line.ends_with('\r')) {
        end.saturating_sub(1)
    } else {
        end
    };
    position(source, end)
}

/// `60.00 cr`, or `60.00 cr · $0.60` with a price per credit.
fn expected(plan: &PlanFacts, credits_value: Decimal, cost: Option<&Estimate>) -> String {
    match cost {
        Some(cost) => format!(
            "{} cr · {}",
            credits(credits_value),
            money(cost.expected, &plan.currency)
        ),
        None => format!("{} cr", credits(credits_value)),
    }
}

fn hint(at: Position, label: String, tooltip: &str) -> InlayHint {
    InlayHint {
        position: at,
        label: InlayHintLabel::String(label),
        kind: None::<InlayHintKind>,
        text_edits: None,
        tooltip: Some(lsp_types::InlayHintTooltip::String(tooltip.to_owned())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// The hints on lines `first..=last` (0-based).
pub fn inlay_hints(analysis: &Analysis, first: u32, last: u32) -> Vec<InlayHint> {
    let (Some(spec), Some(plan)) = (analysis.spec(), &analysis.plan) else {
        return Vec::new();
    };
    let source = &analysis.loaded.source;
    let in_view = |at: &Position| (first..=last).contains(&at.line);
    let mut hints = Vec::new();
    for (segment, figures) in spec.segments.iter().zip(&plan.segments) {
        let Some(figures) = figures else { continue };
        let at = end_of_line(source, segment.id.span);
        if in_view(&at) {
            let label = format!(
                "segment {}",
                expected(plan, figures.credits.expected, figures.cost.as_ref())
            );
            hints.push(hint(
                at,
                label,
                "expected credits of the segment's planned shots",
            ));
        }
    }
    for (shot, cost) in spec.shots.iter().zip(&plan.shots) {
        let at = end_of_line(source, shot.id.span);
        if !in_view(&at) {
            continue;
        }
        match cost {
            Some(ShotCost::Planned(figures)) => {
                let label = expected(plan, figures.credits.expected, figures.cost.as_ref());
                hints.push(hint(at, label, "expected credits: takes × one take"));
            }
            Some(ShotCost::Approved) => {
                hints.push(hint(
                    at,
                    "approved".to_owned(),
                    "already generated: costs nothing more",
                ));
            }
            None => {}
        }
    }
    hints.sort_by_key(|hint| (hint.position.line, hint.position.character));
    hints
}

/// The hover of shot `index`: its line of the plan, in Markdown.
pub fn shot_hover(analysis: &Analysis, index: usize) -> Option<String> {
    let spec = analysis.spec()?;
    let shot = spec.shots.get(index)?;
    let Some(plan) = &analysis.plan else {
        return Some(format!(
            "**shot `{}`**\n\nnot priced: the spec does not plan yet (see the diagnostics)",
            shot.id.value
        ));
    };
    let figures = match plan.shots.get(index)? {
        Some(ShotCost::Planned(figures)) => figures,
        Some(ShotCost::Approved) => {
            return Some(format!(
                "**shot `{}`** — approved: already generated, it costs nothing more",
                shot.id.value
            ));
        }
        None => return None,
    };
    let column = |value: Decimal, cost: Option<Decimal>| match cost {
        Some(cost) => format!("{} ({})", credits(value), money(cost, &plan.currency)),
        None => credits(value),
    };
    let cost = figures.cost;
    let cap = match plan.cap {
        Some(cap) if figures.cumulative_credits > cap => {
            format!("**over** the {}-credit cap", credits(cap))
        }
        Some(cap) => format!("within the {}-credit cap", credits(cap)),
        None => "no cap".to_owned(),
    };
    Some(format!(
        "**shot `{id}`** — `{model}` {resolution}\n\n\
         | | |\n|---|---|\n\
         | billed | {billed} per take |\n\
         | one take | {one} cr |\n\
         | takes | {takes} expected, {worst} at worst |\n\
         | best | {best} |\n\
         | expected | {expected} |\n\
         | worst | {worst_cost} |\n\
         | running total | {running} cr, {cap} |",
        id = shot.id.value,
        model = figures.model,
        resolution = figures.resolution,
        billed = seconds(figures.billed_seconds),
        one = credits(figures.credits_per_take),
        takes = takes(figures.takes),
        worst = takes(figures.worst_takes),
        best = column(figures.credits.best, cost.map(|c| c.best)),
        expected = column(figures.credits.expected, cost.map(|c| c.expected)),
        worst_cost = column(figures.credits.worst, cost.map(|c| c.worst)),
        running = credits(figures.cumulative_credits),
    ))
}
