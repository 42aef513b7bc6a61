//! Characters, locations and props, with their reference sheets.

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::Spanned;
use super::text::Text;

/// A character, location or prop.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Unique id among assets of its kind, named by shots.
    pub id: Spanned<Text>,
    /// The name reports show.
    #[serde(default)]
    pub name: Option<Text>,
    /// What it looks like; the prompt text its sheet is generated from.
    #[serde(default)]
    pub look: Option<Text>,
    /// Its reference sheet: grids generated until one look is locked.
    #[serde(default)]
    pub sheet: Option<Spanned<Sheet>>,
}

/// A reference sheet: grids of images generated until one look is locked.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// `draft` (default) or `locked`.
    #[serde(default)]
    pub status: Option<Spanned<SheetStatus>>,
    /// Images per grid (overrides `assumptions.grid_options`).
    #[schemars(range(min = 1, max = super::bounds::MAX_GRID_COUNT))]
    #[serde(default)]
    pub options: Option<Spanned<u32>>,
    /// Grids to lock it (overrides `assumptions.lock_rounds`).
    #[schemars(range(min = 1, max = super::bounds::MAX_GRID_COUNT))]
    #[serde(default)]
    pub rounds: Option<Spanned<u32>>,
    /// Image model (overrides `routing.image`).
    #[serde(default)]
    pub model: Option<Spanned<Text>>,
    /// Reference image files.
    #[serde(default)]
    pub references: Vec<Text>,
}

impl Sheet {
    /// Whether the sheet is locked: its references are final and cost nothing more.
    /// A sheet without a `status` is a draft.
    pub fn is_locked(&self) -> bool {
        self.status.as_ref().map(|s| s.value).unwrap_or_default() == SheetStatus::Locked
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SheetStatus {
    #[default]
    Draft,
    Locked,
}
