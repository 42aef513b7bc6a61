//! One lint rule per file, each declaring its `RULE` with `declare_rule!` beside the check
//! that produces its findings.

use super::RuleDef;

/// Declares the rule modules and [`RULES`] from one list, so that a rule cannot be
/// written and then left out of the registry.
macro_rules! rules {
    ($($rule:ident,)+) => {
        $(pub mod $rule;)+

        /// Every lint rule, in code order. A code is never reused: a rule that is
        /// withdrawn keeps its number out of circulation.
        pub static RULES: &[&RuleDef] = &[$(&$rule::RULE),+];
    };
}

// rustfmt does not follow modules declared inside a macro, so `.ci/run` names these files
// to it.
rules! {
    cut_density,
    long_segment,
    premium_on_b_roll,
    clip_too_long,
    retired_model,
    missing_sheet,
    approved_before_lock,
    thin_grid,
    segment_duration_mismatch,
    runtime_mismatch,
    unused_asset,
    empty_segment,
    audio_on_b_roll,
    no_reference_model,
    crowded_shot,
    too_many_cuts,
    excess_takes,
    over_budget,
    over_plan_takes,
    kept_not_approved,
}
