//! `over-budget` fires exactly when the plan says the budget is exceeded: the linter and
//! the planner share one cost computation, and this holds them to the same verdict at
//! every cap around the expected and worst totals.

mod common;

use common::{root, run_cli};
use serde_json::Value;

fn with_cap(cap: &str) -> String {
    let spec = std::fs::read_to_string(root().join("examples/lighthouse.yaml")).expect("example");
    assert!(spec.contains("  credits: 5000\n"));
    spec.replace("  credits: 5000\n", &format!("  credits: {cap}\n"))
}

fn over_budget_severity(spec: &str) -> Option<String> {
    let outcome = run_cli(
        &["lint", "--format", "json", "--today", "2026-11-21", "-"],
        spec,
    );
    let json: Value = serde_json::from_str(&outcome.stdout).expect("lint JSON");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "over-budget")
        .map(|d| d["severity"].as_str().unwrap_or_default().to_owned())
}

fn exceeded_at(spec: &str) -> Value {
    let outcome = run_cli(&["plan", "--format", "json", "-"], spec);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json: Value = serde_json::from_str(&outcome.stdout).expect("plan JSON");
    json["budget"]["exceeded_at"].clone()
}

#[test]
fn over_budget_agrees_with_the_plan_at_every_cap() {
    // The lighthouse plan: expected 3,566.00 credits, worst 5,186.00.
    let cases = [
        ("100", Some("error")),
        ("3565.99", Some("error")),
        ("3566", Some("warning")),
        ("3566.01", Some("warning")),
        ("5185.99", Some("warning")),
        ("5186", None),
        ("5186.01", None),
    ];
    for (cap, expected) in cases {
        let spec = with_cap(cap);
        let severity = over_budget_severity(&spec);
        assert_eq!(severity.as_deref(), expected, "cap {cap}");
        let exceeded = exceeded_at(&spec);
        assert_eq!(
            !exceeded.is_null(),
            severity.as_deref() == Some("error"),
            "cap {cap}: exceeded_at {exceeded} but over-budget is {severity:?}"
        );
    }
}
