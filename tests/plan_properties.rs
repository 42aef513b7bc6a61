//! Properties every plan has, over generated specs: best ≤ expected ≤ worst; stages
//! add up to the totals; approving a shot or locking a sheet never raises the cost;
//! more takes never lower it; the shown jobs and stages add up to the shown totals exactly; and
//! `route --fix` rewrites every spec into one that plans to the route's prediction;
//! and the plan JSON reads back, through `diff`'s reader, as the document it was
//! written from, decimals of 28 digits included.

use proptest::prelude::*;
use rust_decimal::Decimal;
use shotlist::diff::PlanDocument;
use shotlist::plan::{Estimate, Exact, Job, Plan, Stage, plan};
use shotlist::report::plan::fixed2;
use shotlist::source::Source;
use shotlist::spec;

/// List-price video models of every rate form (per second with and without minimum
/// and increment, per clip), and whether each has an `audio` addon.
const VIDEO_MODELS: [(&str, bool); 8] = [
    ("veo-3.1", true),
    ("kling-2.6-standard", false),
    ("wan-2.6", false),
    ("hailuo-2.3", false),
    ("luma-ray-2", false),
    ("kling-3.0", true),
    ("runway-gen4-turbo", false),
    ("seedance-2.0", false),
];
const IMAGE_MODELS: [&str; 4] = ["nano-banana-pro", "flux-1.1-pro", "gpt-image-1", "recraft"];

#[derive(Debug, Clone)]
struct ShotParams {
    segment: usize,
    /// 0.1 s to 7 s: with at most 2 s of handles, every clip fits luma-ray-2's 9 s
    /// bucket, the shortest largest bucket among the models.
    duration_tenths: u32,
    model: usize,
    audio: bool,
    /// Own takes, in halves (2 = 1 take).
    takes_halves: Option<u32>,
    approved: bool,
    /// A `hero` shot, which follows `assumptions.by_type.hero`; else `b-roll`.
    hero: bool,
}

#[derive(Debug, Clone)]
struct SheetParams {
    locked: bool,
    options: Option<u32>,
    rounds: Option<u32>,
    model: usize,
}

#[derive(Debug, Clone)]
enum TakesParams {
    Default,
    /// In halves.
    Takes(u32),
    /// In percent.
    Yield(u32),
}

#[derive(Debug, Clone)]
struct Params {
    segments: usize,
    shots: Vec<ShotParams>,
    /// One character each; `None` is a character without a sheet.
    sheets: Vec<Option<SheetParams>>,
    takes: TakesParams,
    takes_worst: Option<u32>,
    /// `assumptions.by_type.hero`: its takes or yield (`Default`: neither) and its
    /// `takes_worst`.
    hero_takes: Option<(TakesParams, Option<u32>)>,
    handles_tenths: u32,
    cap: Option<u32>,
    /// `plan: {price, credits}`: price per credit as a ratio that rarely terminates.
    plan_price: Option<(u32, u32)>,
}

fn halves(count: u32) -> String {
    (Decimal::from(count) / Decimal::TWO)
        .normalize()
        .to_string()
}

fn tenths(count: u32) -> String {
    (Decimal::from(count) / Decimal::TEN)
        .normalize()
        .to_string()
}

