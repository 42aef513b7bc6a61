//! Pricing one job: the rules of FORMAT.md's "What the plan computes". A planned video
//! shot needs `duration + handles` seconds, raised to its model's `min_clip`; one take
//! is the shot's rate on those seconds plus each addon's rate on the same seconds; the
//! expected cost is `takes × one take`, the best one take, the worst
//! `max(takes, takes_worst) × one take`. An unlocked reference sheet costs
//! `rounds × options` images in every column. Every figure is an exact fraction and
//! every operation is checked (see [`Ratio`]).

use rust_decimal::Decimal;

use crate::catalog::rate::{BillError, Charge, Rate};
use crate::catalog::ratio::Ratio;
use crate::diagnostic::{CheckCode, Diagnostic};
use crate::spec::{Asset, Assumptions, Sheet, Shot, Spanned};
use crate::validate::{AssetKind, Checked, Model, ModelChoice};

use super::types::{Exact, Job, SheetWork, ShotWork, Work};

/// Expected generations per usable shot when the spec gives neither `takes` nor `yield`.
pub const DEFAULT_TAKES: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// Generations per usable shot in the worst case, unless `assumptions.takes_worst`.
const DEFAULT_TAKES_WORST: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
/// Images in one reference grid, unless `assumptions.grid_options` or `sheet.options`.
const DEFAULT_GRID_OPTIONS: u32 = 4;
/// Grids to lock one sheet, unless `assumptions.lock_rounds` or `sheet.rounds`.
const DEFAULT_LOCK_ROUNDS: u32 = 5;

pub(super) fn price_per_credit(checked: &Checked<'_>) -> Option<Ratio> {
    let budget = checked.spec().budget.as_ref();
    if let Some(price) = budget.and_then(|b| b.price_per_credit.as_ref()) {
        return Some(Ratio::whole(price.value.0));
    }
    if let Some(plan) = budget.and_then(|b| b.plan.as_ref()) {
        // Kept as a ratio: $100 for 3,000 credits is 1/30, which no decimal holds.
        // Checking holds `credits` above zero, so the quotient exists.
        return Ratio::new(plan.value.price.value.0, plan.value.credits.value.0);
    }
    checked
        .catalog()
        .catalog
        .price_per_credit
        .map(|price| Ratio::whole(price.0))
}

/// A job whose shot, sheet or model is not in the checked spec: a broken invariant,
/// reported rather than priced at nothing.
pub(super) fn missing(path: String) -> Diagnostic {
    Diagnostic::error(
        CheckCode::UnpriceableShot,
        format!("`{path}` cannot be priced: it is missing from the spec or its models"),
    )
    .with_path(path)
    .with_help("please report this bug: the plan lists a job the spec does not have")
}

/// Prices the sheet of asset `index` of `kind` on `choice`, as [`plan`](super::plan) does: the job
/// without its running total or money, which only a whole plan gives.
pub fn sheet_job<'a>(
    checked: &Checked<'a>,
    kind: AssetKind,
    index: usize,
    asset: &'a Spanned<Asset>,
    choice: &ModelChoice<'a>,
) -> Result<Job<'a>, Diagnostic> {
    let assumptions = &checked.spec().assumptions;
    let path = || format!("{}[{index}].sheet", kind.section());
    let model = checked.model(choice.model).ok_or_else(|| missing(path()))?;
    let id = asset.id.value.as_str();
    let sheet = asset.sheet.as_ref().map(|s| &s.value);
    let rounds = lock_rounds(assumptions, sheet);
    let options = grid_options(assumptions, sheet);
    // Checking guarantees an image model has only per-image rates; should that ever
    // break, the sheet is reported rather than priced at nothing.
    let credits_per_image = model
        .rate(choice.resolution)
        .and_then(Rate::image_credits)
        .ok_or_else(|| {
            Diagnostic::error(
                CheckCode::UnpriceableShot,
                format!(
                    "the sheet of {} `{id}` cannot be priced: model `{}` has no per-image rate",
                    kind.name(),
                    model.id
                ),
            )
            .with_path(path())
            .with_label(asset.id.span, "sheet without a price")
            .with_help("give the sheet an image model priced `{credits, per: image}`")
        })?;
    let work = SheetWork {
        kind,
        index,
        rounds,
        options,
        credits_per_image,
    };
    let overflow = || {
        Diagnostic::error(
            CheckCode::ArithmeticOverflow,
            format!(
                "the sheet of {} `{id}` costs too much to compute exactly",
                kind.name()
            ),
        )
        .with_path(path())
        .with_label(asset.id.span, "cost overflows")
        .with_help("look for a misplaced digit in the image model's rate")
    };
    let credits = Decimal::from(work.generations())
        .checked_mul(credits_per_image)
        .ok_or_else(overflow)?;
    let exact = Exact::flat(Ratio::whole(credits));
    Ok(Job {
        id,
        model: model.id,
        work: Work::Sheet(work),
        credits: exact.value().ok_or_else(overflow)?,
        cost: None,
        cumulative_credits: Decimal::ZERO,
        exact,
    })
}

