//! The production spec: its types, its scalar values, and loading it from YAML with
//! spans. This is the only module that knows the input is YAML.

mod assets;
mod bounds;
mod collect;
mod decode;
mod describe;
pub mod edit;
mod load;
mod models;
pub mod outline;
pub mod patch;
mod read;
mod rules;
mod salvage;
mod shot;
mod shots;
mod span;
mod text;
mod types;
mod values;

pub use assets::*;
pub use bounds::{MAX_GRID_COUNT, MAX_TAKES, above_zero_json, duration_above_zero_json};
pub use decode::DecodeError;
pub use load::{LoadFailure, load, load_all, load_with_max_shots, parse_catalog};
pub use models::*;
pub use read::{DEFAULT_MAX_BYTES, SourceError, read_source, too_large};
pub use rules::*;
pub use salvage::Salvaged;
pub use shot::*;
pub use shots::{Iter as ShotIter, ShotList};
pub use span::{OrderedMap, Spanned};
pub use text::Text;
pub use types::*;
pub use values::{Date, Dec, Duration, Percent, parse_decimal};
