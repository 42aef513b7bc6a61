//! Scalar value types of the spec: durations, exact decimals, percents and dates.
//!
//! Every one of them is read through the scalar's source text (`deserialize_str`),
//! so a YAML number such as `0.1` never passes through a float and stays exactly 0.1.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::decode::DecodeError;
use crate::diagnostic::CheckCode;

/// Reads a scalar's text and parses it with `parse`, raising a parse failure as a
/// serde error (which serde-saphyr anchors at the scalar) and recording it typed.
pub(crate) fn deserialize_via_str<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, DecodeError>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct TextVisitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, DecodeError>,
    }
    impl<T> Visitor<'_> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            (self.parse)(text).map_err(DecodeError::raise)
        }
    }
    deserializer.deserialize_str(TextVisitor { expecting, parse })
}

/// Parses a decimal exactly: a value that would need rounding or is out of range is
/// an error, never silently approximated. Scientific notation is accepted.
pub fn parse_decimal(text: &str) -> Result<Decimal, DecodeError> {
    let trimmed = text.trim();
    refuse_digit_grouping(trimmed)?;
    if trimmed.is_empty() {
        return Err(DecodeError::invalid(
            "expected a decimal number, found an empty value",
            "write a number such as `0.01` or `\"0.01\"`",
        ));
    }
    if trimmed.contains(['e', 'E']) {
        return Decimal::from_scientific(trimmed).map_err(|_| {
            DecodeError::invalid(
                format!("`{trimmed}` is not a decimal number shotlist can hold exactly"),
                "numbers must lie within ±79,228,162,514,264,337,593,543,950,335 with at most 28 decimal places",
            )
        });
    }
    Decimal::from_str_exact(trimmed).map_err(|error| {
        let valid_syntax = trimmed
            .strip_prefix(['-', '+'])
            .unwrap_or(trimmed)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '_');
        if valid_syntax {
            DecodeError::invalid(
                format!("`{trimmed}` cannot be held exactly ({error})"),
                "numbers must lie within ±79,228,162,514,264,337,593,543,950,335 with at most 28 decimal places",
            )
        } else {
            DecodeError::invalid(
                format!("expected a decimal number, found `{trimmed}`"),
                "write a number such as `0.01` or `\"0.01\"`",
            )
        }
    })
}

/// Refuses `1_000`: digit grouping with `_` is YAML 1.1's, and a YAML 1.2 reader takes
/// it for a string, so a spec using it would mean a number to one tool and text to the
/// next. Decimals and durations refuse it alike, with this one wording.
pub(crate) fn refuse_digit_grouping(text: &str) -> Result<(), DecodeError> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let grouped = text.contains('_')
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.');
    if grouped {
        return Err(DecodeError::invalid(
            format!("`{text}` groups digits with `_`, which YAML 1.2 does not read as a number"),
            format!("write `{}`", text.replace('_', "")),
        ));
    }
    Ok(())
}

/// An exact decimal (credits, prices, takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl FromStr for Dec {
    type Err = DecodeError;
    fn from_str(text: &str) -> Result<Self, DecodeError> {
        parse_decimal(text).map(Dec)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_via_str(deserializer, "a decimal number", |text| text.parse())
    }
}

// A value type says how it is written in its schema's `title`, not its `description`:
// the YAML language server's hover shows the first title and the first description it
// meets, and it meets the value type before the field that uses it, so the form becomes
// the hover's heading and the field's own description stays its text
// (tests/yaml_language_server.rs).
impl JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "An exact decimal: a number or a numeric string, such as `0.01` or `\"0.01\"`.",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^\\s*[-+]?([0-9][0-9_]*(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$"}
            ]
        })
    }
}

/// A length of time in seconds, exact. Written as a number of seconds (`5`, `2.5`) or
/// a string with units (`"15s"`, `"1m30s"`, `"2.5s"`, `"1m"`, `"1h"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(Decimal);

impl Duration {
    pub const ZERO: Self = Self(Decimal::ZERO);

    pub fn from_seconds(seconds: Decimal) -> Self {
        Self(seconds)
    }

    pub fn seconds(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}s", self.0.normalize())
    }
}

