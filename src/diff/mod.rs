//! `shotlist diff`: what changed in cost between two plans, and why.
//!
//! Both sides are [plan documents](crate::document::plan), the contract `shotlist plan
//! --format json` writes: a spec is planned and put in that form first, so a spec and
//! the plan JSON written from it compare equal, and every figure is compared as the
//! plan shows it, to the cent. Jobs are matched by shot id, or by asset kind and id for
//! sheets.

mod compare;
mod reasons;
mod threshold;

pub use compare::{
    Change, Diff, Figures, JobChange, JobKind, Reason, StageChange, Status, TotalsChange, diff,
};
pub use threshold::Threshold;

pub use crate::document::plan::{Columns, PlanDocument};

/// One side of a diff: a plan document and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The file as the user named it.
    pub name: String,
    /// Whether it was a spec (planned for the diff) or a plan JSON file.
    pub from_spec: bool,
    pub document: PlanDocument,
}

/// Whether `text` is a plan JSON document rather than a spec: a JSON object with a
/// `schema_version`, which no spec has (a spec written as JSON has `version`).
pub fn looks_like_plan(text: &str) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("schema_version")?;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_with_a_schema_version_is_a_plan() {
        assert!(looks_like_plan("{\"schema_version\": 1}").is_some());
        assert!(looks_like_plan("{\"version\": 1}").is_none());
        assert!(looks_like_plan("version: 1\n").is_none());
        assert!(looks_like_plan("{version: 1}").is_none());
    }
}
