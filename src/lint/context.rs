//! What rules see: the checked spec plus facts several rules need (shots per segment,
//! asset uses, needed seconds, the cost of a take), computed once per lint run.

use std::cell::Cell;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::ledger::{JobRef, JobStatus, Ledger, Status};
use crate::lint::{RuleDef, registry};
use crate::plan::route::{self, Candidate};
use crate::plan::{self, Job};
use crate::source::Span;
use crate::spec::{Shot, ShotStatus, ShotType, Spanned, Spec, Text};
use crate::validate::{AssetKind, Checked, Model, ModelOrigin};
// Rules write figures as the reports do: `2.5s`, `21,458.40` credits.
pub use crate::wording::{credits, seconds};

pub struct Context<'c, 'a> {
    pub checked: &'c Checked<'a>,
    pub spec: &'a Spec,
    /// The date retirements are measured against.
    pub today: jiff::civil::Date,
    /// Indices of each segment's shots, parallel to `spec.segments`.
    pub segment_shots: Vec<Vec<usize>>,
    /// What rules filter shots on, parallel to `spec.shots`.
    pub facts: Vec<ShotFacts>,
    /// Extra seconds generated per take (`assumptions.handles`).
    pub handles: Decimal,
    /// Expected generations per usable shot of each type, in [`ShotType::ALL`]'s order
    /// (`assumptions.by_type`, else `assumptions.takes`, or `1 / yield`, or 3).
    assumed_takes: [Decimal; ShotType::ALL.len()],
    /// Per asset kind, per asset, the shots that use it and the span of each use.
    uses: [Vec<Vec<(usize, Span)>>; 3],
    /// Model evaluations [`Context::cheapest_fit`] may still make in this lint run.
    fit_evaluations_left: Cell<usize>,
    /// The production's ledger and status, when it has a ledger without errors.
    pub tracked: Option<Tracked<'c, 'a>>,
    /// Each shot's position in `tracked`'s jobs, parallel to `spec.shots`; empty without
    /// a ledger.
    shot_jobs: Vec<Option<usize>>,
}

/// What a ledger tells the rules: its rows, and the status computed from them and the
/// plan. A ledger read with errors is partial, so it is never handed to the rules.
#[derive(Debug, Clone, Copy)]
pub struct Tracked<'c, 'a> {
    pub ledger: &'c Ledger<'a>,
    pub status: &'c Status<'a>,
}

/// What the rules filter shots on, packed together. Each rule passes over every shot,
/// and at 100,000 shots the shots themselves (300 bytes each, 30 MB in all) outgrow the
/// processor's caches, so that a rule reading them took 25-50x its time at 10,000
/// shots; these facts (32 bytes a shot) stay in the caches. A rule reads the shot
/// itself only for a shot it reports.
#[derive(Debug, Clone, Copy)]
pub struct ShotFacts {
    /// `duration`, in seconds.
    pub seconds: Decimal,
    pub cuts: u32,
    /// How many characters the shot shows.
    pub characters: u32,
    pub shot_type: ShotType,
    /// Whether the shot is still to be generated (`status: planned`).
    pub planned: bool,
    /// `audio: true`.
    pub audio: bool,
    /// Whether the shot sets its own `takes`.
    pub own_takes: bool,
    /// Whether the shot silences any rule (`allow:`).
    pub allows_any: bool,
}

// The point of the facts is their size; a field that grows them past 32 bytes should
// be weighed against reading the shot instead.
const _: () = assert!(std::mem::size_of::<ShotFacts>() <= 32);

impl ShotFacts {
    fn of(shot: &Shot) -> Self {
        Self {
            seconds: shot.duration.value.seconds(),
            cuts: shot.cuts(),
            characters: u32::try_from(shot.characters.len()).unwrap_or(u32::MAX),
            shot_type: shot.shot_type.value,
            planned: shot.status() == ShotStatus::Planned,
            audio: shot.wants_audio(),
            own_takes: shot.takes.is_some(),
            allows_any: !shot.allow.is_empty(),
        }
    }
}

/// Model evaluations all `cheapest_fit` searches of one lint run may make. A search
/// weighs every model against one shot, so a spec with thousands of models and of
/// flagged shots would take time quadratic in its size; past this budget, findings keep
/// their generic help instead of naming a model. With the built-in catalog's few dozen
/// models it allows some 60,000 searches.
const MAX_FIT_EVALUATIONS: usize = 2_000_000;

impl<'c, 'a> Context<'c, 'a> {
    pub fn new(
        checked: &'c Checked<'a>,
        today: jiff::civil::Date,
        tracked: Option<Tracked<'c, 'a>>,
    ) -> Self {
        let spec = checked.spec();
        let mut segment_shots = vec![Vec::new(); spec.segments.len()];
        for (shot, &segment) in checked.shot_segments().iter().enumerate() {
            if let Some(shots) = segment_shots.get_mut(segment) {
                shots.push(shot);
            }
        }
        let mut uses = AssetKind::ALL.map(|kind| vec![Vec::new(); kind.assets(spec).len()]);
        let mut facts = Vec::with_capacity(spec.shots.len());
        for (index, shot) in spec.shots.iter().enumerate() {
            facts.push(ShotFacts::of(shot));
            for (kind, id) in asset_references(shot) {
                if let Some((asset, _)) = checked.asset(kind, &id.value) {
                    uses[kind as usize][asset].push((index, id.span));
                }
            }
        }
        let assumptions = &spec.assumptions;
        let assumed_takes = ShotType::ALL.map(|shot_type| {
            plan::assumed_takes(assumptions, shot_type)
                .value()
                .unwrap_or(plan::DEFAULT_TAKES)
        });
        let mut shot_jobs = Vec::new();
        if let Some(tracked) = tracked {
            shot_jobs.resize(spec.shots.len(), None);
            for (position, job) in tracked.status.jobs.iter().enumerate() {
                if let JobRef::Shot(index) = job.job
                    && let Some(slot) = shot_jobs.get_mut(index)
                {
                    *slot = Some(position);
                }
            }
        }
        Self {
            checked,
            spec,
            today,
            segment_shots,
            facts,
            handles: assumptions.handle_seconds(),
            assumed_takes,
            uses,
            fit_evaluations_left: Cell::new(MAX_FIT_EVALUATIONS),
            tracked,
            shot_jobs,
        }
    }

