//! Hostile inputs (`shotlist::generate::hostile`): each ends in one clear diagnostic —
//! its code, message and place — rendered readably, and nothing panics on the way.
//! Inputs are generated here, never committed; several are tens of MiB.
//!
//! Time and memory are not asserted: a timed test fails on a busy machine and passes on
//! a slow build. BENCHMARKS.md measures both on the release binary (`shotlist generate
//! --hostile NAME`), and the `hostile` benchmark group times each input in-process.

mod common;

use std::io::Write;

use common::{run_cli, snapshot_settings};
use shotlist::diagnostic::Diagnostic;
use shotlist::lint::{Overrides, Settings};
use shotlist::pipeline::{self, Limits, Loaded};
use shotlist::report::Style;
use shotlist::report::human::render_diagnostics;
use shotlist::source::Source;
use shotlist::spec;

/// What each hostile input must produce: code, line, column and the message's start.
const EXPECTED: [(&str, &str, usize, usize, &str); 22] = [
    // The typed spec stops at the first list where a mapping belongs; the reading of
    // the whole document that follows stops the laughs at the alias budget, and the
    // bomb is what is reported.
    (
        "billion-laughs",
        "E009",
        9,
        25,
        "the spec's aliases expand to far more than it writes out",
    ),
    (
        "alias-flood",
        "E009",
        20_006,
        5,
        "the spec uses more than 20,000 anchors or aliases",
    ),
    (
        "merge-bomb",
        "E009",
        8,
        38,
        "the spec's aliases expand to far more than it writes out",
    ),
    (
        "deep-flow",
        "E009",
        1,
        256,
        "the spec nests more than 255 brackets deep",
    ),
    (
        "deep-flow-map",
        "E009",
        1,
        1021,
        "the spec nests more than 255 brackets deep",
    ),
    (
        "deep-block-list",
        "E009",
        1,
        129,
        "the spec nests more than 64 levels deep",
    ),
    // Inputs over the byte cap are refused from their size, unread: the message has
    // no place in the file, so line and column are 1.
    (
        "deep-block-map",
        "E008",
        1,
        1,
        "input is larger than the 32 MiB limit",
    ),
    (
        "one-scalar",
        "E008",
        1,
        1,
        "input is larger than the 32 MiB limit",
    ),
    (
        "one-scalar-at-cap",
        "E004",
        1,
        1,
        "expected a mapping, found a string",
    ),
    (
        "one-scalar-lines",
        "E004",
        1,
        1,
        "expected a mapping, found a string",
    ),
    (
        "million-shots",
        "E008",
        1,
        1,
        "input is larger than the 32 MiB limit",
    ),
    (
        "million-merged-shots",
        "E009",
        20_007,
        8,
        "the spec uses more than 20,000 anchors or aliases",
    ),
    (
        "shots-at-cap",
        "E009",
        25_006,
        8,
        "the spec has more than 25,000 shots",
    ),
    (
        "huge-credits",
        "E005",
        3,
        19,
        "`1e40` is not a decimal number shotlist can hold exactly",
    ),
    (
        "huge-decimal",
        "E005",
        3,
        42,
        "`123456789012345678901234567890` cannot be held exactly",
    ),
    (
        "huge-takes",
        "E110",
        6,
        77,
        "takes `99999999999999999999` is above 1000",
    ),
    (
        "absurd-duration",
        "E110",
        4,
        24,
        "duration `99999h` is longer than 24h",
    ),
    (
        "control-characters",
        "E001",
        6,
        69,
        "control character U+0007 is not allowed in a spec",
    ),
    (
        "control-characters-at-cap",
        "E001",
        6,
        69,
        "control character U+0007 is not allowed in a spec",
    ),
    (
        "byte-order-marks",
        "E001",
        7,
        1,
        "a BOM must not appear inside a document",
    ),
    ("invalid-utf8", "E007", 1, 1, "input is UTF-16LE, not UTF-8"),
    ("long-line", "E104", 6, 20_078, "unknown model `veo-31`"),
];

