//! What rules see: the checked spec plus facts several rules need (shots per segment,
//! asset uses, needed seconds, the cost of a take), computed once per lint run.

use std::cell::Cell;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::spec::{Duration, Shot, ShotStatus, Span, Spanned, Spec};
use crate::validate::{AssetKind, Checked, Model, ModelOrigin};

pub struct Context<'c, 'a> {
    pub checked: &'c Checked<'a>,
    pub spec: &'a Spec,
    /// The date retirements are measured against.
    pub today: jiff::civil::Date,
    /// Indices of each segment's shots, parallel to `spec.segments`.
    pub segment_shots: Vec<Vec<usize>>,
    /// Extra seconds generated per take (`assumptions.handles`).
    pub handles: Decimal,
    /// Expected generations per usable shot (`assumptions.takes`, or `1 / yield`, or 3).
    pub assumed_takes: Decimal,
    /// Per asset kind, per asset, the shots that use it and the span of each use.
    uses: [Vec<Vec<(usize, Span)>>; 3],
    /// Model evaluations [`Context::cheapest_fit`] may still make in this lint run.
    fit_evaluations_left: Cell<usize>,
}

/// Model evaluations all `cheapest_fit` searches of one lint run may make. A search
/// weighs every model against one shot, so a spec with thousands of models and of
/// flagged shots would take time quadratic in its size; past this budget, findings keep
/// their generic help instead of naming a model. With the built-in catalog's few dozen
/// models it allows some 60,000 searches.
const MAX_FIT_EVALUATIONS: usize = 2_000_000;

/// The default of `assumptions.takes` (FORMAT.md).
const DEFAULT_TAKES: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// The defaults of `assumptions.grid_options` and `assumptions.lock_rounds`.
const DEFAULT_GRID_OPTIONS: u32 = 4;
const DEFAULT_LOCK_ROUNDS: u32 = 5;

impl<'c, 'a> Context<'c, 'a> {
    pub fn new(checked: &'c Checked<'a>, today: jiff::civil::Date) -> Self {
        let spec = checked.spec;
        let mut segment_shots = vec![Vec::new(); spec.segments.len()];
        for (shot, &segment) in checked.shot_segments.iter().enumerate() {
            if let Some(shots) = segment_shots.get_mut(segment) {
                shots.push(shot);
            }
        }
        let mut uses = AssetKind::ALL.map(|kind| vec![Vec::new(); kind.assets(spec).len()]);
        for (index, shot) in spec.shots.iter().enumerate() {
            for (kind, id) in asset_references(shot) {
                if let Some((asset, _)) = checked.asset(kind, &id.value) {
                    uses[kind as usize][asset].push((index, id.span));
                }
            }
        }
        let assumptions = &spec.assumptions;
        let assumed_takes = match (&assumptions.takes, &assumptions.yield_) {
            (Some(takes), _) => takes.value.0,
            (None, Some(yield_)) => Decimal::ONE
                .checked_div(yield_.value.fraction())
                .unwrap_or(DEFAULT_TAKES),
            (None, None) => DEFAULT_TAKES,
        };
        Self {
            checked,
            spec,
            today,
            segment_shots,
            handles: assumptions
                .handles
                .as_ref()
                .map_or(Decimal::ZERO, |h| h.value.seconds()),
            assumed_takes,
            uses,
            fit_evaluations_left: Cell::new(MAX_FIT_EVALUATIONS),
        }
    }

