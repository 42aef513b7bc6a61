//! A rate in its checked form, and what one generation costs under it.
//!
//! Seconds are exact decimals and credits exact fractions ([`Ratio`]), so `1 credit
//! per 3 s` on a 5 s clip is `5 / 3`, not `5 × 0.333…`.

use rust_decimal::Decimal;

use super::ratio::Ratio;

use crate::diagnostic::CheckCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::spec::{Per, RateDef};

/// A checked rate. Seconds and credits are exact decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rate {
    /// `credits` per `per` seconds; billed seconds are raised to `minimum` and rounded up
    /// to a multiple of `increment`.
    Time {
        credits: Decimal,
        per: Decimal,
        increment: Option<Decimal>,
        minimum: Option<Decimal>,
    },
    /// Fixed prices per clip length, sorted by length.
    Buckets(Vec<(Decimal, Decimal)>),
    /// `credits` per image.
    Image { credits: Decimal },
}

/// What one generation of a video clip is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    pub billed_seconds: Decimal,
    /// The charge, exactly.
    pub credits: Ratio,
}

/// Why a clip could not be billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillError {
    /// Longer than the largest bucket.
    LongerThanBuckets {
        largest: Decimal,
    },
    /// An image rate asked to bill seconds.
    NotTimed,
    Overflow,
}

impl Rate {
    /// Checks a rate as written and converts it. `path` names it in diagnostics and
    /// `span` is the rate's mapping.
    pub fn from_def(def: &RateDef, path: &str, span: Span) -> Result<Rate, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let malformed = |message: String, span: Span, label: &str, help: &str| {
            Diagnostic::error(CheckCode::MalformedRate, message)
                .with_path(path)
                .with_label(span, label)
                .with_help(help)
        };
        let form_help =
            "a rate is `{credits, per: 1s}`, `{buckets: {5s: 50}}` or `{credits, per: image}`";

        if let Some(buckets) = &def.buckets {
            for (key, other) in [
                ("credits", def.credits.as_ref().map(|c| c.span)),
                ("per", def.per.as_ref().map(|p| p.span)),
                ("increment", def.increment.as_ref().map(|i| i.span)),
                ("minimum", def.minimum.as_ref().map(|m| m.span)),
            ] {
                if let Some(other_span) = other {
                    problems.push(malformed(
                        format!("`{key}` cannot be combined with `buckets`"),
                        other_span,
                        "remove this",
                        form_help,
                    ));
                }
            }
            if buckets.is_empty() {
                problems.push(malformed(
                    "`buckets` is empty".to_owned(),
                    buckets.span,
                    "no clip lengths",
                    "list at least one clip length and its price, e.g. `{5s: 50, 10s: 120}`",
                ));
            }
            let mut parsed: Vec<(Decimal, Decimal)> = Vec::with_capacity(buckets.len());
            for (key, price) in buckets.value.iter() {
                match key.value.parse::<crate::spec::Duration>() {
                    Ok(length) if parsed.iter().any(|(seen, _)| *seen == length.seconds()) => {
                        problems.push(malformed(
                            format!("two buckets are {} long", length),
                            key.span,
                            "same length as an earlier bucket",
                            "give each clip length one price",
                        ));
                    }
                    Ok(length) if !length.is_zero() => {
                        if price.value.0.is_sign_negative() {
                            problems.push(
                                Diagnostic::error(
                                    CheckCode::OutOfRange,
                                    format!("bucket `{}` has a negative price", key.value),
                                )
                                .with_path(format!("{path}.buckets.{}", key.value))
                                .with_label(price.span, "negative")
                                .with_help("prices are credits, zero or more"),
                            );
                        }
                        parsed.push((length.seconds(), price.value.0));
                    }
                    Ok(_) => problems.push(malformed(
                        format!("bucket `{}` is zero seconds long", key.value),
                        key.span,
                        "zero length",
                        "bucket lengths must be longer than 0s",
                    )),
                    Err(_) => problems.push(malformed(
                        format!("bucket key `{}` is not a duration", key.value),
                        key.span,
                        "not a duration",
                        "bucket keys are clip lengths such as `5s` or `10s`",
                    )),
                }
            }
            parsed.sort();
            return if problems.is_empty() {
                Ok(Rate::Buckets(parsed))
            } else {
                Err(problems)
            };
        }

