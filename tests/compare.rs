//! `shotlist compare` on a two-shot spec across `list-prices`, `invideo` and a catalog
//! file, with each figure worked by hand from the catalogs' rates.

mod common;

use common::{root, run_cli};

const SPEC: &str = "tests/fixtures/compare/waves.yaml";
const STUDIO: &str = "tests/fixtures/catalogs/ok/studio.yaml";

fn compare(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["compare", SPEC, "--today", "2026-11-21", "--format", "json"];
    args.extend_from_slice(extra);
    let outcome = run_cli(&args, "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).expect("JSON")
}

fn job<'d>(catalog: &'d serde_json::Value, id: &str) -> &'d serde_json::Value {
    catalog["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .find(|job| job["id"] == id)
        .unwrap_or_else(|| panic!("no job {id} in {catalog}"))
}

#[test]
fn each_catalog_makes_each_shot_on_its_cheapest_fitting_model() {
    let document = compare(&[
        "--catalog",
        "list-prices",
        "--catalog",
        "invideo",
        "--catalog",
        STUDIO,
    ]);
    let [list, invideo, studio] = [0, 1, 2].map(|i| &document["catalogs"][i]);

    // list-prices, 1 credit = $0.01. `sea`, b-roll, 10 s at 720p, one take: the cheapest
    // standard model that fits is kling-2.6-standard at $0.20 per 5 s = 20 credits per
    // 5 s, so 2 × 20 = 40 credits. `cliff`, a hero shot (premium types stay premium) at
    // 4K for 8 s: kling-3.0's 4K rate $0.441/s = 44.1 credits/s, 8 × 44.1 = 352.8.
    assert_eq!(job(list, "sea")["model"], "kling-2.6-standard");
    assert_eq!(job(list, "sea")["credits"]["expected"], "40.00");
    assert_eq!(job(list, "cliff")["model"], "kling-3.0-4k");
    assert_eq!(job(list, "cliff")["credits"]["expected"], "352.80");
    // 392.8 credits = $3.928; per finished minute 3.928 × 60 / 18 s = $13.09.
    assert_eq!(list["credits"]["expected"], "392.80");
    assert_eq!(list["cost"]["expected"], "3.93");
    assert_eq!(list["cost_per_finished_minute"], "13.09");

    // invideo, priced by the spec's `budget.price_per_credit` of $0.01 since the catalog
    // has none. `sea`: invideo-remix at 1 credit per 3 s, 10 / 3 = 3.33 credits. `cliff`:
    // veo-3.1 at 4K, 10 credits/s × 8 s = 80. Total 83.33 credits = $0.83.
    assert_eq!(job(invideo, "sea")["model"], "invideo-remix");
    assert_eq!(job(invideo, "sea")["credits"]["expected"], "3.33");
    assert_eq!(job(invideo, "cliff")["model"], "veo-3.1");
    assert_eq!(job(invideo, "cliff")["credits"]["expected"], "80.00");
    assert_eq!(invideo["cost"]["expected"], "0.83");

    // The studio file: `sea` on house-standard, 3 credits/s × 10 s = 30 credits = $0.30.
    // No model of it has a 4K rate, so it cannot do `cliff` at all.
    assert_eq!(job(studio, "sea")["model"], "house-standard");
    assert_eq!(studio["credits"]["expected"], "30.00");
    assert_eq!(studio["cost"]["expected"], "0.30");
    assert_eq!(studio["unfit"], serde_json::json!(["cliff"]));

    // The studio is cheapest only by leaving a shot undone; of the two that make both,
    // invideo's $0.83 beats list-prices' $3.93.
    assert_eq!(document["cheapest"], "invideo");
    assert_eq!(document["not_ranked"], serde_json::Value::Null);
}

#[test]
fn catalogs_in_other_currencies_are_ranked_only_with_a_rate() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let euro = std::fs::read_to_string(root().join(STUDIO))
        .expect("readable")
        .replace("id: studio", "id: studio-eu")
        .replace("currency: USD", "currency: EUR");
    let path = dir.path().join("studio-eu.yaml");
    std::fs::write(&path, euro).expect("written");
    let path = path.to_str().expect("UTF-8");
    let unranked = compare(&["--catalog", "invideo", "--catalog", path]);
    assert_eq!(unranked["cheapest"], serde_json::Value::Null);
    let reason = unranked["not_ranked"].as_str().expect("a reason");
    assert!(reason.contains("--rate EUR="), "{reason}");

    // `cliff` needs 4K, which studio-eu lacks, so a shorter spec: the b-roll shot alone.
    let spec = dir.path().join("sea.yaml");
    let text = std::fs::read_to_string(root().join(SPEC)).expect("readable");
    let sea_only: String = text
        .lines()
        .filter(|line| !line.contains("id: cliff"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&spec, sea_only.replace("duration: 18s", "duration: 10s")).expect("written");
    let outcome = run_cli(
        &[
            "compare",
            spec.to_str().expect("UTF-8"),
            "--catalog",
            "invideo",
            "--catalog",
            path,
            "--rate",
            "EUR=2",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let ranked: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    // invideo: 3.33 credits at $0.01 = $0.0333; studio-eu: 30 credits at €0.01 = €0.30,
    // which at 2 USD per EUR is $0.60.
    assert_eq!(ranked["catalogs"][1]["ranked_cost"], "0.60");
    assert_eq!(ranked["cheapest"], "invideo");
}

#[test]
fn human_and_markdown_name_the_cheapest() {
    for format in ["human", "markdown"] {
        let outcome = run_cli(
            &[
                "compare",
                SPEC,
                "--today",
                "2026-11-21",
                "--format",
                format,
                "--catalog",
                "list-prices",
                "--catalog",
                "invideo",
                "--catalog",
                STUDIO,
            ],
            "",
        );
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        assert!(
            outcome.stdout.contains("Cheapest: `invideo`."),
            "{}",
            outcome.stdout
        );
        assert!(outcome.stdout.contains("cliff"), "{}", outcome.stdout);
    }
}
