//! `shotlist models import litellm` on a real excerpt of LiteLLM's price list
//! (tests/fixtures/litellm/, from the litellm 1.110.2 wheel): the catalog it writes and
//! its report of what it could not map, snapshotted; the catalog read back by `models`;
//! and a spec priced with it, each figure worked by hand from the list's dollar rates.

mod common;

use common::{run_cli, snapshot_settings};

const LIST: &str = "tests/fixtures/litellm/model_prices_excerpt.json";
const SPEC: &str = "tests/fixtures/litellm/priced.yaml";

fn import(extra: &[&str]) -> common::Outcome {
    let mut args = vec!["models", "import", "litellm", LIST, "--seen", "2026-11-30"];
    args.extend_from_slice(extra);
    run_cli(&args, "")
}

#[test]
fn the_catalog_and_the_report_of_what_was_not_mapped() {
    let outcome = import(&[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("litellm-import-catalog", outcome.stdout);
        insta::assert_snapshot!("litellm-import-report", outcome.stderr);
    });
}

#[test]
fn output_goes_to_the_file_and_reads_back_as_a_valid_catalog() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("litellm.yaml");
    let path = path.to_str().unwrap();
    let outcome = import(&["-o", path]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    assert!(outcome.stderr.contains("not imported"));
    let listed = run_cli(
        &[
            "models",
            "--catalog",
            path,
            "--format",
            "json",
            "--today",
            "2026-11-30",
        ],
        "",
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let document: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let models = document["models"].as_array().expect("models");
    assert_eq!(models.len(), 22);
}

#[test]
fn a_spec_priced_with_the_imported_catalog() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("litellm.yaml");
    let path = path.to_str().unwrap();
    assert_eq!(import(&["-o", path]).code, 0);
    let outcome = run_cli(&["plan", SPEC, "--catalog", path, "--format", "json"], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let plan: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let jobs: Vec<&serde_json::Value> = plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|stage| stage["jobs"].as_array().unwrap())
        .collect();
    let job = |key: &str, id: &str| {
        *jobs
            .iter()
            .find(|job| job[key] == id)
            .unwrap_or_else(|| panic!("no job {id}"))
    };
    // Per-resolution: xai/grok-imagine-video-1.5 lists `output_cost_per_second_720p`
    // 0.14, so 14 credits a second at $0.01; 6 s at 720p, one take = 84 credits.
    let dunes = job("shot", "dunes");
    assert_eq!(dunes["resolution"], "720p");
    assert_eq!(dunes["credits"], "84.00");
    assert_eq!(dunes["cost"], "0.84");
    // Legacy per-video-second: runwayml/gen4_turbo's `output_cost_per_video_per_second`
    // 0.05 = 5 credits a second, under `default` since the list names no resolution;
    // 8 s, one take = 40 credits.
    let road = job("shot", "road");
    assert_eq!(road["resolution"], "default");
    assert_eq!(road["credits"], "40.00");
    // Per image: aiml/flux/dev's `output_cost_per_image` 0.033 = 3.3 credits; a sheet of
    // 2 options × 1 round = 2 images = 6.6 credits.
    let ana = job("asset", "ana");
    assert_eq!(ana["credits_per_image"], "3.30");
    assert_eq!(ana["credits"], "6.60");
    // 84 + 40 + 6.6 = 130.6 credits = $1.306, shown $1.31.
    assert_eq!(plan["totals"]["credits"]["expected"], "130.60");
    assert_eq!(plan["totals"]["cost"]["expected"], "1.31");
}

#[test]
fn price_per_credit_and_provider_shape_the_catalog() {
    let outcome = import(&["--provider", "runwayml,aiml", "--price-per-credit", "0.05"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    // gen4_turbo's $0.05 a second is 1 credit at $0.05 a credit.
    assert!(
        outcome
            .stdout
            .contains("  runwayml/gen4_turbo:\n    kind: video\n    rates:\n      default: {credits: \"1\", per: 1s}"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains("xai/"));
    // Only runwayml has video models, so a provider without video cannot make a catalog.
    let none = import(&["--provider", "aiml"]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr.contains("no video model was imported"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_file_that_is_not_the_list_is_refused() {
    let outcome = run_cli(
        &["models", "import", "litellm", SPEC, "--seen", "2026-11-30"],
        "",
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("not a LiteLLM price list"),
        "{}",
        outcome.stderr
    );
}
