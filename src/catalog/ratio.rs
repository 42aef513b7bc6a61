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
        // Most ratios are whole (a rate per second, whole takes, a price per credit),
        // and a decimal division costs hundreds of instructions even by one; dividing
        // by a one of scale 0 gives the numerator as it is, scale and all (a test holds
        // it to that; `1.0` is equal to one but would lower the result's scale).
        if is_plain_one(self.denominator) {
            return Some(self.numerator);
        }
        self.numerator.checked_div(self.denominator)
    }

    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        Some(Ratio::new(
            times(self.numerator, other.numerator)?,
            times(self.denominator, other.denominator)?,
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

/// Whether `value` is one with scale 0: the factor and divisor that leave a decimal
/// exactly as it is, scale included. Compared by representation, which is a few
/// instructions where a decimal comparison rescales.
fn is_plain_one(value: Decimal) -> bool {
    value.serialize() == Decimal::ONE.serialize()
}

/// `a × b`, skipping the multiplication when either is a plain one, which most
/// denominators are: the product is then the other factor, scale and all.
fn times(a: Decimal, b: Decimal) -> Option<Decimal> {
    if is_plain_one(b) {
        Some(a)
    } else if is_plain_one(a) {
        Some(b)
    } else {
        a.checked_mul(b)
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

    /// Decimals of every shape the shortcuts must leave as they are: zero, whole,
    /// trailing zeros, fractions, negative, the largest, the smallest, `1.0`.
    const SAMPLES: [&str; 8] = [
        "0",
        "5",
        "5.00",
        "0.01",
        "-3.5",
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "1.0",
    ];

    fn shown(value: Decimal) -> (String, u32) {
        (value.to_string(), value.scale())
    }

    #[test]
    fn a_whole_ratio_is_its_numerator_exactly_as_dividing_by_one_gives_it() {
        for text in SAMPLES {
            let numerator: Decimal = text.parse().expect("a decimal");
            let divided = numerator.checked_div(Decimal::ONE).map(shown);
            assert_eq!(
                Ratio::whole(numerator).value().map(shown),
                divided,
                "{text}"
            );
        }
        // `1.0` equals one too: dividing by it must give what dividing by `1.0` gives.
        let one_point_zero = Decimal::new(10, 1);
        let numerator = Decimal::new(500, 2);
        assert_eq!(
            Ratio::new(numerator, one_point_zero).value().map(shown),
            numerator.checked_div(one_point_zero).map(shown)
        );
    }

    #[test]
    fn multiplying_by_a_plain_one_is_exactly_the_product() {
        for text in SAMPLES {
            let value: Decimal = text.parse().expect("a decimal");
            for (a, b) in [(value, Decimal::ONE), (Decimal::ONE, value)] {
                assert_eq!(
                    times(a, b).map(shown),
                    a.checked_mul(b).map(shown),
                    "{text}"
                );
            }
        }
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
