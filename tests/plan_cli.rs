//! `shotlist plan` end to end: every example in every format as a snapshot, the JSON
//! contract, refusals with exit 1, `--catalog` and the atomic `-o`.

mod common;

use common::{run_cli, snapshot_settings, stem, yaml_files};

const FORMATS: [&str; 4] = ["human", "json", "markdown", "csv"];

fn plan_ok(args: &[&str]) -> String {
    let outcome = run_cli(args, "");
    assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
    assert!(outcome.stderr.is_empty(), "{args:?}: {}", outcome.stderr);
    outcome.stdout
}

#[test]
fn every_example_plans_in_every_format() {
    let examples = yaml_files("examples");
    assert!(examples.len() >= 3, "expected the examples to be found");
    snapshot_settings().bind(|| {
        for file in &examples {
            for format in FORMATS {
                let output = plan_ok(&["plan", file, "--format", format]);
                insta::assert_snapshot!(format!("plan-{}.{format}", stem(file)), output);
            }
        }
    });
}

#[test]
fn plan_fixtures_in_human_and_json() {
    let files = [
        "tests/fixtures/ok/minimal.yaml",
        "tests/fixtures/plan/over-budget.yaml",
        "tests/fixtures/plan/yield.yaml",
    ];
    snapshot_settings().bind(|| {
        for file in files {
            for format in ["human", "json"] {
                let output = plan_ok(&["plan", file, "--format", format]);
                insta::assert_snapshot!(format!("plan-{}.{format}", stem(file)), output);
            }
        }
    });
}

#[test]
fn specs_that_cannot_be_planned_are_refused_with_their_diagnostics() {
    snapshot_settings().bind(|| {
        for file in [
            "tests/fixtures/plan/check-error.yaml",
            "tests/fixtures/plan/unpriceable.yaml",
        ] {
            for format in FORMATS {
                let outcome = run_cli(&["plan", file, "--format", format], "");
                assert_eq!(outcome.code, 1, "{file}");
                if format == "json" {
                    // The diagnostics document, not a plan: tests/json_on_failure.rs.
                    assert!(
                        !outcome.stdout.contains("\"totals\""),
                        "{file}: no plan is printed"
                    );
                } else {
                    assert!(outcome.stdout.is_empty(), "{file}: no plan is printed");
                }
                if format == "human" {
                    insta::assert_snapshot!(format!("plan-{}.stderr", stem(file)), outcome.stderr);
                }
            }
        }
    });
}

/// A decimal string with exactly two places: the contract's credits and money.
fn is_two_places(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(|text| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() == 2
            && fraction.bytes().all(|b| b.is_ascii_digit())
    })
}

#[test]
fn json_follows_the_format_contract() {
    let files: Vec<String> = yaml_files("examples")
        .into_iter()
        .chain(yaml_files("tests/fixtures/ok"))
        .chain(
            ["over-budget", "yield"]
                .iter()
                .map(|name| format!("tests/fixtures/plan/{name}.yaml")),
        )
        .collect();
    for file in files {
        let output = plan_ok(&["plan", &file, "--format", "json"]);
        let plan: serde_json::Value = serde_json::from_str(&output).expect("valid JSON");
        assert_eq!(plan["schema_version"], 1, "{file}");
        assert!(plan["currency"].is_string(), "{file}");
        let price = &plan["price_per_credit"];
        assert!(
            price.is_null()
                || price
                    .as_str()
                    .is_some_and(|p| !p.contains('.') || !p.ends_with('0')),
            "{file}: price per credit is exact with trailing zeros trimmed: {price}"
        );
        let totals = &plan["totals"];
        for case in ["best", "expected", "worst"] {
            assert!(is_two_places(&totals["credits"][case]), "{file}");
            let cost = &totals["cost"][case];
            assert!(cost.is_null() == price.is_null(), "{file}");
            assert!(cost.is_null() || is_two_places(cost), "{file}");
        }
        assert!(is_two_places(&totals["finished_seconds"]), "{file}");
        assert!(
            is_two_places(&totals["credits_per_finished_second"]),
            "{file}"
        );
        let per_minute = &totals["cost_per_finished_minute"];
        assert!(per_minute.is_null() || is_two_places(per_minute), "{file}");
        let budget = &plan["budget"];
        for key in ["credits", "remaining"] {
            assert!(
                budget[key].is_null() || is_two_places(&budget[key]),
                "{file}"
            );
        }
        assert!(
            budget["exceeded_at"].is_null() || budget["exceeded_at"].is_string(),
            "{file}"
        );
        let stages = plan["stages"].as_array().expect("stages");
        assert_eq!(stages[0]["id"], "references", "{file}");
        assert_eq!(stages[0]["kind"], "image", "{file}");
        for stage in stages {
            for key in ["id", "kind", "gate"] {
                assert!(stage[key].is_string(), "{file}: stage {key}");
            }
            assert!(is_two_places(&stage["credits"]), "{file}");
            assert!(is_two_places(&stage["cumulative_credits"]), "{file}");
            for job in stage["jobs"].as_array().expect("jobs") {
                assert!(job["model"].is_string(), "{file}");
                assert!(is_two_places(&job["credits"]), "{file}");
                if stage["kind"] == "image" {
                    assert!(job["asset"].is_string(), "{file}");
                    assert!(job["generations"].is_u64(), "{file}");
                } else {
                    assert!(job["shot"].is_string(), "{file}");
                    assert!(job["resolution"].is_string(), "{file}");
                    assert!(job["takes"].is_number(), "{file}");
                    assert!(is_two_places(&job["billed_seconds"]), "{file}");
                    assert!(is_two_places(&job["credits_per_take"]), "{file}");
                }
            }
        }
    }
}

