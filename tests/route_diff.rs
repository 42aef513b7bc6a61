//! `route --diff` prints a unified diff that a real tool applies: `git apply` turns the
//! spec into exactly what `route --fix` writes, and any text edited by byte ranges
//! into exactly the edited text. The diff is built from the edits, not by diffing the
//! whole texts, so these tests hold it to what `patch` tools read.

mod common;

use std::process::Command;

use common::{run_cli, yaml_files};
use proptest::prelude::*;
use shotlist::spec::edit::{Edit, apply};
use shotlist::spec::patch::unified_diff;

const TODAY: &str = "2026-11-21";

/// `original` with `diff` applied by `git apply`, as a file named `spec.yaml`.
fn git_apply(original: &str, diff: &str) -> String {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let spec = directory.path().join("spec.yaml");
    std::fs::write(&spec, original).expect("writes");
    let patch = directory.path().join("route.diff");
    std::fs::write(&patch, diff).expect("writes");
    let output = Command::new("git")
        .args(["apply", "-p0", "route.diff"])
        .current_dir(directory.path())
        .output()
        .expect("git is installed");
    assert!(
        output.status.success(),
        "git apply refused the diff: {}\n{diff}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(&spec).expect("reads")
}

#[test]
fn git_applies_the_diff_of_every_example_to_what_fix_writes() {
    for file in yaml_files("examples") {
        let original = std::fs::read_to_string(common::root().join(&file)).expect("reads");
        let diff = run_cli(&["route", "-", "--diff", "--today", TODAY], &original);
        assert_eq!(diff.code, 0, "{file}: {}", diff.stderr);
        let directory = tempfile::tempdir().expect("a temporary directory");
        let copy = directory.path().join("spec.yaml");
        std::fs::write(&copy, &original).expect("writes");
        let path = copy.to_string_lossy();
        let fixed = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
        assert_eq!(fixed.code, 0, "{file}: {}", fixed.stderr);
        let fixed = std::fs::read_to_string(&copy).expect("reads");
        assert_ne!(fixed, original, "{file}: every example has a cheaper fit");
        let diff = diff.stdout.replacen(
            "--- <stdin>\n+++ <stdin>\n",
            "--- spec.yaml\n+++ spec.yaml\n",
            1,
        );
        assert_eq!(git_apply(&original, &diff), fixed, "{file}");
    }
}

/// Lines drawn from a few, so that many are equal and a diff could align them
/// wrongly, each ended by LF or CRLF, the last maybe with no end.
fn text() -> impl Strategy<Value = String> {
    let line = prop::sample::select(vec!["model: a", "model: b", "  - id: x", "", "type: hero"]);
    let end = prop::sample::select(vec!["\n", "\r\n"]);
    (prop::collection::vec((line, end), 0..40), any::<bool>()).prop_map(|(lines, last_ended)| {
        let mut text: String = lines
            .iter()
            .map(|(line, end)| format!("{line}{end}"))
            .collect();
        if !last_ended && text.ends_with('\n') {
            text.truncate(text.trim_end_matches(['\r', '\n']).len());
        }
        text
    })
}

/// Non-overlapping edits of `text`: ranges on character boundaries, replaced by text
/// that may add or remove line ends.
fn edits(text: String) -> impl Strategy<Value = (String, Vec<Edit>)> {
    let replacement =
        prop::sample::select(vec!["", "b", "model: c", "\n  model: d", "x\n", "\r\n"]);
    let length = text.len();
    prop::collection::vec((0..=length, 0..=length, replacement), 0..6).prop_map(move |picks| {
        let mut cuts: Vec<(usize, usize, &str)> = picks
            .into_iter()
            .map(|(a, b, with)| (a.min(b), a.max(b), with))
            .collect();
        cuts.sort();
        let mut edits = Vec::new();
        let mut done = 0;
        for (start, end, with) in cuts {
            // Never between the CR and LF of a line end, nor over an earlier edit.
            let between = |at: usize| at > 0 && text.as_bytes()[at - 1] == b'\r';
            if start < done || between(start) || between(end) {
                continue;
            }
            edits.push(Edit {
                range: start..end,
                text: with.to_owned(),
            });
            done = end.max(start + 1);
        }
        (text.clone(), edits)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever the edits, `git apply` makes the edited text of the diff.
    #[test]
    fn git_applies_the_diff_of_any_edits(
        (original, edits) in text().prop_flat_map(edits),
    ) {
        let edited = apply(&original, &edits).expect("the edits do not overlap");
        let diff = unified_diff(&original, &edited, &edits, "spec.yaml").expect("diffs");
        prop_assert_eq!(diff.is_empty(), original == edited, "{}", diff);
        if !diff.is_empty() {
            prop_assert_eq!(git_apply(&original, &diff), edited);
        }
    }
}