/// Widest line a rendered diagnostic may have: the renderer wraps at 100 columns, and
/// a snippet of a long line is cut to a window around its label.
const MAX_RENDERED_WIDTH: usize = 160;

fn write_temp(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".yaml")
        .tempfile()
        .expect("temporary file");
    file.write_all(bytes).expect("written");
    file
}

/// Reads `path` as the CLI does and runs every stage that the input reaches; returns
/// the source and the diagnostics a user would see. One parse, so that the big inputs
/// stay quick in a debug build.
fn run_pipeline(path: &std::path::Path) -> (Source, Vec<Diagnostic>) {
    let loaded = Loaded::read(path, Limits::default(), &mut std::io::empty())
        .expect("a temporary file is readable");
    let settings = Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    };
    let checked = loaded.check(None);
    let diagnostics = pipeline::analyze(&checked, &settings).diagnostics;
    (loaded.source, diagnostics)
}

#[test]
fn every_hostile_input_has_an_expectation() {
    let names: Vec<&str> = EXPECTED.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, shotlist::generate::HOSTILE);
}

#[test]
fn hostile_inputs_end_in_one_clear_diagnostic() {
    for (name, code, line, column, message) in EXPECTED {
        let bytes = shotlist::generate::hostile(name).expect("a hostile input");
        assert_eq!(
            bytes.len() as u64 > spec::DEFAULT_MAX_BYTES,
            code == "E008",
            "{name}: refused from its size exactly when over the default byte cap"
        );
        let file = write_temp(&bytes);
        drop(bytes);
        let (source, diagnostics) = run_pipeline(file.path());
        let [diagnostic] = diagnostics.as_slice() else {
            panic!("{name}: expected one diagnostic, got {diagnostics:#?}");
        };
        assert_eq!(diagnostic.code.id, code, "{name}: {}", diagnostic.message);
        assert!(
            diagnostic.message.starts_with(message),
            "{name}: {}",
            diagnostic.message
        );
        assert!(
            diagnostic.help.is_some(),
            "{name}: every diagnostic has help"
        );
        assert_eq!(
            diagnostic.line_column(&source),
            (line, column),
            "{name}: {}",
            diagnostic.message
        );

        let rendered = render_diagnostics(&diagnostics, &source, Style::PLAIN);
        let placed = diagnostic.primary_span().is_none() || rendered.contains(&format!(":{line}:"));
        assert!(placed && rendered.contains(code), "{name}: {rendered}");
        for rendered_line in rendered.lines() {
            assert!(
                rendered_line.chars().count() <= MAX_RENDERED_WIDTH,
                "{name}: a {}-character line in\n{rendered}",
                rendered_line.chars().count()
            );
            assert!(
                !rendered_line.contains(|c: char| c.is_control()),
                "{name}: a control character reaches the terminal: {rendered_line:?}"
            );
        }
    }
}

#[test]
fn a_file_one_byte_over_the_cap_is_refused_unread() {
    let file = write_temp(&vec![b'a'; 32 * 1024 * 1024 + 1]);
    let path = file.path().to_str().expect("UTF-8 temporary path");
    let outcome = run_cli(&["check", "--format", "json", path], "");
    assert_eq!(outcome.code, 1);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    assert_eq!(json["diagnostics"][0]["code"], "E008");
    assert_eq!(
        json["diagnostics"][0]["message"],
        "input is larger than the 32 MiB limit"
    );
}

