//! Every promise docs/FORMAT.md makes about the code a malformed spec gets, each on a
//! small spec: the code, line and column `shotlist check --format json` reports.
//!
//! Each case edits one spot of a spec that checks cleanly ([`BASE`]), so the expected
//! place is easy to read off: the line of the edit, the column where its value starts.
//! A file that is not UTF-8 (E007) cannot be passed as a string; `tests/check_fixtures.rs`
//! covers it with `tests/fixtures/invalid/invalid-utf8.yaml`.

mod common;

use common::run_cli;

/// A spec that checks with no error.
const BASE: &str = "\
version: 1
production:
  title: T
  runtime: 5s
segments:
  - id: s1
    duration: 5s
shots:
  - id: a
    segment: s1
    type: establishing
    duration: 5s
    audio: false
    prompt: P
";

/// A model definition to edit, appended to [`BASE`] at line 15.
const MODEL: &str = "\
models:
  house:
    kind: video
    rates:
      720p: {credits: 1, per: 1s}
    retired: 2026-09-24
";

/// One promise: the spec made by replacing `find` with `replace` in `base`, and the
/// code, line and column its first diagnostic must have.
struct Case {
    promise: &'static str,
    base: &'static str,
    find: &'static str,
    replace: &'static str,
    args: &'static [&'static str],
    code: &'static str,
    line: u64,
    column: u64,
}

const fn case(
    promise: &'static str,
    find: &'static str,
    replace: &'static str,
    code: &'static str,
    line: u64,
    column: u64,
) -> Case {
    Case {
        promise,
        base: BASE,
        find,
        replace,
        args: &[],
        code,
        line,
        column,
    }
}

const fn model_case(
    promise: &'static str,
    find: &'static str,
    replace: &'static str,
    code: &'static str,
    line: u64,
    column: u64,
) -> Case {
    Case {
        base: MODEL,
        ..case(promise, find, replace, code, line, column)
    }
}

const fn with_args(args: &'static [&'static str], case: Case) -> Case {
    Case { args, ..case }
}

