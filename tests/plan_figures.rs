//! Figures the planner must reproduce to the cent: every worked example in the seeds
//! (shared/seeds/), the pricing rules of FORMAT.md one by one, and the plan of
//! examples/lighthouse.yaml worked by hand in docs/plan.md. Each spec goes through the
//! real path: YAML text → load → check → `plan()`.

use rust_decimal::Decimal;
use shotlist::plan::{BudgetVerdict, Job, Plan, Work, plan};
use shotlist::report::plan::{fixed2, json};
use shotlist::source::Source;
use shotlist::spec;

/// Plans `yaml` and hands the plan to `check`; panics with the diagnostics if the spec
/// does not check or plan.
fn with_plan<R>(yaml: &str, check: impl FnOnce(&Plan<'_>) -> R) -> R {
    let source = Source::new("test.yaml", yaml);
    let spec = spec::load(&source).unwrap_or_else(|d| panic!("load: {}", d.message));
    let checked = shotlist::pipeline::check(&spec, None).unwrap_or_else(|ds| {
        panic!(
            "check: {:?}",
            ds.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    let plan = plan(&checked).unwrap_or_else(|ds| {
        panic!(
            "plan: {:?}",
            ds.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    check(&plan)
}

/// The diagnostics (code, path) of a spec that checks but cannot be planned.
fn plan_errors(yaml: &str) -> Vec<(&'static str, String)> {
    let source = Source::new("test.yaml", yaml);
    let spec = spec::load(&source).unwrap_or_else(|d| panic!("load: {}", d.message));
    let checked =
        shotlist::pipeline::check(&spec, None).unwrap_or_else(|ds| panic!("check: {ds:?}"));
    match plan(&checked) {
        Ok(_) => panic!("expected the plan to fail"),
        Err(diagnostics) => diagnostics
            .into_iter()
            .map(|d| (d.code.id, d.path))
            .collect(),
    }
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

/// The jobs of stage `index`, priced as the reports walk them.
fn stage_jobs<'a>(plan: &Plan<'a>, index: usize) -> Vec<Job<'a>> {
    plan.jobs(&plan.stages[index])
        .collect::<Result<_, _>>()
        .expect("a plan prices its jobs again")
}

/// Expected credits of every shot job, in schedule order, shown to the cent.
fn shot_credits(plan: &Plan<'_>) -> Vec<String> {
    plan.all_jobs()
        .map(|job| job.expect("a plan prices its jobs again"))
        .filter(|job| matches!(job.work, Work::Shot(_)))
        .map(|job| fixed2(job.credits.expected))
        .collect()
}

/// A spec with one segment per shot and every shot taken once, so that a job's
/// expected credits are the price of one generation.
fn one_take_spec(header: &str, shots: &[&str]) -> String {
    let mut yaml = format!(
        "version: 1\n{header}\nproduction: {{title: Seed}}\nassumptions: {{takes: 1}}\nsegments:\n"
    );
    for index in 0..shots.len() {
        yaml.push_str(&format!("  - {{id: s{index}, duration: 2m}}\n"));
    }
    yaml.push_str("shots:\n");
    for (index, shot) in shots.iter().enumerate() {
        yaml.push_str(&format!(
            "  - {{id: shot-{index}, segment: s{index}, type: b-roll, prompt: \"p\", {shot}}}\n"
        ));
    }
    yaml
}

// ---------------------------------------------------------------- seed 003

/// A clip-priced model as seed 003 describes one: 5 s at 720p for 50 credits, 10 s at
/// 1080p for 120, on a $30 plan of 3,000 credits.
const SEED_003: &str = "budget: {plan: {price: 30, credits: 3000}}
models:
  aivc-clip:
    kind: video
    rates:
      720p: {buckets: {5s: 50, 10s: 100}}
      1080p: {buckets: {5s: 60, 10s: 120}}";

#[test]
fn seed_003_thirty_dollars_for_3000_credits_is_a_cent_a_credit() {
    let yaml = one_take_spec(SEED_003, &["duration: 5s, model: aivc-clip"]);
    with_plan(&yaml, |plan| {
        assert_eq!(plan.price_per_credit, Some(dec("0.01")));
        assert!(
            json::render(plan)
                .expect("renders")
                .contains("\"price_per_credit\": \"0.01\"")
        );
    });
}

#[test]
fn seed_003_five_second_720p_clip_of_50_credits_costs_50_cents_10_cents_a_second() {
    let yaml = one_take_spec(
        SEED_003,
        &["duration: 5s, model: aivc-clip, resolution: 720p"],
    );
    with_plan(&yaml, |plan| {
        let totals = &plan.totals;
        assert_eq!(fixed2(totals.credits.expected), "50.00");
        let cost = totals.cost.expect("priced").expected;
        assert_eq!(fixed2(cost), "0.50");
        assert_eq!(fixed2(cost / totals.finished_seconds), "0.10");
        assert_eq!(
            totals.cost_per_finished_minute.map(fixed2).as_deref(),
            Some("6.00")
        );
    });
}

#[test]
fn seed_003_ten_second_1080p_clip_of_120_credits_costs_1_20_12_cents_a_second() {
    let yaml = one_take_spec(
        SEED_003,
        &["duration: 10s, model: aivc-clip, resolution: 1080p"],
    );
    with_plan(&yaml, |plan| {
        let totals = &plan.totals;
        assert_eq!(fixed2(totals.credits.expected), "120.00");
        let cost = totals.cost.expect("priced").expected;
        assert_eq!(fixed2(cost), "1.20");
        assert_eq!(fixed2(cost / totals.finished_seconds), "0.12");
    });
}

// ---------------------------------------------------------------- seed 002

#[test]
fn seed_002_invideo_generative_is_10_20_30_40_credits_for_30s_1m_1m30_2m() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &[
            "duration: 30s, model: invideo-generative",
            "duration: 1m, model: invideo-generative",
            "duration: 1m30s, model: invideo-generative",
            "duration: 2m, model: invideo-generative",
            "duration: 20s, model: invideo-generative",
        ],
    );
    with_plan(&yaml, |plan| {
        // "30 seconds or less" is 10 credits too.
        assert_eq!(
            shot_credits(plan),
            ["10.00", "20.00", "30.00", "40.00", "10.00"]
        );
    });
}

#[test]
fn seed_002_invideo_ai_actors_make_it_15_30_45_60_credits() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &[
            "duration: 30s, model: invideo-generative, addons: [actor]",
            "duration: 1m, model: invideo-generative, addons: [actor]",
            "duration: 1m30s, model: invideo-generative, addons: [actor]",
            "duration: 2m, model: invideo-generative, addons: [actor]",
        ],
    );
    with_plan(&yaml, |plan| {
        assert_eq!(shot_credits(plan), ["15.00", "30.00", "45.00", "60.00"]);
    });
}

#[test]
fn seed_002_remix_image_is_a_fifth_of_a_credit() {
    let yaml = "version: 1
catalog: invideo
production: {title: Remix images}
characters:
  - {id: one, sheet: {options: 1, rounds: 1, model: invideo-remix-image}}
  - {id: grid, sheet: {options: 4, rounds: 5, model: invideo-remix-image}}
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, model: invideo-remix, prompt: p, status: approved}]
";
    with_plan(yaml, |plan| {
        let credits: Vec<String> = stage_jobs(plan, 0)
            .iter()
            .map(|job| fixed2(job.credits.expected))
            .collect();
        assert_eq!(credits, ["0.20", "4.00"]);
    });
}

