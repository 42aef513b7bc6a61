//! One open document run through the library's pipeline — load, check, lint, plan —
//! and kept as owned facts: the diagnostics, every shot's and segment's figures, and
//! every id in the text with its span. The stages borrow one another, so the facts are
//! taken while they are alive and the requests that follow (hover, hints, navigation)
//! read them without running anything again.

use rust_decimal::Decimal;

use crate::catalog::CatalogHandle;
use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::pipeline::{self, Limits, Loaded};
use crate::plan::{Estimate, Plan, StageKind, Work};
use crate::source::{Source, Span};
use crate::spec::{Spanned, Spec, Text};
use crate::validate::AssetKind;

/// What an id in the text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    Segment,
    Asset(AssetKind),
    Model,
    Rule,
    Shot,
}

impl IdKind {
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Segment => "segment",
            IdKind::Asset(kind) => kind.name(),
            IdKind::Model => "model",
            IdKind::Rule => "lint rule",
            IdKind::Shot => "shot",
        }
    }
}

/// An id where it is written: defined (a segment's `id:`, a `models:` key) or used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub kind: IdKind,
    pub id: String,
    pub definition: bool,
    /// The shot it is written in, for shot fields.
    pub shot: Option<usize>,
    /// The field it fills (`segment`, `model`, `allow`, …), for completion.
    pub field: &'static str,
}

/// A planned shot's line of the plan, as `plan --format json` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShotFigures {
    pub model: String,
    pub resolution: String,
    pub billed_seconds: Decimal,
    pub credits_per_take: Decimal,
    pub takes: Decimal,
    pub worst_takes: Decimal,
    pub credits: Estimate,
    pub cost: Option<Estimate>,
    /// The plan's running expected total after this shot.
    pub cumulative_credits: Decimal,
}

/// What the plan says of one shot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShotCost {
    Planned(Box<ShotFigures>),
    /// Already generated: costs nothing more.
    Approved,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentFigures {
    pub credits: Estimate,
    pub cost: Option<Estimate>,
}

/// The figures of a spec that plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub currency: String,
    pub price_per_credit: Option<Decimal>,
    pub cap: Option<Decimal>,
    /// By shot index; `None` for a shot the plan does not list.
    pub shots: Vec<Option<ShotCost>>,
    /// By segment index.
    pub segments: Vec<Option<SegmentFigures>>,
    /// Expected credits of each unlocked sheet, by kind and asset index.
    pub sheets: Vec<(AssetKind, usize, Decimal)>,
    pub totals: Estimate,
}

impl PlanFacts {
    fn of(plan: &Plan<'_>, spec: &Spec) -> Self {
        let mut shots = vec![None; spec.shots.len()];
        let mut segments = vec![None; spec.segments.len()];
        let mut sheets = Vec::new();
        for stage in &plan.stages {
            if let StageKind::Segment { index, .. } = stage.kind
                && let Some(slot) = segments.get_mut(index)
            {
                *slot = Some(SegmentFigures {
                    credits: stage.credits,
                    cost: stage.cost,
                });
            }
        }
        // A job that fails to price was reported by `plan` already; it has no figures.
        for job in plan.all_jobs().flatten() {
            match &job.work {
                Work::Shot(work) => {
                    if let Some(slot) = shots.get_mut(work.index) {
                        *slot = Some(ShotCost::Planned(Box::new(ShotFigures {
                            model: job.model.to_owned(),
                            resolution: work.resolution.to_owned(),
                            billed_seconds: work.billed_seconds,
                            credits_per_take: work.credits_per_take,
                            takes: work.takes,
                            worst_takes: work.worst_takes,
                            credits: job.credits,
                            cost: job.cost,
                            cumulative_credits: job.cumulative_credits,
                        })));
                    }
                }
                Work::Sheet(work) => sheets.push((work.kind, work.index, job.credits.expected)),
            }
        }
        for (index, shot) in spec.shots.iter().enumerate() {
            if shot.status() == crate::spec::ShotStatus::Approved
                && let Some(slot) = shots.get_mut(index)
            {
                *slot = Some(ShotCost::Approved);
            }
        }
        Self {
            currency: plan.currency.to_owned(),
            price_per_credit: plan.price_per_credit,
            cap: plan.budget.cap,
            shots,
            segments,
            sheets,
            totals: plan.totals.credits,
        }
    }
}

/// The ledger's problems, which point into the ledger file, shown on the spec's
/// `ledger:` value so that an editor open on the spec shows them: each keeps its code,
/// severity and help, and its message says where in the ledger it is.
fn on_ledger_key(loaded: &Loaded, problems: &[Diagnostic], ledger: &Source) -> Vec<Diagnostic> {
    let Some(key) = loaded
        .spec
        .as_ref()
        .ok()
        .and_then(|spec| spec.ledger.as_ref())
    else {
        return Vec::new();
    };
    problems
        .iter()
        .map(|problem| {
            let (line, column) = problem.line_column(ledger);
            let mut shown = Diagnostic::new(
                problem.code,
                problem.severity,
                format!("{}:{line}:{column}: {}", key.value, problem.message),
            )
            .with_label(key.span, "in this ledger");
            shown.help = problem.help.clone();
            shown
        })
        .collect()
}