const CASES: &[Case] = &[
    // Reading rules.
    case(
        "unknown key",
        "    prompt: P",
        "    promt: P",
        "E002",
        14,
        5,
    ),
    case(
        "unknown top-level key",
        "version: 1",
        "version: 1\nshot: []",
        "E002",
        2,
        1,
    ),
    // A missing key is placed on the mapping that lacks it, at its first key.
    case("missing key", "    type: establishing\n", "", "E003", 9, 5),
    case("empty file", BASE, "", "E001", 1, 1),
    case(
        "second YAML document",
        "    prompt: P\n",
        "    prompt: P\n---\nversion: 1\n",
        "E001",
        15,
        1,
    ),
    case(
        "duplicate key",
        "    prompt: P",
        "    prompt: P\n    prompt: Q",
        "E006",
        15,
        5,
    ),
    case(
        "boolean `yes`",
        "audio: false",
        "audio: yes",
        "E004",
        13,
        12,
    ),
    case("boolean `1`", "audio: false", "audio: 1", "E004", 13, 12),
    case(
        "string where a list belongs",
        "    prompt: P",
        "    prompt: P\n    characters: mara",
        "E004",
        15,
        17,
    ),
    case(
        "list where a string belongs",
        "prompt: P",
        "prompt: [P]",
        "E004",
        14,
        13,
    ),
    case(
        "negative count",
        "    prompt: P",
        "    prompt: P\n    cuts: -1",
        "E004",
        15,
        11,
    ),
    with_args(
        &["--max-shots", "1"],
        case(
            "more shots than --max-shots",
            "    prompt: P\n",
            "    prompt: P\n  - {id: b, segment: s1, type: establishing, duration: 5s, prompt: P}\n",
            "E009",
            15,
            10,
        ),
    ),
    case(
        "brackets nested past the parser's limit",
        "",
        concat!(
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "[[[[[[[[[[[[[[[[[[[[\n",
        ),
        "E009",
        1,
        256,
    ),
    with_args(
        &["--max-bytes", "10"],
        case("input over --max-bytes", "", "", "E008", 1, 1),
    ),
    // Durations.
    case(
        "duration `budget`",
        "duration: 5s\n    audio",
        "duration: budget\n    audio",
        "E005",
        12,
        15,
    ),
    case(
        "duration `-5s`",
        "duration: 5s\n    audio",
        "duration: -5s\n    audio",
        "E005",
        12,
        15,
    ),
    case(
        "duration with an unknown unit",
        "duration: 5s\n    audio",
        "duration: 5x\n    audio",
        "E005",
        12,
        15,
    ),
    case(
        "duration with units out of order",
        "duration: 5s\n    audio",
        "duration: 1s30m\n    audio",
        "E005",
        12,
        15,
    ),
    case(
        "segment duration `budget`",
        "duration: 5s\nshots",
        "duration: budget\nshots",
        "E005",
        7,
        15,
    ),
    case(
        "runtime `limit`",
        "runtime: 5s",
        "runtime: limit",
        "E005",
        4,
        12,
    ),
    // An error through an alias is placed at the alias.
    case(
        "duration through an alias",
        "  title: T\n  runtime: 5s",
        "  title: &d budget\n  runtime: *d",
        "E005",
        4,
        12,
    ),
    case(
        "duration over 24h",
        "duration: 5s\n    audio",
        "duration: 25h\n    audio",
        "E110",
        12,
        15,
    ),
    case(
        "duration over 86400 seconds",
        "duration: 5s\n    audio",
        "duration: 86401\n    audio",
        "E110",
        12,
        15,
    ),
    case(
        "duration of 0s",
        "duration: 5s\n    audio",
        "duration: 0s\n    audio",
        "E111",
        12,
        15,
    ),
    // Decimals.
    case(
        "decimal `lots`",
        "version: 1",
        "version: 1\nbudget: {credits: lots}",
        "E005",
        2,
        19,
    ),
    case(
        "decimal overflowing",
        "version: 1",
        "version: 1\nbudget: {credits: 1e40}",
        "E005",
        2,
        19,
    ),
    case(
        "decimal needing rounding",
        "version: 1",
        "version: 1\nbudget: {credits: 0.12345678901234567890123456789012}",
        "E005",
        2,
        19,
    ),
    case(
        "negative credits",
        "version: 1",
        "version: 1\nbudget: {credits: -5}",
        "E110",
        2,
        19,
    ),
    // Percents and ranges.
    case(
        "percent `lots`",
        "version: 1",
        "version: 1\nassumptions: {yield: lots}",
        "E005",
        2,
        22,
    ),
    case(
        "yield over 100%",
        "version: 1",
        "version: 1\nassumptions: {yield: 150%}",
        "E110",
        2,
        22,
    ),
    case(
        "takes below 1",
        "version: 1",
        "version: 1\nassumptions: {takes: 0.5}",
        "E110",
        2,
        22,
    ),
    case(
        "grid options of 0",
        "version: 1",
        "version: 1\nassumptions: {grid_options: 0}",
        "E110",
        2,
        29,
    ),
    // Dates.
    model_case(
        "date not a calendar date",
        "2026-09-24",
        "2026-02-30",
        "E005",
        20,
        14,
    ),
    model_case(
        "date not `YYYY-MM-DD`",
        "2026-09-24",
        "24/09/2026",
        "E005",
        20,
        14,
    ),
    // Names outside an enumeration, and empty ids.
    case(
        "shot type outside the enumeration",
        "type: establishing",
        "type: closeup",
        "E005",
        11,
        11,
    ),
    case("empty id", "  - id: a\n", "  - id: ''\n", "E005", 9, 9),
    case("blank id", "  - id: a\n", "  - id: ' '\n", "E005", 9, 9),
    // Version.
    case("version 2", "version: 1", "version: 2", "E010", 1, 10),
    // Number forms (FORMAT.md, "Numbers").
    case("leading zero", "version: 1", "version: 01", "E004", 1, 10),
    case(
        "digit grouping in credits",
        "version: 1",
        "version: 1\nbudget: {credits: 1_000}",
        "E005",
        2,
        19,
    ),
    case(
        "digit grouping in a duration",
        "    duration: 5s\n    audio",
        "    duration: 1_000\n    audio",
        "E005",
        12,
        15,
    ),
    case(
        "tagged value",
        "prompt: P",
        "prompt: !!int 5",
        "E004",
        14,
        19,
    ),
    // An empty first document and a spec after it: two documents, not a missing key.
    case(
        "empty document before the spec",
        "version: 1",
        "---\n---\nversion: 1",
        "E001",
        2,
        1,
    ),
];

/// The message of the one diagnostic `shotlist check` reports for `spec` on stdin.
fn only_message(spec: &str) -> String {
    let outcome = run_cli(&["check", "--format", "json", "-"], spec);
    let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{}", outcome.stdout);
    diagnostics[0]["message"].as_str().unwrap().to_owned()
}

#[test]
fn messages_say_what_is_wrong() {
    for (find, replace, message) in [
        (
            "version: 1",
            "version: 01",
            "`01` has a leading zero, which YAML readers disagree about",
        ),
        (
            "    audio: false",
            "    audio: false\n    cuts: 007",
            "`007` has a leading zero, which YAML readers disagree about",
        ),
        (
            "version: 1",
            "version: 1\nbudget: {credits: 1_000}",
            "`1_000` groups digits with `_`, which YAML 1.2 does not read as a number",
        ),
        (
            "    duration: 5s\n    audio",
            "    duration: 1_000\n    audio",
            "`1_000` groups digits with `_`, which YAML 1.2 does not read as a number",
        ),
        (
            "prompt: P",
            "prompt: !!int 5",
            "a YAML tag such as `!!int` on a value shotlist reads as written",
        ),
        ("  - id: a\n", "  - id: ' '\n", "a shot has a blank id"),
        (
            "version: 1",
            "---\n---\nversion: 1",
            "the file holds more than one YAML document",
        ),
    ] {
        assert_eq!(only_message(&BASE.replacen(find, replace, 1)), message);
    }
}

