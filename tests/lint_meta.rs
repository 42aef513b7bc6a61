//! The registry itself: every rule is documented, has a firing fixture and a unique,
//! well-formed code and name; the code list is snapshotted so codes never move; and the
//! committed `docs/rules.md` is the one generated from the registry.

mod common;

use std::collections::HashSet;

use common::{root, run_cli, snapshot_settings};
use shotlist::lint::registry::{self, RULES};
use shotlist::spec::Level;

const SECTIONS: [&str; 4] = [
    "## What it does\n",
    "## Why it matters\n",
    "## Example\n",
    "## Use instead\n",
];

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in RULES {
        let (id, name) = (rule.code.id, rule.code.name);
        assert!(codes.insert(id), "duplicate code {id}");
        assert!(names.insert(name), "duplicate name {name}");
        assert!(
            id.len() == 4 && id.starts_with('L') && id[1..].bytes().all(|b| b.is_ascii_digit()),
            "{id} is not `L` and three digits"
        );
        assert!(
            !name.is_empty()
                && name
                    .split('-')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase())),
            "{name} is not kebab-case"
        );
        assert_ne!(rule.default_level, Level::Off, "{name} is off by default");
        assert!(std::ptr::eq(registry::find(id).unwrap(), *rule));
        assert!(std::ptr::eq(registry::find(name).unwrap(), *rule));
        assert!(std::ptr::eq(
            registry::find(&id.to_ascii_lowercase()).unwrap(),
            *rule
        ));
    }
    // Codes are listed in order, so a new rule takes the next number.
    let ids: Vec<_> = RULES.iter().map(|r| r.code.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn every_rule_has_docs_options_and_a_fixture() {
    for rule in RULES {
        let name = rule.code.name;
        assert!(
            !rule.summary.is_empty() && !rule.summary.ends_with('.'),
            "{name}: summary"
        );
        let mut position = 0;
        for section in SECTIONS {
            let found = rule.docs[position..]
                .find(section)
                .unwrap_or_else(|| panic!("{name}: no `{}` section, in order", section.trim()));
            position += found + section.len();
        }
        for body in rule.docs.split("## ").skip(1) {
            let text = body.split_once('\n').map_or("", |(_, text)| text.trim());
            assert!(!text.is_empty(), "{name}: an empty section");
        }
        assert!(
            rule.docs.contains("```yaml\n"),
            "{name}: the example is not YAML"
        );
        assert!(
            !rule.docs.contains("## Options"),
            "{name}: options are generated"
        );
        let explained = shotlist::report::rules::explain(rule);
        assert!(
            explained.contains("## Options\n"),
            "{name}: no options section"
        );
        for option in rule.options {
            let option_name = option.name();
            assert!(
                option_name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}: option {option_name} is not snake_case"
            );
            assert!(!option.description().is_empty(), "{name}.{option_name}");
            assert_eq!(
                option.validate(&option.default_text()),
                Ok(()),
                "{name}.{option_name}: the default does not parse"
            );
            assert!(explained.contains(&format!("`{option_name}`")));
        }
        let source = root().join(format!("src/lint/rules/{}.rs", name.replace('-', "_")));
        assert!(
            source.is_file(),
            "{name}: not declared in {}",
            source.display()
        );
        let fixture = root().join(format!("tests/fixtures/lint/{name}/fires.yaml"));
        assert!(fixture.is_file(), "{name}: no {}", fixture.display());
    }
    // And no fixture directory names a rule that does not exist.
    for entry in std::fs::read_dir(root().join("tests/fixtures/lint")).unwrap() {
        let dir = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            registry::find(&dir).is_some(),
            "fixtures for unknown rule {dir}"
        );
    }
}

#[test]
fn rule_list_is_stable() {
    let outcome = run_cli(&["rules"], "");
    assert_eq!(outcome.code, 0);
    snapshot_settings().bind(|| insta::assert_snapshot!("rules_list", outcome.stdout));
    let json = run_cli(&["rules", "--format", "json"], "");
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["rules"].as_array().unwrap().len(), RULES.len());
}

#[test]
fn explain_prints_rule_docs_and_check_codes() {
    let by_name = run_cli(&["explain", "cut-density"], "");
    assert_eq!(by_name.code, 0);
    assert_eq!(run_cli(&["explain", "l001"], "").stdout, by_name.stdout);
    let check = run_cli(&["explain", "E104"], "");
    assert_eq!(check.code, 0);
    let unknown = run_cli(&["explain", "cut-densty"], "");
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `cut-density`?"),
        "{}",
        unknown.stderr
    );
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("explain_cut_density", by_name.stdout);
        insta::assert_snapshot!("explain_check_code", check.stdout);
    });
}

/// `docs/rules.md` is generated; `UPDATE_DOCS=1 cargo test --test lint_meta` rewrites it.
#[test]
fn rules_doc_is_up_to_date() {
    let path = root().join("docs/rules.md");
    let generated = shotlist::report::rules::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test lint_meta`"
    );
}
