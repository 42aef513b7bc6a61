//! `shotlist diff` and `plan --check`: spec↔spec, plan↔plan and spec↔plan with
//! snapshots, `--fail-above` at, under and over its limit, and the committed-plan gate.

mod common;

use common::{root, run_cli, snapshot_settings};
use serde_json::Value;

const SPEC: &str = "examples/lighthouse.yaml";
const SPEC_V2: &str = "tests/fixtures/diff/lighthouse-v2.yaml";
const PLAN: &str = "tests/fixtures/diff/lighthouse.plan.json";
const PLAN_V2: &str = "tests/fixtures/diff/lighthouse-v2.plan.json";
const GATE_OLD: &str = "tests/fixtures/diff/gate-old.yaml";
const GATE_NEW: &str = "tests/fixtures/diff/gate-new.yaml";

fn diff(args: &[&str]) -> common::Outcome {
    let mut full = vec!["diff"];
    full.extend_from_slice(args);
    run_cli(&full, "")
}

fn diff_ok(args: &[&str]) -> String {
    let outcome = diff(args);
    assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
    assert!(outcome.stderr.is_empty(), "{args:?}: {}", outcome.stderr);
    outcome.stdout
}

#[test]
fn spec_to_spec_in_every_format() {
    snapshot_settings().bind(|| {
        for format in ["human", "json", "markdown"] {
            let output = diff_ok(&[SPEC, SPEC_V2, "--format", format]);
            insta::assert_snapshot!(format!("diff-spec-spec.{format}"), output);
        }
    });
}

#[test]
fn plan_to_plan_and_spec_to_plan() {
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("diff-plan-plan.human", diff_ok(&[PLAN, PLAN_V2]));
        insta::assert_snapshot!(
            "diff-plan-spec.markdown",
            diff_ok(&[PLAN, SPEC_V2, "--format", "markdown"])
        );
    });
    // Whatever mix of inputs, the same two plans give the same changes.
    let as_json = |old: &str, new: &str| -> Value {
        let mut value: Value =
            serde_json::from_str(&diff_ok(&[old, new, "--format", "json"])).unwrap();
        value.as_object_mut().unwrap().remove("old");
        value.as_object_mut().unwrap().remove("new");
        value
    };
    let spec_spec = as_json(SPEC, SPEC_V2);
    assert_eq!(as_json(PLAN, PLAN_V2), spec_spec);
    assert_eq!(as_json(PLAN, SPEC_V2), spec_spec);
    assert_eq!(as_json(SPEC, PLAN_V2), spec_spec);
}

#[test]
fn a_spec_and_the_plan_written_from_it_do_not_differ() {
    let output = diff_ok(&[PLAN, SPEC]);
    assert!(
        output.starts_with("Diff: no change — expected 3,566.00 credits ($35.66), worst 5,186.00"),
        "{output}"
    );
    let document: Value =
        serde_json::from_str(&diff_ok(&[SPEC, PLAN, "--format", "json"])).unwrap();
    assert_eq!(document["jobs"], Value::Array(vec![]));
    assert_eq!(document["stages"], Value::Array(vec![]));
    assert_eq!(document["old"]["kind"], "spec");
    assert_eq!(document["new"]["kind"], "plan");
}

