//! Pricing and scheduling: the costed image-then-video plan that the planner and linter
//! share (`price` prices one job, `schedule` stages and walks them, `budget` meets the
//! cap), and routing to cheaper models.
//!
//! The cost code indexes nothing directly: an index that a broken invariant put out of
//! range must become a diagnostic, not a panic.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod budget;
pub mod compare;
pub mod fix;
mod price;
pub mod route;
pub mod schedule;
mod tally;
mod types;

pub use budget::{BudgetStatus, BudgetVerdict};
pub use price::{
    DEFAULT_TAKES, TakeError, addon_credits, assumed_takes, generated_seconds, grid_options,
    lock_rounds, needed_seconds, sheet_images, sheet_job, shot_job, shot_takes, shot_worst_takes,
    take_credits, take_saving,
};
pub use schedule::{JobError, Jobs, Plan, plan, plan_with};
pub use tally::shown_part;
pub use types::{
    Estimate, Exact, Job, SheetWork, ShotWork, Stage, StageKind, Subject, Totals, Work,
};
