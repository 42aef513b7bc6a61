//! One typed document per JSON output: the structs that `--format json` serializes,
//! that `shotlist diff` and `plan --check` read back, and from which the committed
//! schemas in `schema/` are generated. They sit above the planner and the linter and
//! below the renderers, so a contract is written down once.

pub mod compare;
pub mod decimal;
pub mod diagnostics;
pub mod diff;
pub mod models;
pub mod plan;
pub mod route;
pub mod rules;
pub mod status;