const DURATION_HELP: &str =
    "write seconds as a number (`5`, `2.5`) or a string with units (`\"15s\"`, `\"1m30s\"`)";

/// The longest duration a spec may give: a day. Nothing a spec times — a shot, a
/// segment, a production's runtime, a clip, a billing step — comes near it, so a longer
/// one is a slip (`99999h` for `99999`), and the cap keeps every later product of
/// durations and rates far inside what an exact decimal holds.
pub const MAX_DURATION_SECONDS: Decimal = Decimal::from_parts(86_400, 0, 0, false, 0);

impl FromStr for Duration {
    type Err = DecodeError;

    fn from_str(text: &str) -> Result<Self, DecodeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DecodeError::invalid(
                "expected a duration, found an empty value",
                DURATION_HELP,
            ));
        }
        refuse_digit_grouping(trimmed)?;
        if trimmed.starts_with('-') {
            return Err(DecodeError::invalid(
                format!("duration `{trimmed}` is negative"),
                "durations are lengths of time and cannot be negative",
            ));
        }
        let too_long = || {
            DecodeError::new(
                CheckCode::OutOfRange,
                format!("duration `{trimmed}` is longer than 24h"),
            )
            .with_help(
                "durations are at most a day (`24h`, `86400`); check for a slipped unit or digit",
            )
        };
        // A number of seconds, with the `+` a YAML 1.2 number may have (as decimals do).
        let seconds = trimmed.strip_prefix('+').unwrap_or(trimmed);
        if !seconds.is_empty() && seconds.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return match Decimal::from_str_exact(seconds) {
                Ok(seconds) if seconds > MAX_DURATION_SECONDS => Err(too_long()),
                Ok(seconds) => Ok(Self(seconds)),
                // All digits and too many of them for a decimal: a huge number, not a typo.
                Err(_) if seconds.bytes().all(|b| b.is_ascii_digit()) => Err(too_long()),
                Err(_) => Err(DecodeError::invalid(
                    format!("expected a duration, found `{trimmed}`"),
                    DURATION_HELP,
                )),
            };
        }
        let invalid = || {
            DecodeError::invalid(
                format!("expected a duration, found `{trimmed}`"),
                DURATION_HELP,
            )
        };
        let mut total = Decimal::ZERO;
        let mut rest = trimmed;
        // Units must come largest first, each at most once: `1h2m3s`, `1m30s`.
        let mut last_unit_rank = 0u8;
        while !rest.is_empty() {
            let number_len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .ok_or_else(invalid)?;
            if number_len == 0 {
                return Err(invalid());
            }
            let (number, tail) = rest.split_at(number_len);
            let (unit_seconds, unit_rank, unit_len) = if tail.starts_with('h') {
                (Decimal::from(3600), 1, 1)
            } else if tail.starts_with('m') {
                (Decimal::from(60), 2, 1)
            } else if tail.starts_with('s') {
                (Decimal::ONE, 3, 1)
            } else {
                return Err(invalid());
            };
            if unit_rank <= last_unit_rank {
                return Err(invalid());
            }
            last_unit_rank = unit_rank;
            let value = match Decimal::from_str_exact(number) {
                Ok(value) => value,
                Err(_) if number.bytes().all(|b| b.is_ascii_digit()) => return Err(too_long()),
                Err(_) => return Err(invalid()),
            };
            // Each part is checked against the cap, so the sum of three parts cannot
            // overflow; checked all the same, as overflow here must never panic.
            let part = value
                .checked_mul(unit_seconds)
                .filter(|part| *part <= MAX_DURATION_SECONDS)
                .ok_or_else(too_long)?;
            total = total.checked_add(part).ok_or_else(too_long)?;
            rest = tail.get(unit_len..).unwrap_or_default();
        }
        if total > MAX_DURATION_SECONDS {
            return Err(too_long());
        }
        Ok(Self(total))
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_via_str(deserializer, "a duration such as `5s`", |text| text.parse())
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Seconds as a number (`5`, `2.5`) or a string with units (`\"15s\"`, `\"1m30s\"`, `\"1h\"`). Never negative.",
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "minLength": 1,
                 "pattern": "^\\s*([0-9]+(\\.[0-9]+)?|[0-9]+(\\.[0-9]+)?h([0-9]+(\\.[0-9]+)?m)?([0-9]+(\\.[0-9]+)?s)?|[0-9]+(\\.[0-9]+)?m([0-9]+(\\.[0-9]+)?s)?|[0-9]+(\\.[0-9]+)?s)\\s*$"}
            ]
        })
    }
}

