//! Pricing and scheduling: the built-in catalogs, rates, and (in `schedule`) the costed
//! image-then-video plan.

pub mod catalog;
pub mod rate;