#[test]
fn seed_002_remix_clips_cost_1_67_for_5s_and_1_for_3s() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &[
            "duration: 5s, model: invideo-remix",
            "duration: 3s, model: invideo-remix",
        ],
    );
    with_plan(&yaml, |plan| {
        assert_eq!(shot_credits(plan), ["1.67", "1.00"]);
    });
}

#[test]
fn seed_002_three_5s_remix_clips_add_up_to_exactly_5() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &[
            "duration: 5s, model: invideo-remix",
            "duration: 5s, model: invideo-remix",
            "duration: 5s, model: invideo-remix",
        ],
    );
    with_plan(&yaml, |plan| {
        // The total is exact, 5.00; each line shows its part of the rounded running
        // total (1.67, 3.33, 5.00), so that the lines add up to it.
        assert_eq!(shot_credits(plan), ["1.67", "1.66", "1.67"]);
        assert_eq!(fixed2(plan.totals.credits.expected), "5.00");
    });
    // Three takes of one 5 s clip multiply before the one division: exactly 5.
    let yaml = one_take_spec(
        "catalog: invideo",
        &["duration: 5s, model: invideo-remix, takes: 3"],
    );
    with_plan(&yaml, |plan| {
        assert_eq!(plan.totals.credits.expected, Decimal::from(5));
    });
}

