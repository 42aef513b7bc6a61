//! Every rule fires on its `fires.yaml` fixture and stays silent on its `clean.yaml`;
//! the human output of both is snapshotted.

mod common;

use common::{run_cli, snapshot_settings};
use serde_json::Value;
use shotlist::lint::registry::RULES;
use shotlist::spec::Level;

/// Retirements are measured against a fixed date so that the fixtures stay stable.
pub const TODAY: &str = "2026-11-21";

fn codes_found(file: &str) -> Vec<String> {
    let outcome = run_cli(&["lint", "--format", "json", "--today", TODAY, file], "");
    let document: Value = serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("{file}: not JSON ({e}):\n{}", outcome.stdout));
    document["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

fn human(file: &str) -> String {
    let outcome = run_cli(&["lint", "--today", TODAY, file], "");
    format!("exit code: {}\n{}", outcome.code, outcome.stdout)
}

#[test]
fn every_rule_fires_on_its_fixture_and_only_there() {
    for rule in RULES {
        let name = rule.code.name;
        let fires = format!("tests/fixtures/lint/{name}/fires.yaml");
        let clean = format!("tests/fixtures/lint/{name}/clean.yaml");

        let found = codes_found(&fires);
        assert!(!found.is_empty(), "{name} does not fire on {fires}");
        assert!(
            found.iter().all(|code| code == rule.code.id),
            "{fires} should fire only {name}, found {found:?}"
        );
        let found = codes_found(&clean);
        assert!(
            !found.iter().any(|code| code == rule.code.id),
            "{name} fires on {clean}"
        );
        assert!(
            found.is_empty(),
            "{clean} should lint clean, found {found:?}"
        );

        let fired = human(&fires);
        let expected_exit = if rule.default_level == Level::Deny {
            1
        } else {
            0
        };
        assert!(
            fired.starts_with(&format!("exit code: {expected_exit}\n")),
            "{fires}: {fired}"
        );
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("lint_{name}_fires"), fired);
            insta::assert_snapshot!(format!("lint_{name}_clean"), human(&clean));
        });
    }
}
