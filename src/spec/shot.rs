//! Segments and shots: what the shot list is made of.

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::Spanned;
use super::text::Text;
use super::values::{Dec, Duration};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Unique segment id, named by its shots' `segment`.
    pub id: Spanned<Text>,
    /// Seconds of the finished cut this segment fills.
    #[schemars(schema_with = "super::bounds::duration_above_zero")]
    pub duration: Spanned<Duration>,
    /// The script text of this chunk.
    #[serde(default)]
    pub script: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ShotType {
    Hero,
    Dialogue,
    CloseUp,
    Action,
    Establishing,
    BRoll,
    Insert,
}

impl ShotType {
    pub const ALL: [ShotType; 7] = [
        ShotType::Hero,
        ShotType::Dialogue,
        ShotType::CloseUp,
        ShotType::Action,
        ShotType::Establishing,
        ShotType::BRoll,
        ShotType::Insert,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ShotType::Hero => "hero",
            ShotType::Dialogue => "dialogue",
            ShotType::CloseUp => "close-up",
            ShotType::Action => "action",
            ShotType::Establishing => "establishing",
            ShotType::BRoll => "b-roll",
            ShotType::Insert => "insert",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ShotStatus {
    #[default]
    Planned,
    /// Already generated: costs nothing more.
    Approved,
}

/// One shot: one generation request, repeated for as many takes as it needs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shot {
    /// Unique shot id.
    pub id: Spanned<Text>,
    /// Id of its segment.
    pub segment: Spanned<Text>,
    /// What kind of shot: hero, dialogue, close-up, action, establishing, b-roll, insert.
    #[serde(rename = "type")]
    pub shot_type: Spanned<ShotType>,
    /// Seconds used in the finished cut.
    #[schemars(schema_with = "super::bounds::duration_above_zero")]
    pub duration: Spanned<Duration>,
    /// Cuts inside this one generation (a multi-shot prompt).
    #[serde(default)]
    pub cuts: Option<Spanned<u32>>,
    /// The generation prompt.
    pub prompt: Spanned<Text>,
    /// Ids of the characters in the shot.
    #[serde(default)]
    pub characters: Box<[Spanned<Text>]>,
    /// Ids of the props in the shot.
    #[serde(default)]
    pub props: Box<[Spanned<Text>]>,
    /// Id of the shot's location.
    #[serde(default)]
    pub location: Option<Spanned<Text>>,
    /// Overrides routing.
    #[serde(default)]
    pub model: Option<Spanned<Text>>,
    /// A key of the model's `rates`; default: the model's first.
    #[serde(default)]
    pub resolution: Option<Spanned<Text>>,
    /// Adds the model's `audio` addon rate.
    #[serde(default)]
    pub audio: Option<Spanned<bool>>,
    /// Other addon names of the model (e.g. `actor`).
    #[serde(default)]
    pub addons: Box<[Spanned<Text>]>,
    /// Overrides `assumptions.takes` for this shot.
    #[serde(default)]
    #[schemars(schema_with = "super::bounds::takes")]
    pub takes: Option<Spanned<Dec>>,
    /// `planned` (default) or `approved` (already generated: costs nothing more).
    #[serde(default)]
    pub status: Option<Spanned<ShotStatus>>,
    /// Lint rule names silenced for this shot.
    #[serde(default)]
    pub allow: Box<[Spanned<Text>]>,
}

impl Shot {
    pub fn status(&self) -> ShotStatus {
        self.status.as_ref().map(|s| s.value).unwrap_or_default()
    }

    pub fn cuts(&self) -> u32 {
        self.cuts.as_ref().map_or(0, |c| c.value)
    }

    pub fn wants_audio(&self) -> bool {
        self.audio.as_ref().is_some_and(|a| a.value)
    }
}
