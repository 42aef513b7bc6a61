//! `--fail-above`: the limit on a rise of the expected cost, and whether a diff passes it.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::Diff;

/// The `--fail-above` limit on a rise of the expected cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Threshold {
    /// A number of credits: `50`.
    Credits(Decimal),
    /// Money with a currency sign or code: `$12.50`, `€8`, `£3`, `12.50 EUR`.
    Money { amount: Decimal, currency: String },
    /// A share of the old expected credits: `10%`.
    Percent(Decimal),
}

/// Currency signs `--fail-above` reads, and their ISO codes.
const CURRENCY_SIGNS: [(char, &str); 4] = [('$', "USD"), ('€', "EUR"), ('£', "GBP"), ('¥', "JPY")];

impl FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let number = |digits: &str| -> Result<Decimal, String> {
            let value = Decimal::from_str_exact(digits.trim()).map_err(|_| {
                format!(
                    "`{trimmed}` is not a limit: write credits (`50`), money (`$12.50`, `12.50 EUR`) or a percentage (`10%`)"
                )
            })?;
            if value.is_sign_negative() {
                return Err(format!(
                    "`{trimmed}` is negative; a limit on a rise is 0 or more"
                ));
            }
            Ok(value)
        };
        if let Some(percent) = trimmed.strip_suffix('%') {
            return number(percent).map(Threshold::Percent);
        }
        for (sign, currency) in CURRENCY_SIGNS {
            if let Some(amount) = trimmed.strip_prefix(sign) {
                return Ok(Threshold::Money {
                    amount: number(amount)?,
                    currency: currency.to_owned(),
                });
            }
        }
        if let Some((amount, code)) = trimmed.rsplit_once(' ')
            && code.len() == 3
            && code.bytes().all(|b| b.is_ascii_uppercase())
        {
            return Ok(Threshold::Money {
                amount: number(amount)?,
                currency: code.to_owned(),
            });
        }
        number(trimmed).map(Threshold::Credits)
    }
}

/// The limit as it was written, its digits kept: `19.99 credits`, `$0.20`, `12.50 GBP`,
/// `10%`.
impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Threshold::Credits(amount) => write!(f, "{amount} credits"),
            Threshold::Money { amount, currency } => {
                match CURRENCY_SIGNS.iter().find(|(_, code)| code == currency) {
                    Some((sign, _)) => write!(f, "{sign}{amount}"),
                    None => write!(f, "{amount} {currency}"),
                }
            }
            Threshold::Percent(percent) => write!(f, "{percent}%"),
        }
    }
}

impl Threshold {
    /// Whether the expected cost rose by more than the limit: a rise equal to it passes.
    /// A percentage is of the old expected credits, and any rise from nothing passes
    /// every percentage. `Err` when money cannot be compared: a side without a price
    /// per credit, or a currency other than the limit's.
    pub fn exceeded_by(&self, diff: &Diff) -> Result<bool, String> {
        let expected = diff.totals.credits.expected;
        match self {
            Threshold::Credits(limit) => Ok(expected.delta() > *limit),
            Threshold::Percent(limit) => {
                if expected.old.is_zero() {
                    return Ok(expected.delta() > Decimal::ZERO);
                }
                // rise / old > limit / 100, cross-multiplied so nothing is divided.
                let rise = expected.delta().checked_mul(Decimal::ONE_HUNDRED);
                let allowed = limit.checked_mul(expected.old);
                match (rise, allowed) {
                    (Some(rise), Some(allowed)) => Ok(rise > allowed),
                    _ => Err("the figures are too large to compare exactly".to_owned()),
                }
            }
            Threshold::Money { amount, currency } => {
                let cost = diff.totals.cost.ok_or_else(|| {
                    "the plans do not both have a price per credit in one currency; give --fail-above in credits or as a percentage".to_owned()
                })?;
                let priced_in = &diff.new.document.currency;
                if priced_in != currency {
                    return Err(format!(
                        "--fail-above is in {currency} but the plans are priced in {priced_in}"
                    ));
                }
                Ok(cost.expected.delta() > *amount)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn thresholds_parse_credits_money_and_percentages() {
        assert_eq!("50".parse(), Ok(Threshold::Credits(dec("50"))));
        assert_eq!(" 12.5 ".parse(), Ok(Threshold::Credits(dec("12.5"))));
        assert_eq!("10%".parse(), Ok(Threshold::Percent(dec("10"))));
        assert_eq!(
            "$12.50".parse(),
            Ok(Threshold::Money {
                amount: dec("12.50"),
                currency: "USD".into()
            })
        );
        assert_eq!(
            "€8".parse(),
            Ok(Threshold::Money {
                amount: dec("8"),
                currency: "EUR".into()
            })
        );
        assert_eq!(
            "12.50 GBP".parse(),
            Ok(Threshold::Money {
                amount: dec("12.50"),
                currency: "GBP".into()
            })
        );
        for bad in ["", "-5", "ten", "$", "5 credits", "1e3", "%"] {
            assert!(bad.parse::<Threshold>().is_err(), "{bad:?}");
        }
    }
}
