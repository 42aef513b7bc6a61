//! One lint rule per file. Each file declares `RULE` (its code, name, default level,
//! options and documentation) and the check that produces its findings.

pub mod approved_before_lock;
pub mod audio_on_b_roll;
pub mod clip_too_long;
pub mod crowded_shot;
pub mod cut_density;
pub mod empty_segment;
pub mod excess_takes;
pub mod long_segment;
pub mod missing_sheet;
pub mod no_reference_model;
pub mod over_budget;
pub mod premium_on_b_roll;
pub mod retired_model;
pub mod runtime_mismatch;
pub mod segment_duration_mismatch;
pub mod thin_grid;
pub mod too_many_cuts;
pub mod unused_asset;
