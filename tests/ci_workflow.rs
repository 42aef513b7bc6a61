//! `examples/ci/github-actions.yml` stays runnable: it is valid YAML with the documented
//! steps, and every `shotlist` command in it parses and, run on the lighthouse example
//! with its committed plan, passes.

mod common;

use common::{installed_tool, root, run_cli, runs};
use serde_json::Value;

const WORKFLOW: &str = "examples/ci/github-actions.yml";

/// The workflow's variables, bound to files of this repository.
const BINDINGS: [(&str, &str); 4] = [
    ("\"$SPEC\"", "tests/fixtures/diff/lighthouse-v2.yaml"),
    ("\"$PLAN\"", "tests/fixtures/diff/lighthouse-v2.plan.json"),
    ("\"$FAIL_ABOVE\"", "12%"),
    ("\"$GITHUB_BASE_REF:$SPEC\"", "main:specs/lighthouse.yaml"),
];

/// What the base branch's spec (`git show FETCH_HEAD:$SPEC`) is in the test.
const BASE_SPEC: &str = "examples/lighthouse.yaml";

/// The `shotlist` command lines of every `run:` block: continuation lines joined, each
/// command of a pipeline on its own, up to any redirection.
fn shotlist_commands(workflow: &Value) -> Vec<String> {
    workflow["jobs"]["shotlist"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|step| step["run"].as_str())
        .flat_map(|script| {
            script
                .replace("\\\n", " ")
                .lines()
                .flat_map(|line| line.split(" | "))
                .map(|command| command.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|command| command.starts_with("shotlist "))
        .map(|command| command.split(" >").next().unwrap_or(&command).to_owned())
        .collect()
}

fn steps(workflow: &Value) -> &[Value] {
    workflow["jobs"]["shotlist"]["steps"]
        .as_array()
        .expect("steps")
}

fn workflow() -> Value {
    let text = std::fs::read_to_string(root().join(WORKFLOW)).unwrap();
    serde_saphyr::from_str(&text).expect("valid YAML")
}

#[test]
fn the_workflow_runs_check_lint_plan_check_and_diff() {
    let workflow = workflow();
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
        "shotlist diff - \"$SPEC\" --old-name \"$GITHUB_BASE_REF:$SPEC\" ",
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
        let stdin = if args.contains(&"-") {
            std::fs::read_to_string(root().join(BASE_SPEC)).unwrap()
        } else {
            String::new()
        };
        let outcome = run_cli(&args, &stdin);
        assert_eq!(
            outcome.code, 0,
            "{bound}:\n{}{}",
            outcome.stdout, outcome.stderr
        );
    }
}

#[test]
fn the_cost_comment_names_the_base_by_branch_not_by_a_temporary_path() {
    let commands = shotlist_commands(&workflow());
    let diff = commands.last().expect("the diff command");
    let mut bound = diff.clone();
    for (variable, value) in BINDINGS {
        bound = bound.replace(variable, value);
    }
    let args: Vec<&str> = bound.split_whitespace().skip(1).collect();
    let base = std::fs::read_to_string(root().join(BASE_SPEC)).unwrap();
    let outcome = run_cli(&args, &base);
    assert!(
        outcome
            .stdout
            .contains("Old: `main:specs/lighthouse.yaml (spec)` · new: `tests/fixtures/diff/lighthouse-v2.yaml (spec)`"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains("RUNNER_TEMP") && !outcome.stdout.contains("<stdin>"));
}

/// The comment is found again by its hidden marker, among this workflow's own comments,
/// and edited in place; a pull request from a fork, whose token cannot comment, gets the
/// cost change on the job's summary instead, and the gate still runs.
#[test]
fn the_comment_is_marked_edited_in_place_and_skipped_for_forks() {
    let workflow = workflow();
    let steps = steps(&workflow);
    let named = |name: &str| {
        steps
            .iter()
            .find(|step| step["name"].as_str().is_some_and(|n| n.starts_with(name)))
            .unwrap_or_else(|| panic!("a step named {name}"))
    };
    let cost = named("Cost change")["run"].as_str().unwrap();
    assert!(cost.contains("echo \"<!-- shotlist-cost -->\" > \"$RUNNER_TEMP/cost.md\""));
    let post = named("Post the cost change");
    let run = post["run"].as_str().unwrap();
    assert!(
        run.contains("startswith(\"<!-- shotlist-cost -->\")"),
        "{run}"
    );
    assert!(
        run.contains("github-actions[bot]") && run.contains("--method PATCH"),
        "{run}"
    );
    let same_repository = "github.event.pull_request.head.repo.full_name == github.repository";
    assert!(post["if"].as_str().unwrap().contains(same_repository));
    let summary = named("Show the cost change on the job's summary");
    assert!(
        summary["if"]
            .as_str()
            .unwrap()
            .contains(&same_repository.replace("==", "!="))
    );
    assert!(
        summary["run"]
            .as_str()
            .unwrap()
            .contains("$GITHUB_STEP_SUMMARY")
    );
    let gate = named("Fail when");
    assert!(
        !gate["if"].as_str().unwrap().contains("head.repo"),
        "the gate runs for forks too"
    );
}

/// actionlint, with ShellCheck for the `run:` scripts, accepts the workflow as it is.
#[test]
fn actionlint_accepts_the_workflow() {
    let Some(actionlint) = installed_tool("venv/bin/actionlint", "actionlint") else {
        return;
    };
    if !runs("shellcheck") {
        assert!(
            std::env::var_os("CI").is_none(),
            "shellcheck is not installed; .ci/run installs it"
        );
        eprintln!("SKIPPED: shellcheck is not installed, so actionlint cannot check run: scripts");
        return;
    }
    let output = std::process::Command::new(actionlint)
        .arg(WORKFLOW)
        .current_dir(root())
        .output()
        .expect("actionlint runs");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The test above can fail: actionlint finds an unquoted variable through ShellCheck.
#[test]
fn actionlint_reports_a_shellcheck_finding_in_a_run_script() {
    let Some(actionlint) = installed_tool("venv/bin/actionlint", "actionlint") else {
        return;
    };
    if !runs("shellcheck") {
        eprintln!("SKIPPED: shellcheck is not installed");
        return;
    }
    let text = std::fs::read_to_string(root().join(WORKFLOW)).unwrap();
    let broken = text.replace("echo \"status=0\"", "echo status=$UNQUOTED");
    assert_ne!(broken, text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shotlist.yml");
    std::fs::write(&path, broken).unwrap();
    let output = std::process::Command::new(actionlint)
        .arg(&path)
        .output()
        .expect("actionlint runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success() && stdout.contains("SC2086"),
        "{stdout}"
    );
}