#[test]
fn the_budget_is_exceeded_where_the_running_total_passes_the_cap() {
    let output = plan_ok(&[
        "plan",
        "tests/fixtures/plan/over-budget.yaml",
        "--format",
        "json",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&output).expect("valid JSON");
    assert_eq!(plan["budget"]["exceeded_at"], "s1-b");
    assert_eq!(plan["budget"]["remaining"], "-400.00");
    let human = plan_ok(&["plan", "tests/fixtures/plan/over-budget.yaml"]);
    let summary = human.lines().next().unwrap_or_default();
    assert!(
        summary.ends_with("budget 200 exceeded at s1-b, 400.00 over"),
        "{summary}"
    );
}

#[test]
fn csv_has_a_header_and_one_row_per_job() {
    let output = plan_ok(&["plan", "examples/lighthouse.yaml", "--format", "csv"]);
    let json = plan_ok(&["plan", "examples/lighthouse.yaml", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let jobs: usize = plan["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|stage| stage["jobs"].as_array().map_or(0, Vec::len))
        .sum();
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), jobs + 1);
    let columns = lines[0].split(',').count();
    assert!(lines.iter().all(|line| line.split(',').count() == columns));
}

#[test]
fn catalog_overrides_the_specs_catalog() {
    let list_prices = plan_ok(&["plan", "tests/fixtures/ok/minimal.yaml"]);
    assert!(
        list_prices.starts_with(
            "Plan: 1 shot in 1 segment, no sheets to lock — expected 60.00 credits ($0.60)"
        ),
        "{list_prices}"
    );
    // The shot names no model, so it gets the catalog's default: under invideo that is
    // invideo-generative, 10 credits per started 30 s, and invideo has no price per credit.
    let invideo = plan_ok(&[
        "plan",
        "tests/fixtures/ok/minimal.yaml",
        "--catalog",
        "invideo",
    ]);
    assert!(
        invideo.starts_with(
            "Plan: 1 shot in 1 segment, no sheets to lock — expected 30.00 credits, worst 50.00"
        ),
        "{invideo}"
    );
    // Under list prices, the social ad's invideo-only models do not exist.
    let outcome = run_cli(
        &[
            "plan",
            "examples/social-ad.yaml",
            "--catalog",
            "list-prices",
        ],
        "",
    );
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stderr
            .contains("unknown model `invideo-generative`")
    );
}

#[test]
fn output_file_is_written_whole_and_nothing_printed() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("plan.md");
    std::fs::write(&path, "an older plan").expect("writable");
    let path_text = path.to_string_lossy().into_owned();
    let outcome = run_cli(
        &[
            "plan",
            "examples/lighthouse.yaml",
            "--format",
            "markdown",
            "-o",
            &path_text,
        ],
        "",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("the plan was written");
    let printed = plan_ok(&["plan", "examples/lighthouse.yaml", "--format", "markdown"]);
    assert_eq!(written, printed);
    let files = std::fs::read_dir(directory.path())
        .expect("listable")
        .count();
    assert_eq!(files, 1, "no temporary file is left behind");

    let missing = directory.path().join("no-such-dir").join("plan.md");
    let outcome = run_cli(
        &[
            "plan",
            "examples/lighthouse.yaml",
            "-o",
            &missing.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(outcome.code, 2, "an unwritable output is a failure to run");
    assert!(outcome.stderr.starts_with("shotlist: cannot write "));
}

#[test]
fn plans_read_standard_input_and_respect_max_bytes() {
    let spec = std::fs::read_to_string(common::root().join("tests/fixtures/ok/minimal.yaml"))
        .expect("the fixture exists");
    let from_stdin = run_cli(&["plan", "-", "--format", "csv"], &spec);
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    let from_file = plan_ok(&["plan", "tests/fixtures/ok/minimal.yaml", "--format", "csv"]);
    assert_eq!(from_stdin.stdout, from_file);
    let too_large = run_cli(
        &[
            "plan",
            "tests/fixtures/ok/minimal.yaml",
            "--max-bytes",
            "10",
        ],
        "",
    );
    assert_eq!(too_large.code, 1);
    assert!(too_large.stderr.contains("E008"), "{}", too_large.stderr);
}

#[test]
fn a_failed_output_leaves_the_old_file_byte_identical() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("plan.json");
    let old = "the plan of yesterday\n";
    std::fs::write(&path, old).expect("written");
    let path_text = path.to_string_lossy().into_owned();

    // A spec that fails its check writes nothing.
    let outcome = run_cli(
        &[
            "plan",
            "tests/fixtures/plan/check-error.yaml",
            "-o",
            &path_text,
        ],
        "",
    );
    assert_eq!(outcome.code, 1);
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), old);

    // A destination that cannot be replaced (a directory) is a failure to run, and
    // leaves no temporary file beside it.
    let occupied = directory.path().join("occupied");
    std::fs::create_dir(&occupied).expect("created");
    let outcome = run_cli(
        &[
            "plan",
            "examples/lighthouse.yaml",
            "-o",
            &occupied.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.starts_with("shotlist: cannot write "),
        "{}",
        outcome.stderr
    );
    assert!(occupied.is_dir());
    let mut names: Vec<String> = std::fs::read_dir(directory.path())
        .expect("listable")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["occupied", "plan.json"]);
}
