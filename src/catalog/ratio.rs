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

use num_integer::Integer;
use num_rational::Ratio as Fraction;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedRem, CheckedSub};
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
        match (i64::try_from(value.mantissa()), u64::try_from(denominator)) {
            (Ok(numerator), Ok(denominator)) => small_reduced(numerator, denominator)
                .unwrap_or_else(|| Ratio(Fraction::new(value.mantissa(), denominator.into()))),
            _ => Ratio(Fraction::new(value.mantissa(), denominator)),
        }
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
        // On the magnitude, so that the rounding is away from zero by construction:
        // n/d × 100 = n × f / d' with the common factor of 100 and d taken out
        // (f = 100/c, d' = d/c), and n = w × d' + r, so that no step multiplies more
        // than the remainder r < d' and no representable figure is refused.
        let numerator = self.0.numer().unsigned_abs();
        let denominator = self.0.denom().unsigned_abs();
        // 64-bit division throughout when the parts are small enough (see `small`):
        // then r × f < d × 100 fits 64 bits too. Hundredths that outgrow 64 bits are
        // counted again in 128.
        let small = u64::try_from(numerator)
            .ok()
            .zip(
                u64::try_from(denominator)
                    .ok()
                    .filter(|d| *d <= u64::MAX / 100),
            )
            .and_then(|(numerator, denominator)| hundredths_of(numerator, denominator))
            .map(|(hundredths, remainder, denominator)| {
                (
                    u128::from(hundredths),
                    remainder.saturating_mul(2) >= denominator,
                )
            });
        let (hundredths, rounds_up) = match small {
            Some(small) => small,
            None => {
                let (hundredths, remainder, denominator) = hundredths_of(numerator, denominator)?;
                (hundredths, remainder.saturating_mul(2) >= denominator)
            }
        };
        // Half away from zero: a remainder of at least half the denominator rounds the
        // magnitude up (`2 × remainder < 2 × denominator ≤ 2¹²⁸` never saturates).
        let magnitude = i128::try_from(hundredths.checked_add(u128::from(rounds_up))?).ok()?;
        let rounded = if *self.0.numer() < 0 {
            magnitude.checked_neg()?
        } else {
            magnitude
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
        if let Some(product) = self.small().zip(other.small()).and_then(small_product) {
            return Some(product);
        }
        self.0.checked_mul(&other.0).map(Ratio)
    }

    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.is_zero() {
            return None;
        }
        // Dividing is multiplying by the reciprocal, whose sign moves to the numerator.
        let (numerator, denominator) = (*other.0.numer(), *other.0.denom());
        let reciprocal =
            i128::checked_mul(denominator, numerator.signum()).zip(numerator.checked_abs());
        match reciprocal {
            Some((numerator, denominator)) => {
                self.checked_mul(Ratio(Fraction::new_raw(numerator, denominator)))
            }
            None => self.0.checked_div(&other.0).map(Ratio),
        }
    }

    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        if let Some(sum) = self.small().zip(other.small()).and_then(small_sum) {
            return Some(sum);
        }
        self.0.checked_add(&other.0).map(Ratio)
    }

    pub fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        match other.0.numer().checked_neg() {
            Some(negated) => self.checked_add(Ratio(Fraction::new_raw(negated, *other.0.denom()))),
            None => self.0.checked_sub(&other.0).map(Ratio),
        }
    }

    /// The numerator and the denominator when both fit 64 bits, as they do for real
    /// rates, durations, yields and totals: the fast paths below then reduce with 64-bit
    /// division, where `num-rational` over `i128` calls the (much slower) 128-bit
    /// division routines at every step. A fast path gives the very fraction the
    /// general one gives, and hands over to it whenever a step would not fit.
    fn small(self) -> Option<Small> {
        Some(Small {
            numerator: i64::try_from(*self.0.numer()).ok()?,
            denominator: u64::try_from(*self.0.denom()).ok()?,
        })
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

/// `numerator / denominator × 100` as whole hundredths, the remainder and the divisor
/// it is a remainder of (see [`Ratio::rounded2`]). `None` when the hundredths overflow.
fn hundredths_of<T>(numerator: T, denominator: T) -> Option<(T, T, T)>
where
    T: Copy + Integer + CheckedMul + CheckedAdd + CheckedDiv + CheckedRem + From<u8>,
{
    let hundred = T::from(100);
    let common = hundred.gcd(&denominator.checked_rem(&hundred)?);
    let factor = hundred.checked_div(&common)?;
    let denominator = denominator.checked_div(&common)?;
    let (whole, rest) = numerator.div_rem(&denominator);
    let (cents, remainder) = rest.checked_mul(&factor)?.div_rem(&denominator);
    let hundredths = whole.checked_mul(&factor)?.checked_add(&cents)?;
    Some((hundredths, remainder, denominator))
}

/// A reduced fraction whose parts fit 64 bits; see [`Ratio::small`].
#[derive(Clone, Copy)]
struct Small {
    numerator: i64,
    /// Positive.
    denominator: u64,
}

/// The greatest common divisor, at once when one side is 1 (a whole number's
/// denominator), as it often is.
fn gcd(a: u64, b: u64) -> u64 {
    if a == 1 || b == 1 { 1 } else { a.gcd(&b) }
}

/// `numerator / denominator` reduced, with 64-bit division. `denominator` is positive.
fn small_reduced(numerator: i64, denominator: u64) -> Option<Ratio> {
    let magnitude = numerator.unsigned_abs();
    let divisor = gcd(magnitude, denominator);
    let reduced = i128::from(u64::checked_div(magnitude, divisor)?);
    Some(Ratio(Fraction::new_raw(
        if numerator < 0 {
            reduced.checked_neg()?
        } else {
            reduced
        },
        i128::from(u64::checked_div(denominator, divisor)?),
    )))
}

/// `a/b × c/d` reduced as `num-rational` reduces it, by the cross factors `gcd(a, d)`
/// and `gcd(c, b)`: of two reduced fractions the result is then reduced. `None` when
/// it does not fit (the general path then decides).
fn small_product((left, right): (Small, Small)) -> Option<Ratio> {
    let (a, b) = (left.numerator.unsigned_abs(), left.denominator);
    let (c, d) = (right.numerator.unsigned_abs(), right.denominator);
    let (ad, cb) = (gcd(a, d), gcd(c, b));
    // A zero numerator has gcd(0, d) = d ≥ 1, so no divisor is zero; and two 64-bit
    // factors never overflow 128 bits.
    let reduced = |x: u64, divisor: u64| u64::checked_div(x, divisor).map(u128::from);
    let magnitude = u128::checked_mul(reduced(a, ad)?, reduced(c, cb)?)?;
    let denominator = u128::checked_mul(reduced(b, cb)?, reduced(d, ad)?)?;
    let negative = (left.numerator < 0) != (right.numerator < 0);
    let numerator = i128::try_from(magnitude).ok()?;
    let numerator = if negative {
        numerator.checked_neg()?
    } else {
        numerator
    };
    Some(Ratio(Fraction::new_raw(
        numerator,
        i128::try_from(denominator).ok()?,
    )))
}

/// `a/b + c/d` over their least common denominator, reduced. `None` when a step does
/// not fit 128 bits or the sum's unreduced parts do not fit 64 (the general path then
/// decides).
fn small_sum((left, right): (Small, Small)) -> Option<Ratio> {
    let (b, d) = (left.denominator, right.denominator);
    let common = if b == d { b } else { gcd(b, d) };
    let (b_part, d_part) = (u64::checked_div(b, common)?, u64::checked_div(d, common)?);
    // lcm(b, d) = b/common × d < 2¹²⁸, and each cross product of a 64-bit numerator
    // with a 64-bit factor < 2¹²⁷: no product overflows, only the sum can.
    let denominator = u128::checked_mul(u128::from(b_part), u128::from(d))?;
    let lhs = i128::checked_mul(i128::from(left.numerator), i128::from(d_part))?;
    let rhs = i128::checked_mul(i128::from(right.numerator), i128::from(b_part))?;
    let numerator = i128::checked_add(lhs, rhs)?;
    small_reduced(
        i64::try_from(numerator).ok()?,
        u64::try_from(denominator).ok()?,
    )
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
        // Hundredths past 64 bits, of parts within 64 bits.
        assert_eq!(
            Ratio::from_integer(u64::MAX)
                .rounded2()
                .map(|d| d.to_string()),
            Some("18446744073709551615.00".into())
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

    /// A fraction of either size: parts that fit 64 bits (the fast paths) or not (the
    /// general path), and the boundaries between them.
    fn any_ratio() -> impl proptest::strategy::Strategy<Value = Ratio> {
        use proptest::prelude::*;
        let part = prop_oneof![
            -1_000_000i128..1_000_000,
            Just(1i128),
            any::<i64>().prop_map(i128::from),
            any::<i128>(),
            Just(i128::from(i64::MAX)),
            Just(i128::from(i64::MIN)),
            Just(i128::from(u64::MAX)),
            Just(i128::MAX),
            Just(i128::MIN + 1),
        ];
        (part.clone(), part).prop_filter_map("a positive denominator", |(n, d)| {
            let d = d.checked_abs().filter(|d| *d > 0)?;
            Some(Ratio(Fraction::new(n, d)))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The 64-bit fast paths give exactly what `num-rational` gives, `None` included.
        #[test]
        fn fast_paths_agree_with_num_rational(a in any_ratio(), b in any_ratio()) {
            proptest::prop_assert_eq!(a.checked_mul(b), a.0.checked_mul(&b.0).map(Ratio));
            proptest::prop_assert_eq!(a.checked_add(b), a.0.checked_add(&b.0).map(Ratio));
            proptest::prop_assert_eq!(a.checked_sub(b), a.0.checked_sub(&b.0).map(Ratio));
            let quotient = if b.is_zero() { None } else { a.0.checked_div(&b.0).map(Ratio) };
            proptest::prop_assert_eq!(a.checked_div(b), quotient);
            // Equal values are not enough: a fraction must come out reduced, as
            // `num-rational` keeps it, for its parts to be compared and hashed.
            if let Some(product) = a.checked_mul(b) {
                let reduced = Fraction::new(*product.0.numer(), *product.0.denom());
                proptest::prop_assert_eq!(product.0.numer(), reduced.numer());
                proptest::prop_assert_eq!(product.0.denom(), reduced.denom());
            }
            if let Some(sum) = a.checked_add(b) {
                let reduced = Fraction::new(*sum.0.numer(), *sum.0.denom());
                proptest::prop_assert_eq!(sum.0.numer(), reduced.numer());
                proptest::prop_assert_eq!(sum.0.denom(), reduced.denom());
            }
        }

        /// A decimal is the fraction of its mantissa over ten to its scale, reduced.
        #[test]
        fn decimals_agree_with_num_rational(
            mantissa in -(1i128 << 96) + 1..(1i128 << 96),
            small in -1_000_000i128..1_000_000,
            scale in 0u32..=28,
        ) {
            for mantissa in [mantissa, small] {
                let decimal = Decimal::from_i128_with_scale(mantissa, scale);
                let fraction = Fraction::new(mantissa, 10i128.pow(scale));
                let ratio = Ratio::whole(decimal);
                proptest::prop_assert_eq!(ratio.0.numer(), fraction.numer());
                proptest::prop_assert_eq!(ratio.0.denom(), fraction.denom());
            }
        }

        /// Rounding to cents is `num-rational`'s rounding of the hundredths, which is
        /// half away from zero, whenever `num-rational` can compute it.
        #[test]
        fn rounding_agrees_with_num_rational(a in any_ratio()) {
            let expected = a
                .0
                .checked_mul(&Fraction::from_integer(100))
                .and_then(|hundredths| {
                    Decimal::try_from_i128_with_scale(*hundredths.round().numer(), 2).ok()
                })
                .map(|mut decimal| {
                    if decimal.is_zero() {
                        decimal.set_sign_positive(true);
                    }
                    decimal
                });
            let rounded = a.rounded2();
            match (expected, rounded) {
                (Some(_), _) => proptest::prop_assert_eq!(rounded, expected),
                // The hundredths overflow `num-rational`'s 128-bit fraction but not the
                // 128-bit magnitude `rounded2` divides: then within half a cent.
                (None, Some(rounded)) => {
                    let error = a.0.checked_sub(&Ratio::whole(rounded).0);
                    if let Some(error) = error {
                        proptest::prop_assert!(
                            num_traits::Signed::abs(&error) <= Fraction::new(1, 200),
                            "{a:?} rounded to {rounded}"
                        );
                    }
                }
                (None, None) => {}
            }
        }
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