    pub fn shot(&self, index: usize) -> &'a Spanned<Shot> {
        &self.spec.shots[index]
    }

    pub fn is_planned(&self, index: usize) -> bool {
        self.shot(index).status() == ShotStatus::Planned
    }

    /// The model chosen for a shot.
    pub fn shot_model(&self, index: usize) -> &Model<'a> {
        self.checked.model(self.checked.shot_models[index].model)
    }

    /// Seconds one take must generate before the model's minimum: duration + handles.
    pub fn generated_seconds(&self, index: usize) -> Decimal {
        // Saturating: durations are user input, and an absurd one must not panic.
        self.shot(index)
            .duration
            .value
            .seconds()
            .saturating_add(self.handles)
    }

    /// Seconds one take is billed for on `model`: generated seconds, raised to its
    /// `min_clip`.
    pub fn needed_seconds(&self, index: usize, model: &Model) -> Decimal {
        let generated = self.generated_seconds(index);
        match model.min_clip {
            Some(min) if min.seconds() > generated => min.seconds(),
            _ => generated,
        }
    }

    /// Credits for one take of shot `index` on `model` at `resolution`, with its audio
    /// and addons; `None` when the model cannot price it.
    pub fn take_credits(&self, index: usize, model: &Model, resolution: &str) -> Option<Decimal> {
        let shot = self.shot(index);
        let needed = self.needed_seconds(index, model);
        let mut rates = vec![model.rate(resolution)?];
        if shot.wants_audio() {
            rates.push(model.addon("audio")?);
        }
        for addon in &shot.addons {
            rates.push(model.addon(&addon.value)?);
        }
        rates.into_iter().try_fold(Decimal::ZERO, |total, rate| {
            let credits = rate.bill(needed).ok()?.credits()?;
            total.checked_add(credits)
        })
    }

    /// Credits for one take of shot `index` on its own model.
    pub fn current_take_credits(&self, index: usize) -> Option<Decimal> {
        let choice = &self.checked.shot_models[index];
        self.take_credits(index, self.checked.model(choice.model), choice.resolution)
    }

    /// The longest clip `model` can make at `resolution`: the lesser of `max_clip` and
    /// its largest bucket.
    pub fn longest_clip(&self, model: &Model, resolution: &str) -> Option<Decimal> {
        let by_clip = model.max_clip.map(Duration::seconds);
        let by_bucket = model.rate(resolution).and_then(|rate| rate.longest_clip());
        match (by_clip, by_bucket) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether `model` can make shot `index` as written: a video model that is not
    /// retired, with the shot's resolution, its sound, addons and cuts, references when
    /// the shot has characters, and a clip long enough.
    pub fn fits(&self, index: usize, model: &Model) -> bool {
        let shot = self.shot(index);
        let resolution = self.checked.shot_models[index].resolution;
        model.kind == crate::spec::ModelKind::Video
            && !model.is_retired_on(self.today)
            && model.rate(resolution).is_some()
            && (!shot.wants_audio() || model.makes_sound())
            && shot.addons.iter().all(|a| model.addon(&a.value).is_some())
            && (shot.characters.is_empty() || model.references)
            && (shot.cuts() == 0
                || model
                    .def
                    .max_cuts
                    .as_ref()
                    .is_some_and(|max| max.value >= shot.cuts()))
            && self
                .longest_clip(model, resolution)
                .is_none_or(|longest| longest >= self.generated_seconds(index))
    }

    /// The cheapest model other than the shot's own that fits it and passes `filter`,
    /// with its credits per take. Ties go to the model listed first. `None` also once
    /// the run's search budget is spent (`MAX_FIT_EVALUATIONS`).
    pub fn cheapest_fit(
        &self,
        index: usize,
        filter: impl Fn(&Model) -> bool,
    ) -> Option<(&Model<'a>, Decimal)> {
        let left = self
            .fit_evaluations_left
            .get()
            .checked_sub(self.checked.models.len())?;
        self.fit_evaluations_left.set(left);
        let own = self.checked.shot_models[index].model;
        let resolution = self.checked.shot_models[index].resolution;
        self.checked
            .models
            .iter()
            .enumerate()
            .filter(|&(position, model)| {
                position != own && filter(model) && self.fits(index, model)
            })
            .filter_map(|(_, model)| {
                self.take_credits(index, model, resolution)
                    .map(|credits| (model, credits))
            })
            .fold(
                None,
                |best: Option<(&Model<'a>, Decimal)>, candidate| match best {
                    Some(best) if best.1 <= candidate.1 => Some(best),
                    _ => Some(candidate),
                },
            )
    }

    /// Labels a diagnostic about shot `index`'s model: on the shot's `model:` when it
    /// names one, else on the shot id, with a secondary label on the routing entry that
    /// chose the model. Sets the path to the labelled value.
    pub fn label_model(&self, index: usize, diagnostic: Diagnostic, text: &str) -> Diagnostic {
        let shot = self.shot(index);
        let choice = &self.checked.shot_models[index];
        let model = self.checked.model(choice.model).id;
        let path = format!("shots[{index}]");
        if let (ModelOrigin::Own, Some(own)) = (choice.origin, &shot.model) {
            return diagnostic
                .with_path(format!("{path}.model"))
                .with_label(own.span, text);
        }
        let diagnostic = diagnostic
            .with_path(path)
            .with_label(shot.id.span, format!("{text} (`{model}`)"));
        match choice.origin {
            ModelOrigin::ByType(shot_type) => match self.spec.routing.by_type.get(&shot_type) {
                Some(entry) => diagnostic.with_secondary(
                    entry.span,
                    format!("routed here for {} shots", shot_type.name()),
                ),
                None => diagnostic,
            },
            ModelOrigin::Routing => match &self.spec.routing.video {
                Some(entry) => diagnostic.with_secondary(entry.span, "the default video model"),
                None => diagnostic,
            },
            ModelOrigin::Own | ModelOrigin::CatalogDefault => diagnostic,
        }
    }

    /// The shots that use asset `index` of `kind`, with the span of each use.
    pub fn uses(&self, kind: AssetKind, index: usize) -> &[(usize, Span)] {
        self.uses[kind as usize]
            .get(index)
            .map_or(&[], Vec::as_slice)
    }

    /// Images per grid of a sheet: its `options`, else `assumptions.grid_options`, else 4.
    pub fn grid_options(&self, sheet: &crate::spec::Sheet) -> u32 {
        sheet
            .options
            .as_ref()
            .or(self.spec.assumptions.grid_options.as_ref())
            .map_or(DEFAULT_GRID_OPTIONS, |o| o.value)
    }

    /// Grids to lock a sheet: its `rounds`, else `assumptions.lock_rounds`, else 5.
    pub fn lock_rounds(&self, sheet: &crate::spec::Sheet) -> u32 {
        sheet
            .rounds
            .as_ref()
            .or(self.spec.assumptions.lock_rounds.as_ref())
            .map_or(DEFAULT_LOCK_ROUNDS, |o| o.value)
    }
}

/// Every asset a shot names, with its kind.
pub fn asset_references(shot: &Shot) -> impl Iterator<Item = (AssetKind, &Spanned<String>)> {
    shot.characters
        .iter()
        .map(|id| (AssetKind::Character, id))
        .chain(shot.location.iter().map(|id| (AssetKind::Location, id)))
        .chain(shot.props.iter().map(|id| (AssetKind::Prop, id)))
}

/// Seconds as written in messages: `2.5s`.
pub fn seconds(value: Decimal) -> String {
    Duration::from_seconds(value).to_string()
}

/// Credits as written in messages, the way `shotlist plan` shows them: two places and
/// thousands separators (`21,458.40`).
pub fn credits(value: Decimal) -> String {
    crate::report::plan::credits(value)
}
