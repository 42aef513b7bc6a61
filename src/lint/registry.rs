//! Every lint rule, listed explicitly in code order. A code is never reused: a rule
//! that is withdrawn keeps its number out of circulation.

use super::RuleDef;
use super::rules;
use crate::suggest::did_you_mean;

pub static RULES: &[&RuleDef] = &[
    &rules::cut_density::RULE,
    &rules::long_segment::RULE,
    &rules::premium_on_b_roll::RULE,
    &rules::clip_too_long::RULE,
    &rules::retired_model::RULE,
    &rules::missing_sheet::RULE,
    &rules::approved_before_lock::RULE,
    &rules::thin_grid::RULE,
    &rules::segment_duration_mismatch::RULE,
    &rules::runtime_mismatch::RULE,
    &rules::unused_asset::RULE,
    &rules::empty_segment::RULE,
    &rules::audio_on_b_roll::RULE,
    &rules::no_reference_model::RULE,
    &rules::crowded_shot::RULE,
    &rules::too_many_cuts::RULE,
    &rules::excess_takes::RULE,
    &rules::over_budget::RULE,
];

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
