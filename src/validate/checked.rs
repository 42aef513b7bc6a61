//! The resolved spec that linting and planning work from, and the model view they share.

use super::IdMap;

use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::spec::{Asset, Date, Duration, ModelDef, ModelKind, ShotType, Spanned, Spec, Tier};

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

/// A model of one [`Checked`] spec. Only checking makes one, so that a choice names a
/// model its spec has; [`Checked::model`] still answers `None` for one of another spec.
/// Four bytes rather than a `usize`: a choice is kept for every shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelId(u32);

impl ModelId {
    /// The id of the model at `position` in [`Checked::models`]; `None` past `u32::MAX`.
    pub(super) fn at(position: usize) -> Option<Self> {
        u32::try_from(position).ok().map(Self)
    }

    pub(super) fn position(self) -> usize {
        // A u32 always fits the usize of the platforms shotlist builds for.
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

/// The model chosen for one shot or sheet.
#[derive(Debug, Clone, Copy)]
pub struct ModelChoice<'a> {
    pub model: ModelId,
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

/// A spec that passed every check, with its references resolved. Its fields are
/// private so that every index in it is one checking made: a `ModelChoice` always names
/// one of `models`, and the lists parallel to the spec's are as long as its lists.
#[derive(Debug)]
pub struct Checked<'a> {
    pub(super) spec: &'a Spec,
    pub(super) catalog: &'a Catalog,
    pub(super) models: Vec<Model<'a>>,
    pub(super) model_index: IdMap<&'a str, ModelId>,
    pub(super) asset_index: [IdMap<&'a str, usize>; 3],
    /// Index of each shot's segment in `spec.segments`, parallel to `spec.shots`.
    pub(super) shot_segments: Vec<usize>,
    /// The model for each shot, parallel to `spec.shots`.
    pub(super) shot_models: Vec<ModelChoice<'a>>,
    /// The image model for each asset's sheet, parallel to the asset lists; `None` for an
    /// asset without a sheet.
    pub(super) sheet_models: [Vec<Option<ModelChoice<'a>>>; 3],
}

impl<'a> Checked<'a> {
    pub fn spec(&self) -> &'a Spec {
        self.spec
    }

    /// The catalog the spec was checked against, which may not be the one it names.
    pub fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    /// Every model, the catalog's then the spec's additions, in the order listed.
    pub fn models(&self) -> impl Iterator<Item = (ModelId, &Model<'a>)> {
        // Checking keeps no model past `u32::MAX`, so the zip drops none.
        (0..=u32::MAX).map(ModelId).zip(&self.models)
    }

    /// `None` only for an id of another spec.
    pub fn model(&self, id: ModelId) -> Option<&Model<'a>> {
        self.models.get(id.position())
    }

    /// The id of the model named `id`, for a choice made outside checking (a ledger
    /// row's model).
    pub fn model_id(&self, id: &str) -> Option<ModelId> {
        self.model_index.get(id).copied()
    }

    pub fn find_model(&self, id: &str) -> Option<&Model<'a>> {
        self.model_index.get(id).and_then(|&id| self.model(id))
    }

    /// Index of each shot's segment in `spec.segments`, parallel to `spec.shots`.
    pub fn shot_segments(&self) -> &[usize] {
        &self.shot_segments
    }

    /// The model for each shot, parallel to `spec.shots`.
    pub fn shot_models(&self) -> &[ModelChoice<'a>] {
        &self.shot_models
    }

    /// The image model for each asset's sheet, parallel to the asset lists; `None` for
    /// an asset without a sheet.
    pub fn sheet_models(&self) -> &[Vec<Option<ModelChoice<'a>>>; 3] {
        &self.sheet_models
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