/// A document's analysis: its loaded text and spec, and the facts taken from the later
/// stages.
#[derive(Debug)]
pub struct Analysis {
    pub loaded: Loaded,
    /// As `check` and `lint` report them: check errors, or lint findings followed by
    /// whatever stops the plan.
    pub diagnostics: Vec<Diagnostic>,
    pub plan: Option<PlanFacts>,
    /// Every id in the text, in source order.
    pub occurrences: Vec<Occurrence>,
    /// The date lint measured retirements against.
    pub today: jiff::civil::Date,
    /// The catalog the spec is priced with (a built-in one or its catalog file), for
    /// hovers and completion; `None` when it cannot be used.
    pub catalog: Option<CatalogHandle>,
}

impl Analysis {
    /// Runs the pipeline on `text` under the CLI's `limits`, with lint at its levels
    /// from the spec (a server has no command line to override them).
    /// Runs the pipeline on `text`, stopping at the next stage (after loading, after
    /// checking, after linting and planning) once `cancelled` says so: a newer edit
    /// makes the rest of the work worthless. `None` when it stopped.
    pub fn run(
        name: &str,
        text: &str,
        limits: Limits,
        today: jiff::civil::Date,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        let loaded = Loaded::from_text(name, text, limits);
        if cancelled() {
            return None;
        }
        let settings = lint::Settings {
            today,
            overrides: lint::Overrides::default(),
        };
        let (diagnostics, plan) = {
            let checked = loaded.check(None);
            if cancelled() {
                return None;
            }
            let ledger = match &checked {
                Ok(checked) => pipeline::open_ledger(&loaded, checked, None, limits),
                Err(_) => Ok(None),
            };
            let (ledger, ledger_problems) = match ledger {
                Ok(Some(ledger)) => {
                    let problems = on_ledger_key(&loaded, &ledger.diagnostics, &ledger.source);
                    (Some(ledger), problems)
                }
                Ok(None) => (None, Vec::new()),
                Err(error) => {
                    let (source, diagnostic) = error.into_diagnostic();
                    (None, on_ledger_key(&loaded, &[diagnostic], &source))
                }
            };
            if cancelled() {
                return None;
            }
            let analysis = pipeline::analyze_tracked(&checked, &settings, ledger.as_ref());
            if cancelled() {
                return None;
            }
            let plan = match (&analysis.plan, &loaded.spec) {
                (Some(plan), Ok(spec)) => Some(PlanFacts::of(plan, spec)),
                _ => None,
            };
            let mut diagnostics = analysis.diagnostics;
            diagnostics.extend(ledger_problems);
            (diagnostics, plan)
        };
        let occurrences = loaded.spec.as_ref().map(occurrences).unwrap_or_default();
        let catalog = loaded.catalog(None, limits).ok();
        Some(Self {
            loaded,
            diagnostics,
            plan,
            occurrences,
            today,
            catalog,
        })
    }

    pub fn spec(&self) -> Option<&Spec> {
        self.loaded.spec.as_ref().ok()
    }

    /// The id under byte `offset`: the innermost occurrence whose span holds it (its
    /// end included, where a cursor after the last letter stands).
    pub fn occurrence_at(&self, offset: usize) -> Option<&Occurrence> {
        let offset = u32::try_from(offset).ok()?;
        // Ids never overlap, so the last one starting at or before the offset is the
        // only one that can hold it.
        let after = self
            .occurrences
            .partition_point(|o| o.span.offset <= offset);
        self.occurrences
            .get(..after)?
            .last()
            .filter(|o| offset <= o.span.end())
    }

    /// The shot whose mapping holds byte `offset`.
    pub fn shot_at(&self, offset: usize) -> Option<usize> {
        let spec = self.spec()?;
        let offset = u32::try_from(offset).ok()?;
        let (index, shot) = spec
            .shots
            .iter()
            .enumerate()
            .take_while(|(_, shot)| shot.span.offset <= offset)
            .last()?;
        (offset <= shot_end(shot)).then_some(index)
    }
}

