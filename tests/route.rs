//! `shotlist route`: the examples in every format, one test per fit rule, savings that
//! add up, and `--fix` / `--diff`, which must change nothing but the moved jobs' models
//! (and resolutions) and leave a spec that checks clean and plans to the predicted total.

mod common;

use std::path::Path;

use common::{root, run_cli, snapshot_settings, stem, yaml_files};
use rust_decimal::Decimal;
use serde_json::Value;
use shotlist::plan::route::{
    Misfit, RouteOptions, route, sheet_candidates, shot_candidates, shot_fit,
};
use shotlist::source::Source;
use shotlist::spec::{Tier, load};
use shotlist::validate::{AssetKind, check};

const TODAY: &str = "2026-11-21";
const FIT_RULES: &str = "tests/fixtures/route/fit-rules.yaml";
const MESSY: &str = "tests/fixtures/route/messy.yaml";

fn today() -> jiff::civil::Date {
    TODAY.parse().expect("a date")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect(path)
}

fn json(args: &[&str]) -> Value {
    let outcome = run_cli(args, "");
    assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).expect("JSON")
}

fn decimal(value: &Value) -> Decimal {
    value
        .as_str()
        .expect("a decimal string")
        .parse()
        .expect("a decimal")
}

#[test]
fn every_example_routes_in_every_format() {
    let examples = yaml_files("examples");
    assert!(examples.len() >= 3, "expected the examples to be found");
    snapshot_settings().bind(|| {
        for file in &examples {
            for format in ["human", "json", "markdown"] {
                let outcome = run_cli(&["route", file, "--today", TODAY, "--format", format], "");
                assert_eq!(outcome.code, 0, "{file}: {}", outcome.stderr);
                assert!(outcome.stderr.is_empty(), "{file}: {}", outcome.stderr);
                insta::assert_snapshot!(format!("route-{}.{format}", stem(file)), outcome.stdout);
            }
        }
        let fit_rules = run_cli(&["route", FIT_RULES, "--today", TODAY], "");
        insta::assert_snapshot!("route-fit-rules.human", fit_rules.stdout);
    });
}

/// The shot at `index` of the fit-rules fixture, against the model `id`.
fn misfits(id: &str, index: usize) -> Vec<String> {
    let source = Source::new(FIT_RULES, read(FIT_RULES));
    let spec = load(&source).expect("loads");
    let checked = check(&spec).expect("checks");
    let model = checked.find_model(id).expect(id);
    shot_fit(&checked, index, model, today())
        .expect("a shot of the fixture")
        .misfits
        .iter()
        .map(ToString::to_string)
        .collect()
}

const LEAD: usize = 0;
const PLATE: usize = 1;

#[test]
fn a_model_retired_by_today_is_rejected() {
    assert_eq!(misfits("decoy-retired", LEAD), ["retired on 2026-01-01"]);
}

#[test]
fn a_model_without_the_resolution_or_one_above_is_rejected() {
    // 720p is below 1080p, and `hd` names no size to compare.
    assert_eq!(
        misfits("decoy-low-res", LEAD),
        ["has no `1080p` rate or any above it"]
    );
}

