//! Values checked against their ranges: the budget, the assumptions, takes and counts.

use crate::diagnostic::{CheckCode, Diagnostic};
use crate::source::Span;
use crate::spec::{Dec, MAX_GRID_COUNT, MAX_TAKES, Percent, Spanned, Spec};

pub(super) fn zero_duration(
    path: String,
    span: crate::source::Span,
    what: &str,
    id: &str,
) -> Diagnostic {
    Diagnostic::error(
        CheckCode::ZeroDuration,
        format!("{what} `{id}` lasts 0 seconds"),
    )
    .with_path(path)
    .with_label(span, "zero duration")
    .with_help(format!(
        "give the {what} a duration longer than 0s, or remove it"
    ))
}

pub(super) fn check_budget(spec: &Spec, problems: &mut Vec<Diagnostic>) {
    let Some(budget) = &spec.budget else { return };
    if let Some(credits) = &budget.credits
        && credits.value.0.is_sign_negative()
    {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, "the credit cap is negative")
                .with_path("budget.credits")
                .with_label(credits.span, "negative")
                .with_help("set `budget.credits` to the credits you can spend, zero or more"),
        );
    }
    if let (Some(price), Some(plan)) = (&budget.price_per_credit, &budget.plan) {
        problems.push(
            Diagnostic::error(
                CheckCode::ConflictingPrices,
                "both `price_per_credit` and `plan` set the price per credit",
            )
            .with_path("budget.plan")
            .with_label(plan.span, "price per credit from the plan")
            .with_secondary(price.span, "price per credit given here")
            .with_help("keep one of them"),
        );
    }
    if let Some(price) = &budget.price_per_credit
        && price.value.0.is_sign_negative()
    {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, "the price per credit is negative")
                .with_path("budget.price_per_credit")
                .with_label(price.span, "negative")
                .with_help("a price per credit is zero or more"),
        );
    }
    if let Some(plan) = &budget.plan {
        if plan.value.credits.value.0 <= rust_decimal::Decimal::ZERO {
            problems.push(
                Diagnostic::error(
                    CheckCode::OutOfRange,
                    "a plan must include more than 0 credits",
                )
                .with_path("budget.plan.credits")
                .with_label(
                    plan.value.credits.span,
                    "price per credit is price ÷ credits",
                )
                .with_help("set `credits` to the credits the plan includes"),
            );
        }
        if plan.value.price.value.0.is_sign_negative() {
            problems.push(
                Diagnostic::error(CheckCode::OutOfRange, "the plan's price is negative")
                    .with_path("budget.plan.price")
                    .with_label(plan.value.price.span, "negative")
                    .with_help("a plan's price is zero or more"),
            );
        }
    }
    if let Some(currency) = &budget.currency {
        check_currency(&currency.value, currency.span, "budget.currency", problems);
    }
}

/// A currency, in a spec's budget or a catalog's header, is three capital letters, as
/// ISO 4217 codes are.
pub(super) fn check_currency(code: &str, span: Span, path: &str, problems: &mut Vec<Diagnostic>) {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        let help = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            format!("write it in capitals: `{}`", code.to_ascii_uppercase())
        } else {
            "use a three-letter ISO 4217 code such as `USD`, `EUR` or `GBP`".to_owned()
        };
        problems.push(
            Diagnostic::error(
                CheckCode::InvalidCurrency,
                format!("`{code}` is not a currency code"),
            )
            .with_path(path)
            .with_label(span, "not an ISO 4217 code")
            .with_help(help),
        );
    }
}

