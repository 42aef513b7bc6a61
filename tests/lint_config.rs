//! Levels, options and `allow` from the spec; `--deny`, `--warn`, `--allow`, `--strict`
//! and `--today` from the command line; and the errors for rules and options that do not
//! exist.

mod common;

use common::{Outcome, run_cli, snapshot_settings};
use serde_json::Value;

const TODAY: &str = "2026-11-21";

/// A 20-second segment (long-segment, warn) whose 10 s shots sit on a premium model
/// (premium-on-b-roll, warn, on `sea` only) — two findings to switch on and off.
const BASE: &str = r#"version: 1
production: {title: Harbour}
segments:
  - {id: s1, duration: 20s}
shots:
  - {id: wide, segment: s1, type: establishing, duration: 10s, prompt: "Harbour at dawn"}
  - {id: sea, segment: s1, type: b-roll, duration: 10s, model: seedance-2.0, prompt: "Storm sea"}
"#;

fn lint(args: &[&str], spec: &str) -> Outcome {
    let mut all = vec!["lint", "--today", TODAY];
    all.extend_from_slice(args);
    all.push("-");
    run_cli(&all, spec)
}

/// (rule, severity) of every finding, from the JSON output.
fn findings(args: &[&str], spec: &str) -> (u8, Vec<(String, String)>) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let outcome = lint(&all, spec);
    let document: Value = serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", outcome.stdout, outcome.stderr));
    let found = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (outcome.code, found)
}

fn pair(rule: &str, severity: &str) -> (String, String) {
    (rule.to_owned(), severity.to_owned())
}

fn with_lint(section: &str) -> String {
    format!("{BASE}lint:\n{section}")
}

#[test]
fn default_levels() {
    let (code, found) = findings(&[], BASE);
    assert_eq!(code, 0, "warnings alone do not fail");
    assert_eq!(
        found,
        [
            pair("long-segment", "warning"),
            pair("premium-on-b-roll", "warning")
        ]
    );
}

#[test]
fn levels_from_the_spec() {
    let spec = with_lint("  long-segment: deny\n  premium-on-b-roll: off\n");
    let (code, found) = findings(&[], &spec);
    assert_eq!(code, 1);
    assert_eq!(found, [pair("long-segment", "error")]);
    // A code works as a key too, and a table may set the level.
    let spec = with_lint("  L002: {level: off}\n");
    assert_eq!(
        findings(&[], &spec).1,
        [pair("premium-on-b-roll", "warning")]
    );
}

#[test]
fn options_from_the_spec() {
    // An option alone keeps the default level.
    let spec = with_lint("  long-segment: {max_seconds: 20s}\n");
    assert_eq!(
        findings(&[], &spec).1,
        [pair("premium-on-b-roll", "warning")]
    );
    let spec = with_lint("  long-segment: {level: deny, max_seconds: 19}\n");
    assert_eq!(
        findings(&[], &spec).1,
        [
            pair("long-segment", "error"),
            pair("premium-on-b-roll", "warning")
        ]
    );
    let message = lint(&[], &with_lint("  long-segment: {max_seconds: 10s}\n")).stdout;
    assert!(
        message.contains("split `s1` into `2` segments of at most `10s`"),
        "{message}"
    );
}

#[test]
fn cut_density_option_moves_the_limit() {
    let scene =
        std::fs::read_to_string(common::root().join("tests/fixtures/lint/cut-density/fires.yaml"))
            .unwrap();
    assert_eq!(findings(&[], &scene).1, [pair("cut-density", "error")]);
    let relaxed = format!("{scene}lint:\n  cut-density: {{min_seconds_per_cut: 0.8s}}\n");
    assert_eq!(findings(&[], &relaxed), (0, vec![]));
    let warned = format!("{scene}lint:\n  cut-density: {{level: warn, min_seconds_per_cut: 1}}\n");
    assert_eq!(
        findings(&[], &warned),
        (0, vec![pair("cut-density", "warning")])
    );
}

#[test]
fn allow_silences_one_shot_by_name_or_code() {
    let spec = BASE.replace(
        "prompt: \"Storm sea\"",
        "allow: [premium-on-b-roll], prompt: \"Storm sea\"",
    );
    assert_eq!(findings(&[], &spec).1, [pair("long-segment", "warning")]);
    let spec = BASE.replace(
        "prompt: \"Storm sea\"",
        "allow: [L003], prompt: \"Storm sea\"",
    );
    assert_eq!(findings(&[], &spec).1, [pair("long-segment", "warning")]);
    // Allowing a rule on one shot leaves the same rule on other shots alone.
    let spec = BASE
        .replace(
            "type: establishing, duration: 10s,",
            "type: b-roll, duration: 10s, model: seedance-2.0,",
        )
        .replace(
            "prompt: \"Storm sea\"",
            "allow: [premium-on-b-roll], prompt: \"Storm sea\"",
        );
    assert_eq!(
        findings(&[], &spec).1,
        [
            pair("long-segment", "warning"),
            pair("premium-on-b-roll", "warning")
        ]
    );
}

