//! `shotlist calibrate`: measured takes on known counts, rendered for a terminal and
//! as the JSON of FORMAT.md's contract, which its committed schema accepts.

mod common;

use common::{root, snapshot_settings};
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

const SPEC: &str = "version: 1
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
    let source = Source::new("harbour.yaml", SPEC);
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
