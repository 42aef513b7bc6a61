//! Semantic checks: ids unique, references resolve, values in range. The result is a
//! [`Checked`] spec, the resolved view that linting and planning work from, or every
//! problem in the file at once.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::catalog::rate::Rate;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{
    Asset, CatalogId, Date, Duration, ModelDef, ModelKind, Sheet, ShotType, Spanned, Spec, Text,
    Tier,
};
use crate::suggest::did_you_mean;

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
    asset_index: [HashMap<&'a str, usize>; 3],
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

/// Checks a loaded spec against the catalog it names. Returns the resolved spec, or
/// every problem found.
pub fn check(spec: &Spec) -> Result<Checked<'_>, Vec<Diagnostic>> {
    let catalog_id = spec.catalog.as_ref().map(|c| c.value).unwrap_or_default();
    check_with(spec, catalog_id)
}

/// Checks a loaded spec against `catalog_id`, whatever the spec's own `catalog` says:
/// `shotlist plan --catalog` prices one spec under another catalog this way.
pub fn check_with(spec: &Spec, catalog_id: CatalogId) -> Result<Checked<'_>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let catalog = Catalog::builtin(catalog_id).map_err(|d| vec![d])?;

    if spec.version.value != 1 {
        problems.push(
            Diagnostic::error(
                CheckCode::UnsupportedVersion,
                format!("unsupported format version `{}`", spec.version.value),
            )
            .with_path("version")
            .with_label(spec.version.span, "this shotlist reads version 1")
            .with_help("set `version: 1`, or upgrade shotlist"),
        );
    }

    check_budget(spec, &mut problems);
    check_assumptions(spec, &mut problems);

    let (models, model_index) = resolve_models(spec, catalog, &mut problems);
    let segment_index = unique_ids(
        spec.segments.iter().map(|s| &s.id),
        "segment",
        "segments",
        &mut problems,
    );
    let asset_index = AssetKind::ALL.map(|kind| {
        unique_ids(
            kind.assets(spec).iter().map(|a| &a.id),
            kind.name(),
            kind.section(),
            &mut problems,
        )
    });
    unique_ids(
        spec.shots.iter().map(|s| &s.id),
        "shot",
        "shots",
        &mut problems,
    );

    for (index, segment) in spec.segments.iter().enumerate() {
        if segment.duration.value.is_zero() {
            problems.push(zero_duration(
                format!("segments[{index}].duration"),
                segment.duration.span,
                "segment",
                &segment.id.value,
            ));
        }
    }

    let routing = RoutingCheck::new(spec, catalog, &models, &model_index, &mut problems);
    let shot_resolution = resolve_shots(
        spec,
        &models,
        &model_index,
        &segment_index,
        &asset_index,
        &routing,
        &mut problems,
    );
    let sheet_models = AssetKind::ALL.map(|kind| {
        kind.assets(spec)
            .iter()
            .enumerate()
            .map(|(index, asset)| {
                let sheet = asset.sheet.as_ref()?;
                resolve_sheet(
                    &sheet.value,
                    &format!("{}[{index}].sheet", kind.section()),
                    &models,
                    &model_index,
                    &routing,
                    &mut problems,
                )
            })
            .collect::<Vec<_>>()
    });

    // Every path that leaves a shot or sheet unresolved reports why, except a catalog
    // whose default model is missing: that is shotlist's defect, said as such.
    let all_resolved = shot_resolution.iter().all(Option::is_some)
        && sheet_models
            .iter()
            .flatten()
            .all(|choice| !matches!(choice, Some(Err(()))));
    if problems.is_empty() && !all_resolved {
        problems.push(
            Diagnostic::error(
                CheckCode::CatalogDefect,
                format!(
                    "catalog `{}` names a default model it does not contain",
                    catalog_id.name()
                ),
            )
            .with_help(
                "name a model in `routing.video` and `routing.image`; please report this bug",
            ),
        );
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.primary_span().map(|s| s.offset));
        return Err(problems);
    }
    // Sized up front: these lists live as long as the run, and `unzip` would grow them
    // by doubling, keeping up to twice their size for a 10,000-shot spec.
    let mut shot_segments = Vec::with_capacity(shot_resolution.len());
    let mut shot_models = Vec::with_capacity(shot_resolution.len());
    for (segment, choice) in shot_resolution.into_iter().flatten() {
        shot_segments.push(segment);
        shot_models.push(choice);
    }
    let sheet_models = sheet_models.map(|sheets| {
        sheets
            .into_iter()
            .map(|choice| choice.and_then(Result::ok))
            .collect()
    });
    Ok(Checked {
        spec,
        catalog_id,
        catalog,
        models,
        model_index,
        segment_index,
        asset_index,
        shot_segments,
        shot_models,
        sheet_models,
    })
}

