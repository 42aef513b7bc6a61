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
            // The SARIF source root is this checkout, wherever it is.
            let output = lint(format).replace(&root_uri(), "file:///[checkout]/");
            insta::assert_snapshot!(format!("lint_format_{format}"), output);
        }
    });
}

/// The crate root as the SARIF log's `%SRCROOT%` names it.
fn root_uri() -> String {
    let root = std::fs::canonicalize(common::root()).unwrap();
    format!("file://{}/", root.display())
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
    meets_github_ingestion_rules(&log);
}

/// What GitHub code scanning requires of a SARIF upload beyond the schema, as far as a
/// test can check it: every rule a result uses has `help` (text and markdown) and a
/// `helpUri`; the tool has an `informationUri`; every artifact URI is relative, under a
/// `uriBaseId` that `originalUriBaseIds` defines as an absolute directory URI; every
/// result has a partial fingerprint; related locations have a message.
fn meets_github_ingestion_rules(log: &Value) {
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert!(
        driver["informationUri"]
            .as_str()
            .is_some_and(|uri| uri.starts_with("https://")),
        "informationUri: {}",
        driver["informationUri"]
    );
    let rules = driver["rules"].as_array().unwrap();
    let bases = run["originalUriBaseIds"]
        .as_object()
        .expect("originalUriBaseIds");
    for (_, base) in bases {
        let uri = base["uri"].as_str().unwrap();
        assert!(uri.starts_with("file:///") && uri.ends_with('/'), "{uri}");
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
        let id = &rule["id"];
        assert!(
            rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{id}: help.text"
        );
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{id}: help.markdown"
        );
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|uri| uri.starts_with("https://")),
            "{id}: helpUri"
        );
        let fingerprints = result["partialFingerprints"]
            .as_object()
            .expect("partialFingerprints");
        assert!(!fingerprints.is_empty());
        let locations = result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(result["relatedLocations"].as_array().into_iter().flatten());
        for location in locations {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap();
            assert!(
                !uri.contains(':') && !uri.starts_with('/'),
                "{uri} is not relative"
            );
            let base = artifact["uriBaseId"].as_str().expect("uriBaseId");
            assert!(bases.contains_key(base), "{base} is not defined");
        }
        for related in result["relatedLocations"].as_array().into_iter().flatten() {
            assert!(
                related["message"]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty())
            );
        }
    }
}

/// Every `helpUri` names a heading that the linked document has (GitHub's anchor for
/// it: lowercase, spaces as `-`).
#[test]
fn help_uris_point_at_real_headings() {
    let log: Value =
        serde_json::from_str(&run_cli(&["lint", "--format", "sarif", "-"], "version: 2\n").stdout)
            .unwrap();
    let mut rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .clone();
    let lint: Value = serde_json::from_str(&lint("sarif")).unwrap();
    rules.extend(
        lint["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .cloned(),
    );
    let prefix = format!("{}/blob/main/", env!("CARGO_PKG_REPOSITORY"));
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap();
        let (file, anchor) = uri
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('#'))
            .unwrap_or_else(|| panic!("{uri}"));
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        let found = text
            .lines()
            .filter_map(|line| line.strip_prefix('#'))
            .any(|heading| {
                let heading = heading.trim_start_matches('#').trim().to_lowercase();
                let slug: String = heading
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                slug == anchor
            });
        assert!(found, "{uri}: no such heading in {file}");
    }
}

/// A spec linted to SARIF from a file under the crate root, which is the source root.
fn sarif_of(path: &std::path::Path, text: &str) -> Value {
    std::fs::write(path, text).unwrap();
    let path = path.to_str().unwrap();
    let outcome = run_cli(&["lint", "--format", "sarif", "--today", TODAY, path], "");
    serde_json::from_str(&outcome.stdout).unwrap()
}

#[test]
fn fingerprints_survive_a_line_inserted_above_and_secondary_labels_are_related() {
    let spec =
        std::fs::read_to_string(common::root().join("tests/fixtures/lint/over-budget/fires.yaml"))
            .unwrap();
    let dir = tempfile::tempdir_in(common::root().join("target")).unwrap();
    let path = dir.path().join("spec.yaml");
    let before = sarif_of(&path, &spec);
    let after = sarif_of(&path, &format!("# a new first line\n{spec}"));
    let findings = |log: &Value| -> Vec<(String, u64, String)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|result| {
                (
                    result["partialFingerprints"]["shotlistYamlPath/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    result["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    result["ruleId"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (old, new) = (findings(&before), findings(&after));
    assert!(old.iter().any(|(_, _, rule)| rule == "L018"), "{old:?}");
    assert_eq!(old.len(), new.len());
    for ((old_print, old_line, _), (new_print, new_line, _)) in old.iter().zip(&new) {
        assert_eq!(new_line, &(old_line + 1), "the finding moved down a line");
        assert_eq!(old_print, new_print, "and kept its fingerprint");
    }
    let over_budget = before["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["ruleId"] == "L018")
        .unwrap();
    let related = over_budget["relatedLocations"]
        .as_array()
        .expect("relatedLocations");
    assert!(
        related.iter().any(|location| location["message"]["text"]
            .as_str()
            .is_some_and(|text| text.contains("running total passes the cap here"))),
        "{related:?}"
    );
    meets_github_ingestion_rules(&before);
    let validator = jsonschema::validator_for(&sarif_schema()).unwrap();
    assert!(validator.is_valid(&before));
}

#[test]
fn json_diagnostics_carry_the_secondary_labels() {
    let outcome = run_cli(
        &[
            "lint",
            "--format",
            "json",
            "tests/fixtures/lint/over-budget/fires.yaml",
        ],
        "",
    );
    let document: Value = serde_json::from_str(&outcome.stdout).unwrap();
    let over_budget = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L018")
        .unwrap();
    let related = over_budget["related"].as_array().unwrap();
    let label = related
        .iter()
        .find(|label| {
            label["message"]
                .as_str()
                .unwrap()
                .contains("running total passes the cap here")
        })
        .expect("the secondary label");
    assert_eq!(label["line"], 10, "the second hero shot: {label}");
}

#[test]
fn files_outside_the_sarif_root_get_absolute_uris() {
    let outcome = run_cli(
        &[
            "lint",
            "--format",
            "sarif",
            "--today",
            TODAY,
            "--sarif-root",
            "tests/fixtures/lint-formats",
            SPEC,
        ],
        "",
    );
    let log: Value = serde_json::from_str(&outcome.stdout).unwrap();
    let artifact =
        &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(artifact["uri"], "harbour.yaml");
    assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
    let outcome = run_cli(
        &[
            "lint",
            "--format",
            "sarif",
            "--today",
            TODAY,
            "--sarif-root",
            "examples",
            SPEC,
        ],
        "",
    );
    let log: Value = serde_json::from_str(&outcome.stdout).unwrap();
    let artifact =
        &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        artifact["uri"].as_str().unwrap().starts_with("file:///"),
        "{artifact}"
    );
    assert!(artifact.get("uriBaseId").is_none());
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
    meets_github_ingestion_rules(&log);
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