#[test]
fn a_model_without_the_resolution_fits_at_the_nearest_one_above() {
    let source = Source::new(FIT_RULES, read(FIT_RULES));
    let spec = load(&source).unwrap();
    let checked = check(&spec).unwrap();
    let fit = shot_fit(
        &checked,
        LEAD,
        checked.find_model("no-1080p").unwrap(),
        today(),
    )
    .expect("a shot of the fixture");
    assert!(fit.fits(), "{:?}", fit.misfits);
    assert_eq!(
        fit.resolution,
        Some("1440p"),
        "the nearest above, not its cheaper 4k"
    );
    assert!(fit.raised);
    let document = json(&["route", FIT_RULES, "--today", TODAY, "--format", "json"]);
    let lead = &document["moves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["shot"] == "lead");
    let lead = lead.expect("the hero shot moves");
    assert_eq!(lead["to"]["resolution"], "1440p");
    assert_eq!(
        lead["raised_from"], "1080p",
        "reported as above the shot's own"
    );
}

#[test]
fn an_index_outside_the_spec_has_no_fit_and_no_candidates() {
    let source = Source::new(FIT_RULES, read(FIT_RULES));
    let spec = load(&source).unwrap();
    let checked = check(&spec).unwrap();
    let past_shots = spec.shots.len();
    let model = checked.find_model("no-1080p").unwrap();
    assert_eq!(shot_fit(&checked, past_shots, model, today()), None);
    assert_eq!(shot_candidates(&checked, past_shots, today()).count(), 0);
    let past_characters = spec.characters.len();
    assert_eq!(
        sheet_candidates(&checked, AssetKind::Character, past_characters, today()).count(),
        0
    );
}

#[test]
fn a_silent_model_is_rejected_for_a_shot_with_sound() {
    assert_eq!(misfits("decoy-silent", LEAD), ["cannot make sound"]);
}

#[test]
fn a_model_without_an_addon_the_shot_uses_is_rejected() {
    assert_eq!(misfits("decoy-no-addon", LEAD), ["has no `lipsync` addon"]);
}

#[test]
fn a_model_without_references_is_rejected_for_a_shot_with_characters() {
    assert_eq!(
        misfits("decoy-no-references", LEAD),
        ["takes no reference images"]
    );
}

#[test]
fn a_model_that_cannot_render_the_cuts_is_rejected() {
    assert_eq!(
        misfits("decoy-no-cuts", LEAD),
        ["renders no cuts in one generation, the shot has 1"]
    );
}

#[test]
fn a_model_whose_clips_are_too_short_is_rejected() {
    let too_short = ["makes clips of at most 5s, the shot needs 6s"];
    assert_eq!(misfits("decoy-short-clip", LEAD), too_short, "by max_clip");
    assert_eq!(
        misfits("decoy-buckets", LEAD),
        too_short,
        "by its largest bucket"
    );
}

#[test]
fn tiers_premium_types_stay_premium_and_draft_needs_allow_draft() {
    // A tier is a routing policy, not a fit: the standard decoy fits both shots.
    assert!(misfits("decoy-standard", LEAD).is_empty());
    assert!(misfits("decoy-standard", PLATE).is_empty());
    let moves = |args: &[&str]| -> Vec<(String, String)> {
        let mut full = vec!["route", FIT_RULES, "--today", TODAY, "--format", "json"];
        full.extend_from_slice(args);
        json(&full)["moves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let shot = m["shot"].as_str().unwrap().to_owned();
                (shot, m["to"]["model"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    let routed = moves(&[]);
    assert!(
        routed.contains(&("lead".into(), "no-1080p".into())),
        "{routed:?}"
    );
    assert!(
        routed.contains(&("plate".into(), "decoy-standard".into())),
        "{routed:?}"
    );
    let with_draft = moves(&["--allow-draft"]);
    assert!(
        with_draft.contains(&("lead".into(), "no-1080p".into())),
        "hero stays premium"
    );
    assert!(
        with_draft.contains(&("plate".into(), "draft-cheap".into())),
        "{with_draft:?}"
    );
}

#[test]
fn no_decoy_is_ever_suggested() {
    for args in [vec![], vec!["--allow-draft"]] {
        let mut full = vec!["route", FIT_RULES, "--today", TODAY, "--format", "json"];
        full.extend(args);
        for the_move in json(&full)["moves"].as_array().unwrap() {
            let to = the_move["to"]["model"].as_str().unwrap();
            assert!(!to.starts_with("decoy-") || to == "decoy-standard", "{to}");
        }
    }
}

#[test]
fn a_job_that_stays_names_the_closest_cheaper_model_and_why() {
    // Without `no-1080p`, nothing premium fits the hero shot. Every decoy that can price
    // it breaks one rule; the closest is the one that would save most.
    let text = read(FIT_RULES).replace(
        "  no-1080p:\n    kind: video\n",
        "  no-1080p:\n    kind: video\n    retired: 2026-01-01\n",
    );
    let source = Source::new("fit-rules", text);
    let spec = load(&source).unwrap();
    let checked = check(&spec).unwrap();
    let options = RouteOptions {
        today: today(),
        allow_draft: false,
    };
    let routed = route(&checked, options).unwrap();
    let lead = routed
        .stays
        .iter()
        .find(|stay| stay.job.id == "lead")
        .expect("the hero shot stays");
    let closest = lead.closest.as_ref().expect("a closest candidate");
    assert_eq!(closest.model, "draft-cheap");
    assert_eq!(closest.saving, Decimal::from(1818 - 54));
    assert_eq!(
        closest.misfits,
        [Misfit::Tier {
            tier: Tier::Draft,
            required: Tier::Premium
        }]
    );
    assert_eq!(
        closest.misfits[0].to_string(),
        "is draft tier, and this shot type stays premium (`routing.premium_for`)"
    );
}

#[test]
fn savings_add_up() {
    let files: Vec<String> = yaml_files("examples")
        .into_iter()
        .chain([FIT_RULES.to_owned(), MESSY.to_owned()])
        .collect();
    for file in files {
        for draft in [false, true] {
            let source = Source::new(file.clone(), read(&file));
            let spec = load(&source).unwrap();
            let checked = check(&spec).unwrap();
            let options = RouteOptions {
                today: today(),
                allow_draft: draft,
            };
            let routed = route(&checked, options).unwrap();
            let sum: Decimal = routed.moves.iter().map(|m| m.saving).sum();
            assert_eq!(
                sum,
                routed.saving(),
                "{file}: the moves add up to the total saving"
            );
            for the_move in &routed.moves {
                assert!(
                    the_move.saving > Decimal::ZERO,
                    "{file}: {}",
                    the_move.from.id
                );
                assert_eq!(
                    the_move.saving,
                    the_move.from.credits.expected - the_move.to.credits.expected
                );
            }
            assert_eq!(
                routed.current.totals.credits.expected - routed.saving(),
                routed.routed.totals.credits.expected,
                "{file}"
            );
            assert_eq!(
                routed.moves.len() + routed.stays.len(),
                routed
                    .current
                    .stages
                    .iter()
                    .map(|s| s.job_count())
                    .sum::<usize>(),
                "{file}: every job either moves or stays"
            );
            let savings: Vec<Decimal> = routed.moves.iter().map(|m| m.saving).collect();
            assert!(
                savings.windows(2).all(|w| w[0] >= w[1]),
                "{file}: sorted by saving"
            );
        }
    }
    // The printed figures add up too, to the cent.
    let document = json(&[
        "route",
        "examples/lighthouse.yaml",
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let printed: Decimal = document["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| decimal(&m["credits"]["saving"]))
        .sum();
    let totals = &document["totals"]["credits"];
    assert_eq!(printed, decimal(&totals["saving"]));
    assert_eq!(
        decimal(&totals["current"]) - decimal(&totals["saving"]),
        decimal(&totals["routed"])
    );
}

/// A copy of `text` in a fresh directory, as `name`.
fn scratch_copy(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join(name);
    std::fs::write(&path, text).unwrap();
    (directory, path.to_string_lossy().into_owned())
}

/// Runs `route --fix` on a copy of `text` and returns the rewritten text, after
/// checking that it checks clean and plans to the total the route predicted.
fn fixed(text: &str) -> String {
    let (_directory, path) = scratch_copy("spec.yaml", text);
    let predicted = json(&["route", &path, "--today", TODAY, "--format", "json"]);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("rewritten; it checks clean"),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        run_cli(&["check", &path], "").code,
        0,
        "the result checks clean"
    );
    let plan = json(&["plan", &path, "--format", "json"]);
    assert_eq!(
        plan["totals"]["credits"]["expected"], predicted["totals"]["credits"]["routed"],
        "the result plans to the predicted total"
    );
    let again = json(&["route", &path, "--today", TODAY, "--format", "json"]);
    assert_eq!(
        again["moves"],
        Value::Array(vec![]),
        "nothing is left to move"
    );
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn fix_changes_only_the_moved_values_byte_for_byte() {
    let original = read(MESSY);
    let expected = read("tests/fixtures/route/messy.fixed.yaml");
    assert_eq!(fixed(&original), expected);
    // The same with Windows line ends: added lines end in CRLF too.
    let crlf = |text: &str| text.replace('\n', "\r\n");
    assert_eq!(fixed(&crlf(&original)), crlf(&expected));
}

#[test]
fn fix_edits_are_model_and_resolution_values_and_entries_only() {
    let text = read(MESSY);
    let source = Source::new(MESSY, text.clone());
    let spec = load(&source).unwrap();
    let checked = check(&spec).unwrap();
    let options = RouteOptions {
        today: today(),
        allow_draft: false,
    };
    let routed = route(&checked, options).unwrap();
    let fix = shotlist::plan::fix::fix(&source, &checked, &routed).unwrap();
    let ids = [
        "house-720",
        "two-res",
        "runway-gen4.5",
        "gemini-3.1-flash-lite-image",
        "1080p",
    ];
    let was_a_value = |old: &str| {
        [
            "odd-res",
            "veo-3.1",
            "nano-banana-pro",
            "'900p'",
            "'kling-2.6-standard'",
            "\"kling-2.6-standard\"",
        ]
        .contains(&old)
    };
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|edit| edit.range.start);
    let mut kept = 0;
    let mut rebuilt = String::new();
    for edit in &edits {
        let old = &text[edit.range.clone()];
        if old.is_empty() {
            // An added entry: `, model: x` in a flow mapping, or whole lines in a block.
            let added = edit.text.trim_start_matches(", ").trim();
            assert!(
                added.starts_with("model: ") || added.starts_with("resolution: "),
                "{:?}",
                edit.text
            );
            assert!(ids.iter().any(|id| added.contains(id)), "{:?}", edit.text);
        } else {
            assert!(was_a_value(old), "replaced {old:?}");
            let new = edit.text.trim_matches(['\'', '"']);
            assert!(ids.contains(&new), "{:?}", edit.text);
        }
        rebuilt.push_str(&text[kept..edit.range.start]);
        rebuilt.push_str(&edit.text);
        kept = edit.range.end;
    }
    rebuilt.push_str(&text[kept..]);
    assert_eq!(rebuilt, fix.text, "every other byte is the original's");
    assert_eq!(
        edits.len(),
        11,
        "ten moves, one with both model and resolution"
    );
}

#[test]
fn fix_on_every_example_checks_clean_and_plans_to_the_prediction() {
    for file in yaml_files("examples") {
        let original = read(&file);
        let rewritten = fixed(&original);
        assert_ne!(
            rewritten, original,
            "{file}: every example has a cheaper fit"
        );
    }
}

#[test]
fn diff_prints_the_rewrite_and_writes_nothing() {
    let before = read("examples/lighthouse.yaml");
    let outcome = run_cli(
        &[
            "route",
            "examples/lighthouse.yaml",
            "--diff",
            "--today",
            TODAY,
        ],
        "",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(read("examples/lighthouse.yaml"), before);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("route-lighthouse.diff", outcome.stdout);
    });
    // `--diff` wins over `--fix`, and reads standard input.
    let piped = run_cli(
        &["route", "-", "--fix", "--diff", "--today", TODAY],
        &before,
    );
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(
        piped.stdout.lines().skip(2).collect::<Vec<_>>(),
        outcome.stdout.lines().skip(2).collect::<Vec<_>>()
    );
}

#[test]
fn fix_refuses_and_leaves_the_file_alone() {
    let lighthouse = read("examples/lighthouse.yaml");
    // Standard input cannot be rewritten in place.
    let outcome = run_cli(&["route", "-", "--fix", "--today", TODAY], &lighthouse);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("cannot rewrite standard input"),
        "{}",
        outcome.stderr
    );
    // Model ids of another catalog would not check under the spec's own.
    let (_directory, path) = scratch_copy("lighthouse.yaml", &lighthouse);
    let outcome = run_cli(
        &[
            "route",
            &path,
            "--fix",
            "--catalog",
            "invideo",
            "--today",
            TODAY,
        ],
        "",
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("spec's own catalog `list-prices`"),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), lighthouse);
    // A layout the rewriter will not guess at: the type's value on the next line.
    let awkward = read(MESSY).replace(
        "    type: establishing   # a comment after the type\n",
        "    type:\n      establishing\n",
    );
    let (_directory, path) = scratch_copy("awkward.yaml", &awkward);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .contains("cannot place `model:` in shot `c-block`"),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), awkward);
    let leftovers = std::fs::read_dir(Path::new(&path).parent().unwrap())
        .unwrap()
        .count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn fix_writes_out_a_shared_model_that_two_shots_need_different_values_of() {
    // `a` moves to a cheaper model; `b`, a hero shot that aliases its value, stays on
    // it: `b` gets its model written out, and the anchor, used by no alias any more,
    // goes.
    let text = "version: 1\nproduction: {title: Aliases}\nsegments:\n  - {id: s1, duration: 10s}\nshots:\n  - {id: a, segment: s1, type: b-roll, duration: 5s, model: &m wan-2.6, prompt: p}\n  - {id: b, segment: s1, type: hero, duration: 5s, model: *m, prompt: q}\n";
    let (_directory, path) = scratch_copy("alias.yaml", text);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "note: shot `b` gets its model written out in place of the alias of `&m` (shot `a`)"
        ),
        "{}",
        outcome.stderr
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        text.replace("model: &m wan-2.6", "model: kling-2.6-standard")
            .replace("model: *m", "model: wan-2.6")
    );
}

#[test]
fn fix_rewrites_a_shared_model_once_when_every_shot_needs_the_same() {
    let text = "version: 1\nproduction: {title: Aliases}\nsegments:\n  - {id: s1, duration: 10s}\nshots:\n  - {id: a, segment: s1, type: b-roll, duration: 5s, model: &m veo-3.1, prompt: p}\n  - {id: b, segment: s1, type: b-roll, duration: 5s, model: *m, prompt: q}\n";
    let fixed = fixed(text);
    assert_eq!(fixed, text.replace("&m veo-3.1", "&m kling-2.6-standard"));
}

#[test]
fn fix_gives_a_merging_shot_its_own_model_and_says_so() {
    let text = "version: 1\nproduction: {title: Merges}\nsegments: [{id: s1, duration: 20s}]\nshots:\n  - &base\n    id: t\n    segment: s1\n    duration: 5s\n    type: b-roll\n    model: veo-3.1 # a comment\n    prompt: p\n  - <<: *base\n    id: a\n  - {<<: *base, id: b, type: hero}\n";
    let (_directory, path) = scratch_copy("merge.yaml", text);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "note: shot `b` gets its own `model:` entry in place of the one it merged from `&base` (shot `t`)"
        ),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text.replace("model: veo-3.1 #", "model: kling-2.6-standard #")
            .replace("type: hero}", "type: hero, model: runway-gen4.5}")
    );
}

