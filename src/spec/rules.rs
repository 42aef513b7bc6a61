//! The `lint:` section's settings: a rule's level, and its options.

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::{OrderedMap, Spanned};
use super::text::Text;

/// A lint rule's setting: a bare level, or a mapping with a level and options.
#[derive(Debug, Clone)]
pub enum RuleSetting {
    Level(Level),
    Table {
        level: Option<Spanned<Level>>,
        options: OrderedMap<Spanned<Text>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Off,
    Warn,
    Deny,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`off`, `warn`, `deny` or a mapping `{level, ...options}`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RuleSetting, E> {
                let level = match text {
                    "off" => Level::Off,
                    "warn" => Level::Warn,
                    "deny" => Level::Deny,
                    other => {
                        return Err(E::unknown_variant(other, &["off", "warn", "deny"]));
                    }
                };
                Ok(RuleSetting::Level(level))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSetting, A::Error> {
                let mut level = None;
                let mut options = OrderedMap::default();
                while let Some(key) = map.next_key::<Spanned<Text>>()? {
                    if key.value == "level" {
                        level = Some(map.next_value::<Spanned<Level>>()?);
                    } else {
                        let value = map.next_value::<Spanned<Text>>()?;
                        options.entries.push((key, value));
                    }
                }
                Ok(RuleSetting::Table { level, options })
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

impl JsonSchema for RuleSetting {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleSetting".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let level = generator.subschema_for::<Level>();
        let mut described_level = level.clone();
        described_level.insert(
            "description".to_owned(),
            "The rule's level: off, warn or deny.".into(),
        );
        schemars::json_schema!({
            "anyOf": [
                level,
                {
                    "type": "object",
                    "properties": {"level": described_level},
                    "additionalProperties": {"type": ["string", "number"]}
                }
            ]
        })
    }
}