/// `--max-shots` moves the shot cap both ways, up to 100,000 and no further, and the
/// diagnostic names the cap in force.
#[test]
fn max_shots_sets_the_shot_cap() {
    let spec = shotlist::generate::spec_yaml(3);
    let refused = run_cli(
        &["check", "--format", "json", "--max-shots", "2", "-"],
        &spec,
    );
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    let json: serde_json::Value = serde_json::from_str(&refused.stdout).expect("JSON");
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "E009");
    assert_eq!(diagnostic["message"], "the spec has more than 2 shots");
    let (line, text) = spec
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("{id: shot-2,"))
        .expect("a third shot");
    assert_eq!(diagnostic["line"], line + 1);
    assert_eq!(
        diagnostic["column"],
        text.find("shot-2").expect("its id") + 1
    );
    assert!(
        diagnostic["help"]
            .as_str()
            .is_some_and(|help| help.contains("`--max-shots` (up to 100,000)")),
        "{diagnostic}"
    );

    assert_eq!(run_cli(&["check", "--max-shots", "3", "-"], &spec).code, 0);
    for out_of_range in ["0", "100001"] {
        let outcome = run_cli(&["check", "--max-shots", out_of_range, "-"], &spec);
        assert_eq!(outcome.code, 2, "--max-shots {out_of_range}");
        assert!(outcome.stderr.contains("1..=100000"), "{}", outcome.stderr);
    }
}

/// The library clamps any cap to 100,000 shots, and at that cap the hint to raise it
/// is gone.
#[test]
fn no_cap_passes_100_000_shots() {
    let bytes = shotlist::generate::hostile("shots-at-cap").expect("a hostile input");
    let source = Source::new("at-cap.yaml", String::from_utf8(bytes).expect("UTF-8"));
    let Err(diagnostic) = spec::load_with_max_shots(&source, usize::MAX) else {
        panic!("more than 100,000 shots load");
    };
    assert_eq!(diagnostic.message, "the spec has more than 100,000 shots");
    assert_eq!(diagnostic.line_column(&source), (100_006, 8));
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("split the production into several specs, one per episode or part")
    );
}

#[test]
fn every_command_refuses_a_hostile_input_with_exit_1() {
    let bytes = shotlist::generate::hostile("absurd-duration").expect("a hostile input");
    let text = String::from_utf8(bytes).expect("UTF-8");
    for command in ["check", "lint", "plan"] {
        let outcome = run_cli(&[command, "-"], &text);
        assert_eq!(outcome.code, 1, "{command}");
        let shown = format!("{}{}", outcome.stdout, outcome.stderr);
        assert!(
            shown.contains("E110(out-of-range)") && shown.contains("longer than 24h"),
            "{command}: {shown}"
        );
    }
}

#[test]
fn messages_quoting_control_characters_are_escaped() {
    // Written as YAML escapes, control characters are legal in a value, and a message
    // quoting the value must not send them to the terminal.
    let spec = "version: 1\nproduction: {title: Escape}\nsegments: [{id: s1, duration: 5s}]\nshots:\n  - {id: s1-a, segment: s1, type: hero, duration: 5s, prompt: x, model: \"veo\\e[2J\"}\n";
    let outcome = run_cli(&["check", "-"], spec);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.contains("unknown model `veo\\u{1b}[2J`"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains('\u{1b}'), "{}", outcome.stdout);
}

/// The rendering of a diagnostic at column 20,078 of a 20,169-byte line: a window of
/// the line around the label, and the header's column says where it is.
#[test]
fn a_diagnostic_on_a_long_line_renders_a_window() {
    let bytes = shotlist::generate::hostile("long-line").expect("a hostile input");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let outcome = run_cli(&["check", "-"], &text);
    assert_eq!(outcome.code, 1);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("hostile-long-line", outcome.stdout);
    });
}

#[test]
fn a_label_over_half_a_million_lines_is_drawn_on_its_first() {
    let bytes = shotlist::generate::hostile("one-scalar-lines").expect("a hostile input");
    let file = write_temp(&bytes);
    drop(bytes);
    let (source, diagnostics) = run_pipeline(file.path());
    let rendered = render_diagnostics(&diagnostics, &source, Style::PLAIN);
    assert!(rendered.lines().count() < 20, "{rendered}");
}

