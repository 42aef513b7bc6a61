//! The committed JSON Schema is current, and it agrees with the loader.

mod common;

use common::{root, yaml_files};

const SCHEMA_PATH: &str = "schema/shotlist.schema.json";

#[test]
fn committed_schema_is_current() {
    let committed = std::fs::read_to_string(root().join(SCHEMA_PATH)).unwrap_or_default();
    let generated = shotlist::schema::spec_schema_json();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} is stale: run `cargo run -- schema > {SCHEMA_PATH}` and commit it"
    );
}

#[test]
fn schema_command_prints_the_schema() {
    let outcome = common::run_cli(&["schema"], "");
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.stdout, shotlist::schema::spec_schema_json());
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&shotlist::schema::spec_schema_json()).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn as_json(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(path)).expect("readable");
    // Read YAML as the loader does: `yes` is a string, not a boolean.
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn examples_and_ok_fixtures_validate_against_the_schema() {
    let validator = validator();
    for file in yaml_files("examples")
        .into_iter()
        .chain(yaml_files("tests/fixtures/ok"))
    {
        let instance = as_json(&file);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}

/// Invalid fixtures whose problem is one of structure (wrong type, unknown key,
/// missing key, bad enum or scalar syntax) rather than meaning: the schema alone must
/// reject each of them.
const SCHEMA_LEVEL: &[&str] = &[
    "alias-into-wrong-place",
    "bad-decimal",
    "bad-duration",
    "bad-enum",
    "bad-percent",
    "missing-key",
    "negative-duration",
    "strict-boolean",
    "unknown-catalog",
    "unknown-key",
    "unknown-top-level-key",
    "unsupported-version",
    "wrong-type",
];

#[test]
fn schema_level_invalid_fixtures_are_rejected_by_the_schema() {
    let validator = validator();
    for name in SCHEMA_LEVEL {
        let path = format!("tests/fixtures/invalid/{name}.yaml");
        let instance = as_json(&path);
        assert!(!validator.is_valid(&instance), "{path} should not validate");
    }
}

#[test]
fn scalar_patterns_match_what_the_loader_accepts() {
    let schema: serde_json::Value =
        serde_json::from_str(&shotlist::schema::spec_schema_json()).expect("schema is JSON");
    let validator_for = |definition: &str| {
        let mut sub = schema["$defs"][definition].clone();
        sub["$schema"] = schema["$schema"].clone();
        jsonschema::validator_for(&sub).expect("definition compiles")
    };
    let duration = validator_for("Duration");
    for ok in ["5", "2.5", "15s", "1m30s", "1h2m3s", "1.5m", " 5s "] {
        assert!(
            duration.is_valid(&serde_json::json!(ok)),
            "{ok:?} is a duration"
        );
        assert!(
            ok.parse::<shotlist::spec::Duration>().is_ok(),
            "{ok:?} parses"
        );
    }
    for bad in ["", "  ", "s", "-5s", "1s30m", "5 seconds"] {
        assert!(
            !duration.is_valid(&serde_json::json!(bad)),
            "{bad:?} is not a duration"
        );
        assert!(
            bad.parse::<shotlist::spec::Duration>().is_err(),
            "{bad:?} does not parse"
        );
    }
    let percent = validator_for("Percent");
    for ok in ["25%", "0.25", "12.5%"] {
        assert!(
            percent.is_valid(&serde_json::json!(ok)),
            "{ok:?} is a percent"
        );
    }
    for bad in ["", "%", "a lot"] {
        assert!(
            !percent.is_valid(&serde_json::json!(bad)),
            "{bad:?} is not a percent"
        );
        assert!(
            bad.parse::<shotlist::spec::Percent>().is_err(),
            "{bad:?} does not parse"
        );
    }
    let decimal = validator_for("Decimal");
    for bad in ["", "abc", "."] {
        assert!(
            !decimal.is_valid(&serde_json::json!(bad)),
            "{bad:?} is not a decimal"
        );
        assert!(
            bad.parse::<shotlist::spec::Dec>().is_err(),
            "{bad:?} does not parse"
        );
    }
}