impl Params {
    fn yaml(&self) -> String {
        let mut yaml = String::from("version: 1\nproduction: {title: Generated}\n");
        let mut budget = Vec::new();
        if let Some(cap) = self.cap {
            budget.push(format!("credits: {cap}"));
        }
        if let Some((price, credits)) = self.plan_price {
            budget.push(format!("plan: {{price: {price}, credits: {credits}}}"));
        }
        if !budget.is_empty() {
            yaml.push_str(&format!("budget: {{{}}}\n", budget.join(", ")));
        }
        let mut assumptions = vec![format!("handles: {}", tenths(self.handles_tenths))];
        match self.takes {
            TakesParams::Default => {}
            TakesParams::Takes(count) => assumptions.push(format!("takes: {}", halves(count))),
            TakesParams::Yield(percent) => assumptions.push(format!("yield: {percent}%")),
        }
        if let Some(worst) = self.takes_worst {
            assumptions.push(format!("takes_worst: {worst}"));
        }
        if let Some((takes, worst)) = &self.hero_takes {
            let mut hero = Vec::new();
            match takes {
                TakesParams::Default => {}
                TakesParams::Takes(count) => hero.push(format!("takes: {}", halves(*count))),
                TakesParams::Yield(percent) => hero.push(format!("yield: {percent}%")),
            }
            if let Some(worst) = worst {
                hero.push(format!("takes_worst: {worst}"));
            }
            assumptions.push(format!("by_type: {{hero: {{{}}}}}", hero.join(", ")));
        }
        yaml.push_str(&format!("assumptions: {{{}}}\n", assumptions.join(", ")));
        if !self.sheets.is_empty() {
            yaml.push_str("characters:\n");
            for (index, sheet) in self.sheets.iter().enumerate() {
                match sheet {
                    None => yaml.push_str(&format!("  - {{id: c{index}}}\n")),
                    Some(sheet) => {
                        let mut fields = vec![
                            format!("status: {}", if sheet.locked { "locked" } else { "draft" }),
                            format!("model: {}", IMAGE_MODELS[sheet.model]),
                        ];
                        if let Some(options) = sheet.options {
                            fields.push(format!("options: {options}"));
                        }
                        if let Some(rounds) = sheet.rounds {
                            fields.push(format!("rounds: {rounds}"));
                        }
                        yaml.push_str(&format!(
                            "  - {{id: c{index}, sheet: {{{}}}}}\n",
                            fields.join(", ")
                        ));
                    }
                }
            }
        }
        yaml.push_str("segments:\n");
        for index in 0..self.segments {
            yaml.push_str(&format!("  - {{id: s{index}, duration: 15s}}\n"));
        }
        yaml.push_str("shots:\n");
        for (index, shot) in self.shots.iter().enumerate() {
            let (model, has_audio) = VIDEO_MODELS[shot.model];
            let mut fields = vec![
                format!("id: shot{index}"),
                format!("segment: s{}", shot.segment % self.segments),
                format!("type: {}", if shot.hero { "hero" } else { "b-roll" }),
                format!("duration: {}", tenths(shot.duration_tenths)),
                format!("model: {model}"),
                "prompt: p".to_owned(),
            ];
            if shot.audio && has_audio {
                fields.push("audio: true".to_owned());
            }
            if let Some(takes) = shot.takes_halves {
                fields.push(format!("takes: {}", halves(takes)));
            }
            if shot.approved {
                fields.push("status: approved".to_owned());
            }
            yaml.push_str(&format!("  - {{{}}}\n", fields.join(", ")));
        }
        yaml
    }

    /// One shot takes more generations: its own takes, or the assumption it follows.
    fn with_more_takes(&self, shot: usize, extra_halves: u32) -> Params {
        let mut more = self.clone();
        let index = shot % more.shots.len();
        let more_of = |takes: &TakesParams| match takes {
            TakesParams::Default => TakesParams::Takes(6 + extra_halves),
            TakesParams::Takes(count) => TakesParams::Takes(count + extra_halves),
            // A lower yield is more takes.
            TakesParams::Yield(percent) => {
                TakesParams::Yield(percent.saturating_sub(extra_halves).max(1))
            }
        };
        let hero = more.shots[index].hero;
        match (more.shots[index].takes_halves, &mut more.hero_takes) {
            (Some(own), _) => more.shots[index].takes_halves = Some(own + extra_halves),
            // A hero follows its type's takes when the type gives any.
            (None, Some((takes, _))) if hero && !matches!(takes, TakesParams::Default) => {
                *takes = more_of(takes);
            }
            (None, _) => more.takes = more_of(&more.takes),
        }
        more
    }
}

fn shot_params() -> impl Strategy<Value = ShotParams> {
    (
        0usize..4,
        1u32..=70,
        0..VIDEO_MODELS.len(),
        any::<bool>(),
        prop::option::of(2u32..=12),
        prop::bool::weighted(0.2),
        any::<bool>(),
    )
        .prop_map(
            |(segment, duration_tenths, model, audio, takes_halves, approved, hero)| ShotParams {
                segment,
                duration_tenths,
                model,
                audio,
                takes_halves,
                approved,
                hero,
            },
        )
}