fn zero_duration(path: String, span: crate::source::Span, what: &str, id: &str) -> Diagnostic {
    Diagnostic::error(
        CheckCode::ZeroDuration,
        format!("{what} `{id}` lasts 0 seconds"),
    )
    .with_path(path)
    .with_label(span, "zero duration")
    .with_help(format!(
        "give the {what} a duration longer than 0s, or remove it"
    ))
}

fn check_budget(spec: &Spec, problems: &mut Vec<Diagnostic>) {
    let Some(budget) = &spec.budget else { return };
    if let Some(credits) = &budget.credits
        && credits.value.0.is_sign_negative()
    {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, "the credit cap is negative")
                .with_path("budget.credits")
                .with_label(credits.span, "negative")
                .with_help("set `budget.credits` to the credits you can spend, zero or more"),
        );
    }
    if let (Some(price), Some(plan)) = (&budget.price_per_credit, &budget.plan) {
        problems.push(
            Diagnostic::error(
                CheckCode::ConflictingPrices,
                "both `price_per_credit` and `plan` set the price per credit",
            )
            .with_path("budget.plan")
            .with_label(plan.span, "price per credit from the plan")
            .with_secondary(price.span, "price per credit given here")
            .with_help("keep one of them"),
        );
    }
    if let Some(price) = &budget.price_per_credit
        && price.value.0.is_sign_negative()
    {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, "the price per credit is negative")
                .with_path("budget.price_per_credit")
                .with_label(price.span, "negative")
                .with_help("a price per credit is zero or more"),
        );
    }
    if let Some(plan) = &budget.plan {
        if plan.value.credits.value.0 <= rust_decimal::Decimal::ZERO {
            problems.push(
                Diagnostic::error(
                    CheckCode::OutOfRange,
                    "a plan must include more than 0 credits",
                )
                .with_path("budget.plan.credits")
                .with_label(
                    plan.value.credits.span,
                    "price per credit is price ÷ credits",
                )
                .with_help("set `credits` to the credits the plan includes"),
            );
        }
        if plan.value.price.value.0.is_sign_negative() {
            problems.push(
                Diagnostic::error(CheckCode::OutOfRange, "the plan's price is negative")
                    .with_path("budget.plan.price")
                    .with_label(plan.value.price.span, "negative")
                    .with_help("a plan's price is zero or more"),
            );
        }
    }
    if let Some(currency) = &budget.currency {
        let code = currency.value.as_str();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            let help = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
                format!("write it in capitals: `{}`", code.to_ascii_uppercase())
            } else {
                "use a three-letter ISO 4217 code such as `USD`, `EUR` or `GBP`".to_owned()
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::InvalidCurrency,
                    format!("`{code}` is not a currency code"),
                )
                .with_path("budget.currency")
                .with_label(currency.span, "not an ISO 4217 code")
                .with_help(help),
            );
        }
    }
}