/// Prices shot `index` on `choice`, as [`plan`](super::plan) does, whatever the shot's status: the
/// job without its running total or money, which only a whole plan gives.
pub fn shot_job<'a>(
    checked: &Checked<'a>,
    index: usize,
    shot: &'a Spanned<Shot>,
    choice: &ModelChoice<'a>,
) -> Result<Job<'a>, Diagnostic> {
    let assumptions = &checked.spec().assumptions;
    let id = shot.id.value.as_str();
    // Paths and names for diagnostics are formatted only when one is made: a plan of
    // 100,000 shots that prices cleanly formats none of them.
    let path = || format!("shots[{index}]");
    let model = checked.model(choice.model).ok_or_else(|| missing(path()))?;
    let overflow = || {
        Diagnostic::error(
            CheckCode::ArithmeticOverflow,
            format!("the cost of shot `{id}` is too large to compute exactly"),
        )
        .with_path(path())
        .with_label(shot.id.span, "cost overflows")
        .with_help("look for a misplaced digit in the duration, takes or the model's rates")
    };

    let generated =
        generated_seconds(assumptions, shot.duration.value.seconds()).ok_or_else(overflow)?;
    let needed = needed_seconds(generated, model);

    let audio = shot.wants_audio();
    let addons: Vec<&'a str> = shot.addons.iter().map(|a| a.value.as_str()).collect();
    let (main, one_take) =
        take_credits(model, choice.resolution, needed, audio, &addons).map_err(|error| {
            let (addon, error) = match error {
                TakeError::Overflow => return overflow(),
                TakeError::Unbillable { addon, error } => (addon, error),
            };
            let priced = match addon {
                None => format!("`{}` at `{}`", model.id, choice.resolution),
                Some(addon) => format!("the `{addon}` addon of `{}`", model.id),
            };
            let unpriceable = |why: String, help: String| {
                Diagnostic::error(
                    CheckCode::UnpriceableShot,
                    format!("shot `{id}` cannot be priced: {why}"),
                )
                .with_path(format!("{}.duration", path()))
                .with_label(shot.duration.span, format!("needs {}s", needed.normalize()))
                .with_help(help)
            };
            match error {
                Some(BillError::LongerThanBuckets { largest }) => unpriceable(
                    format!(
                        "it needs {}s, longer than the longest clip {priced} prices ({}s)",
                        needed.normalize(),
                        largest.normalize()
                    ),
                    format!(
                        "shorten or split the shot to {}s or less (needed seconds include `handles`), or route it to a model priced by the second",
                        largest.normalize()
                    ),
                ),
                Some(BillError::Overflow) => overflow(),
                // Checking rejects video rates that are missing or priced per image;
                // should that ever break, the shot is reported rather than priced at
                // nothing.
                Some(BillError::NotTimed) | None => unpriceable(
                    format!("{priced} has no rate by time or by clip"),
                    "give the model a rate such as `{credits: 1, per: 1s}`".to_owned(),
                ),
            }
        })?;

    let takes = shot_takes(assumptions, shot);
    let worst_takes = shot_worst_takes(assumptions, shot);
    let exact = Exact {
        best: one_take,
        expected: one_take.checked_mul(takes).ok_or_else(overflow)?,
        worst: one_take.checked_mul(worst_takes).ok_or_else(overflow)?,
    };
    let credits = exact.value().ok_or_else(overflow)?;
    Ok(Job {
        id,
        model: model.id,
        work: Work::Shot(ShotWork {
            index,
            duration: shot.duration.value.seconds(),
            resolution: choice.resolution,
            audio,
            addons,
            needed_seconds: needed,
            billed_seconds: main.billed_seconds,
            takes: takes.value().ok_or_else(overflow)?,
            worst_takes: worst_takes.value().ok_or_else(overflow)?,
            credits_per_take: credits.best,
        }),
        credits,
        cost: None,
        cumulative_credits: Decimal::ZERO,
        exact,
    })
}

/// Why one take cannot be priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakeError<'n> {
    /// The rate of the resolution (`addon: None`) or of an addon is missing (`error:
    /// None`) or cannot bill the seconds.
    Unbillable {
        addon: Option<&'n str>,
        error: Option<BillError>,
    },
    /// The charge is too large to hold exactly.
    Overflow,
}

/// One take on `model` at `resolution` for `needed` seconds (already raised to the
/// model's `min_clip`, see [`needed_seconds`]): the resolution's rate plus, on the same
/// seconds, the `audio` addon when `audio` and each of `addons`. Returns the main
/// rate's charge and the take's exact credits: what a plan's shot and a ledger's row
/// without `credits` are both priced by.
pub fn take_credits<'n>(
    model: &Model,
    resolution: &str,
    needed: Decimal,
    audio: bool,
    addons: &[&'n str],
) -> Result<(Charge, Ratio), TakeError<'n>> {
    let bill = |rate: Option<&Rate>, addon: Option<&'n str>| match rate.map(|r| r.bill(needed)) {
        Some(Ok(charge)) => Ok(charge),
        Some(Err(BillError::Overflow)) => Err(TakeError::Overflow),
        Some(Err(error)) => Err(TakeError::Unbillable {
            addon,
            error: Some(error),
        }),
        None => Err(TakeError::Unbillable { addon, error: None }),
    };
    let main = bill(model.rate(resolution), None)?;
    let mut one_take = main.credits;
    let names = audio
        .then_some("audio")
        .into_iter()
        .chain(addons.iter().copied());
    for addon in names {
        let charge = bill(model.addon(addon), Some(addon))?;
        one_take = one_take
            .checked_add(charge.credits)
            .ok_or(TakeError::Overflow)?;
    }
    Ok((main, one_take))
}

