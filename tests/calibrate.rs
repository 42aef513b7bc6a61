//! `shotlist calibrate`: measured takes on known counts, rendered for a terminal and
//! as the JSON of FORMAT.md's contract, which its committed schema accepts; the
//! command on a ledger worked by hand; and `--fix`, which changes only `assumptions`.

mod common;

use common::{root, run_cli, snapshot_settings};
use serde_json::Value;
use shotlist::calibrate::{Calibration, MeasuredShot};
use shotlist::document::calibrate::CalibrateDocument;
use shotlist::report::{self, Style};
use shotlist::source::Source;
use shotlist::spec::{self, ShotType};

/// The contract's example: 14 measured shots and 45 rows; 4 heroes (18 rows), 5
/// b-roll shots (11 rows), 3 dialogue shots and 2 inserts.
fn measured() -> Vec<MeasuredShot<'static>> {
    use ShotType::*;
    [
        (Hero, "veo-3.1", 4),
        (Hero, "veo-3.1", 6),
        (Hero, "veo-3.1", 3),
        (Hero, "kling-2.6-pro", 5),
        (BRoll, "kling-2.6-standard", 2),
        (BRoll, "kling-2.6-standard", 3),
        (BRoll, "kling-2.6-standard", 1),
        (BRoll, "kling-2.6-standard", 2),
        (BRoll, "kling-2.6-standard", 3),
        (Insert, "kling-2.6-standard", 2),
        (Insert, "kling-2.6-standard", 2),
        (Dialogue, "veo-3.1", 5),
        (Dialogue, "veo-3.1", 4),
        (Dialogue, "kling-2.6-pro", 3),
    ]
    .into_iter()
    .map(|(shot_type, model, rows)| MeasuredShot {
        shot_type,
        model,
        rows,
    })
    .collect()
}

const INLINE_SPEC: &str = "version: 1
production: {title: Harbour}
assumptions:
  yield: 30%
  by_type:
    hero: {takes: 5, takes_worst: 8}
    action: {takes: 4}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: a, segment: s1, type: hero, duration: 5s, prompt: p}
";

#[test]
fn the_json_is_the_contracts() {
    let document = CalibrateDocument::new(&Calibration::measure(measured()));
    let json = serde_json::to_value(&document).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "schema_version": 1,
            "overall": {"shots": 14, "takes": "3.21", "takes_worst": 6, "yield": "0.3111"},
            "by_type": {
                "hero": {"shots": 4, "takes": "4.50", "takes_worst": 6, "yield": "0.2222"},
                "dialogue": {"shots": 3, "takes": "4.00", "takes_worst": 5, "yield": "0.2500"},
                "b-roll": {"shots": 5, "takes": "2.20", "takes_worst": 3, "yield": "0.4545"},
                "insert": {"shots": 2, "takes": "2.00", "takes_worst": 2, "yield": "0.5000"}
            },
            "by_model": {
                "kling-2.6-pro": {"shots": 2, "takes": "4.00", "takes_worst": 5, "yield": "0.2500"},
                "kling-2.6-standard": {"shots": 7, "takes": "2.14", "takes_worst": 3, "yield": "0.4667"},
                "veo-3.1": {"shots": 5, "takes": "4.40", "takes_worst": 6, "yield": "0.2273"}
            },
            "suggested": {
                "takes": "3.21",
                "takes_worst": 6,
                "by_type": {"b-roll": {"takes": "2.20", "takes_worst": 3}}
            }
        })
    );
    let read: CalibrateDocument = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(read, document);
    assert_valid(&json);
}

#[test]
fn under_five_measured_shots_nothing_is_suggested() {
    let four: Vec<MeasuredShot<'_>> = measured().into_iter().take(4).collect();
    let json = serde_json::to_value(CalibrateDocument::new(&Calibration::measure(four))).unwrap();
    assert_eq!(json["overall"]["shots"], 4);
    assert_eq!(json["overall"]["takes"], "4.50");
    assert_eq!(
        json["suggested"],
        serde_json::json!({"takes": null, "takes_worst": null, "by_type": {}})
    );
    assert_valid(&json);
    let none = serde_json::to_value(CalibrateDocument::new(&Calibration::measure([]))).unwrap();
    assert_eq!(
        none["overall"],
        serde_json::json!({"shots": 0, "takes": null, "takes_worst": null, "yield": null})
    );
    assert_valid(&none);
}

