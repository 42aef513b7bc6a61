//! Ledger diagnostics: one CSV per kind of problem in tests/fixtures/ledger/errors/,
//! read against the spec beside them by `shotlist status`. Each problem's code, line
//! and column in the CSV is asserted, the same in every output format (human, JSON,
//! SARIF, GitHub), and the human and JSON outputs are snapshotted.

mod common;

use std::path::Path;

use common::{run_cli, snapshot_settings};
use shotlist::pipeline::{self, Limits, Loaded};

const SPEC: &str = "tests/fixtures/ledger/errors/spec.yaml";

/// A problem's code, line and column.
type Place = (&'static str, usize, usize);

/// Each fixture with the place of every problem it holds.
const EXPECTED: &[(&str, &[Place])] = &[
    ("unknown-job", &[("E203", 3, 1)]),
    ("ambiguous-job", &[("E204", 2, 1)]),
    ("kind-mismatch", &[("E205", 2, 6)]),
    ("unknown-kind", &[("E205", 2, 6)]),
    ("no-sheet", &[("E203", 2, 1)]),
    ("unknown-model", &[("E206", 2, 6)]),
    ("wrong-model-kind", &[("E207", 2, 6)]),
    ("unknown-resolution", &[("E208", 2, 17)]),
    ("bad-outcome", &[("E209", 2, 10)]),
    ("bad-duration", &[("E210", 2, 15)]),
    // The field starts at its opening quote.
    ("bad-decimal", &[("E210", 2, 17)]),
    ("negative-credits", &[("E210", 2, 17)]),
    ("bad-integer", &[("E210", 2, 24)]),
    ("bad-date", &[("E210", 2, 17)]),
    ("missing-seconds", &[("E211", 2, 15)]),
    ("missing-column", &[("E202", 1, 1)]),
    ("duplicate-column", &[("E202", 1, 19)]),
    ("wrong-field-count", &[("E201", 2, 1)]),
    ("unpriceable", &[("E213", 2, 1)]),
    ("invalid-utf8", &[("E007", 3, 15)]),
    // Every problem of every row at once.
    (
        "many",
        &[
            ("E203", 3, 1),
            ("E206", 4, 6),
            ("E209", 5, 12),
            ("E210", 5, 17),
            ("E210", 5, 23),
        ],
    ),
];

fn ledger(name: &str) -> String {
    format!("tests/fixtures/ledger/errors/{name}.csv")
}

#[test]
fn every_problem_is_reported_at_its_line_and_column_and_snapshotted() {
    for (name, expected) in EXPECTED {
        let path = ledger(name);
        let json = run_cli(&["status", SPEC, "--ledger", &path, "--format", "json"], "");
        assert_eq!(json.code, 1, "{name}: {}", json.stderr);
        let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let found: Vec<(String, usize, usize)> = document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                assert_eq!(d["severity"], "error", "{name}");
                assert!(
                    d["help"].as_str().is_some_and(|h| !h.is_empty()),
                    "{name}: no help"
                );
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap() as usize,
                    d["column"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|&(code, line, column)| (code.to_owned(), line, column))
            .collect();
        assert_eq!(found, expected, "{name}");

        let human = run_cli(&["status", SPEC, "--ledger", &path], "");
        assert_eq!(human.code, 1, "{name}");
        assert_eq!(human.stdout, "", "{name}");
        for (_, line, column) in &expected {
            assert!(
                human.stderr.contains(&format!("{path}:{line}:{column}]")),
                "{name}: {line}:{column} not in\n{}",
                human.stderr
            );
        }
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("ledger-{name}.human"), human.stderr);
            insta::assert_snapshot!(format!("ledger-{name}.json"), json.stdout);
        });
    }
}

/// SARIF and GitHub annotations place a ledger's problems where the human and JSON
/// outputs do: the ledger is its own source.
#[test]
fn sarif_and_github_place_ledger_problems_at_the_same_line_and_column() {
    let loaded = Loaded::read(Path::new(SPEC), Limits::default(), &mut std::io::empty()).unwrap();
    let checked = loaded.check(None).unwrap();
    let read =
        pipeline::read_ledger(&checked, Path::new(&ledger("many")), Limits::default()).unwrap();
    let github = shotlist::report::github::render(&read.diagnostics, &read.source);
    for (line, column) in [(3, 1), (4, 6), (5, 12), (5, 17), (5, 23)] {
        assert!(
            github.contains(&format!("line={line},col={column}")),
            "{line}:{column} in {github}"
        );
    }
    let sarif: serde_json::Value = serde_json::from_str(&shotlist::report::sarif::document(
        &[(&read.source, &read.diagnostics)],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    ))
    .unwrap();
    let places: Vec<(u64, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(places, [(3, 1), (4, 6), (5, 12), (5, 17), (5, 23)]);
}

/// An unknown column is a warning: the status is still made (exit 0), the warning on
/// stderr names the column and the column it may have meant. The file starts with a
/// byte-order mark, which is no column.
#[test]
fn an_unknown_column_is_a_warning_and_status_still_runs() {
    let path = ledger("unknown-column");
    let outcome = run_cli(&["status", SPEC, "--ledger", &path], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stdout.starts_with("Errors: 1 of 2 shots done"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stderr.contains("unknown ledger column `notes`"));
    assert!(outcome.stderr.contains("did you mean `note`?"));
    assert!(
        outcome.stderr.contains(&format!("{path}:1:27]")),
        "{}",
        outcome.stderr
    );
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("ledger-unknown-column.human", outcome.stderr);
    });
}

/// No ledger named anywhere, or one that cannot be read: exit 2, saying how to name
/// one.
#[test]
fn status_without_a_ledger_cannot_run() {
    let outcome = run_cli(&["status", "tests/fixtures/ledger/errors/spec.yaml"], "");
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("names no ledger"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains("--ledger FILE"));
    let outcome = run_cli(
        &["status", SPEC, "--ledger", "tests/fixtures/ledger/none.csv"],
        "",
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("shotlist log"),
        "{}",
        outcome.stderr
    );
}

/// A spec with check errors stops `status` with them, exit 1, before any ledger is read.
#[test]
fn a_spec_with_errors_stops_status() {
    let outcome = run_cli(
        &[
            "status",
            "tests/fixtures/invalid/unknown-model.yaml",
            "--ledger",
            &ledger("many"),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let document: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(document["diagnostics"][0]["code"], "E104");
}