#[test]
fn every_change_has_its_reason() {
    let document: Value =
        serde_json::from_str(&diff_ok(&[SPEC, SPEC_V2, "--format", "json"])).unwrap();
    let changes: Vec<(String, String, Vec<String>)> = document["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|job| {
            let fields = job["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["field"].as_str().unwrap().to_owned())
                .collect();
            (
                job["id"].as_str().unwrap().to_owned(),
                job["status"].as_str().unwrap().to_owned(),
                fields,
            )
        })
        .collect();
    let expect = |id: &str, status: &str, fields: &[&str]| {
        assert!(
            changes.contains(&(
                id.to_owned(),
                status.to_owned(),
                fields.iter().map(|f| (*f).to_owned()).collect()
            )),
            "{id}: {changes:?}"
        );
    };
    expect("tom", "changed", &["options"]);
    expect("s1-climb", "changed", &["resolution"]);
    expect("s2-boat", "changed", &["status"]);
    expect("s3-door", "changed", &["model", "duration"]);
    expect("s4-light", "changed", &["takes"]);
    expect("s4-gulls", "added", &["model"]);
    expect("s2-sea", "removed", &["model"]);
    assert_eq!(changes.len(), 7);
    assert_eq!(document["unchanged_jobs"], 8);
    // The job changes add up to the change of the total.
    let sum: rust_decimal::Decimal = document["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|job| {
            job["credits"]["expected"]["change"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(
        sum.to_string(),
        document["totals"]["credits"]["expected"]["change"]
            .as_str()
            .unwrap()
    );
}

/// Exit code of a diff of the gate fixtures (+20.00 credits, +$0.20, +10%) with a limit.
fn gate(limit: &str) -> u8 {
    let outcome = diff(&[GATE_OLD, GATE_NEW, "--fail-above", limit]);
    assert!(
        outcome.code == 2 || outcome.stdout.contains("\n--fail-above "),
        "{limit}: {}",
        outcome.stdout
    );
    outcome.code
}

#[test]
fn fail_above_passes_at_the_limit_and_fails_just_over_it() {
    // Credits: the rise is exactly 20.
    assert_eq!(gate("20"), 0, "at the limit");
    assert_eq!(gate("19.99"), 1, "the limit just under the rise");
    assert_eq!(gate("20.01"), 0, "the limit just over the rise");
    // Money: $0.20.
    assert_eq!(gate("$0.20"), 0);
    assert_eq!(gate("$0.19"), 1);
    assert_eq!(gate("$0.21"), 0);
    assert_eq!(gate("0.20 USD"), 0);
    // A percentage of the old expected credits: exactly 10%.
    assert_eq!(gate("10%"), 0);
    assert_eq!(gate("9.99%"), 1);
    assert_eq!(gate("10.01%"), 0);
    // A fall never fails.
    let outcome = diff(&[GATE_NEW, GATE_OLD, "--fail-above", "0"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
}

#[test]
fn fail_above_reports_its_verdict_in_every_format() {
    snapshot_settings().bind(|| {
        let human = diff(&[GATE_OLD, GATE_NEW, "--fail-above", "9.99%"]);
        assert_eq!(human.code, 1);
        insta::assert_snapshot!("diff-gate-over.human", human.stdout);
        let markdown = diff(&[
            GATE_OLD,
            GATE_NEW,
            "--fail-above",
            "$0.20",
            "--format",
            "markdown",
        ]);
        assert_eq!(markdown.code, 0);
        insta::assert_snapshot!("diff-gate-at.markdown", markdown.stdout);
    });
    let json = diff(&[
        GATE_OLD,
        GATE_NEW,
        "--fail-above",
        "19.99",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 1);
    let document: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["fail_above"]["limit"], "19.99 credits");
    assert_eq!(document["fail_above"]["exceeded"], true);
}

#[test]
fn fail_above_refuses_limits_it_cannot_compare() {
    let outcome = diff(&[GATE_OLD, GATE_NEW, "--fail-above", "€0.20"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("in EUR but the plans are priced in USD"),
        "{}",
        outcome.stderr
    );
    let outcome = diff(&[
        "examples/social-ad.yaml",
        "examples/social-ad.yaml",
        "--fail-above",
        "$1",
    ]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("price per credit"),
        "{}",
        outcome.stderr
    );
    for bad in ["-1", "ten", "5 credits"] {
        let outcome = diff(&[GATE_OLD, GATE_NEW, "--fail-above", bad]);
        assert_eq!(outcome.code, 2, "{bad}");
        assert!(outcome.stdout.is_empty());
    }
}

#[test]
fn inputs_that_cannot_be_compared() {
    // A spec with check errors: its diagnostics, exit 1.
    let outcome = diff(&["tests/fixtures/plan/check-error.yaml", SPEC]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("not compared"),
        "{}",
        outcome.stderr
    );
    // A JSON document with a schema_version that is not a plan.
    let directory = tempfile::tempdir().unwrap();
    let lint = directory.path().join("lint.json");
    std::fs::write(&lint, r#"{"schema_version": 1, "diagnostics": []}"#).unwrap();
    let outcome = diff(&[lint.to_str().unwrap(), SPEC]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stderr
            .contains("not a plan written by `shotlist plan --format json`"),
        "{}",
        outcome.stderr
    );
    // Standard input for one side only.
    let spec = std::fs::read_to_string(root().join(SPEC)).unwrap();
    let piped = run_cli(&["diff", "-", PLAN], &spec);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(run_cli(&["diff", "-", "-"], &spec).code, 2);
}

#[test]
fn plan_check_passes_when_the_committed_plan_is_current() {
    for (spec, plan) in [(SPEC, PLAN), (SPEC_V2, PLAN_V2)] {
        let outcome = run_cli(&["plan", spec, "--check", plan], "");
        assert_eq!(outcome.code, 0, "{plan} is stale: {}", outcome.stdout);
        assert_eq!(
            outcome.stdout,
            format!(
                "{plan}: up to date — expected {} credits\n",
                if spec == SPEC { "3,566.00" } else { "3,970.00" }
            )
        );
    }
}

#[test]
fn plan_check_fails_with_the_diff_when_the_plan_changed() {
    let outcome = run_cli(&["plan", SPEC_V2, "--check", PLAN], "");
    assert_eq!(outcome.code, 1);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("plan-check-differs", outcome.stdout);
    });
}

#[test]
fn plan_check_ignores_layout_and_update_rewrites_atomically() {
    let directory = tempfile::tempdir().unwrap();
    let committed = directory.path().join("plan.json");
    let path = committed.to_str().unwrap();
    // Compact JSON with CRLF line ends holds the same plan: up to date.
    let pretty = std::fs::read_to_string(root().join(PLAN)).unwrap();
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(&pretty).unwrap()).unwrap();
    std::fs::write(&committed, format!("{compact}\r\n")).unwrap();
    assert_eq!(run_cli(&["plan", SPEC, "--check", path], "").code, 0);

    // Another spec's plan differs; --update writes it and says what changed.
    let outcome = run_cli(&["plan", SPEC_V2, "--check", path, "--update"], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stdout.starts_with(&format!(
            "{path}: updated; Diff: expected 3,566.00 → 3,970.00"
        )),
        "{}",
        outcome.stdout
    );
    let written = std::fs::read_to_string(&committed).unwrap();
    let planned = run_cli(&["plan", SPEC_V2, "--format", "json"], "").stdout;
    assert_eq!(
        written, planned,
        "the committed file is the plan JSON, byte for byte"
    );
    assert_eq!(run_cli(&["plan", SPEC_V2, "--check", path], "").code, 0);
    let names: Vec<_> = std::fs::read_dir(directory.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

#[test]
fn plan_check_of_a_missing_plan_fails_until_update_writes_it() {
    let directory = tempfile::tempdir().unwrap();
    let committed = directory.path().join("new.plan.json");
    let path = committed.to_str().unwrap();
    let outcome = run_cli(&["plan", SPEC, "--check", path], "");
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.contains("does not exist"),
        "{}",
        outcome.stdout
    );
    let outcome = run_cli(&["plan", SPEC, "--check", path, "--update"], "");
    assert_eq!(
        (outcome.code, outcome.stdout.clone()),
        (0, format!("{path}: written\n"))
    );
    assert_eq!(run_cli(&["plan", SPEC, "--check", path], "").code, 0);
}

#[test]
fn plan_check_is_json_only_and_update_needs_check() {
    assert_eq!(
        run_cli(&["plan", SPEC, "--check", PLAN, "--format", "human"], "").code,
        2
    );
    assert_eq!(
        run_cli(&["plan", SPEC, "--check", PLAN, "-o", "x.json"], "").code,
        2
    );
    assert_eq!(run_cli(&["plan", SPEC, "--update"], "").code, 2);
}

/// The fields named for the one shot of a diff of two specs given as text.
fn reasons_between(old: &str, new: &str) -> Vec<(String, String, String)> {
    let directory = tempfile::tempdir().unwrap();
    let (old_path, new_path) = (
        directory.path().join("old.yaml"),
        directory.path().join("new.yaml"),
    );
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let output = diff_ok(&[
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let document: Value = serde_json::from_str(&output).unwrap();
    let jobs = document["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 1, "{output}");
    jobs[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let field = |key: &str| c[key].as_str().unwrap().to_owned();
            (field("field"), field("old"), field("new"))
        })
        .collect()
}

#[test]
fn a_consequence_is_named_only_without_its_cause() {
    let spec = |assumptions: &str, credits: &str| {
        format!(
            "version: 1\nproduction: {{title: T}}\n{assumptions}models:\n  house: {{kind: video, rates: {{720p: {{credits: {credits}, per: 1s, increment: 5s}}}}}}\nsegments:\n  - {{id: s1, duration: 5s}}\nshots:\n  - {{id: wave, segment: s1, type: b-roll, duration: 5s, model: house, prompt: p}}\n"
        )
    };
    let plain = spec("", "1");
    // Handles raise the seconds needed, and the increment bills 10 s: the cause is named,
    // not the price per take it sets.
    assert_eq!(
        reasons_between(&plain, &spec("assumptions: {handles: 1s}\n", "1")),
        [(
            "needed seconds".to_owned(),
            "5s".to_owned(),
            "6s".to_owned()
        )]
    );
    // A new price with nothing else changed is the credits per take.
    assert_eq!(
        reasons_between(&plain, &spec("", "2")),
        [(
            "credits per take".to_owned(),
            "5.00".to_owned(),
            "10.00".to_owned()
        )]
    );
}