#[test]
fn fix_keeps_a_block_scalar_at_the_end_of_the_file_byte_for_byte() {
    for header in [">-", "|-", ">- # folded"] {
        for after in ["", "\n", "\n\n\n", "\r\n"] {
            let text = format!(
                "version: 1\nproduction: {{title: Blocks}}\nsegments: [{{id: s1, duration: 20s}}]\nshots:\n  - id: a\n    segment: s1\n    type: b-roll\n    duration: 5s\n    prompt: p\n    model: {header}\n      veo-3.1\n{after}"
            );
            assert_eq!(
                fixed(&text),
                text.replace("      veo-3.1", "      kling-2.6-standard"),
                "{header:?} then {after:?}"
            );
        }
    }
}

#[test]
fn fix_refuses_a_block_scalar_over_several_lines_naming_the_shot() {
    let text = "version: 1\nproduction: {title: Blocks}\nsegments: [{id: s1, duration: 20s}]\nshots:\n  - id: a\n    segment: s1\n    type: b-roll\n    duration: 5s\n    prompt: p\n    model: |-\n      veo-3.1\n      \n";
    let (_directory, path) = scratch_copy("block.yaml", text);
    // A `|-` block whose content is one line and a blank: still one line of content.
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let folded = "version: 1\nproduction: {title: Blocks}\nsegments: [{id: s1, duration: 20s}]\nshots:\n  - id: a\n    segment: s1\n    type: b-roll\n    duration: 5s\n    prompt: p\n    model: >-\n      veo-\n      3.1\n";
    let (_directory, path) = scratch_copy("folded.yaml", folded);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    // Folded over two lines it reads `veo- 3.1`, which is no model: a check error.
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), folded);
}

