//! The models weighed for a job, each priced by the plan's own per-job pricing, and
//! the cheapest that fits.

use rust_decimal::Decimal;

use super::fit::{Fit, Misfit, shot_fit};
use crate::plan::{Job, sheet_job, shot_job};
use crate::spec::ModelKind;
use crate::validate::{AssetKind, Checked, Model, ModelChoice, ModelOrigin};

#[derive(Debug, Clone)]
pub struct Candidate<'c, 'a> {
    pub model: &'c Model<'a>,
    pub fit: Fit<'a>,
    /// The model as the job would use it and the job priced on it, as the plan prices
    /// it; `None` when the model cannot price the job as written (no resolution,
    /// sound, addon or bucket for it).
    pub priced: Option<(ModelChoice<'a>, Job<'a>)>,
}

impl<'a> Candidate<'_, 'a> {
    /// The job on this model, when it prices the job.
    pub fn job(&self) -> Option<&Job<'a>> {
        self.priced.as_ref().map(|(_, job)| job)
    }

    /// Expected credits of the job on this model, when it prices the job.
    pub fn expected(&self) -> Option<Decimal> {
        self.job().map(|job| job.credits.expected)
    }

    /// [`Candidate::expected`] exactly, as route decides on it.
    pub(in crate::plan) fn exact_expected(&self) -> Option<crate::catalog::ratio::Ratio> {
        self.job().map(|job| job.exact.expected)
    }
}

/// Every video model but shot `index`'s own, in catalog order (the spec's additions
/// last), fitted and priced; none when `index` is not a shot of `checked` (see
/// [`shot_fit`]).
pub fn shot_candidates<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    shot_candidates_where(checked, index, today, |_, _| true)
}

/// As [`shot_candidates`], keeping only the models that pass `keep`, which is asked
/// before a model is priced: pricing is most of a candidate's cost, and a search for
/// the cheapest fit has no use for the price of a model that does not fit.
fn shot_candidates_where<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
    keep: impl Fn(&Model<'a>, &Fit<'a>) -> bool,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    let shot = checked.spec().shots.get(index);
    let own = checked.shot_models().get(index).map(|choice| choice.model);
    checked
        .models()
        .filter(move |&(id, model)| Some(id) != own && model.kind == ModelKind::Video)
        .filter_map(move |(id, model)| {
            let shot = shot?;
            let fit = shot_fit(checked, index, model, today)?;
            if !keep(model, &fit) {
                return None;
            }
            let priced = fit.resolution.and_then(|resolution| {
                let choice = ModelChoice {
                    model: id,
                    origin: ModelOrigin::Own,
                    resolution,
                };
                let job = shot_job(checked, index, shot, &choice).ok()?;
                Some((choice, job))
            });
            Some(Candidate { model, fit, priced })
        })
}

/// Every image model but the sheet's own, priced at its default resolution. A sheet
/// may move to any image model that is not retired. None when `index` is not an asset
/// of `kind`: every index a plan of `checked` gives is one, and should that ever break,
/// the sheet has no candidates rather than a panic.
pub fn sheet_candidates<'c, 'a>(
    checked: &'c Checked<'a>,
    kind: AssetKind,
    index: usize,
    today: jiff::civil::Date,
) -> impl Iterator<Item = Candidate<'c, 'a>> {
    let asset = kind.assets(checked.spec()).get(index);
    let own = checked.sheet_model(kind, index).map(|choice| choice.model);
    checked
        .models()
        .filter(move |&(id, model)| Some(id) != own && model.kind == ModelKind::Image)
        .filter_map(move |(id, model)| {
            let asset = asset?;
            let resolution = model.default_resolution();
            let misfits = model
                .retired
                .filter(|_| model.is_retired_on(today))
                .map(|on| Misfit::Retired { on })
                .into_iter()
                .collect();
            let priced = resolution.and_then(|resolution| {
                let choice = ModelChoice {
                    model: id,
                    origin: ModelOrigin::Own,
                    resolution,
                };
                let job = sheet_job(checked, kind, index, asset, &choice).ok()?;
                Some((choice, job))
            });
            Some(Candidate {
                model,
                fit: Fit {
                    resolution,
                    raised: false,
                    misfits,
                },
                priced,
            })
        })
}

/// The priced candidate with the fewest expected credits; ties go to the one listed
/// first.
pub(super) fn cheapest<'c, 'a>(
    candidates: impl Iterator<Item = Candidate<'c, 'a>>,
) -> Option<Candidate<'c, 'a>> {
    candidates.fold(None, |best, candidate| {
        let Some(expected) = candidate.expected() else {
            return best;
        };
        match best {
            Some(best) if best.expected().is_some_and(|least| least <= expected) => Some(best),
            _ => Some(candidate),
        }
    })
}

/// The cheapest model other than its own that fits shot `index` and passes `accept`:
/// the search behind every lint rule that suggests a model.
pub fn cheapest_shot_fit<'c, 'a>(
    checked: &'c Checked<'a>,
    index: usize,
    today: jiff::civil::Date,
    accept: impl Fn(&Model) -> bool,
) -> Option<Candidate<'c, 'a>> {
    cheapest(shot_candidates_where(
        checked,
        index,
        today,
        |model, fit| fit.fits() && accept(model),
    ))
}
