//! Looking rules up by name or code.

use super::RuleDef;
use crate::suggest::did_you_mean;

pub use super::rules::RULES;

/// The rule with this name (`cut-density`) or code (`L001`, any case).
pub fn find(key: &str) -> Option<&'static RuleDef> {
    let key = key.trim();
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.name == key || rule.code.id.eq_ignore_ascii_case(key))
}

/// The rule name closest to a misspelt `key`, for "did you mean" hints.
pub fn suggest(key: &str) -> Option<&'static str> {
    did_you_mean(key, RULES.iter().map(|rule| rule.code.name))
}
