//! The status of tests/fixtures/ledger/status (a spec and its half-finished ledger),
//! worked by hand from FORMAT.md's "Job state" and "What remains", every job and every
//! total asserted exactly.
//!
//! The spec: price 0.01 per credit, cap 75; `yield: 30%`, so `T = 10/3` for a shot
//! without its own takes, and `takes_worst: 5`; grids of 4 images, 2 rounds.
//! Models: `vid` bills 1 credit/s at 720p (its first), 2 at 1080p, `audio` 0.5/s,
//! `min_clip: 5s`; `img` 0.5 credits an image.
//!
//! Rows (credits when not given: priced like one take):
//! - mara: rejected (4 images × 0.5 = 2), kept (2) → done, g = 2, i = 8, spent 4.
//! - quay (`options: 3`, N = 6): rejected with 4 images (2) → in progress; remaining
//!   images max(6 − 4, 3) = 3 → 1.50 in every column.
//! - a (4 s + audio, raised to 5 s): failed (no credits: 0), rejected (5 × 1 + 5 × 0.5
//!   = 7.5), kept at 1080p (5 × 2 + 2.5 = 12.5) → done, g = 3 ≤ T = 10/3, spent 20.
//! - b (6 s, `takes: 2`, W = max(2, 5) = 5): rejected 6, rejected 6, rejected with
//!   credits 7 → in progress, g = 3 > T = 2 (over plan), spent 19; one take 6:
//!   best 6, expected max(2 − 3, 1) × 6 = 6, worst max(5 − 3, 1) × 6 = 12.
//! - c: approved → done, nothing spent or remaining.
//! - d (5 s): not started: best 5, expected 10/3 × 5 = 50/3, worst 5 × 5 = 25.
//! - tom: locked → done.
//!
//! Spent = 4 + 2 + 20 + 19 = 45.
//! Remaining: best 1.5 + 6 + 5 = 12.5; expected 1.5 + 6 + 50/3 = 145/6 (24.1666…);
//! worst 1.5 + 12 + 25 = 38.5.
//! At completion: best 57.5; expected 45 + 145/6 = 415/6 (69.1666… → 69.17); worst 83.5.
//! Shown remaining expected = 69.17 − 45.00 = 24.17.

use std::path::Path;

use rust_decimal::Decimal;
use shotlist::ledger::{JobRef, JobState, Outcome, status};
use shotlist::pipeline::{self, Limits, Loaded};