#[test]
fn command_line_levels_override_the_spec() {
    let (code, found) = findings(&["--deny", "premium-on-b-roll", "--allow", "L002"], BASE);
    assert_eq!((code, found), (1, vec![pair("premium-on-b-roll", "error")]));
    let spec = with_lint("  long-segment: deny\n");
    let (code, found) = findings(&["--warn", "long-segment"], &spec);
    assert_eq!(code, 0);
    assert!(found.contains(&pair("long-segment", "warning")));
    // Repeated flags.
    let (_, found) = findings(
        &["--allow", "long-segment", "--allow", "premium-on-b-roll"],
        BASE,
    );
    assert!(found.is_empty());
}

#[test]
fn strict_fails_on_warnings() {
    assert_eq!(lint(&[], BASE).code, 0);
    assert_eq!(lint(&["--strict"], BASE).code, 1);
    let quiet = with_lint("  long-segment: off\n  premium-on-b-roll: off\n");
    assert_eq!(lint(&["--strict"], &quiet).code, 0);
}

#[test]
fn bad_flags_do_not_run() {
    let unknown = lint(&["--deny", "long-segmnt"], BASE);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `long-segment`?"),
        "{}",
        unknown.stderr
    );
    let conflict = lint(&["--deny", "long-segment", "--allow", "L002"], BASE);
    assert_eq!(conflict.code, 2);
    assert!(
        conflict.stderr.contains("both --deny and --allow"),
        "{}",
        conflict.stderr
    );
    let missing = run_cli(&["lint", "no/such/spec.yaml"], "");
    assert_eq!(missing.code, 2);
}

#[test]
fn today_decides_what_is_retired() {
    let file = "tests/fixtures/lint/retired-model/fires.yaml";
    let before = run_cli(
        &["lint", "--today", "2026-09-23", "--format", "json", file],
        "",
    );
    assert_eq!(before.code, 0, "{}", before.stdout);
    assert!(before.stdout.contains("\"diagnostics\": []"));
    // Retired *on* the day counts.
    let on_the_day = run_cli(&["lint", "--today", "2026-09-24", file], "");
    assert_eq!(on_the_day.code, 1);
    assert!(on_the_day.stdout.contains("`sora-2`"));
    assert!(!on_the_day.stdout.contains("`nano-banana`"));
    assert_eq!(
        run_cli(&["lint", "--today", "24/09/2026", file], "").code,
        2
    );
}

#[test]
fn check_errors_stop_the_lint() {
    let broken = BASE.replace("model: seedance-2.0", "model: seedance-9");
    let outcome = lint(&[], &broken);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.contains("E104"), "{}", outcome.stdout);
    assert!(
        !outcome.stdout.contains("L002"),
        "lint ran on a spec with check errors"
    );
    assert!(
        outcome
            .stdout
            .ends_with("<stdin>: 1 error; not linted until the check passes\n")
    );
}

/// Unknown rules and options are check errors: `check` reports them too, with spans.
#[test]
fn config_errors() {
    let cases = [
        ("unknown_rule", with_lint("  long-segmnt: off\n")),
        (
            "unknown_rule_in_allow",
            BASE.replace(
                "prompt: \"Storm sea\"",
                "allow: [premium-on-broll], prompt: \"Storm sea\"",
            ),
        ),
        (
            "unknown_option",
            with_lint("  long-segment: {max_second: 20s}\n"),
        ),
        (
            "option_of_optionless_rule",
            with_lint("  empty-segment: {max: 2}\n"),
        ),
        (
            "invalid_option_value",
            with_lint("  cut-density: {min_seconds_per_cut: often}\n"),
        ),
        (
            "zero_option_value",
            with_lint("  long-segment: {max_seconds: 0}\n"),
        ),
        (
            "rule_configured_twice",
            with_lint("  long-segment: off\n  L002: deny\n"),
        ),
    ];
    for (name, spec) in cases {
        let checked = run_cli(&["check", "-"], &spec);
        assert_eq!(checked.code, 1, "{name}: {}", checked.stdout);
        let linted = lint(&[], &spec);
        assert_eq!(linted.code, 1, "{name}");
        snapshot_settings()
            .bind(|| insta::assert_snapshot!(format!("lint_config_{name}"), checked.stdout));
    }
}

/// `over-budget` reports a worst case over the cap as a warning even at `deny`, and an
/// expected total over the cap at the rule's level.
#[test]
fn a_risk_stays_a_warning() {
    let worst = "tests/fixtures/lint/over-budget/fires-worst-case.yaml";
    let expected = "tests/fixtures/lint/over-budget/fires.yaml";
    let run = |args: &[&str], file: &str| {
        let mut all = vec!["lint", "--today", TODAY, "--format", "json"];
        all.extend_from_slice(args);
        all.push(file);
        let outcome = run_cli(&all, "");
        let document: Value = serde_json::from_str(&outcome.stdout).unwrap();
        (outcome.code, document["diagnostics"][0]["severity"].clone())
    };
    assert_eq!(
        run(&["--deny", "over-budget"], worst),
        (0, Value::from("warning"))
    );
    assert_eq!(run(&["--strict"], worst).0, 1);
    assert_eq!(run(&[], expected), (1, Value::from("error")));
    assert_eq!(
        run(&["--warn", "L018"], expected),
        (0, Value::from("warning"))
    );
}
