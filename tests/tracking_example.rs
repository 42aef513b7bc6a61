//! `examples/lighthouse.yaml` with its ledger: every figure of `shotlist status` equals the
//! one docs/tracking.md works out by hand, and the example lints as documented there.

mod common;

use common::{run_cli, snapshot_settings};
use serde_json::{Value, json};

const SPEC: &str = "examples/lighthouse.yaml";
const TODAY: &str = "2026-11-21";

fn status() -> Value {
    let outcome = run_cli(&["status", SPEC, "--format", "json"], "");
    assert_eq!(outcome.code, 0, "status fails:\n{}", outcome.stderr);
    serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("status JSON does not parse ({e}):\n{}", outcome.stdout))
}

/// Asserts each `(JSON pointer, value)` pair, and reports every mismatch at once.
fn assert_figures(document: &Value, expected: &[(&str, Value)]) {
    let wrong: Vec<String> = expected
        .iter()
        .filter(|(pointer, want)| document.pointer(pointer) != Some(want))
        .map(|(pointer, want)| {
            format!(
                "{pointer}: docs/tracking.md says {want}, status says {:?}",
                document.pointer(pointer)
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn estimate(best: &str, expected: &str, worst: &str) -> Value {
    json!({"best": best, "expected": expected, "worst": worst})
}

#[test]
fn status_totals_are_the_ones_worked_by_hand() {
    let document = status();
    assert_figures(
        &document,
        &[
            ("/schema_version", json!(1)),
            ("/currency", json!("USD")),
            ("/price_per_credit", json!("0.01")),
            ("/spent/credits", json!("1959.80")),
            ("/spent/cost", json!("19.60")),
            (
                "/remaining/credits",
                estimate("605.00", "1375.00", "2305.00"),
            ),
            ("/remaining/cost", estimate("6.05", "13.75", "23.05")),
            (
                "/at_completion/credits",
                estimate("2564.80", "3334.80", "4264.80"),
            ),
            ("/at_completion/cost", estimate("25.65", "33.35", "42.65")),
            ("/budget/credits", json!("5000.00")),
            ("/budget/left", json!("3040.20")),
            ("/budget/over", json!(false)),
            ("/budget/worst_over", json!(false)),
            ("/progress/shots", json!(12)),
            ("/progress/shots_done", json!(7)),
            ("/progress/sheets", json!(4)),
            ("/progress/sheets_done", json!(4)),
            ("/progress/finished_seconds", json!("60.00")),
            ("/progress/finished_seconds_done", json!("34.00")),
            ("/actuals/video_generations", json!(22)),
            ("/actuals/kept", json!(6)),
            ("/actuals/yield", json!("0.2727")),
            ("/actuals/takes_per_done_shot", json!("2.67")),
            ("/actuals/credits_per_finished_second", json!("57.64")),
            ("/actuals/cost_per_finished_minute", json!("34.58")),
        ],
    );
}

/// One job as docs/tracking.md tabulates it: id, kind, state, g, spent, planned takes,
/// over plan, and what remains (best, expected, worst).
struct Job {
    job: &'static str,
    kind: &'static str,
    state: &'static str,
    generations: u64,
    spent: &'static str,
    planned_takes: Option<u64>,
    over_plan: bool,
    remaining: [&'static str; 3],
}

const fn sheet(job: &'static str, generations: u64, spent: &'static str) -> Job {
    Job {
        job,
        kind: "sheet",
        state: "done",
        generations,
        spent,
        planned_takes: None,
        over_plan: false,
        remaining: ["0.00", "0.00", "0.00"],
    }
}

const fn shot(
    job: &'static str,
    state: &'static str,
    generations: u64,
    spent: &'static str,
    planned_takes: u64,
    remaining: [&'static str; 3],
) -> Job {
    Job {
        job,
        kind: "shot",
        state,
        generations,
        spent,
        planned_takes: Some(planned_takes),
        over_plan: generations > planned_takes,
        remaining,
    }
}

const NOTHING: [&str; 3] = ["0.00", "0.00", "0.00"];

/// Every sheet, then every shot, in plan order.
const JOBS: &[Job] = &[
    sheet("mara", 0, "0.00"),
    sheet("tom", 3, "187.60"),
    sheet("lighthouse", 2, "107.20"),
    sheet("lantern", 0, "0.00"),
    shot("s1-wide", "done", 2, "40.00", 3, NOTHING),
    shot("s1-climb", "done", 4, "720.00", 3, NOTHING),
    shot("s1-hand", "done", 3, "60.00", 3, NOTHING),
    shot("s2-lamp", "done", 3, "15.00", 3, NOTHING),
    shot("s2-boat", "done", 1, "40.00", 3, NOTHING),
    shot("s2-sea", "done", 3, "90.00", 3, NOTHING),
    shot(
        "s3-door",
        "in-progress",
        4,
        "60.00",
        3,
        ["20.00", "20.00", "20.00"],
    ),
    shot(
        "s3-plea",
        "in-progress",
        2,
        "640.00",
        3,
        ["320.00", "320.00", "960.00"],
    ),
    shot(
        "s3-look",
        "not-started",
        0,
        "0.00",
        3,
        ["5.00", "15.00", "25.00"],
    ),
    shot(
        "s4-light",
        "not-started",
        0,
        "0.00",
        4,
        ["240.00", "960.00", "1200.00"],
    ),
    shot(
        "s4-beam",
        "not-started",
        0,
        "0.00",
        3,
        ["20.00", "60.00", "100.00"],
    ),
    shot("s4-end", "done", 0, "0.00", 3, NOTHING),
];

#[test]
fn every_job_is_the_one_worked_by_hand() {
    let document = status();
    let jobs = document["jobs"].as_array().expect("jobs array");
    let order: Vec<&str> = jobs
        .iter()
        .map(|job| job["job"].as_str().unwrap_or(""))
        .collect();
    let expected_order: Vec<&str> = JOBS.iter().map(|job| job.job).collect();
    assert_eq!(order, expected_order, "jobs, or their order");
    for (found, want) in jobs.iter().zip(JOBS) {
        let expected = json!({
            "job": want.job,
            "kind": want.kind,
            "state": want.state,
            "generations": want.generations,
            "spent": want.spent,
            "planned_takes": want.planned_takes,
            "over_plan": want.over_plan,
            "remaining": estimate(want.remaining[0], want.remaining[1], want.remaining[2]),
        });
        let mut contract_fields = serde_json::Map::new();
        for key in expected.as_object().expect("an object").keys() {
            contract_fields.insert(key.clone(), found[key].clone());
        }
        assert_eq!(
            Value::Object(contract_fields),
            expected,
            "job `{}`",
            want.job
        );
    }
}

/// The jobs' figures add up to the totals: spent, and remaining in every column.
#[test]
fn the_jobs_add_up_to_the_totals() {
    let document = status();
    let cents = |value: &Value| -> i64 {
        let text = value.as_str().expect("a decimal string");
        let (whole, fraction) = text.split_once('.').expect("two decimals");
        whole.parse::<i64>().expect("digits") * 100 + fraction.parse::<i64>().expect("digits")
    };
    let jobs = document["jobs"].as_array().expect("jobs array");
    let spent: i64 = jobs.iter().map(|job| cents(&job["spent"])).sum();
    assert_eq!(spent, cents(&document["spent"]["credits"]));
    for column in ["best", "expected", "worst"] {
        let remaining: i64 = jobs
            .iter()
            .map(|job| cents(&job["remaining"][column]))
            .sum();
        assert_eq!(
            remaining,
            cents(&document["remaining"]["credits"][column]),
            "{column}"
        );
        assert_eq!(
            spent + remaining,
            cents(&document["at_completion"]["credits"][column]),
            "{column}"
        );
    }
}

/// docs/tracking.md: the ledger adds `over-plan-takes` on `s3-door` and
/// `kept-not-approved` on the six shots kept and still planned, and silences
/// `over-budget`; `no-reference-model` stays.
#[test]
fn the_example_lints_as_docs_tracking_says() {
    let outcome = run_cli(&["lint", "--today", TODAY, "--format", "json", SPEC], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    let document: Value = serde_json::from_str(&outcome.stdout).expect("lint JSON");
    let found: Vec<(String, String)> = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().unwrap_or("").to_owned();
            let path = d["path"].as_str().unwrap_or("").to_owned();
            (rule, path)
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("kept-not-approved", "shots[0]"),
        ("kept-not-approved", "shots[1]"),
        ("kept-not-approved", "shots[2]"),
        ("kept-not-approved", "shots[3]"),
        ("kept-not-approved", "shots[4]"),
        ("kept-not-approved", "shots[5]"),
        ("over-plan-takes", "shots[6]"),
        ("no-reference-model", "shots[6]"),
    ]
    .iter()
    .map(|(rule, path)| ((*rule).to_owned(), (*path).to_owned()))
    .collect();
    let mut sorted_found = found.clone();
    sorted_found.sort();
    let mut sorted_expected = expected;
    sorted_expected.sort();
    assert_eq!(sorted_found, sorted_expected, "{found:?}");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("tracking-lighthouse-lint.json", outcome.stdout);
    });
}

/// The status report the README and docs/tracking.md show is the head of the real one.
#[test]
fn the_documented_status_report_is_the_real_one() {
    let outcome = run_cli(&["status", SPEC], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    for document in ["README.md", "docs/tracking.md"] {
        let text = std::fs::read_to_string(common::root().join(document)).expect("readable");
        let start = text
            .find("The Lighthouse Keeper: 7 of 12 shots done")
            .unwrap_or_else(|| panic!("{document} shows no status report"));
        let block = &text[start..];
        let shown = &block[..block.find("\n```").expect("the block ends")];
        let shown = shown
            .trim_end_matches("…then every stage's jobs")
            .trim_end();
        assert!(
            outcome.stdout.starts_with(shown),
            "{document}'s status report differs from `shotlist status {SPEC}`:\n{shown}\n---\n{}",
            outcome.stdout
        );
    }
}

/// The calibration docs/tracking.md shows is the real report on the example.
#[test]
fn the_documented_calibration_is_the_real_one() {
    let outcome = run_cli(&["calibrate", SPEC], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let text = std::fs::read_to_string(common::root().join("docs/tracking.md")).unwrap();
    let start = text
        .find("Calibration: 6 shots measured")
        .expect("docs/tracking.md shows the calibration");
    let block = &text[start..];
    let shown = &block[..=block.find("\n```").expect("the block ends")];
    assert_eq!(shown, outcome.stdout);
}
