//! Whether a model can make a job as written: [`shot_fit`] is the one definition, and
//! [`Misfit`] says which rule a model breaks.

use rust_decimal::Decimal;

use crate::catalog::rate::Rate;
use crate::plan::generated_seconds;
use crate::spec::{Date, Duration, Tier};
use crate::validate::{Checked, Model};

/// A rule a model breaks for a job, so that it cannot take the job over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit<'a> {
    /// The vendor retired it on or before the day routed for.
    Retired { on: Date },
    /// It has neither the shot's resolution nor any above it.
    NoResolution { wanted: &'a str },
    /// The shot has `audio: true` and the model has no `audio` addon.
    NoSound,
    /// The model lacks an addon the shot uses.
    NoAddon { addon: &'a str },
    /// The shot has characters and the model takes no reference images.
    NoReferences,
    /// The shot asks for more cuts in one generation than the model renders.
    TooManyCuts { cuts: u32, max: u32 },
    /// The shot needs a longer clip than the model makes (`max_clip`, or its buckets).
    ClipTooLong { needed: Decimal, longest: Decimal },
    /// Below the lowest tier the shot may go to: premium for the types in
    /// `routing.premium_for`, standard for the others unless draft is allowed.
    Tier { tier: Tier, required: Tier },
}

impl std::fmt::Display for Misfit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Misfit::Retired { on } => write!(f, "retired on {on}"),
            Misfit::NoResolution { wanted } => write!(f, "has no `{wanted}` rate or any above it"),
            Misfit::NoSound => f.write_str("cannot make sound"),
            Misfit::NoAddon { addon } => write!(f, "has no `{addon}` addon"),
            Misfit::NoReferences => f.write_str("takes no reference images"),
            Misfit::TooManyCuts { cuts, max: 0 } => {
                write!(f, "renders no cuts in one generation, the shot has {cuts}")
            }
            Misfit::TooManyCuts { cuts, max } => write!(
                f,
                "renders at most {max} cuts in one generation, the shot has {cuts}"
            ),
            Misfit::ClipTooLong { needed, longest } => write!(
                f,
                "makes clips of at most {}, the shot needs {}",
                Duration::from_seconds(*longest),
                Duration::from_seconds(*needed)
            ),
            Misfit::Tier {
                tier,
                required: Tier::Premium,
            } => write!(
                f,
                "is {} tier, and this shot type stays premium (`routing.premium_for`)",
                tier.name()
            ),
            Misfit::Tier { tier, .. } => write!(
                f,
                "is {} tier (pass `--allow-draft` to allow it)",
                tier.name()
            ),
        }
    }
}

/// How a model would make a job, and every rule it breaks doing so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit<'a> {
    /// The resolution it would use: the shot's own, else the nearest above it (a
    /// sheet uses the model's default). `None` when it has neither.
    pub resolution: Option<&'a str>,
    /// Whether `resolution` is above the shot's own, which the model lacks.
    pub raised: bool,
    /// Empty when the model fits.
    pub misfits: Vec<Misfit<'a>>,
}

impl Fit<'_> {
    pub fn fits(&self) -> bool {
        self.misfits.is_empty()
    }
}

/// The longest clip `model` makes at `resolution`: the lesser of its `max_clip` and
/// the largest bucket of that rate; `None` when neither limits it.
pub fn longest_clip(model: &Model, resolution: &str) -> Option<Decimal> {
    let by_clip = model.max_clip.map(Duration::seconds);
    let by_bucket = model.rate(resolution).and_then(Rate::longest_clip);
    match (by_clip, by_bucket) {
        (Some(clip), Some(bucket)) => Some(clip.min(bucket)),
        (clip, bucket) => clip.or(bucket),
    }
}

/// Lines of a resolution label, to order labels: `720p` is 720 and a K is 540 lines
/// (`2k` 1080, `4k` 2160, `8k` 4320). Labels that name no size (`standard`, `high`)
/// have no order and only ever match themselves.
fn resolution_lines(label: &str) -> Option<Decimal> {
    let label = label.trim().to_ascii_lowercase();
    let (number, lines_per_unit) = match label.strip_suffix('p') {
        Some(number) => (number, Decimal::ONE),
        None => (label.strip_suffix('k')?, Decimal::from(540)),
    };
    let number = Decimal::from_str_exact(number).ok()?;
    if number <= Decimal::ZERO {
        return None;
    }
    number.checked_mul(lines_per_unit)
}

/// The model's rate for `wanted`, else its nearest rate above it (the first listed
/// among equals), with whether it is above.
fn nearest_resolution<'a>(model: &Model<'a>, wanted: &str) -> Option<(&'a str, bool)> {
    if let Some(&(name, _)) = model.rates.iter().find(|(name, _)| *name == wanted) {
        return Some((name, false));
    }
    let floor = resolution_lines(wanted)?;
    model
        .rates
        .iter()
        .filter_map(|&(name, _)| Some((name, resolution_lines(name)?)))
        .filter(|&(_, lines)| lines > floor)
        .min_by(|a, b| a.1.cmp(&b.1))
        .map(|(name, _)| (name, true))
}

/// Whether `model` can make shot `index` as written, and at which resolution: it is
/// not retired on `today`; it has the shot's resolution or the nearest one above it;
/// it makes sound when the shot has `audio: true`; it has every addon the shot uses;
/// it takes reference images when the shot has characters; it renders the shot's
/// `cuts` in one generation; and it makes a clip as long as the shot's duration plus
/// handles. Tiers are a routing policy, not a fit: see [`route`].
///
/// `None` when `index` is not a shot of `checked`: every index a plan of `checked` gives
/// is one, and should that ever break, the shot has no fit rather than a panic.
pub fn shot_fit<'a>(
    checked: &Checked<'a>,
    index: usize,
    model: &Model<'a>,
    today: jiff::civil::Date,
) -> Option<Fit<'a>> {
    let shot = &checked.spec().shots.get(index)?.value;
    let wanted = checked.shot_models().get(index)?.resolution;
    let mut misfits = Vec::new();
    if let Some(retired) = model.retired.filter(|_| model.is_retired_on(today)) {
        misfits.push(Misfit::Retired { on: retired });
    }
    let resolution = nearest_resolution(model, wanted);
    if resolution.is_none() {
        misfits.push(Misfit::NoResolution { wanted });
    }
    if shot.wants_audio() && !model.makes_sound() {
        misfits.push(Misfit::NoSound);
    }
    for addon in &shot.addons {
        if model.addon(&addon.value).is_none() {
            misfits.push(Misfit::NoAddon {
                addon: &addon.value,
            });
        }
    }
    if !shot.characters.is_empty() && !model.references {
        misfits.push(Misfit::NoReferences);
    }
    let max_cuts = model.def.max_cuts.as_ref().map_or(0, |max| max.value);
    if shot.cuts() > max_cuts {
        misfits.push(Misfit::TooManyCuts {
            cuts: shot.cuts(),
            max: max_cuts,
        });
    }
    // Durations are user input: one too long to add up is longer than any clip.
    let needed = generated_seconds(&checked.spec().assumptions, shot.duration.value.seconds())
        .unwrap_or(Decimal::MAX);
    if let Some(longest) = longest_clip(model, resolution.map_or(wanted, |(name, _)| name))
        && needed > longest
    {
        misfits.push(Misfit::ClipTooLong { needed, longest });
    }
    Some(Fit {
        resolution: resolution.map(|(name, _)| name),
        raised: resolution.is_some_and(|(_, raised)| raised),
        misfits,
    })
}
