//! The resolved spec that linting and planning work from, and the model view they share.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::spec::{
    Asset, CatalogId, Date, Duration, ModelDef, ModelKind, ShotType, Spanned, Spec, Tier,
};

/// A model as the planner and linter see it: catalog or spec entry, rates checked.
#[derive(Debug)]
pub struct Model<'a> {
    pub id: &'a str,
    pub def: &'a ModelDef,
    /// Declared in the spec's `models:` (rather than the built-in catalog).
    pub from_spec: bool,
    pub kind: ModelKind,
    pub tier: Tier,
    /// Rates by resolution, in the order written: the first is the default.
    pub rates: Vec<(&'a str, Rate)>,
    pub addons: Vec<(&'a str, Rate)>,
    pub max_clip: Option<Duration>,
    pub min_clip: Option<Duration>,
    pub references: bool,
    pub retired: Option<Date>,
}

impl<'a> Model<'a> {
    pub fn rate(&self, resolution: &str) -> Option<&Rate> {
        self.rates
            .iter()
            .find(|(name, _)| *name == resolution)
            .map(|(_, rate)| rate)
    }

    pub fn addon(&self, name: &str) -> Option<&Rate> {
        self.addons
            .iter()
            .find(|(addon, _)| *addon == name)
            .map(|(_, rate)| rate)
    }

    pub fn default_resolution(&self) -> Option<&'a str> {
        self.rates.first().map(|(name, _)| *name)
    }

    pub fn makes_sound(&self) -> bool {
        self.addon("audio").is_some()
    }

    pub fn is_retired_on(&self, today: jiff::civil::Date) -> bool {
        self.retired.is_some_and(|retired| retired.0 <= today)
    }
}

/// Where a shot's or sheet's model came from, for labels that explain the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelOrigin {
    /// The shot or sheet names it.
    Own,
    /// `routing.by_type.<type>`.
    ByType(ShotType),
    /// `routing.video` or `routing.image`.
    Routing,
    /// The catalog's default.
    CatalogDefault,
}

/// The model chosen for one shot or sheet.
#[derive(Debug, Clone, Copy)]
pub struct ModelChoice<'a> {
    /// Index into [`Checked::models`].
    pub model: usize,
    pub origin: ModelOrigin,
    /// Resolution key, for video shots.
    pub resolution: &'a str,
}

/// The asset kinds, for messages and lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssetKind {
    Character,
    Location,
    Prop,
}

impl AssetKind {
    pub const ALL: [AssetKind; 3] = [AssetKind::Character, AssetKind::Location, AssetKind::Prop];

    pub fn name(self) -> &'static str {
        match self {
            AssetKind::Character => "character",
            AssetKind::Location => "location",
            AssetKind::Prop => "prop",
        }
    }

    pub fn section(self) -> &'static str {
        match self {
            AssetKind::Character => "characters",
            AssetKind::Location => "locations",
            AssetKind::Prop => "props",
        }
    }

    pub fn assets(self, spec: &Spec) -> &[Spanned<Asset>] {
        match self {
            AssetKind::Character => &spec.characters,
            AssetKind::Location => &spec.locations,
            AssetKind::Prop => &spec.props,
        }
    }
}

/// A spec that passed every check, with its references resolved.
#[derive(Debug)]
pub struct Checked<'a> {
    pub spec: &'a Spec,
    pub catalog_id: CatalogId,
    pub catalog: &'static Catalog,
    pub models: Vec<Model<'a>>,
    pub model_index: HashMap<&'a str, usize>,
    pub segment_index: HashMap<&'a str, usize>,
    pub(super) asset_index: [HashMap<&'a str, usize>; 3],
    /// Index of each shot's segment in `spec.segments`, parallel to `spec.shots`.
    pub shot_segments: Vec<usize>,
    /// The model for each shot, parallel to `spec.shots`.
    pub shot_models: Vec<ModelChoice<'a>>,
    /// The image model for each asset's sheet, parallel to the asset lists; `None` for an
    /// asset without a sheet.
    pub sheet_models: [Vec<Option<ModelChoice<'a>>>; 3],
}

impl<'a> Checked<'a> {
    pub fn model(&self, index: usize) -> &Model<'a> {
        &self.models[index]
    }

    pub fn find_model(&self, id: &str) -> Option<&Model<'a>> {
        self.model_index.get(id).map(|&index| &self.models[index])
    }

    pub fn asset(&self, kind: AssetKind, id: &str) -> Option<(usize, &'a Spanned<Asset>)> {
        let index = *self.asset_index[kind as usize].get(id)?;
        Some((index, &kind.assets(self.spec)[index]))
    }

    pub fn sheet_model(&self, kind: AssetKind, index: usize) -> Option<&ModelChoice<'a>> {
        self.sheet_models[kind as usize]
            .get(index)
            .and_then(Option::as_ref)
    }

    /// The shot types where a premium model is expected.
    pub fn premium_types(&self) -> Vec<ShotType> {
        match &self.spec.routing.premium_for {
            Some(types) => types.iter().map(|t| t.value).collect(),
            None => vec![ShotType::Hero, ShotType::Dialogue, ShotType::CloseUp],
        }
    }
}
