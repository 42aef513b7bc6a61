//! An exact quotient kept undivided, so that a chain of products is formed before the
//! one division at the end. `1 credit per 3 s` for three takes of a 5 s clip is
//! `1 × 5 × 3 / 3 = 5`, where dividing first would give `4.9999…`.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::rate::Charge;

/// `numerator / denominator`, with a denominator that is never zero in practice (rates
/// have `per > 0`, plans `credits > 0`, yields `> 0`); [`Ratio::value`] still reports a
/// zero denominator as `None` rather than panicking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub numerator: Decimal,
    pub denominator: Decimal,
}

impl Ratio {
    pub const fn new(numerator: Decimal, denominator: Decimal) -> Self {
        Self {
            numerator,
            denominator,
        }
    }

    pub const fn whole(value: Decimal) -> Self {
        Self::new(value, Decimal::ONE)
    }

    /// The one division. `None` on overflow or a zero denominator.
    pub fn value(self) -> Option<Decimal> {
        self.numerator.checked_div(self.denominator)
    }

    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        Some(Ratio::new(
            self.numerator.checked_mul(other.numerator)?,
            self.denominator.checked_mul(other.denominator)?,
        ))
    }

    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        // Rates of one model usually share their `per`; adding over the common
        // denominator keeps the numbers small.
        if self.denominator == other.denominator {
            return Some(Ratio::new(
                self.numerator.checked_add(other.numerator)?,
                self.denominator,
            ));
        }
        Some(Ratio::new(
            self.numerator
                .checked_mul(other.denominator)?
                .checked_add(other.numerator.checked_mul(self.denominator)?)?,
            self.denominator.checked_mul(other.denominator)?,
        ))
    }

    /// Compares two ratios with positive denominators by cross-multiplying. `None` on
    /// overflow.
    pub fn checked_cmp(self, other: Ratio) -> Option<Ordering> {
        let left = self.numerator.checked_mul(other.denominator)?;
        let right = other.numerator.checked_mul(self.denominator)?;
        Some(left.cmp(&right))
    }
}

impl From<Charge> for Ratio {
    fn from(charge: Charge) -> Self {
        Ratio::new(charge.numerator, charge.denominator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(numerator: i64, denominator: i64) -> Ratio {
        Ratio::new(Decimal::from(numerator), Decimal::from(denominator))
    }

    #[test]
    fn products_divide_once() {
        let five_seconds_of_remix = ratio(5, 3);
        let three_takes = five_seconds_of_remix.checked_mul(ratio(3, 1)).unwrap();
        assert_eq!(three_takes.value(), Some(Decimal::from(5)));
    }

    #[test]
    fn sums_over_common_and_different_denominators() {
        assert_eq!(
            ratio(300, 30).checked_add(ratio(150, 30)),
            Some(ratio(450, 30))
        );
        let sum = ratio(1, 3).checked_add(ratio(1, 6)).unwrap();
        assert_eq!(sum.value(), Some(Decimal::new(5, 1)));
    }

    #[test]
    fn compares_by_cross_multiplying() {
        assert_eq!(ratio(1, 3).checked_cmp(ratio(2, 6)), Some(Ordering::Equal));
        assert_eq!(
            ratio(4, 1).checked_cmp(ratio(1, 4)),
            Some(Ordering::Greater)
        );
        assert_eq!(ratio(1, 0).value(), None);
    }
}