const SPEC: &str = "tests/fixtures/ledger/status/spec.yaml";

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn status_of_the_half_finished_fixture_is_worked_by_hand() {
    let loaded = Loaded::read(Path::new(SPEC), Limits::default(), &mut std::io::empty()).unwrap();
    let checked = loaded.check(None).expect("the spec checks");
    let plan = shotlist::plan::plan(&checked).expect("the spec plans");
    let path = loaded.ledger_path(None).expect("the spec names its ledger");
    assert_eq!(path, Path::new("tests/fixtures/ledger/status/ledger.csv"));
    let read = pipeline::read_ledger(&checked, &path, Limits::default()).unwrap();
    assert_eq!(read.diagnostics, vec![], "the fixture ledger is clean");
    assert_eq!(read.ledger.rows().len(), 9);
    let status = status(&checked, &plan, &read.ledger).unwrap();

    // Jobs: sheets (characters, then locations), then shots segment by segment.
    let table: Vec<_> = status
        .jobs
        .iter()
        .map(|job| {
            (
                job.id,
                job.state.name(),
                job.generations,
                job.shown_spent.to_string(),
                job.shown_remaining.best.to_string(),
                job.shown_remaining.expected.to_string(),
                job.shown_remaining.worst.to_string(),
                job.over_plan,
            )
        })
        .collect();
    assert_eq!(
        table,
        vec![
            (
                "mara",
                "done",
                2,
                "4.00".into(),
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                false
            ),
            (
                "tom",
                "done",
                0,
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                false
            ),
            (
                "quay",
                "in-progress",
                1,
                "2.00".into(),
                "1.50".into(),
                "1.50".into(),
                "1.50".into(),
                false
            ),
            (
                "a",
                "done",
                3,
                "20.00".into(),
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                false
            ),
            (
                "b",
                "in-progress",
                3,
                "19.00".into(),
                "6.00".into(),
                "6.00".into(),
                "12.00".into(),
                true
            ),
            (
                "c",
                "done",
                0,
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                "0.00".into(),
                false
            ),
            // 50/3 on a running total that starts at the 45 spent: 69.17 − 52.50.
            (
                "d",
                "not-started",
                0,
                "0.00".into(),
                "5.00".into(),
                "16.67".into(),
                "25.00".into(),
                false
            ),
        ]
    );
    let mara = &status.jobs[0];
    assert_eq!((mara.images, mara.planned_images), (8, Some(8)));
    let quay = &status.jobs[2];
    assert_eq!((quay.images, quay.planned_images), (4, Some(6)));
    let a = &status.jobs[3];
    assert_eq!(a.job, JobRef::Shot(0));
    assert!(a.kept);
    assert_eq!(
        a.planned_takes.unwrap().value().unwrap().round_dp(4),
        dec("3.3333")
    );
    assert_eq!(a.planned_worst_takes.unwrap().value().unwrap(), dec("5"));
    let rows: Vec<_> = read.ledger.shot_rows(0).map(|r| r.outcome).collect();
    assert_eq!(rows, [Outcome::Failed, Outcome::Rejected, Outcome::Kept]);
    assert_eq!(status.jobs[6].state, JobState::NotStarted);

    // Totals.
    assert_eq!(status.shown_spent, dec("45.00"));
    let shown = |e: shotlist::plan::Estimate| [e.best, e.expected, e.worst].map(|d| d.to_string());
    assert_eq!(shown(status.shown_remaining), ["12.50", "24.17", "38.50"]);
    assert_eq!(
        shown(status.shown_at_completion),
        ["57.50", "69.17", "83.50"]
    );
    assert_eq!(status.spent_cost, Some(dec("0.45")));
    // Money: 0.45 spent; at completion 0.575 → 0.58, 0.691666… → 0.69, 0.835 → 0.84.
    assert_eq!(
        shown(status.at_completion_cost.unwrap()),
        ["0.58", "0.69", "0.84"]
    );
    assert_eq!(
        shown(status.remaining_cost.unwrap()),
        ["0.13", "0.24", "0.39"]
    );
    // Exactly: 415/6 at completion expected.
    let six = shotlist::catalog::ratio::Ratio::from_integer(6);
    assert_eq!(
        status.at_completion.expected.checked_mul(six).unwrap(),
        shotlist::catalog::ratio::Ratio::from_integer(415)
    );

    // Budget: 75 − 45 = 30 left; 69.17 expected fits, 83.50 worst does not.
    assert_eq!(status.budget.left, Some(dec("30.00")));
    assert!(!status.budget.over);
    assert!(status.budget.worst_over);

    // Progress: shots a and c done (4 s + 5 s of 20 s); mara and tom of 3 sheets.
    let p = status.progress;
    assert_eq!(
        (p.shots, p.shots_done, p.sheets, p.sheets_done),
        (4, 2, 3, 2)
    );
    assert_eq!(p.finished_seconds, dec("20"));
    assert_eq!(p.finished_seconds_done, dec("9"));

    // Actuals: 6 shot rows, 1 kept: yield 1/6; a has the only kept row, with 3 rows;
    // 45 credits ÷ 9 done seconds = 5 a second; × 60 × 0.01 = 3.00 a minute.
    let x = status.actuals;
    assert_eq!((x.video_generations, x.kept), (6, 1));
    assert_eq!(
        x.yield_.unwrap().checked_mul(six).unwrap(),
        shotlist::catalog::ratio::Ratio::ONE
    );
    assert_eq!(x.takes_per_done_shot.unwrap().value(), Some(dec("3")));
    assert_eq!(
        x.credits_per_finished_second.unwrap().value(),
        Some(dec("5"))
    );
    assert_eq!(
        x.cost_per_finished_minute.unwrap().rounded2(),
        Some(dec("3.00"))
    );
}

/// The benchmarks' generated ledger reads cleanly against the generated spec, so that
/// `benches/ledger.rs` measures a status rather than a refusal.
#[test]
fn the_generated_ledger_reads_cleanly() {
    let spec = shotlist::generate::spec_yaml(300);
    let loaded = Loaded::from_text("generated.yaml", spec, Limits::default());
    let checked = loaded.check(None).unwrap();
    let plan = shotlist::plan::plan(&checked).unwrap();
    let text = shotlist::generate::ledger_csv(300, 900);
    let read = pipeline::ledger_from_text(&checked, "ledger.csv", text, Limits::default());
    assert_eq!(read.diagnostics, vec![]);
    assert_eq!(read.ledger.rows().len(), 900);
    let status = status(&checked, &plan, &read.ledger).unwrap();
    assert!(status.progress.shots_done > 0 && status.progress.shots_done < 300);
}
