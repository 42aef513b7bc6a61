//! Every example lints without errors, and its warnings are exactly the ones its header
//! lists under "Intended lint findings" — so a new finding on an example is either fixed
//! or explained. The human output of each is snapshotted.

mod common;

use std::collections::BTreeSet;

use common::{root, run_cli, snapshot_settings, stem, yaml_files};
use serde_json::Value;

const TODAY: &str = "2026-11-21";

/// The rule names listed as `#   - \`rule\` …` under `# Intended lint findings:`.
fn intended_findings(text: &str) -> BTreeSet<String> {
    text.lines()
        .skip_while(|line| line.trim() != "# Intended lint findings:")
        .skip(1)
        .take_while(|line| line.starts_with("#   "))
        .filter_map(|line| line.trim_start_matches('#').trim().strip_prefix("- `"))
        .filter_map(|rest| rest.split_once('`').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn examples_lint_as_documented() {
    let files = yaml_files("examples");
    assert!(files.len() >= 3, "expected the examples to be found");
    for file in files {
        let json = run_cli(&["lint", "--today", TODAY, "--format", "json", &file], "");
        assert_eq!(json.code, 0, "{file} has lint errors:\n{}", json.stdout);
        let document: Value = serde_json::from_str(&json.stdout).unwrap();
        let found: BTreeSet<String> = document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect();
        let text = std::fs::read_to_string(root().join(&file)).unwrap();
        assert_eq!(
            found,
            intended_findings(&text),
            "{file}: findings differ from the ones its header lists"
        );
        let human = run_cli(&["lint", "--today", TODAY, &file], "");
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("lint-example-{}", stem(&file)), human.stdout);
        });
    }
}
