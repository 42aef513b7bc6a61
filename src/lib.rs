//! `shotlist` checks, lints, costs and routes AI-video production specs before a credit
//! is spent. The binary is a thin shell over this library: every stage here is a pure
//! function from values to values, and only the CLI prints or picks an exit code.
//!
//! No input may make shotlist panic, so no arithmetic may overflow: every operation on
//! counts, offsets and money is checked or saturating, and clippy holds the crate to it.
//! Tests are exempt: a panic is how a test fails.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

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