        let Some(credits) = &def.credits else {
            return Err(vec![malformed(
                "rate has neither `credits` nor `buckets`".to_owned(),
                span,
                "incomplete rate",
                form_help,
            )]);
        };
        if credits.value.0.is_sign_negative() {
            problems.push(
                Diagnostic::error(CheckCode::OutOfRange, "a rate cannot have negative credits")
                    .with_path(format!("{path}.credits"))
                    .with_label(credits.span, "negative")
                    .with_help("credits are zero or more"),
            );
        }
        let Some(per) = &def.per else {
            problems.push(malformed(
                "rate has `credits` but no `per`".to_owned(),
                span,
                "missing `per`",
                "say what the credits buy: `per: 1s` or `per: image`",
            ));
            return Err(problems);
        };
        match per.value {
            Per::Image => {
                for (key, other) in [
                    ("increment", def.increment.as_ref().map(|i| i.span)),
                    ("minimum", def.minimum.as_ref().map(|m| m.span)),
                ] {
                    if let Some(other_span) = other {
                        problems.push(malformed(
                            format!("`{key}` applies to time rates, not `per: image`"),
                            other_span,
                            "remove this",
                            form_help,
                        ));
                    }
                }
                if problems.is_empty() {
                    Ok(Rate::Image {
                        credits: credits.value.0,
                    })
                } else {
                    Err(problems)
                }
            }
            Per::Time(per_duration) => {
                if per_duration.is_zero() {
                    problems.push(malformed(
                        "`per` must be longer than 0s".to_owned(),
                        per.span,
                        "zero",
                        "write the time the credits buy, such as `per: 1s`",
                    ));
                }
                if let Some(increment) = &def.increment
                    && increment.value.is_zero()
                {
                    problems.push(malformed(
                        "`increment` must be longer than 0s".to_owned(),
                        increment.span,
                        "zero",
                        "remove `increment` to bill exact seconds",
                    ));
                }
                if problems.is_empty() {
                    Ok(Rate::Time {
                        credits: credits.value.0,
                        per: per_duration.seconds(),
                        increment: def.increment.as_ref().map(|i| i.value.seconds()),
                        minimum: def.minimum.as_ref().map(|m| m.value.seconds()),
                    })
                } else {
                    Err(problems)
                }
            }
        }
    }

    pub fn is_image(&self) -> bool {
        matches!(self, Rate::Image { .. })
    }

    /// The longest clip this rate can price, if it has a limit (its largest bucket).
    pub fn longest_clip(&self) -> Option<Decimal> {
        match self {
            Rate::Buckets(buckets) => buckets.last().map(|(length, _)| *length),
            _ => None,
        }
    }

    /// Bills one generation that needs `needed` seconds.
    pub fn bill(&self, needed: Decimal) -> Result<Charge, BillError> {
        match self {
            Rate::Time {
                credits,
                per,
                increment,
                minimum,
            } => {
                let mut billed = match minimum {
                    Some(minimum) if *minimum > needed => *minimum,
                    _ => needed,
                };
                if let Some(increment) = increment {
                    // Counted exactly: a decimal quotient rounded at its 28th digit
                    // could land on a whole number the exact one passes.
                    let steps = Ratio::new(billed, *increment)
                        .ok_or(BillError::Overflow)?
                        .ceil()
                        .value()
                        .ok_or(BillError::Overflow)?;
                    billed = steps.checked_mul(*increment).ok_or(BillError::Overflow)?;
                }
                let credits = Ratio::whole(*credits)
                    .checked_mul(Ratio::whole(billed))
                    .and_then(|product| product.checked_div(Ratio::whole(*per)))
                    .ok_or(BillError::Overflow)?;
                Ok(Charge {
                    billed_seconds: billed,
                    credits,
                })
            }
            Rate::Buckets(buckets) => buckets
                .iter()
                .find(|(length, _)| *length >= needed)
                .map(|&(length, price)| Charge {
                    billed_seconds: length,
                    credits: Ratio::whole(price),
                })
                .ok_or(BillError::LongerThanBuckets {
                    largest: buckets.last().map_or(Decimal::ZERO, |(length, _)| *length),
                }),
            Rate::Image { .. } => Err(BillError::NotTimed),
        }
    }

    /// Credits per image of an image rate.
    pub fn image_credits(&self) -> Option<Decimal> {
        match self {
            Rate::Image { credits } => Some(*credits),
            _ => None,
        }
    }
}

