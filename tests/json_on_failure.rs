//! Every command asked for JSON prints a JSON document on stdout, even when the spec
//! has check errors: the diagnostics document of `check --format json`, and exit 1.

mod common;

use common::run_cli;
use serde_json::Value;
use shotlist::document::diagnostics::DiagnosticsDocument;

const CHECK_ERROR: &str = "tests/fixtures/plan/check-error.yaml";
const UNPRICEABLE: &str = "tests/fixtures/plan/unpriceable.yaml";
const CLEAN: &str = "examples/lighthouse.yaml";

/// Parses stdout as the diagnostics document and returns its codes.
fn diagnostics_document(stdout: &str) -> DiagnosticsDocument {
    serde_json::from_str(stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"))
}

/// The document `check --format json` writes for the same file.
fn check_document(file: &str) -> DiagnosticsDocument {
    let check = run_cli(&["check", file, "--format", "json"], "");
    assert_eq!(check.code, 1);
    diagnostics_document(&check.stdout)
}

#[test]
fn plan_prints_the_check_document_on_failure() {
    let outcome = run_cli(&["plan", CHECK_ERROR, "--format", "json"], "");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let document = diagnostics_document(&outcome.stdout);
    assert_eq!(document, check_document(CHECK_ERROR));
    assert_eq!(document.diagnostics[0].code, "E104");
    assert_eq!(document.summary.errors, 1);
}

#[test]
fn plan_prints_why_a_spec_cannot_be_priced() {
    let outcome = run_cli(&["plan", UNPRICEABLE, "--format", "json"], "");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let document = diagnostics_document(&outcome.stdout);
    assert!(
        document.diagnostics.iter().all(|d| d.file == UNPRICEABLE) && document.summary.errors > 0,
        "{}",
        outcome.stdout
    );
}

#[test]
fn route_prints_the_check_document_on_failure() {
    let outcome = run_cli(&["route", CHECK_ERROR, "--format", "json"], "");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(
        diagnostics_document(&outcome.stdout),
        check_document(CHECK_ERROR)
    );
    // Other formats keep stdout for their report alone.
    let human = run_cli(&["route", CHECK_ERROR], "");
    assert_eq!((human.code, human.stdout.as_str()), (1, ""));
}

#[test]
fn diff_prints_both_sides_problems_in_one_document() {
    let outcome = run_cli(&["diff", CHECK_ERROR, CHECK_ERROR, "--format", "json"], "");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let document = diagnostics_document(&outcome.stdout);
    assert_eq!(document.summary.errors, 2);
    assert_eq!(document.diagnostics.len(), 2);
    let one_side = diff_json(&[CLEAN, CHECK_ERROR]);
    assert_eq!(one_side, check_document(CHECK_ERROR));
}

fn diff_json(files: &[&str]) -> DiagnosticsDocument {
    let mut args = vec!["diff"];
    args.extend(files);
    args.extend(["--format", "json"]);
    let outcome = run_cli(&args, "");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    diagnostics_document(&outcome.stdout)
}

/// A consumer tells the two documents apart by their keys: a plan has `totals`, the
/// diagnostics document `diagnostics`.
#[test]
fn the_failure_document_is_not_mistaken_for_a_report() {
    let outcome = run_cli(&["plan", CHECK_ERROR, "--format", "json"], "");
    let value: Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert!(value.get("diagnostics").is_some() && value.get("totals").is_none());
}

/// A file that cannot be read stops a single-file command with exit 2, and with
/// `--format json` the same E012 document `check --format json` writes for it.
#[test]
fn an_unreadable_file_gets_the_check_document_and_exit_2() {
    let missing = "tests/fixtures/plan/no-such-spec.yaml";
    let check = run_cli(&["check", missing, "--format", "json"], "");
    assert_eq!(check.code, 2, "{}", check.stderr);
    let expected = diagnostics_document(&check.stdout);
    assert_eq!(expected.diagnostics[0].code, "E012");
    let commands: [&[&str]; 5] = [
        &["plan", missing],
        &["route", missing],
        &["compare", missing, "--catalog", "invideo"],
        &["diff", missing, CLEAN],
        &["diff", CLEAN, missing],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.extend(["--format", "json"]);
        let outcome = run_cli(&args, "");
        assert_eq!(outcome.code, 2, "{args:?}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("no-such-spec.yaml"),
            "{args:?}: {}",
            outcome.stderr
        );
        assert_eq!(diagnostics_document(&outcome.stdout), expected, "{args:?}");
        // Other formats keep stdout for their report alone.
        let human = run_cli(command, "");
        assert_eq!((human.code, human.stdout.as_str()), (2, ""), "{command:?}");
    }
}
