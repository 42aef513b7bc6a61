//! One spec rendered in every lint output format, and the SARIF log validated against
//! the SARIF 2.1.0 JSON schema.

mod common;

use std::path::PathBuf;

use common::{run_cli, snapshot_settings};
use serde_json::Value;

const SPEC: &str = "tests/fixtures/lint-formats/harbour.yaml";
const TODAY: &str = "2026-11-21";

fn lint(format: &str) -> String {
    let outcome = run_cli(&["lint", "--today", TODAY, "--format", format, SPEC], "");
    assert_eq!(outcome.code, 1, "{format}: the spec has errors");
    outcome.stdout
}

#[test]
fn every_format() {
    snapshot_settings().bind(|| {
        for format in ["human", "json", "sarif", "github"] {
            insta::assert_snapshot!(format!("lint_format_{format}"), lint(format));
        }
    });
}

#[test]
fn json_follows_the_contract() {
    let document: Value = serde_json::from_str(&lint("json")).unwrap();
    assert_eq!(document["schema_version"], 1);
    let summary = &document["summary"];
    let diagnostics = document["diagnostics"].as_array().unwrap();
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count()
    };
    assert_eq!(summary["errors"], count("error"));
    assert_eq!(summary["warnings"], count("warning"));
    for diagnostic in diagnostics {
        for key in [
            "rule", "code", "severity", "message", "path", "line", "column", "help",
        ] {
            assert!(
                diagnostic.get(key).is_some(),
                "{key} missing in {diagnostic}"
            );
        }
        assert!(diagnostic["line"].as_u64().unwrap() >= 1);
        assert!(diagnostic["column"].as_u64().unwrap() >= 1);
    }
}

/// The SARIF 2.1.0 schema that serde-sarif ships in its source (`src/schema.json`),
/// taken from the registry copy of the version in Cargo.lock, so that the test uses the
/// schema of the crate that produced the types and needs no network.
fn sarif_schema() -> Value {
    let lock = std::fs::read_to_string(common::root().join("Cargo.lock")).unwrap();
    let version = lock
        .split("[[package]]")
        .find(|entry| entry.contains("name = \"serde-sarif\""))
        .and_then(|entry| {
            entry
                .lines()
                .find_map(|line| line.strip_prefix("version = "))
        })
        .map(|version| version.trim_matches('"').to_owned())
        .expect("serde-sarif is in Cargo.lock");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let registries = cargo_home.join("registry").join("src");
    let path = std::fs::read_dir(&registries)
        .unwrap_or_else(|e| panic!("{}: {e}", registries.display()))
        .map(|entry| {
            entry
                .unwrap()
                .path()
                .join(format!("serde-sarif-{version}"))
                .join("src")
                .join("schema.json")
        })
        .find(|path| path.is_file())
        .expect("serde-sarif's source is in the registry (cargo fetched it to build)");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The published 2.1.0 schema has a stray `]` in the pattern of every `language`
    // property, which a strict validator refuses to compile as a regex. shotlist never
    // writes `language`; the pattern is replaced with the one its description intends
    // ("xx" or "xx-XX") so that the rest of the schema can be checked.
    fix_language_patterns(&mut schema);
    schema
}

const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn fix_language_patterns(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "pattern" && child == BROKEN_LANGUAGE_PATTERN {
                    *child = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                } else {
                    fix_language_patterns(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema = sarif_schema();
    assert_eq!(
        schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "not the SARIF 2.1.0 schema"
    );
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let log: Value = serde_json::from_str(&lint("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF log is invalid:\n{}",
        errors.join("\n")
    );
    // The validator does check: a log with a wrong level is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    // And the parts code scanning relies on.
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= shotlist::lint::registry::RULES.len());
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], SPEC);
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_of_a_check_failure_carries_the_check_code() {
    let outcome = run_cli(&["lint", "--format", "sarif", "-"], "version: 2\n");
    assert_eq!(outcome.code, 1);
    let log: Value = serde_json::from_str(&outcome.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert!(rules[index]["id"].as_str().unwrap().starts_with('E'));
    let errors: Vec<String> = jsonschema::validator_for(&sarif_schema())
        .unwrap()
        .iter_errors(&log)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// A file that cannot be read is one E012 result in every format, at line 1, column 1,
/// beside the other files' results; the SARIF log stays valid; exit 2.
#[test]
fn an_unreadable_file_is_a_result_in_every_format() {
    const MISSING: &str = "tests/fixtures/does-not-exist.yaml";
    let validator = jsonschema::validator_for(&sarif_schema()).expect("the schema compiles");
    for format in ["human", "json", "sarif", "github"] {
        let outcome = run_cli(&["lint", MISSING, SPEC, "--format", format], "");
        assert_eq!(outcome.code, 2, "{format}: {}", outcome.stderr);
        let out = outcome.stdout;
        assert!(
            out.contains("E012") && out.contains(SPEC),
            "{format}: {out}"
        );
        match format {
            "human" => assert!(out.contains(&format!("[{MISSING}:1:1]")), "{out}"),
            "github" => assert!(
                out.contains(&format!("::error file={MISSING},line=1,col=1,")),
                "{out}"
            ),
            "json" => {
                let document: Value = serde_json::from_str(&out).unwrap();
                let first = &document["diagnostics"][0];
                assert_eq!(
                    (&first["file"], &first["line"]),
                    (&Value::from(MISSING), &Value::from(1))
                );
            }
            _ => {
                let log: Value = serde_json::from_str(&out).unwrap();
                assert!(validator.is_valid(&log), "{out}");
                let result = &log["runs"][0]["results"][0];
                assert_eq!(result["ruleId"], "E012");
                let location = &result["locations"][0]["physicalLocation"];
                assert_eq!(location["artifactLocation"]["uri"], MISSING);
                assert_eq!(location["region"]["startLine"], 1);
            }
        }
    }
}
