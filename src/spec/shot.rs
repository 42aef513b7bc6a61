//! Segments and shots: what the shot list is made of.

use schemars::JsonSchema;
use serde::Deserialize;

use super::span::Spanned;
use super::text::Text;
use super::values::{Dec, Duration};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: Spanned<Text>,
    pub duration: Spanned<Duration>,
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
    pub id: Spanned<Text>,
    /// Id of its segment.
    pub segment: Spanned<Text>,
    #[serde(rename = "type")]
    pub shot_type: Spanned<ShotType>,
    /// Seconds used in the finished cut.
    pub duration: Spanned<Duration>,
    /// Cuts inside this one generation (a multi-shot prompt).
    #[serde(default)]
    pub cuts: Option<Spanned<u32>>,
    pub prompt: Spanned<Text>,
    #[serde(default)]
    pub characters: Box<[Spanned<Text>]>,
    #[serde(default)]
    pub props: Box<[Spanned<Text>]>,
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
    pub takes: Option<Spanned<Dec>>,
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
