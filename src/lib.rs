//! `shotlist` checks, lints, costs and routes AI-video production specs before a credit
//! is spent. The binary is a thin shell over this library: every stage here is a pure
//! function from values to values, and only the CLI prints or picks an exit code.

pub mod atomic;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod generate;
pub mod lint;
pub mod plan;
pub mod report;
pub mod schema;
pub mod spec;
pub mod suggest;
pub mod validate;