#[test]
fn a_spec_with_nothing_to_route_says_so() {
    let text = "version: 1\nproduction: {title: Empty}\nsegments: []\nshots: []\n";
    let outcome = run_cli(&["route", "-"], text);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome
            .stdout
            .starts_with("Route: nothing to route — no planned shot and no sheet to lock\n"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_spec_with_nothing_to_move_is_left_alone() {
    let (_directory, path) =
        scratch_copy("fixed.yaml", &read("tests/fixtures/route/messy.fixed.yaml"));
    let before = std::fs::read_to_string(&path).unwrap();
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("nothing to rewrite"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome
            .stdout
            .starts_with("Route: no cheaper model fits any of the 10 jobs"),
        "{}",
        outcome.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let diff = run_cli(&["route", &path, "--diff", "--today", TODAY], "");
    assert_eq!((diff.code, diff.stdout.as_str()), (0, ""));
}

#[test]
fn a_spec_with_check_errors_is_not_routed() {
    let outcome = run_cli(&["route", "tests/fixtures/plan/check-error.yaml"], "");
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.is_empty());
    assert!(outcome.stderr.contains("not routed"), "{}", outcome.stderr);
}

/// A model id names a model of the spec it was checked from: one of another spec, past
/// the end of this one's models, makes the plan fail rather than panic.
#[test]
fn a_model_of_another_spec_is_reported_not_indexed() {
    let other_source = Source::new(FIT_RULES, read(FIT_RULES));
    let other_spec = load(&other_source).expect("loads");
    let other = check(&other_spec).expect("checks");
    let (foreign, _) = other.models().last().expect("a model");

    let path = "examples/episode.yaml";
    let source = Source::new(path, read(path));
    let spec = load(&source).expect("loads");
    let checked = check(&spec).expect("checks");
    assert!(checked.model(foreign).is_none(), "the fixture adds models");
    let mut shot_models = checked.shot_models().to_vec();
    for choice in &mut shot_models {
        choice.model = foreign;
    }
    let problems = shotlist::plan::plan_with(&checked, shot_models, checked.sheet_models().clone())
        .expect_err("a model the spec does not have");
    assert!(
        problems[0].message.contains("cannot be priced"),
        "{problems:?}"
    );
}

/// How a generated shot writes its model.
#[derive(Debug, Clone)]
enum ModelForm {
    None,
    Plain,
    DoubleQuoted,
    SingleQuoted,
    /// `>-` or `|-`, with or without a comment after the header, and blank lines
    /// after the content.
    Block {
        folded: bool,
        comment: bool,
        blank_lines: usize,
    },
    /// Defines `&m<index>` on its value.
    Anchored,
    /// `*m<k>`: an alias of the k-th earlier shot whose value is anchored.
    Alias(usize),
}

#[derive(Debug, Clone)]
struct GeneratedShot {
    shot_type: usize,
    seconds: u32,
    model: usize,
    form: ModelForm,
    flow: bool,
    /// Defines `&s<index>` on the shot's mapping.
    anchored_mapping: bool,
    /// `<<: *s<k>`: merges the k-th earlier anchored mapping, writing only its id and,
    /// when set, its own type.
    merges: Option<(usize, bool)>,
}

const FORM_TYPES: [&str; 5] = ["hero", "b-roll", "establishing", "insert", "action"];
const FORM_MODELS: [&str; 5] = [
    "veo-3.1",
    "kling-2.6-standard",
    "wan-2.6",
    "runway-gen4-turbo",
    "hailuo-2.3",
];

fn model_form() -> impl proptest::strategy::Strategy<Value = ModelForm> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(ModelForm::None),
        1 => Just(ModelForm::Plain),
        1 => Just(ModelForm::DoubleQuoted),
        1 => Just(ModelForm::SingleQuoted),
        3 => (any::<bool>(), any::<bool>(), 0usize..3).prop_map(|(folded, comment, blank_lines)| {
            ModelForm::Block {
                folded,
                comment,
                blank_lines,
            }
        }),
        2 => Just(ModelForm::Anchored),
        3 => (0usize..4).prop_map(ModelForm::Alias),
    ]
}

