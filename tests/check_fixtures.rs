//! `shotlist check` on the fixtures: every invalid fixture fails with the diagnostics its
//! `# expect:` lines name, at the right line and column, and renders as snapshotted.

mod common;

use common::{run_cli, snapshot_settings, stem, yaml_files};

/// The `# expect: CODE LINE:COLUMN` lines at the top of a fixture.
fn expectations(path: &str) -> Vec<String> {
    let bytes = std::fs::read(common::root().join(path)).expect("fixture readable");
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn invalid_fixtures_fail_where_expected() {
    let files = yaml_files("tests/fixtures/invalid");
    assert!(
        files.len() >= 20,
        "issue 2 asks for at least 20 invalid fixtures"
    );
    for file in &files {
        let expected = expectations(file);
        assert!(!expected.is_empty(), "{file} has no `# expect:` line");
        let outcome = run_cli(&["check", "--format", "json", file], "");
        assert_eq!(outcome.code, 1, "{file} should fail the check");
        let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON output");
        let found: Vec<String> = json["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .iter()
            .zip(&expected)
            .map(|(d, expect)| {
                let place = format!(
                    "{} {}:{}",
                    d["code"].as_str().unwrap_or("?"),
                    d["line"],
                    d["column"]
                );
                // An expectation may name the diagnostic's YAML path after its place.
                match expect.split(' ').nth(2) {
                    Some(_) => format!("{place} {}", d["path"].as_str().unwrap_or("?")),
                    None => place,
                }
            })
            .collect();
        assert_eq!(found, expected, "{file}");
        assert_eq!(
            json["diagnostics"].as_array().map(Vec::len),
            Some(expected.len()),
            "{file}"
        );
        assert_eq!(json["summary"]["errors"], expected.len(), "{file}");
    }
}

#[test]
fn invalid_fixtures_render() {
    for file in yaml_files("tests/fixtures/invalid") {
        let outcome = run_cli(&["check", &file], "");
        assert_eq!(outcome.code, 1, "{file}");
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("check-invalid-{}", stem(&file)), outcome.stdout);
        });
    }
}

#[test]
fn reports_every_problem_at_once() {
    let outcome = run_cli(&["check", "tests/fixtures/invalid/duplicate-id.yaml"], "");
    assert_eq!(
        outcome.stdout.matches("E101(duplicate-id)").count(),
        2,
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.ends_with("2 errors\n"), "{}", outcome.stdout);
}

#[test]
fn several_files_and_stdin() {
    let spec = std::fs::read_to_string(common::root().join("tests/fixtures/ok/base.yaml")).unwrap();
    let outcome = run_cli(
        &["check", "-", "tests/fixtures/invalid/unknown-model.yaml"],
        &spec,
    );
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stdout
            .starts_with("<stdin>: ok — 2 shots in 1 segment"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains("unknown model `veo-31`"));
}

#[test]
fn unreadable_file_is_reported_beside_the_others_and_exits_2() {
    const MISSING: &str = "tests/fixtures/does-not-exist.yaml";
    const INVALID: &str = "tests/fixtures/invalid/unknown-model.yaml";
    const OK: &str = "tests/fixtures/ok/base.yaml";
    let outcome = run_cli(&["check", MISSING, INVALID, OK], "");
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.is_empty(), "{}", outcome.stderr);
    for expected in [
        "E012(unreadable-file)",
        "cannot read `tests/fixtures/does-not-exist.yaml`",
        "[tests/fixtures/does-not-exist.yaml:1:1]",
        "tests/fixtures/does-not-exist.yaml: 1 error",
        "E104(unknown-model)",
        "tests/fixtures/ok/base.yaml: ok",
    ] {
        assert!(
            outcome.stdout.contains(expected),
            "{expected}: {}",
            outcome.stdout
        );
    }
    let json = run_cli(&["check", OK, MISSING, INVALID, "--format", "json"], "");
    assert_eq!(json.code, 2);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let found: Vec<(&str, &str, u64)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found[0], (MISSING, "E012", 1));
    assert_eq!(found[1].0, INVALID);
    assert_eq!(document["summary"]["errors"], found.len());
    // A readable file alone keeps its own exit code.
    assert_eq!(run_cli(&["check", INVALID], "").code, 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run_cli(&["check"], "").code, 2);
    assert_eq!(run_cli(&["frobnicate"], "").code, 2);
}

