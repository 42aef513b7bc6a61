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

/// A rule's fixtures: `fires*.yaml` must fire it (and nothing else), `clean*.yaml` must
/// lint clean.
fn fixtures(name: &str, prefix: &str) -> Vec<String> {
    common::yaml_files(&format!("tests/fixtures/lint/{name}"))
        .into_iter()
        .filter(|file| common::stem(file).starts_with(prefix))
        .collect()
}

#[test]
fn every_rule_fires_on_its_fixture_and_only_there() {
    for rule in RULES {
        let name = rule.code.name;
        let firing = fixtures(name, "fires");
        let clean = fixtures(name, "clean");
        assert!(
            !firing.is_empty() && !clean.is_empty(),
            "{name}: fixtures missing"
        );
        for fires in firing {
            let found = codes_found(&fires);
            assert!(!found.is_empty(), "{name} does not fire on {fires}");
            assert!(
                found.iter().all(|code| code == rule.code.id),
                "{fires} should fire only {name}, found {found:?}"
            );
            let fired = human(&fires);
            // Only a deny rule can fail the run (a rule may report a risk as a warning).
            if rule.default_level != Level::Deny {
                assert!(fired.starts_with("exit code: 0\n"), "{fires}: {fired}");
            }
            let snapshot = format!("lint_{name}_{}", common::stem(&fires));
            snapshot_settings().bind(|| insta::assert_snapshot!(snapshot, fired));
        }
        for clean in clean {
            let found = codes_found(&clean);
            assert!(
                found.is_empty(),
                "{clean} should lint clean, found {found:?}"
            );
            let snapshot = format!("lint_{name}_{}", common::stem(&clean));
            snapshot_settings().bind(|| insta::assert_snapshot!(snapshot, human(&clean)));
        }
    }
}