fn check_assumptions(spec: &Spec, problems: &mut Vec<Diagnostic>) {
    let assumptions = &spec.assumptions;
    if let (Some(takes), Some(yield_)) = (&assumptions.takes, &assumptions.yield_) {
        problems.push(
            Diagnostic::error(
                CheckCode::TakesAndYield,
                "both `takes` and `yield` are given",
            )
            .with_path("assumptions.yield")
            .with_label(yield_.span, "takes = 1 / yield")
            .with_secondary(takes.span, "takes given here")
            .with_help("`yield` is another way to write `takes`; keep one of them"),
        );
    }
    if let Some(yield_) = &assumptions.yield_ {
        let fraction = yield_.value.fraction();
        if fraction <= rust_decimal::Decimal::ZERO || fraction > rust_decimal::Decimal::ONE {
            let help = if fraction > rust_decimal::Decimal::ONE
                && fraction <= rust_decimal::Decimal::ONE_HUNDRED
            {
                format!("did you mean `{}%`?", fraction.normalize())
            } else {
                "a yield is a share of takes that are usable, such as `25%`".to_owned()
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::OutOfRange,
                    format!("yield `{}` is outside (0%, 100%]", yield_.value),
                )
                .with_path("assumptions.yield")
                .with_label(yield_.span, "must be above 0% and at most 100%")
                .with_help(help),
            );
        }
    }
    for (name, takes) in [
        ("takes", &assumptions.takes),
        ("takes_worst", &assumptions.takes_worst),
    ] {
        if let Some(takes) = takes {
            check_takes(takes, &format!("assumptions.{name}"), problems);
        }
    }
    for (name, count) in [
        ("grid_options", &assumptions.grid_options),
        ("lock_rounds", &assumptions.lock_rounds),
    ] {
        if let Some(count) = count {
            check_count(count, &format!("assumptions.{name}"), problems);
        }
    }
}

/// The most takes a shot may plan. Real shots take a handful, a hard one a few dozen;
/// a thousand is a slipped digit, and a cap keeps the plan's figures readable.
pub const MAX_TAKES: u32 = 1_000;
/// The most images in a grid, or grids to lock a sheet.
pub const MAX_GRID_COUNT: u32 = 1_000;

fn check_takes(takes: &Spanned<crate::spec::Dec>, path: &str, problems: &mut Vec<Diagnostic>) {
    if takes.value.0 > rust_decimal::Decimal::from(MAX_TAKES) {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("takes `{}` is above {MAX_TAKES}", takes.value.0.normalize()),
            )
            .with_path(path)
            .with_label(takes.span, "more generations than any shot needs")
            .with_help(format!(
                "plan at most {MAX_TAKES} takes; a shot that needs more should be split or rethought"
            )),
        );
    }
    if takes.value.0 < rust_decimal::Decimal::ONE {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("takes `{}` is below 1", takes.value.0),
            )
            .with_path(path)
            .with_label(takes.span, "fewer than one generation")
            .with_help("every usable shot needs at least one generation; takes are 1 or more"),
        );
    }
}

fn check_count(count: &Spanned<u32>, path: &str, problems: &mut Vec<Diagnostic>) {
    if count.value > MAX_GRID_COUNT {
        problems.push(
            Diagnostic::error(
                CheckCode::OutOfRange,
                format!("`{path}` is {}, above {MAX_GRID_COUNT}", count.value),
            )
            .with_path(path)
            .with_label(count.span, format!("at most {MAX_GRID_COUNT}"))
            .with_help(
                "a reference grid holds a handful of images, and a sheet locks in a few rounds",
            ),
        );
    }
    if count.value == 0 {
        problems.push(
            Diagnostic::error(CheckCode::OutOfRange, format!("`{path}` is 0"))
                .with_path(path)
                .with_label(count.span, "must be 1 or more")
                .with_help("a grid needs at least one image and a sheet at least one round"),
        );
    }
}

fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<Text>>,
    what: &str,
    section: &str,
    problems: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, usize> {
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut first_spans = Vec::new();
    for (position, id) in ids.enumerate() {
        first_spans.push(id.span);
        if id.value.is_empty() {
            problems.push(
                Diagnostic::error(CheckCode::InvalidValue, format!("a {what} has an empty id"))
                    .with_path(format!("{section}[{position}].id"))
                    .with_label(id.span, "empty id")
                    .with_help("give it a short kebab-case id"),
            );
            continue;
        }
        if let Some(&first) = index.get(id.value.as_str()) {
            problems.push(
                Diagnostic::error(
                    CheckCode::DuplicateId,
                    format!("duplicate {what} id `{}`", id.value),
                )
                .with_path(format!("{section}[{position}].id"))
                .with_label(id.span, "used again here")
                .with_secondary(first_spans[first], "first used here")
                .with_help(format!("{what} ids must be unique; rename one of them")),
            );
        } else {
            index.insert(id.value.as_str(), position);
        }
    }
    index
}

