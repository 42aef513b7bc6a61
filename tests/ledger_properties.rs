//! Properties every status has, over generated specs and ledgers: with an empty ledger
//! what remains is the plan and nothing is spent; logging a kept take never raises
//! what remains of another job; spent + remaining = at completion in every column,
//! exactly and as shown; and the jobs shown add up to the totals shown.

use proptest::prelude::*;
use rust_decimal::Decimal;
use shotlist::catalog::ratio::Ratio;
use shotlist::ledger::{Status, status};
use shotlist::pipeline::{self, Limits};
use shotlist::plan::{Estimate, Exact, plan};
use shotlist::source::Source;
use shotlist::spec;

#[derive(Debug, Clone)]
struct Shot {
    segment: usize,
    duration_tenths: u32,
    /// 0: per second; 1: per 5 s clip, up to 10 s.
    model: usize,
    audio: bool,
    takes: Option<u32>,
    approved: bool,
}

#[derive(Debug, Clone)]
struct Row {
    /// Index into the jobs: the sheets first, then the shots.
    job: usize,
    outcome: usize,
    seconds_tenths: u32,
    credits_cents: Option<u32>,
    images: Option<u32>,
}

#[derive(Debug, Clone)]
struct Params {
    segments: usize,
    shots: Vec<Shot>,
    /// One location each: `Some((locked, options))` has a sheet.
    sheets: Vec<Option<(bool, u32)>>,
    yield_percent: Option<u32>,
    cap: Option<u32>,
    rows: Vec<Row>,
}

const OUTCOMES: [&str; 3] = ["kept", "rejected", "failed"];

fn tenths(count: u32) -> String {
    (Decimal::from(count) / Decimal::TEN)
        .normalize()
        .to_string()
}

impl Params {
    fn yaml(&self) -> String {
        let mut out = String::from(
            "version: 1\nproduction: {title: P}\nbudget: {price_per_credit: \"0.0137\"",
        );
        if let Some(cap) = self.cap {
            out.push_str(&format!(", credits: {cap}"));
        }
        out.push_str("}\n");
        if let Some(percent) = self.yield_percent {
            out.push_str(&format!(
                "assumptions: {{yield: {percent}%, lock_rounds: 2}}\n"
            ));
        }
        out.push_str(
            "models:\n  sec: {kind: video, tier: standard, rates: {720p: {credits: 0.7, per: 1s}, 1080p: {credits: 1.3, per: 1s}}, addons: {audio: {credits: 0.3, per: 1s}}, min_clip: 2s}\n  \
             clip: {kind: video, tier: draft, rates: {720p: {buckets: {5s: 3, 10s: 7}}}}\n  \
             img: {kind: image, tier: standard, rates: {1k: {credits: 0.35, per: image}}}\n\
             routing: {video: sec, image: img}\n",
        );
        out.push_str("locations:\n");
        for (index, sheet) in self.sheets.iter().enumerate() {
            match sheet {
                Some((locked, options)) => out.push_str(&format!(
                    "  - {{id: l{index}, sheet: {{status: {}, options: {options}}}}}\n",
                    if *locked { "locked" } else { "draft" }
                )),
                None => out.push_str(&format!("  - {{id: l{index}}}\n")),
            }
        }
        out.push_str("segments:\n");
        for index in 0..self.segments {
            out.push_str(&format!("  - {{id: s{index}, duration: 10s}}\n"));
        }
        out.push_str("shots:\n");
        for (index, shot) in self.shots.iter().enumerate() {
            out.push_str(&format!(
                "  - {{id: t{index}, segment: s{}, type: b-roll, prompt: p, duration: {}, model: {}",
                shot.segment % self.segments,
                tenths(shot.duration_tenths),
                ["sec", "clip"][shot.model]
            ));
            if shot.audio && shot.model == 0 {
                out.push_str(", audio: true");
            }
            if let Some(takes) = shot.takes {
                out.push_str(&format!(", takes: {takes}"));
            }
            if shot.approved {
                out.push_str(", status: approved");
            }
            out.push_str("}\n");
        }
        out
    }