// ---------------------------------------------------------------- seed 001

#[test]
fn seed_001_kling_2_6_standard_on_invideo_is_half_a_credit_a_second() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &[
            "duration: 5s, model: kling-2.6-standard",
            "duration: 10s, model: kling-2.6-standard",
            // Shorter clips are billed as the 5 s minimum.
            "duration: 3s, model: kling-2.6-standard",
        ],
    );
    with_plan(&yaml, |plan| {
        assert_eq!(shot_credits(plan), ["2.50", "5.00", "2.50"]);
    });
}

// ---------------------------------------------------------------- FORMAT.md rules

#[test]
fn handles_are_added_and_short_shots_raised_to_min_clip() {
    let yaml = "version: 1
production: {title: Handles}
assumptions: {takes: 1, handles: 1.5s}
models:
  per-second:
    kind: video
    rates: {720p: {credits: 2, per: 1s}}
    min_clip: 4s
segments: [{id: s1, duration: 10s}]
shots:
  - {id: short, segment: s1, type: b-roll, duration: 2s, model: per-second, prompt: p}
  - {id: long, segment: s1, type: b-roll, duration: 5s, model: per-second, prompt: p}
";
    with_plan(yaml, |plan| {
        // 2 + 1.5 = 3.5 s, raised to 4 s; 5 + 1.5 = 6.5 s.
        assert_eq!(shot_credits(plan), ["8.00", "13.00"]);
        // Finished seconds count the cut, not the handles.
        assert_eq!(plan.totals.finished_seconds, Decimal::from(7));
    });
}

#[test]
fn time_rates_bill_the_minimum_then_round_up_to_the_increment() {
    let yaml = one_take_spec(
        "",
        &[
            "duration: 3s, model: veo-3.1",
            "duration: 7s, model: veo-3.1",
        ],
    );
    with_plan(&yaml, |plan| {
        // veo-3.1: 40 credits/s, minimum 4 s, increment 2 s.
        assert_eq!(shot_credits(plan), ["160.00", "320.00"]);
    });
}

#[test]
fn audio_and_addons_are_priced_on_the_same_seconds() {
    let yaml = one_take_spec(
        "",
        &[
            "duration: 5s, model: kling-3.0",
            "duration: 5s, model: kling-3.0, audio: true",
        ],
    );
    with_plan(&yaml, |plan| {
        // 17.64/s, and 8.82/s more with audio.
        assert_eq!(shot_credits(plan), ["88.20", "132.30"]);
    });
}

#[test]
fn expected_best_and_worst_follow_takes() {
    let yaml = "version: 1
production: {title: Takes}
assumptions: {takes: 2, takes_worst: 4}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: assumed, segment: s1, type: b-roll, duration: 5s, prompt: p}
  - {id: own, segment: s1, type: b-roll, duration: 5s, takes: 6, prompt: p}
";
    with_plan(yaml, |plan| {
        let jobs = stage_jobs(plan, 1);
        let columns: Vec<[String; 3]> = jobs
            .iter()
            .map(|job| {
                [
                    fixed2(job.credits.best),
                    fixed2(job.credits.expected),
                    fixed2(job.credits.worst),
                ]
            })
            .collect();
        // kling-2.6-standard: 20 credits a 5 s clip. Worst = max(takes, takes_worst).
        assert_eq!(columns[0], ["20.00", "40.00", "80.00"]);
        assert_eq!(columns[1], ["20.00", "120.00", "120.00"]);
    });
}

#[test]
fn defaults_are_three_takes_five_worst_and_five_grids_of_four() {
    let yaml = "version: 1
production: {title: Defaults}
locations: [{id: harbour, sheet: {}}]
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, prompt: p}]
";
    with_plan(yaml, |plan| {
        let Work::Sheet(sheet) = &stage_jobs(plan, 0)[0].work else {
            panic!("the references stage holds the sheet");
        };
        assert_eq!((sheet.rounds, sheet.options), (5, 4));
        // 20 nano-banana-pro images at 13.4 credits.
        assert_eq!(fixed2(plan.stages[0].credits.worst), "268.00");
        let shot = &stage_jobs(plan, 1)[0].credits;
        assert_eq!(
            [fixed2(shot.best), fixed2(shot.expected), fixed2(shot.worst)],
            ["20.00", "60.00", "100.00"]
        );
    });
}