/// Where a shot's text ends: the end of the last of its values (a mapping's span is
/// where it starts; its values carry their own).
pub(super) fn shot_end(shot: &Spanned<crate::spec::Shot>) -> u32 {
    let lists = [&shot.characters, &shot.props, &shot.addons, &shot.allow];
    let spans = [
        Some(shot.span),
        Some(shot.id.span),
        Some(shot.segment.span),
        Some(shot.shot_type.span),
        Some(shot.duration.span),
        Some(shot.prompt.span),
        shot.cuts.as_ref().map(|v| v.span),
        shot.location.as_ref().map(|v| v.span),
        shot.model.as_ref().map(|v| v.span),
        shot.resolution.as_ref().map(|v| v.span),
        shot.audio.as_ref().map(|v| v.span),
        shot.takes.as_ref().map(|v| v.span),
        shot.status.as_ref().map(|v| v.span),
    ];
    let scalars = spans.into_iter().flatten().map(Span::end);
    let listed = lists
        .into_iter()
        .flat_map(|list| list.iter().map(|v| v.span.end()));
    // A cursor right after the last value (before `}` or `]`) is still in the shot.
    scalars.chain(listed).max().unwrap_or(0).saturating_add(1)
}

fn push(
    out: &mut Vec<Occurrence>,
    id: &Spanned<Text>,
    kind: IdKind,
    definition: bool,
    shot: Option<usize>,
    field: &'static str,
) {
    out.push(Occurrence {
        span: id.span,
        kind,
        id: id.value.to_string(),
        definition,
        shot,
        field,
    });
}

/// Every id written in `spec`, in source order.
fn occurrences(spec: &Spec) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (key, _) in spec.models.iter() {
        push(&mut out, key, IdKind::Model, true, None, "models");
    }
    let routing = &spec.routing;
    for model in [&routing.video, &routing.image].into_iter().flatten() {
        push(&mut out, model, IdKind::Model, false, None, "routing");
    }
    for model in routing.by_type.values() {
        push(&mut out, model, IdKind::Model, false, None, "routing");
    }
    for kind in AssetKind::ALL {
        for asset in kind.assets(spec) {
            push(&mut out, &asset.id, IdKind::Asset(kind), true, None, "id");
            if let Some(model) = asset.sheet.as_ref().and_then(|sheet| sheet.model.as_ref()) {
                push(&mut out, model, IdKind::Model, false, None, "sheet.model");
            }
        }
    }
    for segment in &spec.segments {
        push(&mut out, &segment.id, IdKind::Segment, true, None, "id");
    }
    for (index, shot) in spec.shots.iter().enumerate() {
        let at = Some(index);
        push(&mut out, &shot.id, IdKind::Shot, true, at, "id");
        push(
            &mut out,
            &shot.segment,
            IdKind::Segment,
            false,
            at,
            "segment",
        );
        for character in &shot.characters {
            let kind = IdKind::Asset(AssetKind::Character);
            push(&mut out, character, kind, false, at, "characters");
        }
        for prop in &shot.props {
            push(
                &mut out,
                prop,
                IdKind::Asset(AssetKind::Prop),
                false,
                at,
                "props",
            );
        }
        if let Some(location) = &shot.location {
            let kind = IdKind::Asset(AssetKind::Location);
            push(&mut out, location, kind, false, at, "location");
        }
        if let Some(model) = &shot.model {
            push(&mut out, model, IdKind::Model, false, at, "model");
        }
        for rule in &shot.allow {
            push(&mut out, rule, IdKind::Rule, false, at, "allow");
        }
    }
    for (key, _) in spec.lint.iter() {
        push(&mut out, key, IdKind::Rule, false, None, "lint");
    }
    out.sort_by_key(|o| (o.span.offset, o.span.len));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "version: 1
production: {title: Waves}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: a, segment: s1, type: b-roll, duration: 5s, prompt: Sea}
  - id: b
    segment: s1
    type: b-roll
    duration: 5s
    prompt: Sea
lint: {long-segment: off}
";

    #[test]
    fn the_shot_at_an_offset_is_the_one_whose_mapping_holds_it() {
        let today = jiff::civil::date(2026, 1, 1);
        let analysis = Analysis::run("t.yaml", SPEC, Limits::default(), today, &|| false).unwrap();
        let at = |needle: &str| analysis.shot_at(SPEC.find(needle).unwrap());
        assert_eq!(at("prompt: Sea}"), Some(0));
        assert_eq!(at("segment: s1\n"), Some(1));
        assert_eq!(at("prompt: Sea\n"), Some(1));
        assert_eq!(at("long-segment"), None);
        assert_eq!(at("production"), None);
        let rule = analysis
            .occurrence_at(SPEC.find("long-segment").unwrap())
            .unwrap();
        assert_eq!(
            (rule.kind, rule.id.as_str()),
            (IdKind::Rule, "long-segment")
        );
    }

    #[test]
    fn a_cancelled_analysis_stops_with_nothing() {
        let today = jiff::civil::date(2026, 1, 1);
        let asked = std::cell::Cell::new(0);
        let cancelled = || {
            asked.set(asked.get() + 1);
            true
        };
        assert!(Analysis::run("t.yaml", SPEC, Limits::default(), today, &cancelled).is_none());
        assert_eq!(asked.get(), 1, "it stops at the first stage boundary");
    }
}
