//! How numbers and counts are written for people: `1 shot`, `21,458.40` credits, `7.5s`.
//! Lint messages and the reports must say a figure the same way, so both take these
//! from here; this module sits below every stage and imports none of them.

use rust_decimal::{Decimal, RoundingStrategy};

/// Places shown for credits and money: FORMAT.md fixes two, rounded half away from zero.
pub const DISPLAY_PLACES: u32 = 2;

/// "1 shot", "2 shots".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Rounds to two places, half away from zero, keeping both: `7.5` → `7.50`. The one
/// rounding of a credit or money figure, for display and JSON alike.
pub fn rounded2(value: Decimal) -> Decimal {
    let mut rounded =
        value.round_dp_with_strategy(DISPLAY_PLACES, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(DISPLAY_PLACES);
    // `-0.004` rounds to zero; a minus sign on it would only confuse.
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// [`rounded2`], written out: `7.5` → `7.50`.
pub fn fixed2(value: Decimal) -> String {
    rounded2(value).to_string()
}

/// Groups the integer digits of a plain decimal string in threes: `12345.60` →
/// `12,345.60`.
pub fn grouped(number: &str) -> String {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (integer, fraction) = match unsigned.find('.') {
        Some(dot) => unsigned.split_at(dot),
        None => (unsigned, ""),
    };
    let mut out = String::with_capacity(number.len().saturating_add(integer.len() / 3));
    out.push_str(sign);
    for (position, digit) in integer.chars().enumerate() {
        if position > 0 && integer.len().saturating_sub(position).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(fraction);
    out
}

/// Credits for people: two places and thousands separators.
pub fn credits(value: Decimal) -> String {
    grouped(&fixed2(value))
}

/// Seconds for people: `5s`, `7.5s`.
pub fn seconds(value: Decimal) -> String {
    format!("{}s", value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn two_places_half_away_from_zero() {
        assert_eq!(fixed2(dec("1.005")), "1.01");
        assert_eq!(fixed2(dec("-1.005")), "-1.01");
        assert_eq!(fixed2(dec("1.004999")), "1.00");
        assert_eq!(fixed2(dec("7.5")), "7.50");
        assert_eq!(fixed2(dec("-0.001")), "0.00");
        assert_eq!(fixed2(Decimal::from(5) / Decimal::from(3)), "1.67");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(grouped("0.50"), "0.50");
        assert_eq!(grouped("999.00"), "999.00");
        assert_eq!(grouped("1000.00"), "1,000.00");
        assert_eq!(grouped("1234567.89"), "1,234,567.89");
        assert_eq!(grouped("-12345"), "-12,345");
        assert_eq!(credits(dec("21458.4")), "21,458.40");
    }

    #[test]
    fn counts_and_seconds() {
        assert_eq!(plural(1, "shot"), "1 shot");
        assert_eq!(plural(0, "shot"), "0 shots");
        assert_eq!(seconds(dec("7.50")), "7.5s");
    }
}
