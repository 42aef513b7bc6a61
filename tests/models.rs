//! `shotlist models`: both catalogs list every entry with its status and source.

mod common;

use common::{run_cli, snapshot_settings};

#[test]
fn catalogs_render() {
    for catalog in ["list-prices", "invideo"] {
        let outcome = run_cli(
            &["models", "--catalog", catalog, "--today", "2026-11-30"],
            "",
        );
        assert_eq!(outcome.code, 0);
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("models-{catalog}"), outcome.stdout);
        });
    }
}

#[test]
fn retired_models_say_so_and_the_catalog_says_its_age() {
    let outcome = run_cli(&["models", "--format", "json", "--today", "2026-12-01"], "");
    assert_eq!(outcome.code, 0);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    // list-prices was last reviewed on 2026-11-30.
    assert_eq!(json["age_days"], 1);
    assert_eq!(json["price_per_credit"], "0.01");
    let models = json["models"].as_array().expect("models");
    let status = |id: &str| {
        models
            .iter()
            .find(|m| m["id"] == id)
            .map(|m| m["status"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(status("sora-2").as_deref(), Some("retired 2026-09-24"));
    assert_eq!(status("nano-banana").as_deref(), Some("retired 2026-10-02"));
    assert_eq!(status("gpt-image-1").as_deref(), Some("retired 2026-10-23"));
    // The Gemini API's and Vertex AI's Veo 3.1 ids were shut down, but the model is still
    // sold (the catalog's notes say where), so it is not retired.
    assert_eq!(status("veo-3.1").as_deref(), Some("active"));
    for model in models {
        assert!(model["source"].is_string(), "{} has no source", model["id"]);
        assert!(
            model["seen"].is_string(),
            "{} has no seen date",
            model["id"]
        );
    }
}

#[test]
fn invideo_catalog_has_no_price_per_credit() {
    let outcome = run_cli(
        &[
            "models",
            "--catalog",
            "invideo",
            "--format",
            "json",
            "--today",
            "2026-11-21",
        ],
        "",
    );
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    assert!(json["price_per_credit"].is_null());
    assert_eq!(json["age_days"], 0);
}

#[test]
fn colour_follows_the_flag() {
    let file = "tests/fixtures/invalid/unknown-model.yaml";
    let plain = run_cli(&["check", "--color", "never", file], "");
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "no escape codes without colour"
    );
    let coloured = run_cli(&["check", "--color", "always", file], "");
    assert!(
        coloured.stdout.contains("\u{1b}["),
        "escape codes with --color always"
    );
}

/// `models --format json` gives each rate as data beside its text, in each of the three
/// forms, exactly as the catalog file states it.
#[test]
fn rates_are_data_in_json() {
    let outcome = run_cli(&["models", "--format", "json", "--today", "2026-12-01"], "");
    assert_eq!(outcome.code, 0);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let model = |id: &str| {
        json["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    let veo = model("veo-3.1");
    assert_eq!(
        veo["rates"][0],
        serde_json::json!({"resolution": "720p", "rate": "40/s min 4s step 2s", "form": "time",
            "credits": "40", "per_seconds": "1", "increment_seconds": "2", "minimum_seconds": "4",
            "buckets": null})
    );
    assert_eq!(veo["addons"][0]["addon"], "audio");
    assert_eq!(veo["addons"][0]["credits"], "0");
    let hailuo = model("hailuo-2.3");
    assert_eq!(hailuo["rates"][0]["form"], "buckets");
    assert_eq!(
        hailuo["rates"][0]["buckets"],
        serde_json::json!([{"seconds": "6", "credits": "28"}, {"seconds": "10", "credits": "56"}])
    );
    let image = model("nano-banana-pro");
    assert_eq!(image["rates"][0]["form"], "image");
    assert_eq!(image["rates"][0]["credits"], "13.4");
    assert!(image["rates"][0]["per_seconds"].is_null());
}