#[test]
fn input_over_the_size_cap_is_refused() {
    let outcome = run_cli(
        &["check", "--max-bytes", "64", "tests/fixtures/ok/base.yaml"],
        "",
    );
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.contains("E008"), "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains("larger than the 64-byte limit"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn byte_order_mark_is_accepted_and_spans_still_land() {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/invalid/unknown-model.yaml"))
            .unwrap();
    let outcome = run_cli(
        &["check", "--format", "json", "-"],
        &format!("\u{feff}{text}"),
    );
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let expected = expectations("tests/fixtures/invalid/unknown-model.yaml");
    let first = &json["diagnostics"][0];
    assert_eq!(
        format!(
            "{} {}:{}",
            first["code"].as_str().unwrap(),
            first["line"],
            first["column"]
        ),
        expected[0]
    );
}

/// A spec with structural problems is checked on what decoded, and what did not decode
/// leaves no trace in the semantic checks: no unknown segment for a shot whose `segment`
/// is malformed, no unknown character for a section or an id that did not decode.
#[test]
fn no_follow_on_diagnostics_from_what_did_not_decode() {
    let codes = |file: &str| -> Vec<(String, String)> {
        let outcome = run_cli(&["check", "--format", "json", file], "");
        let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON output");
        json["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("?").to_owned(),
                    d["message"].as_str().unwrap_or("?").to_owned(),
                )
            })
            .collect()
    };
    let dir = "tests/fixtures/invalid";
    let found = codes(&format!("{dir}/mixed-wrong-type-and-reference.yaml"));
    let unknown: Vec<&str> = found
        .iter()
        .filter(|(code, _)| code == "E102")
        .map(|(_, message)| message.as_str())
        .collect();
    assert_eq!(
        unknown,
        ["shot `b` names unknown segment `nope`"],
        "{found:?}"
    );

    let found = codes(&format!("{dir}/mixed-section-wrong-type.yaml"));
    assert!(!found.iter().any(|(code, _)| code == "E103"), "{found:?}");
    assert!(found.iter().any(|(code, _)| code == "E102"), "{found:?}");

    let found = codes(&format!("{dir}/mixed-tag-and-reference.yaml"));
    let unknown: Vec<&str> = found
        .iter()
        .filter(|(code, _)| code == "E103")
        .map(|(_, message)| message.as_str())
        .collect();
    assert_eq!(
        unknown,
        ["shot `b` names unknown character `ana`"],
        "{found:?}"
    );
}

/// An explicit tag is reported in the same words whether it is the spec's one problem
/// (found by the typed load) or one of several (found by the collecting pass).
#[test]
fn a_tag_reads_the_same_alone_and_among_other_problems() {
    let spec = |extra: &str| {
        format!(
            "version: 1\nproduction:\n  title: T\n{extra}segments:\n  - id: s1\n    \
             duration: 10s\nshots:\n  - id: a\n    segment: s1\n    type: hero\n    \
             duration: !!int 5\n    prompt: P\n"
        )
    };
    let tagged = |text: String| {
        let outcome = run_cli(&["check", "--format", "json", "-"], &text);
        let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON output");
        let diagnostics = json["diagnostics"].as_array().expect("diagnostics").clone();
        let tag = diagnostics
            .iter()
            .find(|d| d["path"] == "shots[0].duration")
            .cloned()
            .expect("a diagnostic on the tagged line");
        (diagnostics.len(), tag)
    };
    let (alone, tag_alone) = tagged(spec(""));
    // The unknown key comes first, so the typed load stops there and the tag is the
    // collecting pass's to find.
    let (among, tag_among) = tagged(spec("  lense: 35mm\n"));
    assert_eq!((alone, among), (1, 2));
    for field in ["code", "message", "help", "column"] {
        assert_eq!(tag_alone[field], tag_among[field], "{field}");
    }
    assert_eq!(tag_among["code"], "E004");
}