fn sheet_params() -> impl Strategy<Value = Option<SheetParams>> {
    prop::option::of(
        (
            any::<bool>(),
            prop::option::of(1u32..=6),
            prop::option::of(1u32..=8),
            0..IMAGE_MODELS.len(),
        )
            .prop_map(|(locked, options, rounds, model)| SheetParams {
                locked,
                options,
                rounds,
                model,
            }),
    )
}

fn takes_params() -> impl Strategy<Value = TakesParams> {
    prop_oneof![
        Just(TakesParams::Default),
        (2u32..=12).prop_map(TakesParams::Takes),
        (5u32..=100).prop_map(TakesParams::Yield),
    ]
}

fn params() -> impl Strategy<Value = Params> {
    (
        1usize..=4,
        prop::collection::vec(shot_params(), 1..=8),
        prop::collection::vec(sheet_params(), 0..=3),
        takes_params(),
        prop::option::of(1u32..=8),
        prop::option::of((takes_params(), prop::option::of(1u32..=8))),
        0u32..=20,
        prop::option::of(0u32..=6000),
        prop::option::of((1u32..=500, 1u32..=9000)),
    )
        .prop_map(
            |(
                segments,
                shots,
                sheets,
                takes,
                takes_worst,
                hero_takes,
                handles_tenths,
                cap,
                plan_price,
            )| {
                Params {
                    segments,
                    shots,
                    sheets,
                    takes,
                    takes_worst,
                    hero_takes,
                    handles_tenths,
                    cap,
                    plan_price,
                }
            },
        )
}

