//! Decimals as the JSON contract writes them: strings, never JSON numbers, so that no
//! reader has to go through a float. Both types hold an exact [`Decimal`] and read back
//! exactly the value they wrote.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalog::ratio::Ratio;
use crate::wording::rounded2;

/// Places kept for a figure shown "exactly" that does not terminate, such as a price
/// of 1/30 per credit (`0.0333333333`).
const EXACT_PLACES: u32 = 10;

/// The value with trailing zeros trimmed: exact when it has at most ten decimal
/// places, else rounded to ten (`1/30` → `0.0333333333`).
pub fn trimmed(value: Decimal) -> String {
    Exact::new(value).to_string()
}

/// Credits or money: a string with exactly two decimals (`"7.50"`), rounded half away
/// from zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Fixed2(Decimal);

impl Fixed2 {
    pub fn new(value: Decimal) -> Fixed2 {
        Fixed2(rounded2(value))
    }

    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Fixed2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Fixed2 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Whether `text` is what [`Fixed2`] writes: digits, a point and two digits.
fn is_fixed2(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    unsigned.split_once('.').is_some_and(|(whole, places)| {
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && places.len() == 2
            && places.bytes().all(|b| b.is_ascii_digit())
    })
}

impl<'de> Deserialize<'de> for Fixed2 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        if !is_fixed2(&text) {
            return Err(D::Error::custom(format!(
                "`{text}` is not a decimal with two places, such as \"7.50\""
            )));
        }
        Decimal::from_str_exact(&text)
            .map(Fixed2)
            .map_err(|error| D::Error::custom(format!("`{text}`: {error}")))
    }
}

impl JsonSchema for Fixed2 {
    fn schema_name() -> Cow<'static, str> {
        "Fixed2".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Credits or money: a decimal string with exactly two places, rounded half away from zero.",
            "type": "string",
            "pattern": "^-?[0-9]+\\.[0-9]{2}$",
        })
    }
}

/// A share, such as a yield: a string with exactly four decimals (`"0.3333"`), rounded
/// half away from zero from its exact value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Fixed4(Decimal);

impl Fixed4 {
    /// `value` rounded to four places; `None` when it does not fit a decimal.
    pub fn of(value: Ratio) -> Option<Fixed4> {
        // Hundredths of hundredths: two places of a hundred times the value.
        let hundredfold = value.checked_mul(Ratio::from_integer(100))?.rounded2()?;
        Decimal::try_from_i128_with_scale(hundredfold.mantissa(), 4)
            .ok()
            .map(Fixed4)
    }

    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Fixed4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Fixed4 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fixed4 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        let shaped = text.split_once('.').is_some_and(|(whole, places)| {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && places.len() == 4
                && places.bytes().all(|b| b.is_ascii_digit())
        });
        if !shaped {
            return Err(D::Error::custom(format!(
                "`{text}` is not a decimal with four places, such as \"0.3333\""
            )));
        }
        Decimal::from_str_exact(&text)
            .map(Fixed4)
            .map_err(|error| D::Error::custom(format!("`{text}`: {error}")))
    }
}

impl JsonSchema for Fixed4 {
    fn schema_name() -> Cow<'static, str> {
        "Fixed4".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A share: a decimal string with exactly four places, rounded half away from zero.",
            "type": "string",
            "pattern": "^[0-9]+\\.[0-9]{4}$",
        })
    }
}

/// A price per credit: the exact value with trailing zeros trimmed (`"0.01"`), or
/// rounded to ten places when it does not terminate (`"0.0333333333"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Exact(Decimal);

impl Exact {
    pub fn new(value: Decimal) -> Exact {
        let normal = value.normalize();
        Exact(if normal.scale() > EXACT_PLACES {
            normal
                .round_dp_with_strategy(EXACT_PLACES, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        } else {
            normal
        })
    }

    pub fn value(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Decimal::from_str_exact(&text)
            .map(Exact)
            .map_err(|error| D::Error::custom(format!("`{text}` is not a decimal: {error}")))
    }
}

impl JsonSchema for Exact {
    fn schema_name() -> Cow<'static, str> {
        "ExactDecimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact decimal string with trailing zeros trimmed, at most ten places.",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]*[1-9])?$",
        })
    }
}

/// Takes or generations as a JSON number: an integer when whole, else the decimal
/// value to ten places, as a price per credit.
pub fn number(value: Decimal) -> serde_json::Number {
    if value.fract().is_zero()
        && let Ok(whole) = i64::try_from(value)
    {
        return whole.into();
    }
    // A decimal's text always parses as a finite float.
    trimmed(value)
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .unwrap_or_else(|| 0.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Fixed2, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn two_place_strings_read_back_exactly() {
        let big = "12345678901234567890123456.78";
        let value = read(&format!("\"{big}\"")).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{big}\""));
        assert_eq!(Fixed2::new(Decimal::new(-4, 3)).to_string(), "0.00");
        assert_eq!(Fixed2::new(Decimal::new(75, 1)).to_string(), "7.50");
    }

    #[test]
    fn numbers_and_other_shapes_are_refused() {
        for bad in [
            "12345678901234567.89",
            "\"7.5\"",
            "\"7.500\"",
            "\".50\"",
            "\"1e3\"",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
