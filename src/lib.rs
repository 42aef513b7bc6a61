//! `shotlist` checks, lints, costs and routes AI-video production specs before a credit
//! is spent. The binary is a thin shell over this library: every stage here is a pure
//! function from values to values, and only the CLI prints or picks an exit code.
//!
//! No input may make shotlist panic, so no arithmetic may overflow: every operation on
//! counts, offsets and money is checked or saturating, and clippy holds the crate to it.
//! Tests are exempt: a panic is how a test fails.
//!
//! The stages, end to end — load, check, then price:
//!
//! ```
//! use shotlist::spec::load;
//! use shotlist::source::Source;
//!
//! let text = "version: 1
//! production: {title: Waves}
//! segments: [{id: s1, duration: 5s}]
//! shots:
//!   - {id: sea, segment: s1, type: b-roll, duration: 5s, prompt: Grey waves at dawn}
//! ";
//! let source = Source::new("waves.yaml", text);
//! let spec = load(&source).expect("well-formed spec");
//! let checked = shotlist::pipeline::check(&spec, None).expect("no check errors");
//! let plan = shotlist::plan::plan(&checked).expect("every shot can be priced");
//! // The default video model, kling-2.6-standard, bills 20 credits per 5 s clip;
//! // three takes are expected, five at worst.
//! assert_eq!(plan.totals.credits.expected.to_string(), "60.00");
//! assert_eq!(plan.totals.credits.worst.to_string(), "100.00");
//! ```
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod atomic;
pub mod catalog;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod generate;
pub mod ledger;
pub mod lint;
pub mod lsp;
pub mod pipeline;
pub mod plan;
pub mod plan_check;
pub mod report;
pub mod schema;
pub mod source;
pub mod spec;
pub mod suggest;
pub mod validate;
pub mod wording;
