//! Typed rule options. A rule declares each option once, as an [`Opt`] with its type,
//! default and description; `lint:` config is validated against those declarations
//! (E117) and the rule reads values back with their type, so docs, validation and the
//! rule cannot disagree.

use rust_decimal::Decimal;

use crate::spec::{Duration, Spanned, Text, parse_decimal};

/// A value type an option can hold.
pub trait OptionValue: Copy + Sync + Sized + 'static {
    /// How the type is named in docs and errors.
    const TYPE: &'static str;
    fn parse(text: &str) -> Result<Self, String>;
    fn show(self) -> String;
    /// The values `parse` takes, as JSON Schema for the spec schema's `lint:` section
    /// (`$ref`s name that schema's `$defs`).
    fn schema() -> serde_json::Value;
}

/// A length of time, longer than zero (rules divide by these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub Decimal);

impl OptionValue for Seconds {
    const TYPE: &'static str = "duration";

    fn parse(text: &str) -> Result<Self, String> {
        let duration: Duration = text.parse().map_err(|_| "expected a duration".to_owned())?;
        if duration.is_zero() {
            return Err("must be longer than 0s".to_owned());
        }
        Ok(Seconds(duration.seconds()))
    }

    fn show(self) -> String {
        Duration::from_seconds(self.0).to_string()
    }

    fn schema() -> serde_json::Value {
        let mut schema = crate::spec::duration_above_zero_json();
        schema["$ref"] = "#/$defs/Duration".into();
        schema
    }
}

/// A whole number, zero or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub u32);

impl OptionValue for Count {
    const TYPE: &'static str = "whole number";

    fn parse(text: &str) -> Result<Self, String> {
        text.trim()
            .parse()
            .map(Count)
            .map_err(|_| "expected a whole number".to_owned())
    }

    fn show(self) -> String {
        self.0.to_string()
    }

    fn schema() -> serde_json::Value {
        serde_json::json!({"anyOf": [
            {"type": "integer", "minimum": 0, "maximum": u32::MAX},
            {"type": "string", "pattern": "^\\s*[0-9]+\\s*$"}
        ]})
    }
}

/// A multiplier, greater than zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factor(pub Decimal);

impl OptionValue for Factor {
    const TYPE: &'static str = "number";

    fn parse(text: &str) -> Result<Self, String> {
        let value = parse_decimal(text).map_err(|_| "expected a number".to_owned())?;
        if value <= Decimal::ZERO {
            return Err("must be greater than 0".to_owned());
        }
        Ok(Factor(value))
    }

    fn show(self) -> String {
        self.0.normalize().to_string()
    }

    fn schema() -> serde_json::Value {
        let mut schema = crate::spec::above_zero_json();
        schema["$ref"] = "#/$defs/Decimal".into();
        schema
    }
}

/// One option of a rule.
pub struct Opt<T: OptionValue> {
    pub name: &'static str,
    pub default: T,
    pub description: &'static str,
}

/// What config validation and the docs need of an option, whatever its type.
pub trait OptionDoc: Sync {
    fn name(&self) -> &'static str;
    fn type_name(&self) -> &'static str;
    fn default_text(&self) -> String;
    fn description(&self) -> &'static str;
    /// Whether `text` is a valid value; the error says why not.
    fn validate(&self, text: &str) -> Result<(), String>;
    /// The JSON Schema of its values, described.
    fn schema(&self) -> serde_json::Value;
}

impl<T: OptionValue> OptionDoc for Opt<T> {
    fn name(&self) -> &'static str {
        self.name
    }
    fn type_name(&self) -> &'static str {
        T::TYPE
    }
    fn default_text(&self) -> String {
        self.default.show()
    }
    fn description(&self) -> &'static str {
        self.description
    }
    fn validate(&self, text: &str) -> Result<(), String> {
        T::parse(text).map(|_| ())
    }
    fn schema(&self) -> serde_json::Value {
        let mut schema = T::schema();
        schema["description"] = format!(
            "{} ({}, default {}).",
            self.description.trim_end_matches('.'),
            T::TYPE,
            self.default.show()
        )
        .into();
        schema
    }
}

/// The options one rule was configured with in the spec's `lint:` section.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'s> {
    configured: &'s [(Spanned<Text>, Spanned<Text>)],
}

impl<'s> Options<'s> {
    pub fn new(configured: &'s [(Spanned<Text>, Spanned<Text>)]) -> Self {
        Self { configured }
    }

    /// The configured value of `option`, or its default. A value that does not parse
    /// never gets here: config validation rejects the spec first (E117), so falling back
    /// to the default is only a guard.
    pub fn get<T: OptionValue>(&self, option: &Opt<T>) -> T {
        self.configured
            .iter()
            .rev()
            .find(|(key, _)| key.value == option.name)
            .and_then(|(_, value)| T::parse(&value.value).ok())
            .unwrap_or(option.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_and_show() {
        assert_eq!(Seconds::parse("2.5").unwrap().show(), "2.5s");
        assert_eq!(Seconds::parse("1m").unwrap().show(), "60s");
        assert!(Seconds::parse("0s").is_err());
        assert!(Seconds::parse("soon").is_err());
        assert_eq!(Count::parse("3").unwrap(), Count(3));
        assert!(Count::parse("-1").is_err());
        assert!(Count::parse("2.5").is_err());
        assert_eq!(Factor::parse("1.5").unwrap().show(), "1.5");
        assert!(Factor::parse("0").is_err());
    }
}