/// Images in one grid of `sheet`: its `options`, else `assumptions.grid_options`, else 4.
pub fn grid_options(assumptions: &Assumptions, sheet: Option<&Sheet>) -> u32 {
    sheet
        .and_then(|s| s.options.as_ref())
        .or(assumptions.grid_options.as_ref())
        .map_or(DEFAULT_GRID_OPTIONS, |o| o.value)
}

/// Grids to lock `sheet`: its `rounds`, else `assumptions.lock_rounds`, else 5.
pub fn lock_rounds(assumptions: &Assumptions, sheet: Option<&Sheet>) -> u32 {
    sheet
        .and_then(|s| s.rounds.as_ref())
        .or(assumptions.lock_rounds.as_ref())
        .map_or(DEFAULT_LOCK_ROUNDS, |r| r.value)
}

/// Images generated to lock `sheet`, as its job prices them.
pub fn sheet_images(assumptions: &Assumptions, sheet: &Sheet) -> u64 {
    // Two u32 factors: the product always fits a u64.
    u64::from(lock_rounds(assumptions, Some(sheet)))
        .saturating_mul(u64::from(grid_options(assumptions, Some(sheet))))
}

/// Expected generations per usable shot, unless a shot sets its own: `assumptions.takes`,
/// else `1 / yield`, else 3. Kept undivided, as the plan prices from it.
pub fn assumed_takes(assumptions: &Assumptions) -> Ratio {
    match (&assumptions.takes, &assumptions.yield_) {
        (Some(assumed), _) => Ratio::whole(assumed.value.0),
        // A yield of 25% means four generations per usable one: 1 / 0.25. The
        // reciprocal of a decimal always fits; checking holds a yield above zero, and
        // only a zero one would fall back to the default.
        (None, Some(yield_)) => {
            Ratio::new(Decimal::ONE, yield_.value.fraction()).unwrap_or(Ratio::whole(DEFAULT_TAKES))
        }
        (None, None) => Ratio::whole(DEFAULT_TAKES),
    }
}

/// Expected generations of `shot`: its own `takes`, else [`assumed_takes`].
pub fn shot_takes(assumptions: &Assumptions, shot: &Shot) -> Ratio {
    match &shot.takes {
        Some(own) => Ratio::whole(own.value.0),
        None => assumed_takes(assumptions),
    }
}

/// Generations of `shot` in the worst case, `W = max(T, takes_worst)`: `T` from
/// [`shot_takes`], `takes_worst` from `assumptions.takes_worst`, else 5.
pub fn shot_worst_takes(assumptions: &Assumptions, shot: &Shot) -> Ratio {
    let takes = shot_takes(assumptions, shot);
    let takes_worst = Ratio::whole(
        assumptions
            .takes_worst
            .as_ref()
            .map_or(DEFAULT_TAKES_WORST, |t| t.value.0),
    );
    takes.max(takes_worst)
}

/// Seconds one take of a shot lasting `duration` seconds generates: the duration plus
/// `assumptions.handles`, before any `min_clip`. `None` on overflow.
pub fn generated_seconds(assumptions: &Assumptions, duration: Decimal) -> Option<Decimal> {
    duration.checked_add(assumptions.handle_seconds())
}

/// Seconds one take is billed for on `model`: `generated` seconds raised to its
/// `min_clip`.
pub fn needed_seconds(generated: Decimal, model: &Model) -> Decimal {
    match model.min_clip {
        Some(min_clip) if min_clip.seconds() > generated => min_clip.seconds(),
        _ => generated,
    }
}

/// Credits `addon` adds to one take of shot `index` on its own model, billed on the
/// take's needed seconds as the plan bills it. `None` when the model lacks the addon or
/// cannot bill it, or `index` is not a shot of `checked`.
pub fn addon_credits(checked: &Checked<'_>, index: usize, addon: &str) -> Option<Decimal> {
    let shot = checked.spec().shots.get(index)?;
    let model = checked.model(checked.shot_models().get(index)?.model)?;
    let generated = generated_seconds(&checked.spec().assumptions, shot.duration.value.seconds())?;
    model
        .addon(addon)?
        .bill(needed_seconds(generated, model))
        .ok()?
        .credits
        .value()
}

/// Credits one take saves when a shot moves from the job `from` to the job `to`;
/// negative when `to` costs more, `None` on overflow.
pub fn take_saving(from: &Job<'_>, to: &Job<'_>) -> Option<Decimal> {
    from.credits.best.checked_sub(to.credits.best)
}