fn resolve_models<'a>(
    spec: &'a Spec,
    catalog: &'static Catalog,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Model<'a>>, HashMap<&'a str, usize>) {
    let mut models = Vec::with_capacity(catalog.models.len().saturating_add(spec.models.len()));
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let entries = catalog
        .models
        .iter()
        .map(|(id, def)| (id, def, false))
        .chain(spec.models.iter().map(|(id, def)| (id, def, true)));
    for (id, def, from_spec) in entries {
        let path = format!("models.{}", id.value);
        let Some(model) = check_model(&id.value, def, from_spec, &path, problems) else {
            continue;
        };
        // A spec entry replaces the catalog entry of the same id.
        match index.get(id.value.as_str()) {
            Some(&existing) => models[existing] = model,
            None => {
                index.insert(id.value.as_str(), models.len());
                models.push(model);
            }
        }
    }
    (models, index)
}

fn check_model<'a>(
    id: &'a str,
    def: &'a Spanned<ModelDef>,
    from_spec: bool,
    path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Model<'a>> {
    let before = problems.len();
    let kind = def.kind.value;
    if def.rates.is_empty() {
        problems.push(
            Diagnostic::error(
                CheckCode::MalformedRate,
                format!("model `{id}` has no rates"),
            )
            .with_path(format!("{path}.rates"))
            .with_label(def.span, "no rates")
            .with_help("add at least one rate, e.g. `rates: {720p: {credits: 1, per: 1s}}`"),
        );
    }
    let convert = |entries: &'a crate::spec::OrderedMap<Spanned<crate::spec::RateDef>>,
                   section: &str,
                   problems: &mut Vec<Diagnostic>| {
        let mut rates = Vec::with_capacity(entries.len());
        for (name, rate_def) in entries.iter() {
            let rate_path = format!("{path}.{section}.{}", name.value);
            match Rate::from_def(&rate_def.value, &rate_path, rate_def.span) {
                Ok(rate) => {
                    let wrong_form = match kind {
                        ModelKind::Image => !rate.is_image(),
                        ModelKind::Video => rate.is_image(),
                    };
                    if wrong_form {
                        let help = match kind {
                            ModelKind::Image => "image models are priced `{credits, per: image}`",
                            ModelKind::Video => {
                                "video models are priced by time (`per: 1s`) or by clip (`buckets`)"
                            }
                        };
                        problems.push(
                            Diagnostic::error(
                                CheckCode::MalformedRate,
                                format!(
                                    "{} model `{id}` has a rate of the wrong form",
                                    kind.name()
                                ),
                            )
                            .with_path(rate_path)
                            .with_label(rate_def.span, "wrong form for this model kind")
                            .with_help(help),
                        );
                    } else {
                        rates.push((name.value.as_str(), rate));
                    }
                }
                Err(mut rate_problems) => problems.append(&mut rate_problems),
            }
        }
        rates
    };
    let rates = convert(&def.rates, "rates", problems);
    let addons = convert(&def.addons, "addons", problems);
    if let (Some(min), Some(max)) = (&def.min_clip, &def.max_clip)
        && min.value > max.value
    {
        problems.push(
            Diagnostic::error(
                CheckCode::ClipBounds,
                format!(
                    "model `{id}` has `min_clip` {} longer than `max_clip` {}",
                    min.value, max.value
                ),
            )
            .with_path(format!("{path}.min_clip"))
            .with_label(min.span, "shortest billed clip")
            .with_secondary(max.span, "longest clip")
            .with_help("`min_clip` must not exceed `max_clip`"),
        );
    }
    if let Some(max) = &def.max_clip
        && max.value.is_zero()
    {
        problems.push(
            Diagnostic::error(
                CheckCode::ClipBounds,
                format!("model `{id}` has `max_clip` 0s"),
            )
            .with_path(format!("{path}.max_clip"))
            .with_label(max.span, "no clip fits")
            .with_help("set the longest clip the model makes, or remove `max_clip`"),
        );
    }
    if problems.len() != before {
        return None;
    }
    Some(Model {
        id,
        def: &def.value,
        from_spec,
        kind,
        tier: def.tier.as_ref().map_or(Tier::Standard, |t| t.value),
        rates,
        addons,
        max_clip: def.max_clip.as_ref().map(|d| d.value),
        min_clip: def.min_clip.as_ref().map(|d| d.value),
        references: def.references.as_ref().is_some_and(|r| r.value),
        retired: def.retired.as_ref().map(|d| d.value),
    })
}

