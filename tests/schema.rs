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

/// Each output's committed schema is the one generated from its document type.
/// `UPDATE_SCHEMAS=1 cargo test --test schema` rewrites them.
#[test]
fn committed_output_schemas_are_current() {
    for (file, generated) in shotlist::schema::output_schemas() {
        let path = root().join("schema").join(file);
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).expect("schema/ is writable");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/{file} is stale: run `UPDATE_SCHEMAS=1 cargo test --test schema` and commit it"
        );
    }
}

const CATALOG_SCHEMA_PATH: &str = "schema/catalog.schema.json";

/// `UPDATE_SCHEMAS=1 cargo test --test schema` rewrites it.
#[test]
fn committed_catalog_schema_is_current() {
    let path = root().join(CATALOG_SCHEMA_PATH);
    let generated = shotlist::schema::catalog_schema_json();
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &generated).expect("schema/ is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{CATALOG_SCHEMA_PATH} is stale: run `UPDATE_SCHEMAS=1 cargo test --test schema` and commit it"
    );
}

/// The built-in catalogs, the files `models --format yaml` writes from them and the
/// catalog fixtures that are valid all validate; the invalid ones whose problem is
/// structural do not.
#[test]
fn catalogs_validate_against_the_catalog_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&shotlist::schema::catalog_schema_json()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut texts: Vec<(String, String)> = yaml_files("src/catalog")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(root().join(&path)).expect("readable");
            (path, text)
        })
        .collect();
    for name in ["list-prices", "invideo"] {
        let outcome = common::run_cli(&["models", "--catalog", name, "--format", "yaml"], "");
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        texts.push((
            format!("models --catalog {name} --format yaml"),
            outcome.stdout,
        ));
    }
    for (name, text) in texts {
        let options = serde_saphyr::options! { strict_booleans: true };
        let instance: serde_json::Value = serde_saphyr::from_str_with_options(&text, options)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let bad = serde_json::json!({"catalog": {"id": "x"}, "models": {}});
    assert!(
        !validator.is_valid(&bad),
        "a catalog without its header validates"
    );
}

fn output_validator(file: &str) -> jsonschema::Validator {
    let (_, text) = shotlist::schema::output_schemas()
        .into_iter()
        .find(|(name, _)| *name == file)
        .expect("a schema of that name");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(file: &str, args: &[&str]) {
    let outcome = common::run_cli(args, "");
    let instance: serde_json::Value = serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", outcome.stdout));
    let errors: Vec<String> = output_validator(file)
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{args:?} against {file}: {errors:#?}");
}

#[test]
fn real_outputs_validate_against_their_schemas() {
    for example in yaml_files("examples") {
        assert_valid("plan.schema.json", &["plan", &example, "--format", "json"]);
        assert_valid(
            "route.schema.json",
            &["route", &example, "--format", "json"],
        );
        assert_valid(
            "diagnostics.schema.json",
            &["lint", &example, "--format", "json"],
        );
    }
    for fixture in yaml_files("tests/fixtures/ok") {
        assert_valid("plan.schema.json", &["plan", &fixture, "--format", "json"]);
    }
    assert_valid(
        "status.schema.json",
        &[
            "status",
            "tests/fixtures/ledger/status/spec.yaml",
            "--format",
            "json",
        ],
    );
    assert_valid(
        "compare.schema.json",
        &[
            "compare",
            "tests/fixtures/compare/waves.yaml",
            "--catalog",
            "list-prices",
            "--catalog",
            "invideo",
            "--catalog",
            "tests/fixtures/catalogs/ok/studio.yaml",
            "--format",
            "json",
        ],
    );
    for fixture in yaml_files("tests/fixtures/invalid") {
        assert_valid(
            "diagnostics.schema.json",
            &["check", &fixture, "--format", "json"],
        );
    }
    assert_valid(
        "diff.schema.json",
        &[
            "diff",
            "tests/fixtures/diff/lighthouse.plan.json",
            "tests/fixtures/diff/lighthouse-v2.plan.json",
            "--format",
            "json",
            "--fail-above",
            "10%",
        ],
    );
    assert_valid(
        "diff.schema.json",
        &[
            "diff",
            "examples/lighthouse.yaml",
            "examples/episode.yaml",
            "--format",
            "json",
        ],
    );
    for catalog in ["list-prices", "invideo"] {
        assert_valid(
            "models.schema.json",
            &["models", "--catalog", catalog, "--format", "json"],
        );
    }
    assert_valid("rules.schema.json", &["rules", "--format", "json"]);
}

#[test]
fn the_plan_schema_refuses_decimals_written_as_numbers() {
    let text = common::run_cli(
        &["plan", "examples/lighthouse.yaml", "--format", "json"],
        "",
    )
    .stdout;
    let mut plan: serde_json::Value = serde_json::from_str(&text).expect("plan JSON");
    plan["totals"]["credits"]["expected"] = serde_json::json!(12345678901234567.89);
    assert!(!output_validator("plan.schema.json").is_valid(&plan));
    assert!(shotlist::diff::PlanDocument::from_value(plan).is_err());
}
