//! `lint` reads the ledger a spec names, or the one `--ledger` gives: its errors and
//! warnings are reported against the CSV file, as check errors are against a spec, and
//! the rules that read a ledger run on it only when it has no errors.

mod common;

use common::{run_cli, snapshot_settings};

const TODAY: &str = "2026-11-21";
const DIR: &str = "tests/fixtures/lint-ledger";

fn lint(args: &[&str]) -> common::Outcome {
    let mut all = vec!["lint", "--today", TODAY];
    all.extend_from_slice(args);
    run_cli(&all, "")
}

/// An unknown model is an error at its row and column of the CSV, an unknown column a
/// warning; the run fails, and no rule judges the partial ledger (its kept `sea` row
/// raises no `kept-not-approved`).
#[test]
fn ledger_problems_are_reported_at_the_csv_line_and_column() {
    let outcome = lint(&[&format!("{DIR}/spec.yaml")]);
    assert_eq!(outcome.code, 1, "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains("broken.ledger.csv:3:6]"),
        "{}",
        outcome.stdout
    );
    assert!(
        !outcome.stdout.contains("kept-not-approved"),
        "{}",
        outcome.stdout
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("lint-ledger-errors", outcome.stdout));

    let json = lint(&["--format", "json", &format!("{DIR}/spec.yaml")]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let found: Vec<(&str, &str, u64, u64)> = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or(""),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("E212", "warning", 1, 27), ("E206", "error", 3, 6)],
        "{}",
        json.stdout
    );
}

/// `--ledger` replaces the spec's own ledger.
#[test]
fn the_ledger_option_overrides_the_spec() {
    let outcome = lint(&[
        "--ledger",
        &format!("{DIR}/kept.ledger.csv"),
        &format!("{DIR}/spec.yaml"),
    ]);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    assert!(
        outcome
            .stdout
            .contains("shot `sea` is kept in the ledger (line 2) but still `planned`"),
        "{}",
        outcome.stdout
    );
}

/// A ledger the spec names and that does not exist yet is an empty one: nothing has been
/// generated. A `--ledger` file that does not exist is a mistake, and the run cannot be
/// trusted (exit 2).
#[test]
fn a_missing_ledger_is_empty_only_when_the_spec_names_it() {
    let named = lint(&[&format!("{DIR}/missing.yaml")]);
    assert_eq!(named.code, 0, "{}", named.stdout);
    assert!(
        named.stdout.contains("ok — no lint findings"),
        "{}",
        named.stdout
    );

    let given = lint(&[
        "--ledger",
        &format!("{DIR}/not-there.csv"),
        &format!("{DIR}/missing.yaml"),
    ]);
    assert_eq!(given.code, 2, "{}", given.stdout);
    assert!(given.stdout.contains("cannot read"), "{}", given.stdout);
}

/// One ledger is one production's: with several specs, `--ledger` would say whose.
#[test]
fn the_ledger_option_takes_one_spec() {
    let outcome = lint(&[
        "--ledger",
        &format!("{DIR}/kept.ledger.csv"),
        &format!("{DIR}/spec.yaml"),
        &format!("{DIR}/missing.yaml"),
    ]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("give it one spec"),
        "{}",
        outcome.stderr
    );
}