pub(super) fn check_assumptions(spec: &Spec, problems: &mut Vec<Diagnostic>) {
    let assumptions = &spec.assumptions;
    check_take_assumptions(
        "assumptions",
        assumptions.takes.as_ref(),
        assumptions.takes_worst.as_ref(),
        assumptions.yield_.as_ref(),
        problems,
    );
    for (shot_type, own) in &assumptions.by_type {
        check_take_assumptions(
            &format!("assumptions.by_type.{}", shot_type.name()),
            own.value.takes.as_ref(),
            own.value.takes_worst.as_ref(),
            own.value.yield_.as_ref(),
            problems,
        );
    }
    for (name, count) in [
        ("grid_options", &assumptions.grid_options),
        ("lock_rounds", &assumptions.lock_rounds),
    ] {
        if let Some(count) = count {
            check_count(count, &format!("assumptions.{name}"), problems);
        }
    }
}

/// The rules `takes`, `takes_worst` and `yield` follow wherever they are given: in
/// `assumptions` itself or for one shot type, in the mapping at `path`.
fn check_take_assumptions(
    path: &str,
    takes: Option<&Spanned<Dec>>,
    takes_worst: Option<&Spanned<Dec>>,
    yield_: Option<&Spanned<Percent>>,
    problems: &mut Vec<Diagnostic>,
) {
    if let (Some(takes), Some(yield_)) = (takes, yield_) {
        problems.push(
            Diagnostic::error(
                CheckCode::TakesAndYield,
                "both `takes` and `yield` are given",
            )
            .with_path(format!("{path}.yield"))
            .with_label(yield_.span, "takes = 1 / yield")
            .with_secondary(takes.span, "takes given here")
            .with_help("`yield` is another way to write `takes`; keep one of them"),
        );
    }
    if let Some(yield_) = yield_ {
        let fraction = yield_.value.fraction();
        if fraction <= rust_decimal::Decimal::ZERO || fraction > rust_decimal::Decimal::ONE {
            let help = if fraction > rust_decimal::Decimal::ONE
                && fraction <= rust_decimal::Decimal::ONE_HUNDRED
            {
                format!("did you mean `{}%`?", fraction.normalize())
            } else {
                "a yield is a share of takes that are usable, such as `25%`".to_owned()
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::OutOfRange,
                    format!("yield `{}` is outside (0%, 100%]", yield_.value),
                )
                .with_path(format!("{path}.yield"))
                .with_label(yield_.span, "must be above 0% and at most 100%")
                .with_help(help),
            );
        }
    }
    for (name, takes) in [("takes", takes), ("takes_worst", takes_worst)] {
        if let Some(takes) = takes {
            check_takes(takes, &format!("{path}.{name}"), problems);
        }
    }
}

pub(super) fn check_takes(takes: &Spanned<Dec>, path: &str, problems: &mut Vec<Diagnostic>) {
    if takes.value.0 > rust_decimal::Decimal::from(MAX_TAKES) {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("takes `{}` is above {MAX_TAKES}", takes.value.0.normalize()),
            )
            .with_path(path)
            .with_label(takes.span, "more generations than any shot needs")
            .with_help(format!(
                "plan at most {MAX_TAKES} takes; a shot that needs more should be split or rethought"
            )),
        );
    }
    if takes.value.0 < rust_decimal::Decimal::ONE {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("takes `{}` is below 1", takes.value.0),
            )
            .with_path(path)
            .with_label(takes.span, "fewer than one generation")
            .with_help("every usable shot needs at least one generation; takes are 1 or more"),
        );
    }
}

pub(super) fn check_count(count: &Spanned<u32>, path: &str, problems: &mut Vec<Diagnostic>) {
    if count.value > MAX_GRID_COUNT {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("`{path}` is {}, above {MAX_GRID_COUNT}", count.value),
            )
            .with_path(path)
            .with_label(count.span, format!("at most {MAX_GRID_COUNT}"))
            .with_help(
                "a reference grid holds a handful of images, and a sheet locks in a few rounds",
            ),
        );
    }
    if count.value == 0 {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, format!("`{path}` is 0"))
                .with_path(path)
                .with_label(count.span, "must be 1 or more")
                .with_help("a grid needs at least one image and a sheet at least one round"),
        );
    }
}