fn generated_shot() -> impl proptest::strategy::Strategy<Value = GeneratedShot> {
    use proptest::prelude::*;
    (
        0..FORM_TYPES.len(),
        1u32..9,
        0..FORM_MODELS.len(),
        model_form(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.3, (0usize..4, any::<bool>())),
    )
        .prop_map(
            |(shot_type, seconds, model, form, flow, anchored_mapping, merges)| GeneratedShot {
                shot_type,
                seconds,
                model,
                form,
                flow,
                anchored_mapping,
                merges,
            },
        )
}

/// Writes the shots as a spec. Anchors are only defined where a later alias or merge
/// uses them, as a hand-written spec would; forms a layout cannot hold fall back to
/// ones it can (a block scalar in a flow mapping is written plain).
fn form_yaml(shots: &[GeneratedShot]) -> String {
    let mut scalar_anchors: Vec<usize> = Vec::new();
    let mut mapping_anchors: Vec<usize> = Vec::new();
    // Which alias or merge each shot resolves to, and so which anchors are used.
    let mut alias_of = vec![None; shots.len()];
    let mut merge_of = vec![None; shots.len()];
    for (index, shot) in shots.iter().enumerate() {
        if let Some((k, _)) = shot.merges
            && !mapping_anchors.is_empty()
        {
            merge_of[index] = Some(mapping_anchors[k % mapping_anchors.len()]);
        } else if let ModelForm::Alias(k) = shot.form
            && !scalar_anchors.is_empty()
        {
            alias_of[index] = Some(scalar_anchors[k % scalar_anchors.len()]);
        }
        if merge_of[index].is_none() {
            if matches!(shot.form, ModelForm::Anchored) {
                scalar_anchors.push(index);
            }
            if shot.anchored_mapping {
                mapping_anchors.push(index);
            }
        }
    }
    let used_scalar = |index: usize| alias_of.contains(&Some(index));
    let used_mapping = |index: usize| merge_of.contains(&Some(index));
    let mut out = String::from(
        "version: 1\nproduction: {title: Forms}\nsegments: [{id: s1, duration: 24h}]\nshots:\n",
    );
    for (index, shot) in shots.iter().enumerate() {
        let id = format!("shot-{index}");
        if let (Some(base), Some((_, own_type))) = (merge_of[index], shot.merges) {
            let own_type = own_type.then(|| FORM_TYPES[shot.shot_type]);
            if shot.flow {
                out.push_str(&format!("  - {{<<: *s{base}, id: {id}"));
                if let Some(own_type) = own_type {
                    out.push_str(&format!(", type: {own_type}"));
                }
                out.push_str("}\n");
            } else {
                out.push_str(&format!("  - <<: *s{base}\n    id: {id}\n"));
                if let Some(own_type) = own_type {
                    out.push_str(&format!("    type: {own_type}\n"));
                }
            }
            continue;
        }
        let model = FORM_MODELS[shot.model];
        let value = match &shot.form {
            ModelForm::None => None,
            ModelForm::Plain => Some(model.to_owned()),
            ModelForm::DoubleQuoted => Some(format!("\"{model}\"")),
            ModelForm::SingleQuoted => Some(format!("'{model}'")),
            ModelForm::Block {
                folded,
                comment,
                blank_lines,
            } if !shot.flow => Some(format!(
                "{}{}\n      {model}\n{}",
                if *folded { ">-" } else { "|-" },
                if *comment { " # a block" } else { "" },
                "\n".repeat(*blank_lines)
            )),
            ModelForm::Block { .. } => Some(model.to_owned()),
            ModelForm::Anchored if used_scalar(index) => Some(format!("&m{index} {model}")),
            ModelForm::Anchored => Some(model.to_owned()),
            ModelForm::Alias(_) => {
                Some(alias_of[index].map_or_else(|| model.to_owned(), |def| format!("*m{def}")))
            }
        };
        let anchor = if used_mapping(index) {
            format!("&s{index} ")
        } else {
            String::new()
        };
        let fields = [
            ("id", id),
            ("segment", "s1".to_owned()),
            ("type", FORM_TYPES[shot.shot_type].to_owned()),
            ("duration", format!("{}s", shot.seconds)),
            ("prompt", "p".to_owned()),
        ];
        if shot.flow {
            let mut entries: Vec<String> =
                fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            if let Some(value) = value {
                entries.push(format!("model: {value}"));
            }
            out.push_str(&format!("  - {anchor}{{{}}}\n", entries.join(", ")));
        } else {
            // The first key shares the line of the `- `, unless an anchor is there.
            let mut lead = if anchor.is_empty() {
                "  - ".to_owned()
            } else {
                format!("  - {}\n    ", anchor.trim_end())
            };
            for (key, field) in &fields {
                out.push_str(&format!("{lead}{key}: {field}\n"));
                lead = "    ".to_owned();
            }
            if let Some(value) = value {
                // A block scalar carries its own line breaks.
                let end = if value.ends_with('\n') { "" } else { "\n" };
                out.push_str(&format!("    model: {value}{end}"));
            }
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Over shots whose models are written in every form a spec may use — plain,
    /// quoted, block scalars (last in the file too, with blank lines after), anchored
    /// and aliased values, mappings merged with `<<:` — `--fix` writes a spec that
    /// checks clean, routes every job where the route said and has nothing left to
    /// move; every byte outside its edits is the original's, the end of the file
    /// included; no anchor is left without an alias; and each shot given its own
    /// `model:` is named in a note.
    #[test]
    fn route_fix_handles_every_form_of_model_value(
        shots in proptest::collection::vec(generated_shot(), 1..8),
        allow_draft in proptest::prelude::any::<bool>(),
    ) {
        let yaml = form_yaml(&shots);
        let source = Source::new("forms.yaml", yaml.as_str());
        let spec = load(&source).unwrap_or_else(|e| panic!("{}\n{yaml}", e.message));
        let checked = check(&spec).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"));
        let options = RouteOptions { today: today(), allow_draft };
        let routed = route(&checked, options).expect("routes");
        let fixed = match shotlist::plan::fix::fix(&source, &checked, &routed) {
            Ok(fixed) => fixed,
            Err(refusal) => panic!("refused: {refusal}\n{yaml}"),
        };
        proptest::prop_assert_eq!(fixed.edits.is_empty(), routed.moves.is_empty());
        // Every edit replaces a model value, an alias or an anchor, or adds entries.
        for edit in &fixed.edits {
            let old = &yaml[edit.range.clone()];
            let replaced = old.trim_matches(['"', '\'']);
            let allowed = old.is_empty()
                || FORM_MODELS.contains(&replaced)
                || (old.starts_with("*m") || old.starts_with("&m"));
            proptest::prop_assert!(allowed, "replaced {:?}\n{}", old, yaml);
        }
        let trailing = &yaml[yaml.trim_end().len()..];
        proptest::prop_assert!(fixed.text.ends_with(trailing), "{}", fixed.text);
        for (offset, _) in fixed.text.match_indices("&m") {
            let name: String = fixed.text[offset + 1..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            proptest::prop_assert!(
                fixed.text.contains(&format!("*{name}")),
                "orphaned `&{}`\n{}", name, fixed.text
            );
        }
        for note in &fixed.notes {
            proptest::prop_assert!(note.starts_with("shot `shot-"), "{}", note);
        }

        let again = Source::new("fixed.yaml", fixed.text.as_str());
        let spec = load(&again).expect("the rewrite loads");
        let rechecked = check(&spec).expect("the rewrite checks");
        let rerouted = route(&rechecked, options).expect("routes");
        proptest::prop_assert!(rerouted.moves.is_empty(), "{:?}\n{}", rerouted.moves, fixed.text);
        proptest::prop_assert_eq!(&rerouted.current.totals, &routed.routed.totals);
    }
}

#[test]
fn fix_refuses_a_sheet_model_shared_through_an_anchor_naming_the_sheet() {
    let text = read(MESSY)
        .replace(
            "      model: nano-banana-pro   # named, so only its value changes",
            "      model: *sheet-model",
        )
        .replace(
            "sheet: {status: locked, model: nano-banana-pro}",
            "sheet: {status: locked, model: &sheet-model nano-banana-pro}",
        );
    // The anchor must come before its alias: dee's sheet moves up, before cy.
    let dee = "  - id: dee\n    sheet: {status: locked, model: &sheet-model nano-banana-pro}   # locked: never touched\n";
    let text = text
        .replace(dee, "")
        .replace("  - id: cy\n", &format!("{dee}  - id: cy\n"));
    let (_directory, path) = scratch_copy("sheets.yaml", &text);
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "cannot rewrite the model of the sheet of `cy`: it is the alias `*sheet-model`"
        ),
        "{}",
        outcome.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_shot_on_a_retired_model_is_offered_its_successor_where_it_fits() {
    let document = json(&[
        "route",
        "tests/fixtures/route/successor.yaml",
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let moves = document["moves"].as_array().expect("moves");
    // `calm` (720p) moves to house-new although it costs more: 5 s × 0.2 = 1.00 credit
    // against house-old's 5 s × 0.1 = 0.50, since house-old is retired.
    assert_eq!(moves.len(), 1, "{document}");
    assert_eq!(moves[0]["shot"], "calm");
    assert_eq!(moves[0]["to"]["model"], "house-new");
    assert_eq!(moves[0]["credits"]["routed"], "1.00");
    assert_eq!(moves[0]["reason"], "successor");
    // `peak` is 4k, which house-new has no rate for: it stays.
    let stays = document["stays"].as_array().expect("stays");
    assert!(
        stays.iter().any(|stay| stay["shot"] == "peak"),
        "{document}"
    );
    // Before the retirement date there is nothing to replace.
    let before = json(&[
        "route",
        "tests/fixtures/route/successor.yaml",
        "--today",
        "2026-05-01",
        "--format",
        "json",
    ]);
    assert!(
        before["moves"].as_array().expect("moves").is_empty(),
        "{before}"
    );
}

/// A move to a successor that costs more is an extra cost made because the model is
/// retired: no format calls it cheaper or shows it as a negative saving.
#[test]
fn a_successor_that_costs_more_is_an_extra_cost_not_a_saving() {
    const ONLY: &str = "tests/fixtures/route/successor.yaml";
    const MIXED: &str = "tests/fixtures/route/successor-mixed.yaml";
    snapshot_settings().bind(|| {
        for (file, name) in [(ONLY, "successor"), (MIXED, "successor-mixed")] {
            for format in ["human", "markdown"] {
                let outcome = run_cli(&["route", file, "--today", TODAY, "--format", format], "");
                assert_eq!(outcome.code, 0, "{file}: {}", outcome.stderr);
                assert!(!outcome.stdout.contains("-0"), "{}", outcome.stdout);
                insta::assert_snapshot!(format!("route-{name}.{format}"), outcome.stdout);
            }
        }
    });
    let only = run_cli(&["route", ONLY, "--today", TODAY], "");
    let summary = only.stdout.lines().next().expect("a summary");
    assert!(!summary.contains("cheaper"), "{summary}");
    assert!(
        summary.contains("1 of 2 jobs is on a retired model and moves to its successor"),
        "{summary}"
    );
    assert!(
        summary.contains("costing 0.50 more expected credits"),
        "{summary}"
    );

    // In JSON the move says why it is made; its saving keeps its sign, the extra cost.
    let document = json(&["route", MIXED, "--today", TODAY, "--format", "json"]);
    let moves = document["moves"].as_array().expect("moves");
    let by_shot = |id: &str| {
        moves
            .iter()
            .find(|m| m["shot"] == id)
            .unwrap_or_else(|| panic!("{id} moves: {document}"))
    };
    assert_eq!(by_shot("wave")["reason"], "cheaper");
    assert_eq!(by_shot("wave")["credits"]["saving"], "30.00");
    assert_eq!(by_shot("calm")["reason"], "successor");
    assert_eq!(by_shot("calm")["to"]["model"], "house-new");
    assert_eq!(by_shot("calm")["credits"]["saving"], "-10.00");
    assert_eq!(by_shot("calm")["cost"]["saving"], "-0.10");
    assert_eq!(document["totals"]["credits"]["saving"], "20.00");
    assert_eq!(document["totals"]["cost"]["saving"], "0.20");
}
