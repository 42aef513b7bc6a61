//! `examples/ci/github-actions.yml` stays runnable: it is valid YAML with the documented
//! steps, and every `shotlist` command in it parses and, run on the lighthouse example
//! with its committed plan, passes.

mod common;

use common::{root, run_cli};
use serde_json::Value;

const WORKFLOW: &str = "examples/ci/github-actions.yml";

/// The workflow's variables, bound to files of this repository.
const BINDINGS: [(&str, &str); 4] = [
    ("\"$RUNNER_TEMP/base.yaml\"", "examples/lighthouse.yaml"),
    ("\"$SPEC\"", "tests/fixtures/diff/lighthouse-v2.yaml"),
    ("\"$PLAN\"", "tests/fixtures/diff/lighthouse-v2.plan.json"),
    ("\"$FAIL_ABOVE\"", "12%"),
];

/// The `shotlist` command lines of every `run:` block, up to any redirection.
fn shotlist_commands(workflow: &Value) -> Vec<String> {
    workflow["jobs"]["shotlist"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|step| step["run"].as_str())
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|line| line.starts_with("shotlist "))
        .map(|line| line.split(" > ").next().unwrap_or(line).to_owned())
        .collect()
}

#[test]
fn the_workflow_runs_check_lint_plan_check_and_diff() {
    let text = std::fs::read_to_string(root().join(WORKFLOW)).unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).expect("valid YAML");
    assert!(
        workflow["on"].get("pull_request").is_some(),
        "runs on pull requests"
    );
    assert_eq!(workflow["permissions"]["pull-requests"], "write");
    let commands = shotlist_commands(&workflow);
    let starts = [
        "shotlist check ",
        "shotlist lint --format github ",
        "shotlist plan \"$SPEC\" --check ",
        "shotlist diff ",
    ];
    assert_eq!(commands.len(), starts.len(), "{commands:?}");
    for (command, start) in commands.iter().zip(starts) {
        assert!(command.starts_with(start), "{command}");
    }
    assert!(
        commands[3].contains("--format markdown --fail-above"),
        "{}",
        commands[3]
    );
    for command in &commands {
        let mut bound = command.clone();
        for (variable, value) in BINDINGS {
            bound = bound.replace(variable, value);
        }
        let args: Vec<&str> = bound.split_whitespace().skip(1).collect();
        let outcome = run_cli(&args, "");
        assert_eq!(
            outcome.code, 0,
            "{bound}:\n{}{}",
            outcome.stdout, outcome.stderr
        );
    }
}