/// Plans the generated spec; every generated spec must check and plan.
fn with_plan<R>(params: &Params, check: impl FnOnce(&Plan<'_>) -> R) -> R {
    let yaml = params.yaml();
    let source = Source::new("generated.yaml", yaml.as_str());
    let spec = spec::load(&source).unwrap_or_else(|d| panic!("{}\n{yaml}", d.message));
    let checked =
        shotlist::pipeline::check(&spec, None).unwrap_or_else(|ds| panic!("{ds:?}\n{yaml}"));
    let plan = plan(&checked).unwrap_or_else(|ds| panic!("{ds:?}\n{yaml}"));
    check(&plan)
}

/// The jobs of one stage, priced as the reports walk them.
fn jobs<'a>(plan: &Plan<'a>, stage: &Stage<'_>) -> Vec<Job<'a>> {
    plan.jobs(stage)
        .collect::<Result<_, _>>()
        .expect("a plan prices its jobs again")
}

fn ordered(estimate: Estimate) -> bool {
    estimate.best <= estimate.expected && estimate.expected <= estimate.worst
}

fn ordered_exactly(exact: Exact) -> bool {
    exact.best <= exact.expected && exact.expected <= exact.worst
}

/// A shown part's columns are each rounded along their own running total (docs/plan.md,
/// "Parts that add up"), so columns equal exactly may show a cent out of order.
fn ordered_within_a_cent(estimate: Estimate) -> bool {
    let cent = Decimal::new(1, 2);
    estimate.best <= estimate.expected + cent && estimate.expected <= estimate.worst + cent
}

fn at_most(lower: Estimate, upper: Estimate) -> bool {
    lower.best <= upper.best && lower.expected <= upper.expected && lower.worst <= upper.worst
}

fn sum(estimates: impl Iterator<Item = Estimate>) -> Estimate {
    estimates.fold(Estimate::default(), |total, next| {
        total.checked_add(next).expect("small figures")
    })
}

/// How far the displayed total is from the sum of the displayed lines, in cents.
fn drift_in_cents(total: Decimal, lines: impl Iterator<Item = Decimal>) -> Decimal {
    let shown = |value: Decimal| fixed2(value).parse::<Decimal>().expect("a number");
    let lines_sum: Decimal = lines.map(shown).sum();
    (shown(total) - lines_sum).abs() * Decimal::ONE_HUNDRED
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn best_is_at_most_expected_is_at_most_worst(params in params()) {
        with_plan(&params, |plan| {
            prop_assert!(ordered(plan.totals.credits));
            for stage in &plan.stages {
                prop_assert!(ordered_within_a_cent(stage.credits));
                for job in &jobs(plan, stage) {
                    prop_assert!(ordered_exactly(job.exact()));
                    prop_assert!(ordered_within_a_cent(job.credits));
                }
            }
            if let Some(cost) = plan.totals.cost {
                prop_assert!(ordered(cost));
            }
            Ok(())
        })?;
    }

    #[test]
    fn stages_and_jobs_add_up_to_the_totals(params in params()) {
        with_plan(&params, |plan| {
            let stages = sum(plan.stages.iter().map(|stage| stage.credits));
            prop_assert_eq!(stages, plan.totals.credits);
            let mut running = Decimal::ZERO;
            let mut stages_so_far = Estimate::default();
            for stage in &plan.stages {
                let jobs = jobs(plan, stage);
                prop_assert_eq!(jobs.len(), stage.job_count());
                prop_assert_eq!(sum(jobs.iter().map(|job| job.credits)), stage.credits);
                for job in &jobs {
                    running += job.credits.expected;
                    prop_assert_eq!(job.cumulative_credits, running);
                }
                stages_so_far = stages_so_far.checked_add(stage.credits).expect("small");
                prop_assert_eq!(stage.cumulative_credits, stages_so_far);
                prop_assert_eq!(stage.cumulative_credits.expected, running);
            }
            // Walking the whole plan at once gives the very jobs of the stages in turn.
            let every: Vec<Job> = plan.all_jobs().collect::<Result<_, _>>().expect("priced");
            let by_stage: Vec<Job> = plan.stages.iter().flat_map(|stage| jobs(plan, stage)).collect();
            prop_assert_eq!(every, by_stage);
            // `remaining` is the cap less the exact total, rounded: where it is not zero,
            // its sign says whether the exact total passed the cap.
            if let Some(remaining) = plan.budget.remaining
                && !remaining.is_zero()
            {
                prop_assert_eq!(plan.budget.exceeded_at.is_some(), remaining.is_sign_negative());
            }
            Ok(())
        })?;
    }

    #[test]
    fn approving_a_shot_never_raises_the_cost(params in params(), shot in any::<usize>()) {
        let mut approved = params.clone();
        let index = shot % approved.shots.len();
        approved.shots[index].approved = true;
        let before = with_plan(&params, |plan| plan.totals.credits);
        let after = with_plan(&approved, |plan| plan.totals.credits);
        prop_assert!(at_most(after, before), "{after:?} > {before:?}");
    }

    #[test]
    fn locking_a_sheet_never_raises_the_cost(params in params(), sheet in any::<usize>()) {
        prop_assume!(!params.sheets.is_empty());
        let mut locked = params.clone();
        let index = sheet % locked.sheets.len();
        if let Some(sheet) = &mut locked.sheets[index] {
            sheet.locked = true;
        }
        let before = with_plan(&params, |plan| plan.totals.credits);
        let after = with_plan(&locked, |plan| plan.totals.credits);
        prop_assert!(at_most(after, before), "{after:?} > {before:?}");
    }

    #[test]
    fn more_takes_never_lower_the_cost(
        params in params(),
        shot in any::<usize>(),
        extra in 1u32..=6,
    ) {
        let more = params.with_more_takes(shot, extra);
        let before = with_plan(&params, |plan| plan.totals.credits);
        let after = with_plan(&more, |plan| plan.totals.credits);
        prop_assert!(at_most(before, after), "{before:?} > {after:?}");
    }

    #[test]
    fn displayed_parts_add_up_to_displayed_totals(params in params()) {
        with_plan(&params, |plan| {
            let lines = Decimal::from(plan.stages.len());
            let drift = drift_in_cents(
                plan.totals.credits.expected,
                plan.stages.iter().map(|stage| stage.credits.expected),
            );
            prop_assert!(drift.is_zero(), "{drift} cents over {lines} stages");
            for stage in &plan.stages {
                let stage_jobs = jobs(plan, stage);
                let jobs = Decimal::from(stage_jobs.len());
                let drift = drift_in_cents(
                    stage.credits.expected,
                    stage_jobs.iter().map(|job| job.credits.expected),
                );
                prop_assert!(drift.is_zero(), "{drift} cents over {jobs} jobs");
            }
            if let Some(cost) = plan.totals.cost {
                let drift = drift_in_cents(
                    cost.expected,
                    plan.stages.iter().filter_map(|stage| stage.cost.map(|c| c.expected)),
                );
                prop_assert!(drift.is_zero(), "{drift} cents of money over {lines} stages");
            }
            Ok(())
        })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The rewrite of any route passes its own verification (it checks clean, every job
    /// lands on the chosen model and the plan's totals are the predicted ones), the
    /// moves' savings add up to the total saving, and routing the result moves nothing.
    #[test]
    fn route_fix_plans_to_the_prediction_and_is_final(params in params(), allow_draft in any::<bool>()) {
        use shotlist::plan::route::{RouteOptions, route};
        let options = RouteOptions { today: jiff::civil::date(2026, 11, 21), allow_draft };
        let yaml = params.yaml();
        let source = Source::new("generated.yaml", yaml.as_str());
        let spec = spec::load(&source).expect("loads");
        let checked = shotlist::pipeline::check(&spec, None).expect("checks");
        let routed = route(&checked, options).expect("routes");
        let savings: Decimal = routed.moves.iter().map(|m| m.saving).sum();
        prop_assert_eq!(savings, routed.saving());
        let fixed = shotlist::plan::fix::fix(&source, &checked, &routed)
            .unwrap_or_else(|refusal| panic!("{refusal}\n{yaml}"));
        prop_assert_eq!(fixed.edits.is_empty(), routed.moves.is_empty());

        let again = Source::new("fixed.yaml", fixed.text.as_str());
        let spec = spec::load(&again).expect("the rewrite loads");
        let checked = shotlist::pipeline::check(&spec, None).expect("the rewrite checks");
        let rerouted = route(&checked, options).expect("routes");
        prop_assert!(rerouted.moves.is_empty(), "{:?}\n{}", rerouted.moves, fixed.text);
        prop_assert_eq!(rerouted.current.totals, routed.routed.totals);
    }
}

/// Reads the plan JSON that `plan --format json` writes for `plan` as `shotlist diff`
/// reads a file, and the document the writer streamed, held whole. The document read
/// back must write the same bytes again.
fn written_and_read_back(plan: &Plan<'_>) -> (PlanDocument, PlanDocument) {
    let text = shotlist::report::plan::json::render(plan).expect("a plan renders");
    let value = shotlist::diff::looks_like_plan(&text).expect("a plan document");
    let read = PlanDocument::from_value(value).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let rewritten = serde_json::to_string_pretty(&read).expect("a document serializes") + "\n";
    assert_eq!(
        rewritten, text,
        "the document read back writes the same bytes"
    );
    let written = shotlist::document::plan::collected(plan).expect("a plan prices its jobs");
    (written, read)
}

/// A spec whose one model costs `rate` credits a second and whose cap is `cap`:
/// figures up to 28 significant digits, the most a decimal holds with two places.
fn giant_yaml(rate: &str, cap: &str, seconds: u32, takes: u32) -> String {
    format!(
        "version: 1
production: {{title: Giant}}
budget: {{credits: \"{cap}\", price_per_credit: 0.01}}
assumptions: {{takes: {takes}}}
models:
  giant:
    kind: video
    rates: {{720p: {{credits: \"{rate}\", per: 1s}}}}
    max_clip: 10s
segments: [{{id: s1, duration: {seconds}s}}]
shots:
  - {{id: sea, segment: s1, type: b-roll, duration: {seconds}s, prompt: Grey waves, model: giant}}
  - {{id: sky, segment: s1, type: b-roll, duration: 1s, prompt: Low cloud, model: giant}}
"
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn plan_json_reads_back_as_the_document_written(params in params()) {
        with_plan(&params, |plan| {
            let (written, read) = written_and_read_back(plan);
            prop_assert_eq!(written, read);
            Ok(())
        })?;
    }

    #[test]
    fn plan_json_reads_back_with_28_digit_decimals(
        rate in "[1-9][0-9]{19,21}\\.[0-9]{1,4}",
        cap in "[1-9][0-9]{25}\\.[0-9]{2}",
        seconds in 1u32..=9,
        takes in 1u32..=4,
    ) {
        let yaml = giant_yaml(&rate, &cap, seconds, takes);
        let source = Source::new("giant.yaml", yaml.as_str());
        let spec = spec::load(&source).unwrap_or_else(|d| panic!("{}\n{yaml}", d.message));
        let checked =
            shotlist::pipeline::check(&spec, None).unwrap_or_else(|ds| panic!("{ds:?}\n{yaml}"));
        let plan = plan(&checked).unwrap_or_else(|ds| panic!("{ds:?}\n{yaml}"));
        let (written, read) = written_and_read_back(&plan);
        let cap_digits = written.budget.credits.map(|c| c.to_string().replace('.', "").len());
        prop_assert_eq!(cap_digits, Some(28));
        prop_assert_eq!(written, read);
    }
}

/// An exact fraction, as FORMAT.md's arithmetic is: the model below is written from the
/// format and the catalog, apart from the planner's code.
type Fraction = num_rational::Ratio<i128>;

fn fraction(numerator: i128, denominator: i128) -> Fraction {
    Fraction::new(numerator, denominator)
}

/// A list-price rate as the catalog writes it: credits per `per` seconds, with a
/// minimum and an increment, or buckets of (length, price).
enum ModelRate {
    Time {
        credits: Fraction,
        per: i128,
        minimum: i128,
        increment: i128,
    },
    Buckets(&'static [(i128, i128)]),
}

impl ModelRate {
    fn bill(&self, needed: Fraction) -> Fraction {
        match *self {
            ModelRate::Time {
                credits,
                per,
                minimum,
                increment,
            } => {
                let billed = needed.max(Fraction::from_integer(minimum));
                let steps = (billed / increment).ceil();
                credits * steps * increment / per
            }
            ModelRate::Buckets(buckets) => {
                let &(_, price) = buckets
                    .iter()
                    .find(|(length, _)| Fraction::from_integer(*length) >= needed)
                    .expect("every generated clip fits a bucket");
                Fraction::from_integer(price)
            }
        }
    }
}

/// The default resolution's rate, the audio addon and `min_clip` of each of
/// [`VIDEO_MODELS`], from src/catalog/list-prices.yaml.
fn video_model(index: usize) -> (ModelRate, Option<ModelRate>, i128) {
    let time = |credits: Fraction, per, minimum, increment| ModelRate::Time {
        credits,
        per,
        minimum,
        increment,
    };
    let whole = Fraction::from_integer;
    match VIDEO_MODELS[index].0 {
        "veo-3.1" => (time(whole(40), 1, 4, 2), Some(time(whole(0), 1, 0, 1)), 4),
        "kling-2.6-standard" => (time(whole(20), 5, 5, 5), None, 5),
        "wan-2.6" => (time(whole(10), 1, 5, 1), None, 5),
        "hailuo-2.3" => (ModelRate::Buckets(&[(6, 28), (10, 56)]), None, 6),
        "luma-ray-2" => (ModelRate::Buckets(&[(5, 71), (9, 127)]), None, 5),
        "kling-3.0" => (
            time(fraction(1764, 100), 1, 3, 1),
            Some(time(fraction(882, 100), 1, 3, 1)),
            3,
        ),
        "runway-gen4-turbo" => (time(whole(5), 1, 2, 1), None, 2),
        "seedance-2.0" => (time(whole(95), 5, 4, 1), None, 4),
        other => unreachable!("{other}"),
    }
}

/// Credits per image of each of [`IMAGE_MODELS`] at its default resolution.
fn image_credits(index: usize) -> Fraction {
    [
        fraction(134, 10),
        fraction(4, 1),
        fraction(42, 10),
        fraction(54, 10),
    ][index]
}

/// The exact totals (best, expected, worst), and the index in schedule order of the
/// first job whose running expected total passes the cap.
struct ExactPlan {
    totals: [Fraction; 3],
    exceeded_at: Option<String>,
}

fn exact_plan(params: &Params) -> ExactPlan {
    let handles = fraction(i128::from(params.handles_tenths), 10);
    let takes_of = |takes: &TakesParams| match takes {
        TakesParams::Default => None,
        TakesParams::Takes(halves) => Some(fraction(i128::from(*halves), 2)),
        TakesParams::Yield(percent) => Some(fraction(100, i128::from(*percent))),
    };
    let assumed_takes = takes_of(&params.takes).unwrap_or(Fraction::from_integer(3));
    let takes_worst = Fraction::from_integer(params.takes_worst.map_or(5, i128::from));
    // A hero follows its type's takes and worst case where the type gives them.
    let (hero_takes, hero_worst) = match &params.hero_takes {
        Some((takes, worst)) => (
            takes_of(takes).unwrap_or(assumed_takes),
            worst.map_or(takes_worst, |worst| {
                Fraction::from_integer(i128::from(worst))
            }),
        ),
        None => (assumed_takes, takes_worst),
    };
    // Jobs in schedule order: unlocked sheets, then each segment's planned shots.
    let mut jobs: Vec<(String, [Fraction; 3])> = Vec::new();
    for (index, sheet) in params.sheets.iter().enumerate() {
        if let Some(sheet) = sheet
            && !sheet.locked
        {
            let images = i128::from(sheet.rounds.unwrap_or(5) * sheet.options.unwrap_or(4));
            let credits = image_credits(sheet.model) * images;
            jobs.push((format!("c{index}"), [credits; 3]));
        }
    }
    for segment in 0..params.segments {
        for (index, shot) in params.shots.iter().enumerate() {
            if shot.segment % params.segments != segment || shot.approved {
                continue;
            }
            let (rate, audio, min_clip) = video_model(shot.model);
            let generated = fraction(i128::from(shot.duration_tenths), 10) + handles;
            let needed = generated.max(Fraction::from_integer(min_clip));
            let mut one_take = rate.bill(needed);
            if shot.audio
                && let Some(audio) = audio
            {
                one_take += audio.bill(needed);
            }
            let (assumed_takes, takes_worst) = if shot.hero {
                (hero_takes, hero_worst)
            } else {
                (assumed_takes, takes_worst)
            };
            let takes = shot
                .takes_halves
                .map_or(assumed_takes, |halves| fraction(i128::from(halves), 2));
            let worst = takes.max(takes_worst);
            jobs.push((
                format!("shot{index}"),
                [one_take, one_take * takes, one_take * worst],
            ));
        }
    }
    let cap = params
        .cap
        .map(|cap| Fraction::from_integer(i128::from(cap)));
    let mut totals = [Fraction::from_integer(0); 3];
    let mut exceeded_at = None;
    for (id, credits) in jobs {
        for (total, part) in totals.iter_mut().zip(credits) {
            *total += part;
        }
        if exceeded_at.is_none() && cap.is_some_and(|cap| totals[1] > cap) {
            exceeded_at = Some(id);
        }
    }
    ExactPlan {
        totals,
        exceeded_at,
    }
}

/// `value` to two places, half away from zero, written out: FORMAT.md's one rounding.
fn rounded(value: Fraction) -> String {
    let hundredths = value * 100;
    let magnitude = if hundredths < Fraction::from_integer(0) {
        -hundredths
    } else {
        hundredths
    };
    let mut whole = magnitude.to_integer();
    if (magnitude - whole) * 2 >= Fraction::from_integer(1) {
        whole += 1;
    }
    let sign = if value < Fraction::from_integer(0) && whole != 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}.{:02}", whole / 100, whole % 100)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Every total, in credits and in money, is the exact fraction rounded once, and
    /// the cap is passed exactly where the exact running total passes it: no
    /// tolerance.
    #[test]
    fn totals_are_the_exact_fractions_rounded_once(params in params()) {
        let exact = exact_plan(&params);
        let price = params
            .plan_price
            .map_or(fraction(1, 100), |(price, credits)| {
                fraction(i128::from(price), i128::from(credits))
            });
        with_plan(&params, |plan| {
            let credits = plan.totals.credits;
            let shown = [credits.best, credits.expected, credits.worst].map(fixed2);
            prop_assert_eq!(&shown, &exact.totals.map(rounded), "credits\n{}", params.yaml());
            let cost = plan.totals.cost.expect("every generated spec is priced");
            let shown = [cost.best, cost.expected, cost.worst].map(fixed2);
            prop_assert_eq!(
                &shown,
                &exact.totals.map(|total| rounded(total * price)),
                "money\n{}",
                params.yaml()
            );
            prop_assert_eq!(
                plan.budget.exceeded_at.map(|subject| subject.id().to_owned()),
                exact.exceeded_at.clone()
            );
            if let (Some(cap), Some(remaining)) = (params.cap, plan.budget.remaining) {
                let left = Fraction::from_integer(i128::from(cap)) - exact.totals[1];
                prop_assert_eq!(fixed2(remaining), rounded(left));
            }
            Ok(())
        })?;
    }
}

/// The three columns of a figure, as written.
type Three = [Decimal; 3];

fn add(total: &mut Three, part: Three) {
    for (total, part) in total.iter_mut().zip(part) {
        *total += part;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// What a reader sums adds up to what the output shows as the whole, exactly: in
    /// the plan JSON, each stage's jobs to the stage and the stages to the totals, in
    /// credits and money, in every column; in the CSV, every job's credits and money to
    /// the totals. (The markdown and human reports show the very figures the JSON
    /// writes.)
    #[test]
    fn every_outputs_parts_add_up_to_its_totals(params in params()) {
        with_plan(&params, |plan| {
            let value = shotlist::report::plan::json::document(plan).expect("writes");
            let document = PlanDocument::from_value(value).expect("reads back");
            let columns = |c: &shotlist::document::plan::Columns<_>| -> Three {
                let pick = |f: &shotlist::document::decimal::Fixed2| f.value();
                [pick(&c.best), pick(&c.expected), pick(&c.worst)]
            };
            let money = |best: Option<shotlist::document::decimal::Fixed2>,
                         expected: Option<shotlist::document::decimal::Fixed2>,
                         worst: Option<shotlist::document::decimal::Fixed2>|
             -> Three {
                [best, expected, worst].map(|f| f.expect("priced").value())
            };
            let mut stages_credits = Three::default();
            let mut stages_money = Three::default();
            for stage in &document.stages {
                let stage_credits = [
                    stage.credits_best.value(),
                    stage.credits.value(),
                    stage.credits_worst.value(),
                ];
                let stage_money = money(stage.cost_best, stage.cost, stage.cost_worst);
                let mut jobs_credits = Three::default();
                let mut jobs_money = Three::default();
                for job in &stage.jobs {
                    let figures = job.figures();
                    add(&mut jobs_credits, [
                        figures.credits_best.value(),
                        job.credits().value(),
                        figures.credits_worst.value(),
                    ]);
                    add(&mut jobs_money, money(figures.cost_best, figures.cost, figures.cost_worst));
                }
                prop_assert_eq!(jobs_credits, stage_credits, "stage {}", stage.id);
                prop_assert_eq!(jobs_money, stage_money, "stage {}", stage.id);
                add(&mut stages_credits, stage_credits);
                add(&mut stages_money, stage_money);
            }
            let totals = &document.totals;
            prop_assert_eq!(stages_credits, columns(&totals.credits));
            prop_assert_eq!(
                stages_money,
                money(totals.cost.best, totals.cost.expected, totals.cost.worst)
            );

            let mut csv = Vec::new();
            shotlist::report::plan::csv::render_to(plan, &mut csv).expect("writes");
            let mut reader = csv::Reader::from_reader(csv.as_slice());
            let header = reader.headers().expect("a header").clone();
            let at = |name: &str| header.iter().position(|h| h == name).expect(name);
            let (best, expected, worst, cost) = (
                at("credits_best"),
                at("credits_expected"),
                at("credits_worst"),
                at("cost_expected"),
            );
            let mut rows_credits = Three::default();
            let mut rows_money = Decimal::ZERO;
            for row in reader.records() {
                let row = row.expect("a row");
                let number = |index: usize| row[index].parse::<Decimal>().expect("a number");
                add(&mut rows_credits, [number(best), number(expected), number(worst)]);
                rows_money += number(cost);
            }
            prop_assert_eq!(rows_credits, columns(&totals.credits));
            prop_assert_eq!(Some(rows_money), totals.cost.expected.map(|f| f.value()));
            Ok(())
        })?;
    }
}
