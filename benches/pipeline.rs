//! Benchmarks of each stage on generated specs of 100 to 100,000 shots.
//! Run with `cargo bench`; see BENCHMARKS.md for the targets and the last results.

use shotlist::generate::spec_yaml;
use shotlist::spec::{Source, load};
use shotlist::validate::check;

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn source(shots: usize) -> Source {
    Source::new("generated.yaml", spec_yaml(shots))
}

/// Deserializing the YAML into spec types, with spans.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    bencher.bench(|| load(&source).map(|spec| spec.shots.len()).ok());
}

/// Parsing plus every semantic check.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_and_check(bencher: divan::Bencher, shots: usize) {
    let source = source(shots);
    bencher.bench(|| {
        let spec = load(&source).ok()?;
        check(&spec).ok().map(|checked| checked.shot_models.len())
    });
}
