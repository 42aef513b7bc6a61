//! How time grows from 10,000 to 100,000 shots, stage by stage (the target: at most
//! 11 ×). Run with `cargo bench --bench growth`.
//!
//! `cargo bench --bench pipeline` times one size after another, so on a shared machine a
//! burst of other tenants' load lands on one size and moves the ratio by a fifth either
//! way between runs. Here each round times every stage at both sizes back to back, in
//! alternating order, so that load falls on both alike; the ratio is taken between the
//! fastest runs, and between the medians.

use std::time::{Duration, Instant};

use shotlist::generate::spec_yaml;
use shotlist::lint::{Overrides, Settings, lint};
use shotlist::source::Source;
use shotlist::spec::{MAX_SHOTS, Spec, load_with_max_shots};
use shotlist::validate::{Checked, check};

const SMALL: usize = 10_000;
/// Over the default shot cap: specs load with the cap raised to `MAX_SHOTS`, as
/// `--max-shots 100000` raises it.
const LARGE: usize = 100_000;
const ROUNDS: usize = 15;

/// One size's inputs, each stage starting from what the one before it produced.
struct Inputs<'a> {
    source: &'a Source,
    checked: &'a Checked<'a>,
}

/// A stage: its name and its work, returning a count so the work is not optimised away.
type Stage = (&'static str, fn(&Inputs) -> usize);

const STAGES: [Stage; 5] = [
    ("parse", |inputs| {
        load_with_max_shots(inputs.source, MAX_SHOTS).map_or(0, |spec| spec.shots.len())
    }),
    ("parse + check", |inputs| {
        load_with_max_shots(inputs.source, MAX_SHOTS)
            .map_or(0, |spec| check(&spec).map_or(0, |c| c.shot_models().len()))
    }),
    ("lint", |inputs| lint(inputs.checked, &settings()).len()),
    ("plan", |inputs| {
        shotlist::plan::plan(inputs.checked).map_or(0, |plan| plan.stages.len())
    }),
    ("plan + jobs", |inputs| {
        shotlist::plan::plan(inputs.checked)
            .map_or(0, |plan| plan.all_jobs().filter(Result::is_ok).count())
    }),
];

fn settings() -> Settings {
    Settings {
        today: jiff::civil::date(2026, 11, 21),
        overrides: Overrides::default(),
    }
}

fn timed(stage: fn(&Inputs) -> usize, inputs: &Inputs) -> Duration {
    let started = Instant::now();
    std::hint::black_box(stage(inputs));
    started.elapsed()
}

fn fastest_and_median(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    let fastest = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    (fastest, median)
}

fn main() {
    let sources = [SMALL, LARGE].map(|shots| Source::new("generated.yaml", spec_yaml(shots)));
    let specs: Vec<Spec> = sources
        .iter()
        .map(|source| load_with_max_shots(source, MAX_SHOTS).expect("generated specs load"))
        .collect();
    let checked: Vec<Checked> = specs
        .iter()
        .map(|spec| check(spec).expect("generated specs check"))
        .collect();
    let inputs: Vec<Inputs> = sources
        .iter()
        .zip(&checked)
        .map(|(source, checked)| Inputs { source, checked })
        .collect();

    println!("{ROUNDS} rounds; milliseconds, fastest / median; {LARGE} shots ÷ {SMALL} shots");
    println!();
    println!("| stage | {SMALL} shots | {LARGE} shots | ratio of fastest | ratio of medians |");
    println!("|---|---|---|---|---|");
    for (name, stage) in STAGES {
        let mut times = [Vec::new(), Vec::new()];
        for round in 0..ROUNDS {
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for size in order {
                times[size].push(timed(stage, &inputs[size]));
            }
        }
        let [small, large] = times.map(|mut t| fastest_and_median(&mut t));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {name} | {:.1} / {:.1} | {:.1} / {:.1} | {:.2} × | {:.2} × |",
            ms(small.0),
            ms(small.1),
            ms(large.0),
            ms(large.1),
            ms(large.0) / ms(small.0),
            ms(large.1) / ms(small.1),
        );
    }
}