/// Routing entries checked once, so that a bad `routing.video` is reported once rather
/// than on every shot that falls back to it.
struct RoutingCheck {
    video: Option<Result<usize, ()>>,
    image: Option<Result<usize, ()>>,
    by_type: HashMap<ShotType, Result<usize, ()>>,
    default_video: Option<usize>,
    default_image: Option<usize>,
}

impl RoutingCheck {
    fn new(
        spec: &Spec,
        catalog: &Catalog,
        models: &[Model<'_>],
        index: &HashMap<&str, usize>,
        problems: &mut Vec<Diagnostic>,
    ) -> Self {
        let routing = &spec.routing;
        let mut lookup = |id: &Spanned<Text>, kind: ModelKind, path: &str| {
            lookup_model(id, kind, path, models, index, problems)
        };
        let video = routing
            .video
            .as_ref()
            .map(|id| lookup(id, ModelKind::Video, "routing.video"));
        let image = routing
            .image
            .as_ref()
            .map(|id| lookup(id, ModelKind::Image, "routing.image"));
        let by_type = routing
            .by_type
            .iter()
            .map(|(shot_type, id)| {
                let path = format!("routing.by_type.{}", shot_type.name());
                (*shot_type, lookup(id, ModelKind::Video, &path))
            })
            .collect();
        Self {
            video,
            image,
            by_type,
            default_video: index.get(catalog.catalog.default_video.as_str()).copied(),
            default_image: index.get(catalog.catalog.default_image.as_str()).copied(),
        }
    }
}

/// Looks a model id up, reporting an unknown id or a model of the wrong kind.
fn lookup_model(
    id: &Spanned<Text>,
    kind: ModelKind,
    path: &str,
    models: &[Model<'_>],
    index: &HashMap<&str, usize>,
    problems: &mut Vec<Diagnostic>,
) -> Result<usize, ()> {
    match index.get(id.value.as_str()) {
        Some(&found) if models[found].kind == kind => Ok(found),
        Some(&found) => {
            problems.push(
                Diagnostic::error(
                    CheckCode::WrongModelKind,
                    format!(
                        "`{}` is {} model; {} model is needed here",
                        id.value,
                        models[found].kind.article(),
                        kind.article()
                    ),
                )
                .with_path(path)
                .with_label(id.span, format!("{} model", models[found].kind.name()))
                .with_help(match kind {
                    ModelKind::Video => {
                        "shots are generated with video models; sheets with image models"
                    }
                    ModelKind::Image => "reference sheets are generated with image models",
                }),
            );
            Err(())
        }
        None => {
            let candidates = models.iter().filter(|m| m.kind == kind).map(|m| &m.id);
            let help = match suggest(&id.value, candidates, problems) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "declare it under `models:`, or run `shotlist models` to list the {} models of the catalog",
                    kind.name()
                ),
            };
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownModel,
                    format!("unknown model `{}`", id.value),
                )
                .with_path(path)
                .with_label(id.span, "not in the catalog or `models:`")
                .with_help(help),
            );
            Err(())
        }
    }
}

type ShotResolution<'a> = Option<(usize, ModelChoice<'a>)>;

/// Problems after which unknown ids get no "did you mean" hint.
const MAX_ID_SUGGESTIONS: usize = 100;

/// The known id closest to an unknown one, while the spec has had fewer than
/// [`MAX_ID_SUGGESTIONS`] problems. Each hint compares the id with every id of its kind,
/// so hints for every shot of a spec whose segment ids all changed would take time
/// quadratic in its size (minutes at 100,000 shots); the first ones carry the hint
/// that matters.
fn suggest<'c>(
    unknown: &str,
    known: impl IntoIterator<Item = &'c &'c str>,
    problems: &[Diagnostic],
) -> Option<&'c str> {
    if problems.len() >= MAX_ID_SUGGESTIONS {
        return None;
    }
    did_you_mean(unknown, known.into_iter().copied())
}

