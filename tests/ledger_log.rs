//! `shotlist log`: one checked row appended to the spec's ledger, atomically; a refused
//! row leaves the file byte for byte as it was.

mod common;

use std::path::{Path, PathBuf};

use common::run_cli;

const SPEC: &str = "tests/fixtures/ledger/status/spec.yaml";

/// A directory holding a copy of the status fixture's spec, with `ledger` as its
/// ledger when given.
fn production(ledger: Option<&[u8]>) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC), &spec).unwrap();
    let path = dir.path().join("ledger.csv");
    if let Some(bytes) = ledger {
        std::fs::write(&path, bytes).unwrap();
    }
    (dir, spec, path)
}

fn log(spec: &Path, args: &[&str]) -> common::Outcome {
    let spec = spec.to_str().unwrap();
    let mut all = vec!["log", spec];
    all.extend(args);
    run_cli(&all, "")
}

#[test]
fn the_first_row_creates_the_ledger_with_its_header() {
    let (_dir, spec, ledger) = production(None);
    let outcome = log(
        &spec,
        &[
            "a",
            "--model",
            "vid",
            "--outcome",
            "rejected",
            "--at",
            "2026-11-30",
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        std::fs::read_to_string(&ledger).unwrap(),
        "job,kind,model,outcome,seconds,resolution,images,credits,at,note\n\
         a,,vid,rejected,4,,,,2026-11-30,\n"
    );
    // `seconds` defaulted to the shot's 4 s; priced as the plan prices a take: raised
    // to the 5 s min_clip, 5 × 1 + 5 × 0.5 for its audio.
    assert!(
        outcome
            .stdout
            .ends_with("ledger.csv:2: logged a rejected take of shot `a` on `vid`, 7.50 credits\n"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_row_is_appended_in_the_ledgers_own_column_order() {
    let existing = b"outcome,job,note,model,seconds,credits\nfailed,a,,vid,4,\n";
    let (_dir, spec, ledger) = production(Some(existing));
    let outcome = log(
        &spec,
        &[
            "b",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--credits",
            "6",
            "--note",
            "gulls, at last",
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let after = std::fs::read(&ledger).unwrap();
    // Exactly one more line, the rest byte for byte.
    assert!(after.starts_with(existing));
    assert_eq!(
        &after[existing.len()..],
        b"kept,b,\"gulls, at last\",vid,6,6\n"
    );
}

#[test]
fn a_row_needing_a_column_the_ledger_lacks_is_refused_and_the_file_kept() {
    let existing = b"job,model,outcome,seconds\r\na,vid,failed,4\r\n";
    let (_dir, spec, ledger) = production(Some(existing));
    let outcome = log(
        &spec,
        &["b", "--model", "vid", "--outcome", "kept", "--credits", "6"],
    );
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("no `credits` column"),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), existing);
    // Without `--at`, the time is left out of a ledger that keeps none; CRLF is kept.
    let outcome = log(&spec, &["b", "--model", "vid", "--outcome", "kept"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let after = std::fs::read(&ledger).unwrap();
    assert_eq!(&after[existing.len()..], b"b,vid,kept,6\r\n");
}

#[test]
fn an_invalid_row_is_refused_with_its_diagnostics_and_the_file_is_byte_identical() {
    let existing = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger/status/ledger.csv"),
    )
    .unwrap();
    let (_dir, spec, ledger) = production(Some(&existing));
    for args in [
        &["dd", "--model", "vid", "--outcome", "kept"][..],
        &["a", "--model", "vdi", "--outcome", "kept"],
        &["a", "--model", "img", "--outcome", "kept"],
        &[
            "a",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--seconds",
            "5 sec",
        ],
        &[
            "a",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--resolution",
            "4k",
        ],
        &["a", "--model", "vid", "--outcome", "kept", "--credits=-1"],
        &[
            "a",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--at",
            "yesterday",
        ],
        &[
            "quay",
            "--model",
            "img",
            "--outcome",
            "kept",
            "--images",
            "four",
        ],
        &[
            "a",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--kind",
            "sheet",
        ],
    ] {
        let outcome = log(&spec, args);
        assert_eq!(outcome.code, 1, "{args:?}: {}", outcome.stderr);
        assert!(outcome.stderr.contains("nothing logged"), "{args:?}");
        assert!(
            outcome.stderr.contains(":11:"),
            "{args:?}: the new row's line\n{}",
            outcome.stderr
        );
        assert_eq!(std::fs::read(&ledger).unwrap(), existing, "{args:?}");
    }
}

#[test]
fn a_ledger_with_errors_takes_no_new_row() {
    let existing = b"job,model,outcome,seconds\nzz,vid,kept,5\n";
    let (_dir, spec, ledger) = production(Some(existing));
    let outcome = log(&spec, &["a", "--model", "vid", "--outcome", "kept"]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("fix the ledger first"),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read(&ledger).unwrap(), existing);
}

#[test]
fn a_logged_row_is_read_back_by_status() {
    let existing = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger/status/ledger.csv"),
    )
    .unwrap();
    let (_dir, spec, ledger) = production(Some(&existing));
    let outcome = log(
        &spec,
        &[
            "d",
            "--model",
            "vid",
            "--outcome",
            "kept",
            "--at",
            "2026-11-30T10:00:00Z",
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert_eq!(text.lines().count(), 11);
    let status = run_cli(&["status", spec.to_str().unwrap(), "--format", "json"], "");
    assert_eq!(status.code, 0, "{}", status.stderr);
    let document: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    // d's 5 credits join the 45 spent; d is done.
    assert_eq!(document["spent"]["credits"], "50.00");
    assert_eq!(document["progress"]["shots_done"], 3);
}
