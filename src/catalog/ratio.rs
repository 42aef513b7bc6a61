//! An exact rational number of credits, seconds or money, reduced at every step.
//!
//! Rates such as `1 credit per 3 s` give quotients no decimal holds (`5 / 3` credits for
//! a 5 s clip). Held as decimals of 28 digits and summed, they drift in the last digit
//! and a total that is exactly half a cent can round the wrong way; held as fractions,
//! every sum and product is exact, a total meets the cap exactly, and the one rounding
//! to cents is made from the exact value ([`Ratio::rounded2`]).
//!
//! The fractions are `num-rational`'s over `i128`: every decimal of a spec (96 bits and
//! at most 28 places, so a denominator of at most 10²⁸ < 2⁹⁴) is one exactly, and
//! reduced after each operation the numbers stay small for real rates. An operation
//! whose reduced result does not fit is `None`, which the plan reports (E120) rather
//! than rounding.

use std::cmp::Ordering;

use num_rational::Ratio as Fraction;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub};
use rust_decimal::Decimal;

use super::rate::Charge;

/// An exact fraction with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ratio(Fraction<i128>);

impl Ratio {
    pub const ZERO: Ratio = Ratio(Fraction::new_raw(0, 1));
    pub const ONE: Ratio = Ratio(Fraction::new_raw(1, 1));

    /// The decimal exactly: its mantissa over ten to its scale, reduced.
    pub fn whole(value: Decimal) -> Ratio {
        // A mantissa has at most 96 bits and the scale is at most 28: both fit.
        let denominator = 10i128.checked_pow(value.scale()).unwrap_or(1);
        Ratio(Fraction::new(value.mantissa(), denominator))
    }

    /// `numerator / denominator`, exactly. `None` for a zero denominator or when the
    /// reduced quotient does not fit.
    pub fn new(numerator: Decimal, denominator: Decimal) -> Option<Ratio> {
        Ratio::whole(numerator).checked_div(Ratio::whole(denominator))
    }

    pub fn from_integer(value: u64) -> Ratio {
        Ratio(Fraction::from_integer(i128::from(value)))
    }

    /// The nearest decimal (exact when the fraction terminates within 28 digits): for
    /// figures shown exactly, such as seconds or takes. `None` when it does not fit a
    /// decimal.
    pub fn value(self) -> Option<Decimal> {
        let numerator = Decimal::try_from_i128_with_scale(*self.0.numer(), 0).ok()?;
        if *self.0.denom() == 1 {
            return Some(numerator);
        }
        let denominator = Decimal::try_from_i128_with_scale(*self.0.denom(), 0).ok()?;
        numerator.checked_div(denominator)
    }

    /// Rounded to two places, half away from zero, from the exact value: the one
    /// rounding of a credit or money figure. Always of scale 2 (`7.50`); `None` when it
    /// does not fit a decimal of two places.
    pub fn rounded2(self) -> Option<Decimal> {
        let hundredths = i128::checked_mul(*self.0.numer(), 100)?;
        let denominator = *self.0.denom();
        let quotient = i128::checked_div(hundredths, denominator)?;
        let remainder = i128::checked_rem(hundredths, denominator)?;
        // Half away from zero: a remainder of at least half the denominator rounds the
        // magnitude up. `2 × |remainder| < 2 × denominator` always fits.
        let rounds_up = remainder.unsigned_abs().saturating_mul(2) >= denominator.unsigned_abs();
        let rounded = if rounds_up {
            i128::checked_add(quotient, hundredths.signum())?
        } else {
            quotient
        };
        let mut decimal = Decimal::try_from_i128_with_scale(rounded, 2).ok()?;
        // `-0.004` rounds to zero; a minus sign on it would only confuse.
        if decimal.is_zero() {
            decimal.set_sign_positive(true);
        }
        Some(decimal)
    }

    pub fn is_zero(self) -> bool {
        *self.0.numer() == 0
    }

    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        self.0.checked_mul(&other.0).map(Ratio)
    }

    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.is_zero() {
            return None;
        }
        self.0.checked_div(&other.0).map(Ratio)
    }

    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        self.0.checked_add(&other.0).map(Ratio)
    }

    pub fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        self.0.checked_sub(&other.0).map(Ratio)
    }

    /// The smallest whole number at least this.
    pub fn ceil(self) -> Ratio {
        Ratio(self.0.ceil())
    }

    /// Compares exactly. Kept `Option` for its callers; the comparison itself never
    /// overflows (`num-rational` compares by continued fractions, not by products).
    pub fn checked_cmp(self, other: Ratio) -> Option<Ordering> {
        Some(self.0.cmp(&other.0))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl From<Charge> for Ratio {
    fn from(charge: Charge) -> Self {
        charge.credits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(numerator: i64, denominator: i64) -> Ratio {
        Ratio::new(Decimal::from(numerator), Decimal::from(denominator)).unwrap()
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn products_and_sums_are_exact() {
        let five_seconds_of_remix = ratio(5, 3);
        let three_takes = five_seconds_of_remix.checked_mul(ratio(3, 1)).unwrap();
        assert_eq!(three_takes, ratio(5, 1));
        let three_clips = (0..3).fold(Ratio::ZERO, |sum, _| {
            sum.checked_add(five_seconds_of_remix).unwrap()
        });
        assert_eq!(three_clips, ratio(5, 1));
        assert_eq!(ratio(1, 3).checked_add(ratio(1, 6)), Some(ratio(1, 2)));
    }

    #[test]
    fn decimals_are_exact_fractions() {
        assert_eq!(Ratio::whole(dec("0.25")), ratio(1, 4));
        assert_eq!(Ratio::whole(dec("5.00")), ratio(5, 1));
        let smallest = Ratio::whole(dec("0.0000000000000000000000000001"));
        assert_eq!(
            smallest.value(),
            Some(dec("0.0000000000000000000000000001"))
        );
        let largest = Ratio::whole(dec("79228162514264337593543950335"));
        assert_eq!(largest.value(), Some(dec("79228162514264337593543950335")));
        assert_eq!(Ratio::new(Decimal::ONE, Decimal::ZERO), None);
    }

    #[test]
    fn rounds_half_away_from_zero_from_the_exact_value() {
        assert_eq!(ratio(11, 8).rounded2(), Some(dec("1.38")));
        assert_eq!(ratio(3, 200).rounded2(), Some(dec("0.02")));
        assert_eq!(ratio(-11, 8).rounded2(), Some(dec("-1.38")));
        assert_eq!(ratio(5, 3).rounded2(), Some(dec("1.67")));
        assert_eq!(ratio(1, 3).rounded2(), Some(dec("0.33")));
        assert_eq!(
            ratio(-1, 300).rounded2().map(|d| d.to_string()),
            Some("0.00".into())
        );
        assert_eq!(
            ratio(15, 2).rounded2().map(|d| d.to_string()),
            Some("7.50".into())
        );
        // Two places of the largest decimal's mantissa: too large to show.
        let huge = Ratio::whole(dec("79228162514264337593543950335"));
        assert_eq!(huge.rounded2(), None);
        let large = Ratio::whole(dec("792281625142643375935439503.35"));
        assert_eq!(
            large.rounded2().map(|d| d.to_string()),
            Some("792281625142643375935439503.35".into())
        );
    }

    #[test]
    fn compares_exactly() {
        assert_eq!(ratio(1, 3).checked_cmp(ratio(2, 6)), Some(Ordering::Equal));
        assert!(ratio(4, 1) > ratio(1, 4));
        let third = ratio(1, 3);
        let almost = Ratio::whole(dec("0.3333333333333333333333333333"));
        assert!(almost < third);
    }
}