fn assert_valid(instance: &serde_json::Value) {
    let text = std::fs::read_to_string(root().join("schema/calibrate.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_report_sets_what_the_spec_assumes_beside_what_was_measured() {
    let source = Source::new("harbour.yaml", INLINE_SPEC);
    let spec = spec::load(&source).unwrap();
    let calibration = Calibration::measure(measured());
    let human = report::calibrate::render(&calibration, &spec.assumptions, Style::PLAIN, true);
    snapshot_settings().bind(|| insta::assert_snapshot!("calibrate-human", human));
    let four: Vec<MeasuredShot<'_>> = measured().into_iter().take(4).collect();
    let few = report::calibrate::render(
        &Calibration::measure(four),
        &spec.assumptions,
        Style::PLAIN,
        true,
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("calibrate-human-few", few));
    let none = report::calibrate::render(
        &Calibration::measure([]),
        &spec.assumptions,
        Style::PLAIN,
        true,
    );
    assert_eq!(
        none,
        "Calibration: no measured shots yet — a shot is measured once the ledger has a `kept` row for it\n"
    );
}

const FIXTURE: &str = "tests/fixtures/calibrate/spec.yaml";

fn json(args: &[&str]) -> Value {
    let outcome = run_cli(args, "");
    assert_eq!(
        outcome.code, 0,
        "{args:?}: {}{}",
        outcome.stdout, outcome.stderr
    );
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("{e}: {}", outcome.stdout))
}

/// tests/fixtures/calibrate/ledger.csv, worked by hand. Measured (a kept row): gulls
/// 2 rows, nets 1, rope 3, waves 2, quay 2 (b-roll: 10 rows over 5 shots = 2.00, 3 at
/// worst, 5 / 10 = 0.5000); mara 4, tom 5 (hero: 9 / 2 = 4.50, 5 at worst, 2 / 9 =
/// 0.2222). boat has rows but none kept and dusk none: neither is measured. Overall 19
/// rows over 7 shots: 2.714… → 2.71, 5 at worst, 7 / 19 = 0.3684. By the model of the
/// last kept row: vid has gulls, nets, rope and waves (8 rows: 2.00, 3, 0.5000); pro
/// has quay (kept again on pro), mara and tom (11 rows: 3.666… → 3.67, 5, 3 / 11 =
/// 0.2727). Only b-roll has the five shots a type needs to be suggested.
#[test]
fn figures_on_a_ledger_worked_by_hand() {
    let document = json(&["calibrate", FIXTURE, "--format", "json"]);
    assert_eq!(
        document,
        serde_json::json!({
            "schema_version": 1,
            "overall": {"shots": 7, "takes": "2.71", "takes_worst": 5, "yield": "0.3684"},
            "by_type": {
                "b-roll": {"shots": 5, "takes": "2.00", "takes_worst": 3, "yield": "0.5000"},
                "hero": {"shots": 2, "takes": "4.50", "takes_worst": 5, "yield": "0.2222"}
            },
            "by_model": {
                "pro": {"shots": 3, "takes": "3.67", "takes_worst": 5, "yield": "0.2727"},
                "vid": {"shots": 4, "takes": "2.00", "takes_worst": 3, "yield": "0.5000"}
            },
            "suggested": {
                "takes": "2.71",
                "takes_worst": 5,
                "by_type": {"b-roll": {"takes": "2.00", "takes_worst": 3}}
            }
        })
    );
    assert_valid(&document);
    let outcome = run_cli(&["calibrate", FIXTURE], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    snapshot_settings().bind(|| insta::assert_snapshot!("calibrate-cli-human", outcome.stdout));
}

/// A copy of the fixture's spec and ledger in a fresh directory; `ledger` replaces
/// the ledger's text when given.
fn scratch(ledger: Option<&str>) -> (tempfile::TempDir, String) {
    let directory = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/calibrate");
    std::fs::copy(
        fixtures.join("spec.yaml"),
        directory.path().join("spec.yaml"),
    )
    .unwrap();
    let ledger_path = directory.path().join("ledger.csv");
    match ledger {
        Some(text) => std::fs::write(&ledger_path, text).unwrap(),
        None => {
            std::fs::copy(fixtures.join("ledger.csv"), &ledger_path).unwrap();
        }
    }
    let spec = directory.path().join("spec.yaml");
    (directory, spec.to_string_lossy().into_owned())
}

const ASSUMPTIONS: &str = "assumptions:
  takes: 3   # a guess from the last production
  takes_worst: 5
  by_type:
    hero: {yield: 25%}
";

#[test]
fn fix_changes_only_the_assumptions_and_the_plan_follows() {
    let (_directory, path) = scratch(None);
    let before = std::fs::read_to_string(&path).unwrap();
    let outcome = run_cli(&["calibrate", &path, "--fix"], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .ends_with("assumptions rewritten with takes 2.71, takes_worst 5; b-roll takes 2.00, takes_worst 3; it checks clean\n"),
        "{}",
        outcome.stderr
    );
    let after = std::fs::read_to_string(&path).unwrap();
    // Every byte outside `assumptions` is the original's; inside, the values are set in
    // place (the comment stays, the equal `takes_worst` is untouched) and b-roll is
    // added to `by_type` in its block style; hero, with too few shots, keeps its yield.
    assert!(before.contains(ASSUMPTIONS));
    assert_eq!(
        after,
        before.replace(
            ASSUMPTIONS,
            "assumptions:
  takes: 2.71   # a guess from the last production
  takes_worst: 5
  by_type:
    b-roll:
      takes: 2.00
      takes_worst: 3
    hero: {yield: 25%}
"
        )
    );
    assert_eq!(run_cli(&["check", &path], "").code, 0);
    // The plan now uses the measured takes: b-roll 2, a type measured too little
    // (establishing) the overall 2.71, hero still 1 / 25% = 4.
    let takes = planned_takes(&path);
    assert_eq!(takes["gulls"], serde_json::json!(2));
    assert_eq!(takes["dusk"], serde_json::json!(2.71));
    assert_eq!(takes["mara"], serde_json::json!(4));
    // A second run finds the spec already saying it all, and leaves it alone.
    let again = run_cli(&["calibrate", &path, "--fix"], "");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("nothing to rewrite"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

/// Each shot's planned `takes`, from `plan --format json`.
fn planned_takes(path: &str) -> std::collections::BTreeMap<String, Value> {
    let plan = json(&["plan", path, "--format", "json"]);
    plan["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .flat_map(|stage| stage["jobs"].as_array().expect("jobs"))
        .filter_map(|job| Some((job["shot"].as_str()?.to_owned(), job["takes"].clone())))
        .collect()
}

#[test]
fn under_five_measured_shots_fix_writes_nothing() {
    // Four measured shots: reported, but there is nothing to suggest.
    let ledger = "job,model,outcome,seconds\ngulls,vid,kept,5\nnets,vid,kept,5\nrope,vid,rejected,5\nrope,vid,kept,5\nmara,pro,kept,5\n";
    let (_directory, path) = scratch(Some(ledger));
    let before = std::fs::read_to_string(&path).unwrap();
    let outcome = run_cli(&["calibrate", &path, "--fix", "--format", "json"], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "nothing to write: 4 shots measured, fewer than the 5 a suggestion needs; the spec is left as it was"
        ),
        "{}",
        outcome.stderr
    );
    let document: Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(document["overall"]["shots"], 4);
    assert_eq!(document["overall"]["takes"], "1.25");
    assert_eq!(document["suggested"]["takes"], Value::Null);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn exit_codes_are_those_of_status() {
    // A ledger row naming no job is a ledger error: 1, and the spec is not touched.
    let (_directory, path) = scratch(Some("job,model,outcome,seconds\ngull,vid,kept,5\n"));
    let before = std::fs::read_to_string(&path).unwrap();
    let outcome = run_cli(&["calibrate", &path, "--fix"], "");
    assert_eq!(outcome.code, 1, "{}{}", outcome.stdout, outcome.stderr);
    let reported = format!("{}{}", outcome.stdout, outcome.stderr);
    assert!(reported.contains("ledger.csv:2:1"), "{reported}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // A spec that does not check: 1.
    let (_directory, path) = scratch(None);
    let broken = before.replace("type: hero", "type: heor");
    std::fs::write(&path, &broken).unwrap();
    assert_eq!(run_cli(&["calibrate", &path], "").code, 1);
    // No ledger named, or none on disk: 2.
    let outcome = run_cli(&["calibrate", "tests/fixtures/ok/minimal.yaml"], "");
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("names no ledger"),
        "{}",
        outcome.stderr
    );
    let (directory, path) = scratch(None);
    std::fs::remove_file(directory.path().join("ledger.csv")).unwrap();
    assert_eq!(run_cli(&["calibrate", &path], "").code, 2);
    // --fix cannot rewrite standard input: 2.
    let outcome = run_cli(&["calibrate", "-", "--fix"], &before);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("cannot rewrite standard input"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn shared_assumptions_are_refused_and_left_as_they_were() {
    let (_directory, path) = scratch(None);
    let shared = std::fs::read_to_string(&path)
        .unwrap()
        .replace("  takes_worst: 5\n", "  takes_worst: &worst 5\n")
        .replace(
            "type: hero, duration: 5s, prompt: Mara",
            "type: hero, duration: 5s, takes: *worst, prompt: Mara",
        );
    std::fs::write(&path, &shared).unwrap();
    let outcome = run_cli(&["calibrate", &path, "--fix"], "");
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .contains("cannot rewrite `assumptions.takes_worst`: it is anchored as `&worst`"),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), shared);
}