    /// Ids of the jobs a row can name: every location with a sheet, then every shot.
    fn jobs(&self) -> Vec<(String, bool)> {
        let sheets = self
            .sheets
            .iter()
            .enumerate()
            .filter(|(_, sheet)| sheet.is_some())
            .map(|(index, _)| (format!("l{index}"), false));
        let shots = (0..self.shots.len()).map(|index| (format!("t{index}"), true));
        sheets.chain(shots).collect()
    }

    fn row(&self, row: &Row) -> String {
        let jobs = self.jobs();
        let (job, shot) = &jobs[row.job % jobs.len()];
        let (model, seconds, images) = if *shot {
            // Clip rows stay within the largest bucket.
            let index: usize = job[1..].parse().unwrap();
            let model = ["sec", "clip"][self.shots[index].model];
            (model, tenths(row.seconds_tenths), String::new())
        } else {
            (
                "img",
                String::new(),
                row.images.map_or(String::new(), |i| i.to_string()),
            )
        };
        let credits = row.credits_cents.map_or(String::new(), |c| {
            (Decimal::from(c) / Decimal::ONE_HUNDRED).to_string()
        });
        format!(
            "{job},,{model},{},{seconds},,{images},{credits},,\n",
            OUTCOMES[row.outcome]
        )
    }

    fn ledger(&self, extra: Option<&Row>) -> String {
        let mut text =
            String::from("job,kind,model,outcome,seconds,resolution,images,credits,at,note\n");
        for row in self.rows.iter().chain(extra) {
            text.push_str(&self.row(row));
        }
        text
    }
}

fn shot() -> impl Strategy<Value = Shot> {
    (
        0usize..3,
        1u32..90,
        0usize..2,
        any::<bool>(),
        prop::option::of(1u32..6),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(segment, duration_tenths, model, audio, takes, approved)| Shot {
                segment,
                duration_tenths,
                model,
                audio,
                takes,
                approved,
            },
        )
}

fn row() -> impl Strategy<Value = Row> {
    (
        any::<usize>(),
        0usize..3,
        1u32..95,
        prop::option::of(0u32..5000),
        prop::option::of(0u32..12),
    )
        .prop_map(
            |(job, outcome, seconds_tenths, credits_cents, images)| Row {
                job,
                outcome,
                seconds_tenths,
                credits_cents,
                images,
            },
        )
}

fn params() -> impl Strategy<Value = Params> {
    (
        1usize..4,
        prop::collection::vec(shot(), 1..8),
        prop::collection::vec(prop::option::of((prop::bool::weighted(0.3), 1u32..5)), 0..4),
        prop::option::of(10u32..100),
        prop::option::of(1u32..400),
        prop::collection::vec(row(), 0..16),
    )
        .prop_map(
            |(segments, shots, sheets, yield_percent, cap, rows)| Params {
                segments,
                shots,
                sheets,
                yield_percent,
                cap,
                rows,
            },
        )
}

/// Runs `check` on the plan and the status of `params` with its ledger (and `extra`).
fn with_status<R>(
    params: &Params,
    extra: Option<&Row>,
    check: impl FnOnce(&shotlist::plan::Plan<'_>, &Status<'_>) -> R,
) -> R {
    let yaml = params.yaml();
    let source = Source::new("p.yaml", yaml.as_str());
    let spec = spec::load(&source).unwrap_or_else(|d| panic!("load: {}\n{yaml}", d.message));
    let checked = pipeline::check(&spec, None).unwrap_or_else(|d| panic!("check: {d:?}\n{yaml}"));
    let plan = plan(&checked).unwrap_or_else(|d| panic!("plan: {d:?}\n{yaml}"));
    let ledger_text = params.ledger(extra);
    let read =
        pipeline::ledger_from_text(&checked, "l.csv", ledger_text.as_str(), Limits::default());
    assert!(
        read.diagnostics.is_empty(),
        "{:?}\n{yaml}\n{ledger_text}",
        read.diagnostics
    );
    let status = status(&checked, &plan, &read.ledger).expect("status");
    check(&plan, &status)
}

