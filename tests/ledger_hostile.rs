//! Hostile ledgers end in diagnostics, never a panic: many bad rows (reported up to the
//! E011 limit), more rows than a ledger may hold, huge ids, unbalanced quotes and
//! arbitrary bytes.

use proptest::prelude::*;
use shotlist::ledger::{MAX_ROWS, status};
use shotlist::pipeline::{self, Limits, MAX_DIAGNOSTICS};
use shotlist::source::Source;
use shotlist::spec;

const SPEC: &str = "version: 1
production: {title: Hostile}
models:
  vid: {kind: video, tier: standard, rates: {720p: {credits: 1, per: 1s}}}
  img: {kind: image, tier: standard, rates: {1k: {credits: 0.5, per: image}}}
routing: {video: vid, image: img}
characters: [{id: mara, sheet: {}}]
segments: [{id: s1, duration: 5s}]
shots:
  - {id: a, segment: s1, type: hero, duration: 5s, prompt: p}
";

/// Reads `text` as the ledger of [`SPEC`], and computes a status when it reads
/// cleanly; returns the diagnostics' codes.
fn read(text: &str) -> Vec<&'static str> {
    let source = Source::new("s.yaml", SPEC);
    let spec = spec::load(&source).unwrap();
    let checked = pipeline::check(&spec, None).unwrap();
    let plan = shotlist::plan::plan(&checked).unwrap();
    let read = pipeline::ledger_from_text(&checked, "l.csv", text, Limits::default());
    if !read.has_errors() {
        status(&checked, &plan, &read.ledger).unwrap();
    }
    read.diagnostics.iter().map(|d| d.code.id).collect()
}

#[test]
fn many_bad_rows_are_reported_up_to_the_limit_and_counted() {
    let mut text = String::from("job,model,outcome,seconds\n");
    for index in 0..100_000 {
        text.push_str(&format!("shot-{index},vid,kept,5\n"));
    }
    let codes = read(&text);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(codes.last(), Some(&"E011"));
}

#[test]
fn a_ledger_over_the_row_cap_is_refused_at_the_first_row_over() {
    let mut text = String::from("job,model,outcome,seconds\n");
    let row = "a,vid,failed,5\n";
    text.reserve(row.len() * (MAX_ROWS + 1));
    for _ in 0..=MAX_ROWS {
        text.push_str(row);
    }
    assert_eq!(read(&text), ["E201"]);
    // At the cap itself, every row is read.
    text.truncate(text.len() - row.len());
    assert_eq!(read(&text), Vec::<&str>::new());
}

#[test]
fn huge_ids_and_unbalanced_quotes_end_in_diagnostics() {
    let long = "x".repeat(1 << 20);
    let codes = read(&format!(
        "job,model,outcome,seconds\n{long},{long},{long},{long}\n"
    ));
    assert_eq!(codes, ["E203", "E209", "E206", "E210"]);
    let codes = read("job,model,outcome,seconds\n\"a,vid,kept,5\n");
    assert_eq!(codes, ["E201"]);
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}") {
        read(&text);
        read(&format!("job,model,outcome,seconds,credits,images,kind,at\n{text}"));
    }

    #[test]
    fn rows_of_csv_fragments_never_panic(
        fields in prop::collection::vec(
            prop::sample::select(vec![
                "a", "mara", "vid", "img", "kept", "failed", "5", "1e30", "99999999999999999999",
                "-1", "\"", "\"\"", ",", "\r\n", "\n", "", " ", "sheet", "shot", "é", "\u{feff}",
            ]),
            0..60,
        )
    ) {
        read(&format!("job,model,outcome,seconds,credits,images,kind\n{}", fields.concat()));
    }
}
