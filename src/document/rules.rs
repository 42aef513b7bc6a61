//! The rule list that `shotlist rules --format json` writes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Rules")]
pub struct RulesDocument {
    pub schema_version: u32,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rule {
    pub code: String,
    pub name: String,
    /// The default level: `off`, `warn` or `deny`.
    pub level: String,
    pub summary: String,
    pub options: Vec<RuleOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleOption {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub default: String,
    pub description: String,
}