#[test]
fn yield_is_a_ratio_multiplied_before_dividing() {
    let yaml = "version: 1
production: {title: Yield}
assumptions: {yield: 30%}
models:
  three-a-take:
    kind: video
    rates: {720p: {credits: 0.6, per: 1s}}
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, model: three-a-take, prompt: p}]
";
    with_plan(yaml, |plan| {
        let credits = plan.totals.credits;
        // 3 credits × 1 / 0.3 is exactly 10; the worst case is max(3.33…, 5) = 5 takes.
        assert_eq!(credits.expected, Decimal::from(10));
        assert_eq!(credits.worst, Decimal::from(15));
        let rendered = json::render(plan).expect("renders");
        assert!(rendered.contains("\"takes\": 3.3333333333,"), "{rendered}");
    });
    let low_yield = "version: 1
production: {title: Low yield}
assumptions: {yield: 12.5%}
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, prompt: p}]
";
    with_plan(low_yield, |plan| {
        // 1 / 12.5% = 8 takes, more than the worst case's 5: the worst follows.
        assert_eq!(plan.totals.credits.expected, Decimal::from(160));
        assert_eq!(plan.totals.credits.worst, Decimal::from(160));
    });
}

#[test]
fn takes_by_type_come_before_the_production_and_after_the_shot() {
    let yaml = "version: 1
production: {title: By type}
assumptions:
  takes: 2
  takes_worst: 4
  by_type:
    hero: {takes: 5, takes_worst: 8}
    close-up: {yield: 25%}
    insert: {takes_worst: 6}
segments: [{id: s1, duration: 30s}]
shots:
  - {id: hero, segment: s1, type: hero, duration: 5s, prompt: p}
  - {id: own, segment: s1, type: hero, duration: 5s, takes: 10, prompt: p}
  - {id: face, segment: s1, type: close-up, duration: 5s, prompt: p}
  - {id: wick, segment: s1, type: insert, duration: 5s, prompt: p}
  - {id: sea, segment: s1, type: b-roll, duration: 5s, prompt: p}
";
    with_plan(yaml, |plan| {
        let jobs = stage_jobs(plan, 1);
        let figures: Vec<(String, String, [String; 3])> = jobs
            .iter()
            .map(|job| {
                let Work::Shot(shot) = &job.work else {
                    panic!("segment stages hold shots");
                };
                (
                    shot.takes.normalize().to_string(),
                    shot.worst_takes.normalize().to_string(),
                    [
                        fixed2(job.credits.best),
                        fixed2(job.credits.expected),
                        fixed2(job.credits.worst),
                    ],
                )
            })
            .collect();
        let row = |takes: &str, worst: &str, credits: [&str; 3]| {
            (
                takes.to_owned(),
                worst.to_owned(),
                credits.map(str::to_owned),
            )
        };
        // kling-2.6-standard: 20 credits a 5 s clip.
        assert_eq!(
            figures,
            [
                // The hero type's 5 takes, 8 at worst.
                row("5", "8", ["20.00", "100.00", "160.00"]),
                // The shot's own 10 takes; the worst is max(10, 8).
                row("10", "10", ["20.00", "200.00", "200.00"]),
                // The close-up's yield of 25% is 4 takes, over the production's 2; the
                // worst, max(4, 4), is the production's.
                row("4", "4", ["20.00", "80.00", "80.00"]),
                // Inserts set only a worst case: the production's 2 takes, 6 at worst.
                row("2", "6", ["20.00", "40.00", "120.00"]),
                // Nothing for b-roll: the production's 2 takes, 4 at worst.
                row("2", "4", ["20.00", "40.00", "80.00"]),
            ]
        );
        let credits = plan.totals.credits;
        assert_eq!(
            [
                fixed2(credits.best),
                fixed2(credits.expected),
                fixed2(credits.worst)
            ],
            ["100.00", "460.00", "640.00"]
        );
    });
}