fn resolve_shots<'a>(
    spec: &'a Spec,
    models: &[Model<'a>],
    model_index: &HashMap<&'a str, usize>,
    segment_index: &HashMap<&'a str, usize>,
    asset_index: &[HashMap<&'a str, usize>; 3],
    routing: &RoutingCheck,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ShotResolution<'a>> {
    spec.shots
        .iter()
        .enumerate()
        .map(|(position, shot)| {
            let path = format!("shots[{position}]");
            let before = problems.len();
            let segment = segment_index.get(shot.segment.value.as_str()).copied();
            if segment.is_none() {
                let help = match suggest(&shot.segment.value, segment_index.keys(), problems) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "add the segment under `segments:`, or fix the id".to_owned(),
                };
                problems.push(
                    Diagnostic::error(
                        CheckCode::UnknownSegment,
                        format!(
                            "shot `{}` names unknown segment `{}`",
                            shot.id.value, shot.segment.value
                        ),
                    )
                    .with_path(format!("{path}.segment"))
                    .with_label(shot.segment.span, "no segment with this id")
                    .with_help(help),
                );
            }
            if shot.duration.value.is_zero() {
                problems.push(zero_duration(
                    format!("{path}.duration"),
                    shot.duration.span,
                    "shot",
                    &shot.id.value,
                ));
            }
            if let Some(takes) = &shot.takes {
                check_takes(takes, &format!("{path}.takes"), problems);
            }
            let references = shot
                .characters
                .iter()
                .map(|id| (AssetKind::Character, id, "characters"))
                .chain(shot.props.iter().map(|id| (AssetKind::Prop, id, "props")))
                .chain(
                    shot.location
                        .iter()
                        .map(|id| (AssetKind::Location, id, "location")),
                );
            for (kind, id, key) in references {
                if !asset_index[kind as usize].contains_key(id.value.as_str()) {
                    let help = match suggest(&id.value, asset_index[kind as usize].keys(), problems)
                    {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("declare it under `{}:`", kind.section()),
                    };
                    problems.push(
                        Diagnostic::error(
                            CheckCode::UnknownAsset,
                            format!(
                                "shot `{}` names unknown {} `{}`",
                                shot.id.value,
                                kind.name(),
                                id.value
                            ),
                        )
                        .with_path(format!("{path}.{key}"))
                        .with_label(id.span, format!("no {} with this id", kind.name()))
                        .with_help(help),
                    );
                }
            }

            let (model, origin) = if let Some(own) = &shot.model {
                (
                    lookup_model(
                        own,
                        ModelKind::Video,
                        &format!("{path}.model"),
                        models,
                        model_index,
                        problems,
                    ),
                    ModelOrigin::Own,
                )
            } else if let Some(by_type) = routing.by_type.get(&shot.shot_type.value) {
                (*by_type, ModelOrigin::ByType(shot.shot_type.value))
            } else if let Some(video) = routing.video {
                (video, ModelOrigin::Routing)
            } else {
                (routing.default_video.ok_or(()), ModelOrigin::CatalogDefault)
            };
            let choice = model.ok().and_then(|model| {
                check_shot_model(spec, position, &models[model], origin, problems).map(
                    |resolution| ModelChoice {
                        model,
                        origin,
                        resolution,
                    },
                )
            });
            let resolved = problems.len() == before;
            match (segment, choice) {
                (Some(segment), Some(choice)) if resolved => Some((segment, choice)),
                _ => None,
            }
        })
        .collect()
}

fn origin_note(
    spec: &Spec,
    origin: ModelOrigin,
    model: &str,
) -> Option<(crate::source::Span, String)> {
    match origin {
        ModelOrigin::Own | ModelOrigin::CatalogDefault => None,
        ModelOrigin::ByType(shot_type) => spec.routing.by_type.get(&shot_type).map(|id| {
            (
                id.span,
                format!("`{model}` routed here for {} shots", shot_type.name()),
            )
        }),
        ModelOrigin::Routing => spec
            .routing
            .video
            .as_ref()
            .map(|id| (id.span, format!("`{model}` is the default video model"))),
    }
}