/// The pattern anchors are for — one template merged into every shot — is not a bomb,
/// however many shots use it.
#[test]
fn a_template_merged_into_many_shots_checks_clean() {
    let mut spec = String::from(
        "version: 1\nproduction: {title: Template}\nsegments: [{id: s1, duration: 24h}]\nshots:\n  - &shot {id: t0, segment: s1, type: b-roll, duration: 5s, prompt: Sea}\n",
    );
    for index in 1..2_000 {
        spec.push_str(&format!("  - {{<<: *shot, id: t{index}}}\n"));
    }
    let outcome = run_cli(&["check", "-"], &spec);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    assert!(
        outcome.stdout.starts_with("<stdin>: ok — 2000 shots"),
        "{}",
        outcome.stdout
    );
}

/// Every shot naming a segment that does not exist — a renamed prefix — gets its error,
/// but only the first hundred get a "did you mean" hint: each hint compares the id with
/// every segment's, and hints for all would take time quadratic in the spec's size.
#[test]
fn suggestions_for_unknown_ids_are_bounded() {
    let spec = shotlist::generate::spec_yaml(2_000).replace("segment: seg-", "segment: sag-");
    let outcome = run_cli(&["check", "--format", "json", "-"], &spec);
    assert_eq!(outcome.code, 1);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    // The first 200 are reported, and one more counts the other 1,800.
    assert_eq!(diagnostics.len(), 201);
    assert!(diagnostics[..200].iter().all(|d| d["code"] == "E102"));
    assert_eq!(diagnostics[200]["code"], "E011");
    assert_eq!(diagnostics[200]["message"], "1800 more problems not shown");
    let hinted = diagnostics
        .iter()
        .filter(|d| {
            d["help"]
                .as_str()
                .is_some_and(|h| h.starts_with("did you mean"))
        })
        .count();
    assert_eq!(hinted, 100);
    assert_eq!(diagnostics[0]["help"], "did you mean `seg-0`?");
}

/// Specs that check clean but whose plan outgrows an exact figure: `check` and `lint`
/// refuse them with the plan's own E120, at the shot where the totals overflow, as
/// `plan` does, rather than passing them to `plan`.
#[test]
fn check_and_lint_refuse_totals_that_cannot_be_represented() {
    let near_the_limit = "version: 1
production: {title: Near the limit}
assumptions: {takes: 1, takes_worst: 1}
models:
  huge:
    kind: video
    rates: {720p: {credits: 500000000000000000000000000, per: 1s}}
segments: [{id: s1, duration: 10s}]
shots:
  - {id: first, segment: s1, type: b-roll, duration: 1s, model: huge, prompt: p}
  - {id: second, segment: s1, type: b-roll, duration: 1s, model: huge, prompt: p}
";
    // Each command's JSON diagnostics as (code, path, line, column); it exits 1.
    let refused = |command: &str, spec: &str| {
        let outcome = run_cli(&[command, "-", "--format", "json"], spec);
        assert_eq!(outcome.code, 1, "{command}: {}", outcome.stdout);
        let document: serde_json::Value =
            serde_json::from_str(&outcome.stdout).expect("a JSON document");
        document["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().map(str::to_owned),
                    d["path"].as_str().map(str::to_owned),
                    d["line"].as_u64(),
                    d["column"].as_u64(),
                )
            })
            .collect::<Vec<_>>()
    };
    let at = |code: &str, path: &str, line, column| {
        vec![(
            Some(code.to_owned()),
            Some(path.to_owned()),
            Some(line),
            Some(column),
        )]
    };
    for command in ["check", "lint", "plan"] {
        assert_eq!(
            refused(command, near_the_limit),
            at("E120", "shots[1]", 11, 10),
            "{command}"
        );
    }
    // A duration of 1e-28 s is the spec's only oddity; the figures per finished second
    // it makes cannot be held, and `check` says so as `plan` does, at that duration.
    let tiny = "version: 1
production: {title: Tiny}
segments: [{id: s1, duration: 5s}]
shots:
  - {id: a, segment: s1, type: b-roll, duration: 0.0000000000000000000000000001s, model: luma-ray-2, prompt: p}
";
    for command in ["check", "lint", "plan"] {
        assert_eq!(
            refused(command, tiny),
            at("E120", "shots[0].duration", 5, 50),
            "{command}"
        );
    }
}