#[test]
fn approved_shots_and_locked_sheets_cost_nothing() {
    let yaml = "version: 1
production: {title: Done}
characters:
  - {id: locked, sheet: {status: locked}}
  - {id: bare}
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, status: approved, prompt: p}]
";
    with_plan(yaml, |plan| {
        assert_eq!(plan.totals.credits.worst, Decimal::ZERO);
        assert!(plan.stages.iter().all(|stage| stage.job_count() == 0));
        assert_eq!(plan.all_jobs().count(), 0);
        assert_eq!(plan.stages[1].approved_shots, ["a"]);
        // An approved shot is still part of the finished cut.
        assert_eq!(plan.totals.finished_seconds, Decimal::from(5));
    });
}

#[test]
fn stages_are_references_then_segments_in_spec_order() {
    let yaml = "version: 1
production: {title: Order}
segments: [{id: late, duration: 5s}, {id: early, duration: 5s}]
shots:
  - {id: b, segment: early, type: b-roll, duration: 5s, prompt: p}
  - {id: a, segment: late, type: b-roll, duration: 5s, prompt: p}
";
    with_plan(yaml, |plan| {
        let ids: Vec<String> = plan.stages.iter().map(|stage| stage.id()).collect();
        assert_eq!(ids, ["references", "segment:late", "segment:early"]);
        let gates: Vec<String> = plan.stages.iter().map(|stage| stage.gate()).collect();
        assert_eq!(
            gates,
            [
                "approve and lock the reference sheets",
                "approve segment late",
                "approve segment early"
            ]
        );
    });
}

#[test]
fn the_budget_is_exceeded_at_the_first_job_past_the_cap() {
    let spec = |budget: &str| {
        format!(
            "version: 1
production: {{title: Cap}}
{budget}
segments: [{{id: s1, duration: 15s}}]
shots:
  - {{id: a, segment: s1, type: b-roll, duration: 5s, prompt: p}}
  - {{id: b, segment: s1, type: b-roll, duration: 5s, prompt: p}}
  - {{id: c, segment: s1, type: b-roll, duration: 5s, prompt: p}}
"
        )
    };
    // Each shot expects 60 credits: running totals 60, 120, 180; worst 300.
    with_plan(&spec("budget: {credits: 100}"), |plan| {
        assert_eq!(plan.budget.exceeded_at.map(|s| s.id()), Some("b"));
        assert_eq!(plan.budget.remaining, Some(dec("-80")));
        assert_eq!(plan.budget_verdict(), BudgetVerdict::ExpectedOver);
    });
    // Reaching the cap is not passing it.
    with_plan(&spec("budget: {credits: 180}"), |plan| {
        assert_eq!(plan.budget.exceeded_at, None);
        assert_eq!(plan.budget_verdict(), BudgetVerdict::WorstOver);
    });
    with_plan(&spec("budget: {credits: 300}"), |plan| {
        assert_eq!(plan.budget_verdict(), BudgetVerdict::Within);
    });
    with_plan(&spec("budget: {currency: USD}"), |plan| {
        assert_eq!(plan.budget_verdict(), BudgetVerdict::Uncapped);
        assert_eq!(plan.budget.remaining, None);
    });
}

#[test]
fn a_cap_equal_to_a_sum_of_thirds_is_reached_not_passed() {
    let yaml = one_take_spec(
        "catalog: invideo\nbudget: {credits: 5}",
        &[
            "duration: 5s, model: invideo-remix",
            "duration: 5s, model: invideo-remix",
            "duration: 5s, model: invideo-remix",
        ],
    );
    // 3 × 1.666…67 lands in the 28th digit above 5; that is no overrun.
    with_plan(&yaml, |plan| {
        assert_eq!(plan.budget.exceeded_at, None);
        // Only the worst case, five takes of each, is over.
        assert_eq!(plan.budget_verdict(), BudgetVerdict::WorstOver);
        assert_eq!(plan.budget.remaining.map(fixed2).as_deref(), Some("0.00"));
    });
}