    /// Expected generations per usable shot of `shot_type` that sets no `takes` of its
    /// own, as the plan assumes them.
    pub fn assumed_takes(&self, shot_type: ShotType) -> Decimal {
        ShotType::ALL
            .iter()
            .zip(self.assumed_takes)
            .find_map(|(each, takes)| (*each == shot_type).then_some(takes))
            .unwrap_or(plan::DEFAULT_TAKES)
    }

    /// Where shot `index` stands by the ledger; `None` without a ledger.
    pub fn shot_status(&self, index: usize) -> Option<&'c JobStatus<'a>> {
        let tracked = self.tracked?;
        tracked.status.jobs.get((*self.shot_jobs.get(index)?)?)
    }

    pub fn shot(&self, index: usize) -> &'a Spanned<Shot> {
        &self.spec.shots[index]
    }

    pub fn is_planned(&self, index: usize) -> bool {
        self.facts[index].planned
    }

    /// Whether shot `index` silences `rule` with its `allow:`. Unknown names never get
    /// here: config validation rejects them (E116) before a spec is linted.
    pub fn allows(&self, index: usize, rule: &RuleDef) -> bool {
        self.facts.get(index).is_some_and(|facts| facts.allows_any)
            && self.shot(index).allow.iter().any(|name| {
                registry::find(&name.value).is_some_and(|found| found.code.id == rule.code.id)
            })
    }

    /// The model chosen for a shot.
    pub fn shot_model(&self, index: usize) -> &Model<'a> {
        self.checked
            .model(self.checked.shot_models()[index].model)
            .expect("checking resolves every shot to one of its spec's models")
    }

    /// Seconds one take must generate before the model's minimum, as
    /// [`plan::generated_seconds`] counts them from the shot's facts.
    pub fn generated_seconds(&self, index: usize) -> Decimal {
        // Durations are user input: one too long to add up is longer than any clip.
        plan::generated_seconds(&self.spec.assumptions, self.facts[index].seconds)
            .unwrap_or(Decimal::MAX)
    }

    /// Shot `index` on its own model, priced as the plan prices it; `None` when the plan
    /// cannot price it.
    pub fn current_job(&self, index: usize) -> Option<Job<'a>> {
        let choice = &self.checked.shot_models()[index];
        plan::shot_job(self.checked, index, self.shot(index), choice).ok()
    }

    /// The cheapest model other than the shot's own that fits it (see
    /// [`route::shot_fit`]) and passes `accept`. Ties go to the model listed first.
    /// `None` also once the run's search budget is spent (`MAX_FIT_EVALUATIONS`).
    pub fn cheapest_fit(
        &self,
        index: usize,
        accept: impl Fn(&Model) -> bool,
    ) -> Option<Candidate<'c, 'a>> {
        let left = self
            .fit_evaluations_left
            .get()
            .checked_sub(self.checked.models().count())?;
        self.fit_evaluations_left.set(left);
        route::cheapest_shot_fit(self.checked, index, self.today, accept)
    }

    /// Labels a diagnostic about shot `index`'s model: on the shot's `model:` when it
    /// names one, else on the shot id, with a secondary label on the routing entry that
    /// chose the model. Sets the path to the labelled value.
    pub fn label_model(&self, index: usize, diagnostic: Diagnostic, text: &str) -> Diagnostic {
        let shot = self.shot(index);
        let choice = &self.checked.shot_models()[index];
        let model = self.shot_model(index).id;
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

    /// Images per grid of a sheet, as [`plan::grid_options`] counts them.
    pub fn grid_options(&self, sheet: &crate::spec::Sheet) -> u32 {
        plan::grid_options(&self.spec.assumptions, Some(sheet))
    }
}

/// Every asset a shot names, with its kind.
pub fn asset_references(shot: &Shot) -> impl Iterator<Item = (AssetKind, &Spanned<Text>)> {
    shot.characters
        .iter()
        .map(|id| (AssetKind::Character, id))
        .chain(shot.location.iter().map(|id| (AssetKind::Location, id)))
        .chain(shot.props.iter().map(|id| (AssetKind::Prop, id)))
}

/// A suggested model as written in messages: `` `wan-2.6` ``, or
/// `` `ltx-2-fast` at `1080p` `` when it makes the shot above the shot's resolution.
pub fn suggestion(candidate: &Candidate) -> String {
    match candidate.fit.resolution.filter(|_| candidate.fit.raised) {
        Some(resolution) => format!("`{}` at `{resolution}`", candidate.model.id),
        None => format!("`{}`", candidate.model.id),
    }
}