/// YAML 1.2 core-schema integers are whole numbers in any of their forms; a quoted
/// number is read as the number, as decimals and durations are.
#[test]
fn whole_numbers_in_yaml_1_2_forms_are_accepted() {
    for version in ["1", "+1", "0x1", "0o1", "'1'", "\"1\""] {
        let spec = BASE.replacen("version: 1", &format!("version: {version}"), 1);
        let outcome = run_cli(&["check", "-"], &spec);
        assert_eq!(outcome.code, 0, "version: {version}: {}", outcome.stdout);
    }
}

/// A section given no value (`shots:` alone) is read as an empty one.
#[test]
fn a_null_section_is_read_as_an_empty_one() {
    let spec = "version: 1\nproduction: {title: T}\nsegments: {}\nshots: {}\n";
    for (null, empty) in [("segments:", "segments: []"), ("shots:", "shots: []")] {
        let with_null = spec
            .replace("segments: {}", "segments: []")
            .replace("shots: {}", "shots: []")
            .replace(empty, null);
        let with_empty = with_null.replace(&format!("{null}\n"), &format!("{empty}\n"));
        let null_outcome = run_cli(&["check", "-"], &with_null);
        let empty_outcome = run_cli(&["check", "-"], &with_empty);
        assert_eq!(null_outcome.code, 0, "{with_null}: {}", null_outcome.stdout);
        assert_eq!(
            null_outcome.stdout.replace("<stdin>", ""),
            empty_outcome.stdout.replace("<stdin>", "")
        );
    }
}

/// Encodings are named as they are: UTF-16 and UTF-32, with or without a byte-order
/// mark, each with its byte order.
#[test]
fn encodings_are_named_correctly() {
    let directory = tempfile::tempdir().unwrap();
    for (name, bytes, message) in [
        (
            "utf16le-no-bom",
            utf16le("version: 1\n", false),
            "input is UTF-16LE without a byte-order mark, not UTF-8",
        ),
        (
            "utf16be-no-bom",
            utf16be("version: 1\n"),
            "input is UTF-16BE without a byte-order mark, not UTF-8",
        ),
        (
            "utf16le",
            utf16le("version: 1\n", true),
            "input is UTF-16LE, not UTF-8",
        ),
        (
            "utf32le",
            utf32le("version: 1\n", true),
            "input is UTF-32LE, not UTF-8",
        ),
        (
            "utf32le-no-bom",
            utf32le("version: 1\n", false),
            "input is UTF-32LE without a byte-order mark, not UTF-8",
        ),
    ] {
        let path = directory.path().join(format!("{name}.yaml"));
        std::fs::write(&path, bytes).unwrap();
        let outcome = run_cli(&["check", "--format", "json", path.to_str().unwrap()], "");
        let report: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
        let first = &report["diagnostics"][0];
        assert_eq!(
            (first["code"].as_str(), first["message"].as_str()),
            (Some("E007"), Some(message)),
            "{name}"
        );
    }
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mark: &[u8] = if bom { &[0xff, 0xfe] } else { &[] };
    let units = text.encode_utf16().flat_map(u16::to_le_bytes);
    mark.iter().copied().chain(units).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn utf32le(text: &str, bom: bool) -> Vec<u8> {
    let mark: &[u8] = if bom { &[0xff, 0xfe, 0, 0] } else { &[] };
    let units = text.chars().flat_map(|c| u32::from(c).to_le_bytes());
    mark.iter().copied().chain(units).collect()
}

#[test]
fn every_format_promise_holds() {
    let mut failures = Vec::new();
    for case in CASES {
        assert!(
            case.base.contains(case.find),
            "{}: `{}` is not in the spec",
            case.promise,
            case.find
        );
        let spec = if std::ptr::eq(case.base, MODEL) {
            format!("{BASE}{}", MODEL.replacen(case.find, case.replace, 1))
        } else {
            BASE.replacen(case.find, case.replace, 1)
        };
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(case.args);
        args.push("-");
        let outcome = run_cli(&args, &spec);
        let report: serde_json::Value =
            serde_json::from_str(&outcome.stdout).unwrap_or_else(|error| {
                panic!("{}: not JSON ({error}): {}", case.promise, outcome.stderr)
            });
        // Every problem is reported: the promise is that one of them is the case's (a
        // misspelt required key is also a missing one).
        let diagnostics = report["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let first = diagnostics
            .iter()
            .find(|d| d["code"] == case.code)
            .or(diagnostics.first())
            .cloned()
            .unwrap_or_default();
        let found = (
            first["code"].as_str().unwrap_or("none"),
            first["line"].as_u64().unwrap_or(0),
            first["column"].as_u64().unwrap_or(0),
        );
        if found != (case.code, case.line, case.column) || outcome.code != 1 {
            failures.push(format!(
                "{}: expected {} at {}:{}, found {} at {}:{} (exit {}): {}",
                case.promise,
                case.code,
                case.line,
                case.column,
                found.0,
                found.1,
                found.2,
                outcome.code,
                first["message"]
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_base_spec_checks() {
    let outcome = run_cli(&["check", "-"], BASE);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    let outcome = run_cli(&["check", "-"], &format!("{BASE}{MODEL}"));
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
}