#[test]
fn price_per_credit_comes_from_the_budget_then_the_catalog() {
    let priced = |budget: &str, catalog: &str| {
        let yaml = format!(
            "version: 1\n{catalog}\nproduction: {{title: Price}}\n{budget}\nsegments: [{{id: s1, duration: 5s}}]\nshots: [{{id: a, segment: s1, type: b-roll, duration: 5s, model: kling-2.6-standard, prompt: p}}]\n"
        );
        with_plan(&yaml, |plan| {
            (
                plan.price_per_credit,
                plan.currency.to_owned(),
                plan.totals.cost.map(|c| fixed2(c.expected)),
            )
        })
    };
    assert_eq!(
        priced("budget: {price_per_credit: 0.02, currency: EUR}", ""),
        (Some(dec("0.02")), "EUR".to_owned(), Some("1.20".to_owned()))
    );
    assert_eq!(
        priced("", ""),
        (Some(dec("0.01")), "USD".to_owned(), Some("0.60".to_owned()))
    );
    // invideo publishes no price per credit: money is absent, not guessed.
    assert_eq!(
        priced("", "catalog: invideo"),
        (None, "USD".to_owned(), None)
    );
    assert_eq!(
        priced(
            "budget: {plan: {price: 10, credits: 1000}}",
            "catalog: invideo"
        ),
        (Some(dec("0.01")), "USD".to_owned(), Some("0.08".to_owned()))
    );
}

#[test]
fn money_without_a_price_is_null_in_json() {
    let yaml = one_take_spec("catalog: invideo", &["duration: 5s, model: invideo-remix"]);
    with_plan(&yaml, |plan| {
        let value: serde_json::Value =
            serde_json::from_str(&json::render(plan).expect("renders")).unwrap();
        assert_eq!(value["price_per_credit"], serde_json::Value::Null);
        assert_eq!(value["totals"]["cost"]["expected"], serde_json::Value::Null);
        assert_eq!(
            value["totals"]["cost_per_finished_minute"],
            serde_json::Value::Null
        );
        assert_eq!(value["totals"]["credits"]["expected"], "1.67");
    });
}

#[test]
fn a_shot_longer_than_every_bucket_is_e119_on_its_duration() {
    let yaml = "version: 1
production: {title: Too long}
assumptions: {handles: 2s}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: fits, segment: s1, type: b-roll, duration: 7s, model: luma-ray-2, prompt: p}
  - {id: needs-eleven, segment: s1, type: b-roll, duration: 9s, model: luma-ray-2, prompt: p}
";
    assert_eq!(
        plan_errors(yaml),
        [("E119", "shots[1].duration".to_owned())]
    );
}

#[test]
fn a_cost_too_large_to_hold_is_e120_not_a_panic() {
    let yaml = "version: 1
production: {title: Overflow}
models:
  absurd:
    kind: video
    rates: {720p: {credits: '79228162514264337593543950335', per: 1s}}
segments: [{id: s1, duration: 5s}]
shots: [{id: a, segment: s1, type: b-roll, duration: 5s, model: absurd, prompt: p}]
";
    assert_eq!(plan_errors(yaml), [("E120", "shots[0]".to_owned())]);
    let sums = "version: 1
production: {title: Overflowing sum}
assumptions: {takes: 1, takes_worst: 1}
models:
  huge:
    kind: video
    rates: {720p: {buckets: {5s: '50000000000000000000000000000'}}}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: a, segment: s1, type: b-roll, duration: 5s, model: huge, prompt: p}
  - {id: b, segment: s1, type: b-roll, duration: 5s, model: huge, prompt: p}
";
    // Said at the first shot whose running totals cannot be shown to the cent.
    assert_eq!(plan_errors(sums), [("E120", "shots[0]".to_owned())]);
}

// ---------------------------------------------------------------- the worked example