/// A share, written `25%` or `0.25`. Held as a fraction (0.25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(Decimal);

impl Percent {
    pub fn fraction(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // A fraction near the decimal's limit has no percentage to show; it is shown as
        // written, a fraction, rather than overflowing.
        match self.0.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) => write!(f, "{}%", percent.normalize()),
            None => write!(f, "{}", self.0.normalize()),
        }
    }
}

impl FromStr for Percent {
    type Err = DecodeError;
    fn from_str(text: &str) -> Result<Self, DecodeError> {
        let trimmed = text.trim();
        let invalid = || {
            DecodeError::invalid(
                format!("expected a percentage, found `{trimmed}`"),
                "write a percentage such as `25%` or a fraction such as `0.25`",
            )
        };
        match trimmed.strip_suffix('%') {
            Some(number) => {
                let value = Decimal::from_str_exact(number.trim()).map_err(|_| invalid())?;
                value
                    .checked_div(Decimal::ONE_HUNDRED)
                    .map(Self)
                    .ok_or_else(invalid)
            }
            None => Decimal::from_str_exact(trimmed)
                .map(Self)
                .map_err(|_| invalid()),
        }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_via_str(deserializer, "a percentage such as `25%`", |text| {
            text.parse()
        })
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "A share: `25%` or the fraction `0.25`.",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^\\s*([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*%?\\s*$"}
            ]
        })
    }
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Date {
    type Err = DecodeError;
    fn from_str(text: &str) -> Result<Self, DecodeError> {
        let trimmed = text.trim();
        let well_formed = trimmed.len() == 10
            && trimmed.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(DecodeError::invalid(
                format!("expected a date, found `{trimmed}`"),
                "write dates as `YYYY-MM-DD`, e.g. `2026-09-24`",
            ));
        }
        trimmed.parse::<jiff::civil::Date>().map(Date).map_err(|_| {
            DecodeError::invalid(
                format!("`{trimmed}` is not a calendar date"),
                "check the month and day",
            )
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_via_str(deserializer, "a date such as `2026-09-24`", |text| {
            text.parse()
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Decimal {
        text.parse::<Duration>().expect(text).seconds()
    }

    fn message(error: DecodeError) -> String {
        error.message
    }

    #[test]
    fn durations_in_every_form() {
        assert_eq!(seconds("5"), Decimal::from(5));
        assert_eq!(seconds("2.5"), Decimal::new(25, 1));
        assert_eq!(seconds("15s"), Decimal::from(15));
        assert_eq!(seconds("2.5s"), Decimal::new(25, 1));
        assert_eq!(seconds("1m"), Decimal::from(60));
        assert_eq!(seconds("1m30s"), Decimal::from(90));
        assert_eq!(seconds("1h2m3s"), Decimal::from(3723));
        assert_eq!(seconds(" 0s "), Decimal::ZERO);
        // A YAML 1.2 number may carry a `+`, as a decimal may.
        assert_eq!(seconds("+5"), Decimal::from(5));
        assert_eq!(seconds("+2.5"), Decimal::new(25, 1));
    }

    #[test]
    fn durations_rejected() {
        for bad in [
            "", "-5", "-1s", "5x", "s", "1s30m", "1m1m", "1.2.3s", "abc", "5 s", "m5", "+", "+5s",
            "++5",
        ] {
            assert!(
                bad.parse::<Duration>().is_err(),
                "{bad:?} should be rejected"
            );
        }
        let negative = "-5".parse::<Duration>().unwrap_err();
        assert_eq!(negative.code, CheckCode::InvalidValue);
        assert_eq!(message(negative), "duration `-5` is negative");
        // A word that happens to name a limit is still just not a duration.
        assert_eq!(
            "budget".parse::<Duration>().unwrap_err().code,
            CheckCode::InvalidValue
        );
        assert_eq!(
            message("".parse::<Duration>().unwrap_err()),
            "expected a duration, found an empty value"
        );
    }

    #[test]
    fn durations_are_at_most_a_day() {
        assert_eq!(seconds("24h"), Decimal::from(86_400));
        assert_eq!(seconds("86400"), Decimal::from(86_400));
        assert_eq!(seconds("23h59m60s"), Decimal::from(86_400));
        for long in [
            "99999h",
            "24h0m0.5s",
            "86400.001",
            "1441m",
            "99999999999999999999999999999999",
            "99999999999999999999999999999999h",
            "1h99999999999999999999999999999999m",
        ] {
            let error = long.parse::<Duration>().unwrap_err();
            assert_eq!(error.code, CheckCode::OutOfRange, "{long}: {error}");
            assert_eq!(
                message(error),
                format!("duration `{long}` is longer than 24h")
            );
        }
    }

    #[test]
    fn percents_near_the_decimal_limit_display_without_overflow() {
        let huge: Percent = "79228162514264337593543950335".parse().unwrap();
        assert_eq!(huge.to_string(), "79228162514264337593543950335");
    }

    #[test]
    fn decimals_are_exact() {
        let tenth: Dec = "0.1".parse().unwrap();
        assert_eq!(tenth.0, Decimal::new(1, 1));
        assert_eq!(tenth.0.to_string(), "0.1");
        let sum = tenth.0 + tenth.0 + tenth.0;
        assert_eq!(sum, Decimal::new(3, 1), "0.1 + 0.1 + 0.1 is exactly 0.3");
        assert_eq!("17.64".parse::<Dec>().unwrap().0, Decimal::new(1764, 2));
        assert_eq!("1e3".parse::<Dec>().unwrap().0, Decimal::from(1000));
        assert_eq!("-2".parse::<Dec>().unwrap().0, Decimal::from(-2));
    }

    #[test]
    fn decimals_rejected() {
        assert!("".parse::<Dec>().is_err());
        assert!("abc".parse::<Dec>().is_err());
        assert!("1e40".parse::<Dec>().is_err());
        assert!("123456789012345678901234567890".parse::<Dec>().is_err());
        assert!(
            message(
                "0.12345678901234567890123456789012"
                    .parse::<Dec>()
                    .unwrap_err()
            )
            .contains("cannot be held exactly"),
            "more than 28 decimal places would need rounding"
        );
    }

    /// YAML 1.1's digit grouping is refused in every number shotlist parses itself,
    /// with one wording, as YAML 1.2 reads `1_000` as a string.
    #[test]
    fn digit_grouping_is_refused_alike_in_decimals_and_durations() {
        let decimal = message("1_000".parse::<Dec>().unwrap_err());
        let duration = message("1_000".parse::<Duration>().unwrap_err());
        assert_eq!(decimal, duration);
        assert_eq!(
            decimal,
            "`1_000` groups digits with `_`, which YAML 1.2 does not read as a number"
        );
        assert!("1_000.5".parse::<Dec>().is_err());
        assert_eq!("1000".parse::<Dec>().unwrap().0, Decimal::from(1000));
    }

    #[test]
    fn percents() {
        assert_eq!(
            "25%".parse::<Percent>().unwrap().fraction(),
            Decimal::new(25, 2)
        );
        assert_eq!(
            "0.25".parse::<Percent>().unwrap().fraction(),
            Decimal::new(25, 2)
        );
        assert_eq!("100%".parse::<Percent>().unwrap().fraction(), Decimal::ONE);
        assert_eq!("12.5%".parse::<Percent>().unwrap().to_string(), "12.5%");
        assert!("%".parse::<Percent>().is_err());
        assert!("a lot".parse::<Percent>().is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            "2026-09-24".parse::<Date>().unwrap().to_string(),
            "2026-09-24"
        );
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("24/09/2026".parse::<Date>().is_err());
        assert!("2026-9-24".parse::<Date>().is_err());
    }
}