impl std::fmt::Display for Rate {
    /// A compact description for tables: `40/s min 4s step 2s`, `5s 20 · 10s 40`,
    /// `13.4/image`.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Rate::Time {
                credits,
                per,
                increment,
                minimum,
            } => {
                if *per == Decimal::ONE {
                    write!(f, "{}/s", credits.normalize())?;
                } else {
                    write!(f, "{} per {}s", credits.normalize(), per.normalize())?;
                }
                if let Some(minimum) = minimum {
                    write!(f, " min {}s", minimum.normalize())?;
                }
                if let Some(increment) = increment {
                    write!(f, " step {}s", increment.normalize())?;
                }
                Ok(())
            }
            Rate::Buckets(buckets) => {
                let parts: Vec<String> = buckets
                    .iter()
                    .map(|(length, price)| format!("{}s {}", length.normalize(), price.normalize()))
                    .collect();
                f.write_str(&parts.join(" · "))
            }
            Rate::Image { credits } => write!(f, "{}/image", credits.normalize()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn time(credits: &str, per: &str, increment: Option<&str>, minimum: Option<&str>) -> Rate {
        Rate::Time {
            credits: dec(credits),
            per: dec(per),
            increment: increment.map(dec),
            minimum: minimum.map(dec),
        }
    }

    fn credits(rate: &Rate, seconds: &str) -> Decimal {
        rate.bill(dec(seconds)).unwrap().credits.value().unwrap()
    }

    #[test]
    fn time_rates_round_up_to_increment_after_the_minimum() {
        let veo = time("40", "1", Some("2"), Some("4"));
        assert_eq!(veo.bill(dec("3")).unwrap().billed_seconds, dec("4"));
        assert_eq!(veo.bill(dec("7")).unwrap().billed_seconds, dec("8"));
        assert_eq!(credits(&veo, "7"), dec("320"));
        let exact = time("0.5", "1", None, None);
        assert_eq!(credits(&exact, "5"), dec("2.5"));
        assert_eq!(exact.bill(dec("2.5")).unwrap().billed_seconds, dec("2.5"));
    }

    #[test]
    fn buckets_take_the_smallest_that_fits() {
        let luma = Rate::Buckets(vec![(dec("5"), dec("71")), (dec("9"), dec("127"))]);
        assert_eq!(credits(&luma, "5"), dec("71"));
        assert_eq!(credits(&luma, "5.5"), dec("127"));
        assert_eq!(
            luma.bill(dec("10")),
            Err(BillError::LongerThanBuckets { largest: dec("9") })
        );
    }

    #[test]
    fn one_credit_per_three_seconds_divides_last() {
        let remix = time("1", "3", None, None);
        assert_eq!(credits(&remix, "3"), dec("1"));
        let five = remix.bill(dec("5")).unwrap().credits;
        assert_eq!(five.rounded2(), Some(dec("1.67")));
        assert_eq!(
            five.checked_mul(Ratio::whole(dec("3"))),
            Some(Ratio::whole(dec("5")))
        );
        let fifteen = remix.bill(dec("15")).unwrap();
        assert_eq!(fifteen.credits.value(), Some(dec("5")));
    }
}
