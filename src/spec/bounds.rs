//! The bounds that checking holds numbers to, said once here and written into the JSON
//! Schema as well, so that an editor running the YAML language server flags `takes: 0`
//! or `credits: -1` as you type, as `check` would.
//!
//! A bounded field keeps its `$ref` to the value type (`Decimal`, `Duration`,
//! `Percent`), which says how the value is written, and adds an `anyOf` beside it that
//! says how large it may be. Each branch names its type, as ajv's strict mode asks.
//! Numbers get their exact bounds. Numeric strings (`"0.01"`, `"15s"`) can only be held
//! by a pattern, so they are held to what a pattern can say exactly: never negative,
//! never zero where zero is refused; `check` still holds them to the rest.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use super::{Dec, Duration, Percent};

/// The most takes a shot may plan. Real shots take a handful, a hard one a few dozen;
/// a thousand is a slipped digit, and a cap keeps the plan's figures readable.
pub const MAX_TAKES: u32 = 1_000;
/// The most images in a grid, or grids to lock a sheet.
pub const MAX_GRID_COUNT: u32 = 1_000;

/// The bound beside a `Duration`'s `$ref` that holds it above zero, for schemas built
/// by hand (a lint rule's options).
pub fn duration_above_zero_json() -> Value {
    json!({"anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": DURATION_ABOVE_ZERO}
    ]})
}

/// The bound beside a `Decimal`'s `$ref` that holds it above zero, likewise.
pub fn above_zero_json() -> Value {
    json!({"anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": ABOVE_ZERO}
    ]})
}

/// A numeric string that does not start with a minus sign (an exponent may: `"1e-3"`).
const NOT_NEGATIVE: &str = r"^(?!\s*-)";
/// A numeric string not negative, whose digits before any exponent are not all zeros
/// (`"0.0"`, `"0e5"` and `"+0"` are zero whatever the exponent).
const ABOVE_ZERO: &str = r"^(?!\s*-)(?![\s+0._]*([eE][-+]?[0-9]+)?\s*$)";
/// A duration string with a digit other than zero: `"0s"`, `"0m0s"` and `"0.0"` are
/// zero, `"0.5s"` is not.
const DURATION_ABOVE_ZERO: &str = r"^(?![\s0.hms]*$)";
/// A share written as text: above zero, at most `100%`, or as a fraction at most `1`.
const SHARE: &str = r"^(?![\s0.%]*$)\s*(0*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?|\.[0-9]+)\s*%|0*(1(\.0*)?|0?\.[0-9]+))\s*$";

/// `T`'s schema with the number and string bounds beside it, and `null` allowed when
/// the field is optional.
fn bounded<T: JsonSchema>(
    generator: &mut SchemaGenerator,
    number: Value,
    string_pattern: &str,
    optional: bool,
) -> Schema {
    let mut value = generator.subschema_for::<T>().to_value();
    let mut number = number;
    number["type"] = json!("number");
    value["anyOf"] = json!([number, {"type": "string", "pattern": string_pattern}]);
    let value = if optional {
        json!({"anyOf": [value, {"type": "null"}]})
    } else {
        value
    };
    Schema::try_from(value).unwrap_or_default()
}

/// Takes: from 1 to [`MAX_TAKES`].
pub fn takes(generator: &mut SchemaGenerator) -> Schema {
    bounded::<Dec>(
        generator,
        json!({"minimum": 1, "maximum": MAX_TAKES}),
        ABOVE_ZERO,
        true,
    )
}

/// A credit cap or a price: zero or more.
pub fn not_negative(generator: &mut SchemaGenerator) -> Schema {
    bounded::<Dec>(generator, json!({"minimum": 0}), NOT_NEGATIVE, true)
}

/// A plan's credits: more than zero (the price per credit divides by them).
pub fn above_zero(generator: &mut SchemaGenerator) -> Schema {
    bounded::<Dec>(generator, json!({"exclusiveMinimum": 0}), ABOVE_ZERO, false)
}

/// A yield: above 0% and at most 100%.
pub fn share(generator: &mut SchemaGenerator) -> Schema {
    bounded::<Percent>(
        generator,
        json!({"exclusiveMinimum": 0, "maximum": 1}),
        SHARE,
        true,
    )
}

/// A shot's or a segment's duration: more than zero seconds.
pub fn duration_above_zero(generator: &mut SchemaGenerator) -> Schema {
    bounded::<Duration>(
        generator,
        json!({"exclusiveMinimum": 0}),
        DURATION_ABOVE_ZERO,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a JSON Schema validator's ECMA-262 pattern matches `text`: the patterns
    /// use a lookahead, which validators support and Rust's `regex` does not.
    fn matches(pattern: &str, text: &str) -> bool {
        jsonschema::validator_for(&json!({"type": "string", "pattern": pattern}))
            .unwrap()
            .is_valid(&json!(text))
    }

    #[test]
    fn above_zero_refuses_zero_and_negative_strings_only() {
        for text in ["0", "0.0", "+0", "0e5", " 0_0 ", "-1", "-0.5"] {
            assert!(!matches(ABOVE_ZERO, text), "{text}");
        }
        for text in ["1", "0.01", "1e-3", "1_000", " 2.5 ", "+3"] {
            assert!(matches(ABOVE_ZERO, text), "{text}");
        }
    }

    #[test]
    fn not_negative_refuses_a_leading_minus_only() {
        for text in ["-1", " -0.5", "-0"] {
            assert!(!matches(NOT_NEGATIVE, text), "{text}");
        }
        for text in ["0", "1e-3", "2.5", "+1"] {
            assert!(matches(NOT_NEGATIVE, text), "{text}");
        }
    }

    #[test]
    fn duration_above_zero_refuses_zero_only() {
        for text in ["0", "0s", "0m0s", "0.0s", "0h"] {
            assert!(!matches(DURATION_ABOVE_ZERO, text), "{text}");
        }
        for text in ["0.5s", "1m", "15s", "1h0m", "2.5"] {
            assert!(matches(DURATION_ABOVE_ZERO, text), "{text}");
        }
    }

    #[test]
    fn share_takes_a_percent_up_to_100_or_a_fraction_up_to_1() {
        for text in ["0%", "0", "150%", "101%", "1.5", "2", "-5%"] {
            assert!(!matches(SHARE, text), "{text}");
        }
        for text in ["25%", "100%", "0.5%", "0.25", "1", ".5", "007%", "100.0 %"] {
            assert!(matches(SHARE, text), "{text}");
        }
    }
}
