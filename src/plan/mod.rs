//! Pricing and scheduling: (in `schedule`) the costed image-then-video plan that the
//! planner and linter share, and routing to cheaper models.
//!
//! The cost code indexes nothing directly: an index that a broken invariant put out of
//! range must become a diagnostic, not a panic.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

pub mod fix;
pub mod route;
pub mod schedule;

pub use schedule::{
    BudgetStatus, BudgetVerdict, Estimate, Job, JobError, Jobs, Plan, SheetWork, ShotWork, Stage,
    StageKind, Subject, Totals, Work, plan, plan_with, sheet_job, shot_job,
};