/// examples/lighthouse.yaml, worked by hand in docs/plan.md.
#[test]
fn lighthouse_matches_the_plan_worked_by_hand() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lighthouse.yaml"
    ))
    .expect("the example exists");
    with_plan(&text, |plan| {
        let stages: Vec<(String, String, String, String, String)> = plan
            .stages
            .iter()
            .map(|stage| {
                (
                    stage.id(),
                    fixed2(stage.credits.best),
                    fixed2(stage.credits.expected),
                    fixed2(stage.credits.worst),
                    fixed2(stage.cumulative_credits.expected),
                )
            })
            .collect();
        let row = |id: &str, best: &str, expected: &str, worst: &str, running: &str| {
            (
                id.to_owned(),
                best.to_owned(),
                expected.to_owned(),
                worst.to_owned(),
                running.to_owned(),
            )
        };
        assert_eq!(
            stages,
            [
                row("references", "536.00", "536.00", "536.00", "536.00"),
                row("segment:s1", "280.00", "840.00", "1400.00", "1376.00"),
                row("segment:s2", "45.00", "135.00", "225.00", "1511.00"),
                row("segment:s3", "345.00", "1035.00", "1725.00", "2546.00"),
                row("segment:s4", "260.00", "1020.00", "1300.00", "3566.00"),
            ]
        );
        let totals = &plan.totals;
        assert_eq!(
            [
                totals.credits.best,
                totals.credits.expected,
                totals.credits.worst
            ],
            [dec("1466"), dec("3566"), dec("5186")]
        );
        let cost = totals.cost.expect("the budget's plan prices credits");
        assert_eq!(
            [fixed2(cost.best), fixed2(cost.expected), fixed2(cost.worst)],
            ["14.66", "35.66", "51.86"]
        );
        assert_eq!(totals.finished_seconds, dec("60"));
        assert_eq!(
            totals.credits_per_finished_second.map(fixed2).as_deref(),
            Some("59.43")
        );
        assert_eq!(
            totals.cost_per_finished_minute.map(fixed2).as_deref(),
            Some("35.66")
        );
        assert_eq!(totals.image_generations, 40);
        assert_eq!(
            [
                totals.video_generations.best,
                totals.video_generations.expected,
                totals.video_generations.worst
            ],
            [dec("11"), dec("34"), dec("55")]
        );
        assert_eq!(plan.budget.remaining, Some(dec("1434")));
        assert_eq!(plan.budget.exceeded_at, None);
        assert_eq!(plan.budget_verdict(), BudgetVerdict::WorstOver);
    });
}

// ---------------------------------------------------------------- exact rounding

/// Issue 13: a total of exactly 11/8 credits on invideo's remix rate (1 credit per
/// 3 s), summed from two quotients that do not terminate (1/3 and 25/24), is half a
/// cent and rounds away from zero: 1.38, never 1.37.
#[test]
fn an_exact_half_cent_of_quotients_rounds_up() {
    let yaml = "version: 1
catalog: invideo
production: {title: Half}
assumptions: {yield: 96%}
segments:
  - {id: s0, duration: 2m}
shots:
  - {id: a, segment: s0, type: b-roll, prompt: p, duration: 1s, takes: 1, model: invideo-remix}
  - {id: b, segment: s0, type: b-roll, prompt: p, duration: 3s, model: invideo-remix}
";
    with_plan(yaml, |plan| {
        assert_eq!(fixed2(plan.totals.credits.expected), "1.38");
        // The parts are the rounded running totals' steps: 0.33, then 1.38 − 0.33.
        assert_eq!(shot_credits(plan), ["0.33", "1.05"]);
    });
}

/// Issue 13: 0.045 s of remix is exactly 0.015 credits, which rounds to 0.02.
#[test]
fn an_exact_cent_and_a_half_rounds_up() {
    let yaml = one_take_spec(
        "catalog: invideo",
        &["duration: 0.045s, model: invideo-remix"],
    );
    with_plan(&yaml, |plan| {
        assert_eq!(fixed2(plan.totals.credits.expected), "0.02");
        assert_eq!(shot_credits(plan), ["0.02"]);
    });
}

// ---------------------------------------------------------------- figures too large

/// Each shot's cost fits, but two decimal places of the running total do not: the plan
/// refuses with E120 at the shot where the totals pass what it can hold.
#[test]
fn totals_too_large_to_show_are_refused_at_the_shot() {
    let header = "models:
  huge:
    kind: video
    rates:
      720p: {credits: 500000000000000000000000000, per: 1s}";
    let yaml = one_take_spec(
        header,
        &["duration: 1s, model: huge", "duration: 1s, model: huge"],
    );
    let source = Source::new("test.yaml", yaml.as_str());
    let spec = spec::load(&source).expect("loads");
    let checked = shotlist::pipeline::check(&spec, None).expect("checks");
    let problems = plan(&checked).expect_err("too large to show");
    assert_eq!(problems.len(), 1);
    let problem = &problems[0];
    assert_eq!(problem.code.to_string(), "E120", "{}", problem.message);
    let span = problem.primary_span().expect("a location");
    let (start, len) = (span.offset as usize, span.len as usize);
    assert_eq!(&yaml[start..start + len], "shot-0");
}
