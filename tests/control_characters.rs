//! A spec may hold any character its YAML escapes can write: `"\e]0;title\a"` in a
//! title, an id or a model name is legal. Every output format shows such characters
//! escaped, so that a spec cannot clear, retitle or ring the terminal of whoever reads
//! a report; JSON escapes them its own way and reads back as the spec's value.

mod common;

use common::run_cli;

const SPEC: &str = "tests/fixtures/escapes/spec.yaml";
const SHORTER: &str = "tests/fixtures/escapes/shorter.yaml";
const UNKNOWN_SEGMENT: &str = "tests/fixtures/escapes/unknown-segment.yaml";
const TODAY: &str = "2026-11-21";

/// The spec's values as the text formats show them.
const TITLE: &str = "Evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J";
/// The title in Markdown, whose brackets are escaped as markup (src/report/markdown.rs).
const MARKDOWN_TITLE: &str = "Evil\\u{1b}\\]0;pwned\\u{7}\\u{1b}\\[2J";
/// The model in Markdown's model column, likewise.
const MARKDOWN_MODEL: &str = "dear\\u{7}\\u{1b}\\[31m";
const SHOT: &str = "shot\\u{1b}[2J";
const MODEL: &str = "dear\\u{7}\\u{1b}[31m";
const CHEAPER: &str = "cheap\\u{1b}[0m";

/// Runs `args`, which must succeed (or exit `code`), and returns standard output after
/// checking that no control character but line ends and tabs is in it.
fn shown(args: &[&str], code: u8) -> String {
    let outcome = run_cli(args, "");
    assert_eq!(outcome.code, code, "{args:?}: {}", outcome.stderr);
    let raw = outcome
        .stdout
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    assert_eq!(raw, None, "{args:?} prints a raw control character");
    outcome.stdout
}

fn assert_shows(text: &str, values: &[&str]) {
    for value in values {
        assert!(text.contains(value), "`{value}` not shown in:\n{text}");
    }
}

#[test]
fn plan_escapes_them_in_every_text_format() {
    for format in ["human", "markdown", "csv"] {
        let text = shown(&["plan", SPEC, "--format", format], 0);
        let values: &[&str] = match format {
            "csv" => &[SHOT, MODEL],
            "markdown" => &[MARKDOWN_TITLE, SHOT, MARKDOWN_MODEL],
            _ => &[TITLE, SHOT, MODEL],
        };
        assert_shows(&text, values);
    }
}

#[test]
fn plan_json_carries_them_as_json_escapes() {
    let text = shown(&["plan", SPEC, "--format", "json"], 0);
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["title"], "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J");
}

#[test]
fn route_escapes_them_in_every_text_format() {
    let human = shown(&["route", SPEC, "--today", TODAY], 0);
    assert_shows(&human, &[TITLE, SHOT, MODEL, CHEAPER]);
    let markdown = shown(
        &["route", SPEC, "--today", TODAY, "--format", "markdown"],
        0,
    );
    assert_shows(&markdown, &[MARKDOWN_TITLE, SHOT, MARKDOWN_MODEL, CHEAPER]);
    shown(&["route", SPEC, "--today", TODAY, "--format", "json"], 0);
}

#[test]
fn diff_escapes_them_in_every_text_format() {
    let human = shown(&["diff", SPEC, SHORTER], 0);
    assert_shows(&human, &[SHOT]);
    let markdown = shown(&["diff", SPEC, SHORTER, "--format", "markdown"], 0);
    assert_shows(&markdown, &[MARKDOWN_TITLE, SHOT]);
    shown(&["diff", SPEC, SHORTER, "--format", "json"], 0);
}

#[test]
fn diagnostics_escape_them_in_every_format() {
    let segment = "s\\u{7}\\u{1b}]0;x\\u{7}";
    let human = shown(&["lint", UNKNOWN_SEGMENT, "--today", TODAY], 1);
    assert_shows(&human, &[SHOT, segment]);
    let check = shown(&["check", UNKNOWN_SEGMENT], 1);
    assert_shows(&check, &[SHOT, segment]);
    let github = shown(
        &[
            "lint",
            UNKNOWN_SEGMENT,
            "--today",
            TODAY,
            "--format",
            "github",
        ],
        1,
    );
    assert!(github.starts_with("::error "), "{github}");
    assert_shows(&github, &[SHOT, segment]);
    // SARIF viewers show the message text as it is, so it holds the escaped form.
    let sarif = shown(
        &[
            "lint",
            UNKNOWN_SEGMENT,
            "--today",
            TODAY,
            "--format",
            "sarif",
        ],
        1,
    );
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let message = log["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert_shows(message, &[SHOT, segment]);
    let json = shown(
        &[
            "lint",
            UNKNOWN_SEGMENT,
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        1,
    );
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
}

#[test]
fn a_refusal_quoting_an_id_is_escaped() {
    // Standard error carries the refusal of a write: here, a plan over its own spec.
    let outcome = run_cli(&["plan", UNKNOWN_SEGMENT, "-o", UNKNOWN_SEGMENT], "");
    assert_eq!(
        outcome.code, 1,
        "check errors come first: {}",
        outcome.stderr
    );
    assert!(!outcome.stderr.contains('\u{1b}'), "{}", outcome.stderr);
}

/// A title with Markdown in it prints as written in every Markdown output, and an id
/// holding a backtick or a `|` stays one code span in one table cell.
#[test]
fn markdown_outputs_show_markup_in_a_spec_as_text() {
    let spec = "version: 1
production: {title: \"*draft* <b>cut</b> | v2\"}
budget: {price_per_credit: 0.01}
segments: [{id: s1, duration: 5s}]
shots:
  - {id: \"a|b`c\", segment: s1, type: b-roll, duration: 5s, model: kling-2.6-standard, prompt: p}
";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("markup.yaml");
    std::fs::write(&path, spec).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["plan", path, "--format", "markdown"],
        vec!["route", path, "--format", "markdown", "--today", TODAY],
        vec!["diff", path, path, "--format", "markdown"],
    ] {
        let outcome = run_cli(&args, "");
        assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
        assert!(
            outcome.stdout.contains(r"\*draft\* \<b\>cut\</b\> \| v2"),
            "{args:?}:\n{}",
            outcome.stdout
        );
        assert!(!outcome.stdout.contains("<b>"), "{args:?}");
    }
    let plan = run_cli(&["plan", path, "--format", "markdown"], "");
    assert!(plan.stdout.contains(r"| ``a\|b`c`` |"), "{}", plan.stdout);
}