/// Checks a shot's resolution, audio and addons against its model; returns the
/// resolution key.
fn check_shot_model<'a>(
    spec: &'a Spec,
    position: usize,
    model: &Model<'a>,
    origin: ModelOrigin,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
    let shot = &spec.shots[position].value;
    let path = format!("shots[{position}]");
    let note = origin_note(spec, origin, model.id);
    let with_note = |diagnostic: Diagnostic| match &note {
        Some((span, text)) => diagnostic.with_secondary(*span, text.clone()),
        None => diagnostic,
    };
    let resolution = match &shot.resolution {
        Some(resolution) => {
            if model.rate(&resolution.value).is_none() {
                let keys = model.rates.iter().map(|(name, _)| *name);
                let help = match did_you_mean(&resolution.value, keys.clone()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "`{}` has rates for {}",
                        model.id,
                        keys.map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(with_note(
                    Diagnostic::error(
                        CheckCode::UnknownResolution,
                        format!("model `{}` has no `{}` rate", model.id, resolution.value),
                    )
                    .with_path(format!("{path}.resolution"))
                    .with_label(resolution.span, "resolution not offered")
                    .with_help(help),
                ));
                None
            } else {
                Some(resolution.value.as_str())
            }
        }
        None => model.default_resolution(),
    };
    if let Some(audio) = &shot.audio
        && audio.value
        && !model.makes_sound()
    {
        problems.push(with_note(
            Diagnostic::error(
                CheckCode::NoAudio,
                format!("model `{}` cannot make sound", model.id),
            )
            .with_path(format!("{path}.audio"))
            .with_label(audio.span, "sound requested")
            .with_help(
                "route this shot to a model with an `audio` addon, or add sound in the edit",
            ),
        ));
    }
    for (index, addon) in shot.addons.iter().enumerate() {
        if addon.value == "audio" {
            problems.push(
                Diagnostic::error(
                    CheckCode::UnknownAddon,
                    "sound is requested with `audio: true`, not as an addon",
                )
                .with_path(format!("{path}.addons[{index}]"))
                .with_label(addon.span, "write `audio: true` instead")
                .with_help("remove `audio` from `addons` and set `audio: true` on the shot"),
            );
        } else if model.addon(&addon.value).is_none() {
            let names = model
                .addons
                .iter()
                .map(|(name, _)| *name)
                .filter(|n| *n != "audio");
            let help = match did_you_mean(&addon.value, names.clone()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    let offered: Vec<_> = names.map(|n| format!("`{n}`")).collect();
                    if offered.is_empty() {
                        format!("`{}` offers no addons", model.id)
                    } else {
                        format!("`{}` offers {}", model.id, offered.join(", "))
                    }
                }
            };
            problems.push(with_note(
                Diagnostic::error(
                    CheckCode::UnknownAddon,
                    format!("model `{}` has no `{}` addon", model.id, addon.value),
                )
                .with_path(format!("{path}.addons[{index}]"))
                .with_label(addon.span, "addon not offered")
                .with_help(help),
            ));
        }
    }
    resolution
}

fn resolve_sheet<'a>(
    sheet: &'a Sheet,
    path: &str,
    models: &[Model<'a>],
    model_index: &HashMap<&'a str, usize>,
    routing: &RoutingCheck,
    problems: &mut Vec<Diagnostic>,
) -> Option<Result<ModelChoice<'a>, ()>> {
    for (name, count) in [("options", &sheet.options), ("rounds", &sheet.rounds)] {
        if let Some(count) = count {
            check_count(count, &format!("{path}.{name}"), problems);
        }
    }
    let (model, origin) = match &sheet.model {
        Some(own) => (
            lookup_model(
                own,
                ModelKind::Image,
                &format!("{path}.model"),
                models,
                model_index,
                problems,
            ),
            ModelOrigin::Own,
        ),
        None => match routing.image {
            Some(image) => (image, ModelOrigin::Routing),
            None => (routing.default_image.ok_or(()), ModelOrigin::CatalogDefault),
        },
    };
    Some(model.map(|model| ModelChoice {
        model,
        origin,
        resolution: models[model].default_resolution().unwrap_or_default(),
    }))
}