fn columns(exact: Exact) -> [Ratio; 3] {
    [exact.best, exact.expected, exact.worst]
}

fn shown(estimate: Estimate) -> [Decimal; 3] {
    [estimate.best, estimate.expected, estimate.worst]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn with_an_empty_ledger_what_remains_is_the_plan(params in params()) {
        let params = Params { rows: Vec::new(), ..params };
        with_status(&params, None, |plan, status| {
            prop_assert!(status.spent.is_zero());
            prop_assert_eq!(status.shown_spent, Decimal::ZERO);
            prop_assert_eq!(status.shown_remaining, plan.totals.credits);
            prop_assert_eq!(status.shown_at_completion, plan.totals.credits);
            if let Some(cost) = plan.totals.cost {
                prop_assert_eq!(status.remaining_cost, Some(cost));
            }
            // Job by job, the plan's shown parts.
            let mut planned = std::collections::HashMap::new();
            for job in plan.all_jobs() {
                let job = job.unwrap();
                planned.insert(job.id, job.credits);
            }
            for job in &status.jobs {
                let expected = planned.get(job.id).copied().unwrap_or_default();
                prop_assert_eq!(job.shown_remaining, expected, "{}", job.id);
            }
            Ok(())
        })?;
    }

    #[test]
    fn a_kept_take_never_raises_what_remains_of_another_job(params in params(), kept in row()) {
        let kept = Row { outcome: 0, ..kept };
        let before: Vec<(String, [Ratio; 3])> = with_status(&params, None, |_, status| {
            status.jobs.iter().map(|job| (job.id.to_owned(), columns(job.remaining))).collect()
        });
        let jobs = params.jobs();
        let logged = &jobs[kept.job % jobs.len()].0;
        with_status(&params, Some(&kept), |_, status| {
            for (job, (id, was)) in status.jobs.iter().zip(&before) {
                prop_assert_eq!(job.id, id.as_str());
                let now = columns(job.remaining);
                if job.id == logged {
                    // The logged job is done: nothing remains of it.
                    prop_assert_eq!(now, [Ratio::ZERO; 3]);
                } else {
                    for (now, was) in now.iter().zip(was) {
                        prop_assert!(now <= was, "{}: {:?} > {:?}", id, now, was);
                    }
                }
            }
            Ok(())
        })?;
    }

    #[test]
    fn spent_and_remaining_add_up_to_at_completion(params in params()) {
        with_status(&params, None, |_, status| {
            let spent = Exact { best: status.spent, expected: status.spent, worst: status.spent };
            prop_assert_eq!(spent.checked_add(status.remaining).unwrap(), status.at_completion);
            for column in 0..3 {
                prop_assert_eq!(
                    status.shown_spent + shown(status.shown_remaining)[column],
                    shown(status.shown_at_completion)[column]
                );
            }
            if let (Some(spent), Some(remaining), Some(total)) =
                (status.spent_cost, status.remaining_cost, status.at_completion_cost)
            {
                for column in 0..3 {
                    prop_assert_eq!(spent + shown(remaining)[column], shown(total)[column]);
                }
            }
            // The jobs shown add up to the totals shown, and each job's exact figures to
            // the exact totals.
            let mut job_spent = Decimal::ZERO;
            let mut job_remaining = [Decimal::ZERO; 3];
            let mut exact_spent = Ratio::ZERO;
            for job in &status.jobs {
                job_spent += job.shown_spent;
                exact_spent = exact_spent.checked_add(job.spent).unwrap();
                for (sum, part) in job_remaining.iter_mut().zip(shown(job.shown_remaining)) {
                    *sum += part;
                }
            }
            prop_assert_eq!(job_spent, status.shown_spent);
            prop_assert_eq!(job_remaining, shown(status.shown_remaining));
            prop_assert_eq!(exact_spent, status.spent);
            Ok(())
        })?;
    }
}
