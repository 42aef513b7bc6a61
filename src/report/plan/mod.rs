//! `shotlist plan` renderers, one per format, and the number formatting they share.
//! They only format: every figure comes from [`crate::plan::Plan`], rounded here for
//! display and nowhere else.

pub mod csv;
pub mod human;
pub mod json;
pub mod markdown;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::plan::{BudgetVerdict, Job, Plan, Work};
// Lint's messages write figures as the reports do, so the shared formats live below
// both; the reports keep naming credits and the JSON figure as part of this module.
pub use crate::document::decimal::trimmed;
use crate::wording::{DISPLAY_PLACES, grouped, plural, seconds};
pub use crate::wording::{credits, fixed2};

/// Money for people: `$1,234.50` in US dollars, `1,234.50 EUR` in anything else.
pub fn money(value: Decimal, currency: &str) -> String {
    let amount = credits(value);
    match (currency, amount.strip_prefix('-')) {
        ("USD", Some(unsigned)) => format!("-${unsigned}"),
        ("USD", None) => format!("${amount}"),
        _ => format!("{amount} {currency}"),
    }
}

/// A credit cap as written: `5,000`, or `5,000.50` when it has a fraction.
fn cap(value: Decimal) -> String {
    if value.fract().is_zero() {
        grouped(&value.trunc().normalize().to_string())
    } else {
        credits(value)
    }
}

/// Takes for people: `3`, `4`, or `3.33` when they come from a yield.
pub fn takes(value: Decimal) -> String {
    value
        .round_dp_with_strategy(DISPLAY_PLACES, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// The model a job runs on: `veo-3.1 1080p` for a shot, the model alone for a sheet.
pub fn model(job: &Job<'_>) -> String {
    match &job.work {
        Work::Shot(shot) => format!("{} {}", job.model, shot.resolution),
        Work::Sheet(_) => job.model.to_owned(),
    }
}

/// What one generation is: `8s +audio` for a shot (billed seconds and addons),
/// `5 grids of 4` for a sheet.
pub fn unit(job: &Job<'_>) -> String {
    match &job.work {
        Work::Shot(shot) => {
            let mut text = seconds(shot.billed_seconds);
            if shot.audio {
                text.push_str(" +audio");
            }
            for addon in &shot.addons {
                text.push_str(&format!(" +{addon}"));
            }
            text
        }
        Work::Sheet(sheet) => format!(
            "{} of {}",
            plural(sheet.rounds as usize, "grid"),
            sheet.options
        ),
    }
}

/// Generations times the credits of each: `3 × 320.00` takes, `20 × 13.40` images.
pub fn count(job: &Job<'_>) -> String {
    match &job.work {
        Work::Shot(shot) => format!("{} × {}", takes(shot.takes), credits(shot.credits_per_take)),
        Work::Sheet(sheet) => format!(
            "{} × {}",
            sheet.generations(),
            credits(sheet.credits_per_image)
        ),
    }
}

/// How the plan meets the credit cap, in a phrase.
pub fn budget_phrase(plan: &Plan<'_>) -> String {
    let Some(limit) = plan.budget.cap else {
        return "no credit cap".to_owned();
    };
    let limit = cap(limit);
    match plan.budget_verdict() {
        BudgetVerdict::Uncapped | BudgetVerdict::Within => format!("budget {limit} ok"),
        BudgetVerdict::WorstOver => format!("budget {limit} ok, the worst case is over"),
        BudgetVerdict::ExpectedOver => {
            let at = plan
                .budget
                .exceeded_at
                .map_or(String::new(), |subject| format!(" at {}", subject.id()));
            let over = plan.budget.remaining.map_or(String::new(), |remaining| {
                // Over budget, `remaining` is negative: the overrun is its magnitude.
                format!(", {} over", credits(remaining.abs()))
            });
            format!("budget {limit} exceeded{at}{over}")
        }
    }
}

/// The one-line summary that leads the human and markdown outputs.
pub fn summary_line(plan: &Plan<'_>) -> String {
    let totals = &plan.totals;
    let approved = plan.approved_shot_count();
    let approved = if approved > 0 {
        format!(" ({approved} approved)")
    } else {
        String::new()
    };
    let sheets = match plan.sheets_to_lock() {
        0 => "no sheets to lock".to_owned(),
        count => format!("{} to lock", plural(count, "sheet")),
    };
    let cost = totals.cost.map_or(String::new(), |cost| {
        format!(" ({})", money(cost.expected, plan.currency))
    });
    format!(
        "Plan: {}{approved} in {}, {sheets} — expected {} credits{cost}, worst {}; {}",
        plural(plan.shot_count(), "shot"),
        plural(plan.segment_count(), "segment"),
        credits(totals.credits.expected),
        credits(totals.credits.worst),
        budget_phrase(plan)
    )
}

/// The totals that are not columns: finished length, reference images and the
/// per-finished-time rates, joined with ` · `.
pub fn facts(plan: &Plan<'_>) -> String {
    let totals = &plan.totals;
    let mut facts = vec![
        format!("{} of finished video", seconds(totals.finished_seconds)),
        plural(
            usize::try_from(totals.image_generations).unwrap_or(usize::MAX),
            "reference image",
        ),
    ];
    if let Some(per_second) = totals.credits_per_finished_second {
        facts.push(format!(
            "{} credits per finished second",
            credits(per_second)
        ));
    }
    if let Some(per_minute) = totals.cost_per_finished_minute {
        facts.push(format!(
            "{} per finished minute",
            money(per_minute, plan.currency)
        ));
    }
    facts.join(" · ")
}

/// The price per credit for people: `1 credit = 0.01 USD`, or why money is missing.
pub fn price_phrase(plan: &Plan<'_>) -> String {
    match plan.price_per_credit {
        Some(price) => format!("1 credit = {} {}", trimmed(price), plan.currency),
        None => format!(
            "no price per credit for catalog {}: set budget.price_per_credit or budget.plan for money",
            plan.catalog.name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn money_and_caps() {
        assert_eq!(money(dec("-2845"), "USD"), "-$2,845.00");
        assert_eq!(money(dec("28.45"), "EUR"), "28.45 EUR");
        assert_eq!(cap(dec("5000")), "5,000");
        assert_eq!(cap(dec("5000.5")), "5,000.50");
    }

    #[test]
    fn exact_values_trim_zeros_and_stop_at_ten_places() {
        assert_eq!(trimmed(dec("0.0100")), "0.01");
        assert_eq!(
            trimmed(Decimal::from(100) / Decimal::from(3000)),
            "0.0333333333"
        );
        assert_eq!(trimmed(dec("0.0000000001")), "0.0000000001");
        assert_eq!(trimmed(dec("4")), "4");
    }
}
