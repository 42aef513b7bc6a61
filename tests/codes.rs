//! The check codes: unique, ascending and well-formed; the full list snapshotted so
//! that no code moves, is renamed or is reused unnoticed; and the code table in the
//! committed docs/FORMAT.md the one generated from [`CheckCode`].

mod common;

use std::collections::HashSet;

use common::{root, snapshot_settings};
use shotlist::diagnostic::CheckCode;

#[test]
fn codes_are_unique_ascending_and_well_formed() {
    let mut names = HashSet::new();
    let mut previous: Option<&str> = None;
    for code in CheckCode::ALL {
        let def = code.def();
        let (id, name) = (def.id, def.name);
        assert!(
            id.len() == 4 && id.starts_with('E') && id[1..].bytes().all(|b| b.is_ascii_digit()),
            "{id} is not `E` and three digits"
        );
        assert!(
            previous.is_none_or(|previous| previous < id),
            "{id} comes after {previous:?}: ids must be unique and ascending"
        );
        previous = Some(id);
        assert!(names.insert(name), "duplicate name {name}");
        assert!(
            !name.is_empty()
                && name.split('-').all(|part| !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{name} is not kebab-case"
        );
        assert!(!code.description().is_empty(), "{id} has no description");
        assert_eq!(CheckCode::find(id), Some(*code));
        assert_eq!(CheckCode::find(&id.to_ascii_lowercase()), Some(*code));
        assert_eq!(CheckCode::find(name), Some(*code));
        assert_eq!(CheckCode::of(def), Some(*code));
    }
}

/// Every check code, one a line: a renumbered, renamed or reworded code shows here.
#[test]
fn code_list_snapshot() {
    let list: String = CheckCode::ALL
        .iter()
        .map(|code| {
            let def = code.def();
            format!("{} {}: {}\n", def.id, def.name, code.description())
        })
        .collect();
    snapshot_settings().bind(|| insta::assert_snapshot!("check_codes", list));
}

const START: &str = "<!-- codes:start -->\n";
const END: &str = "<!-- codes:end -->\n";

/// docs/FORMAT.md's code table is generated; `UPDATE_DOCS=1 cargo test --test codes`
/// rewrites it.
#[test]
fn format_doc_code_table_is_up_to_date() {
    let path = root().join("docs/FORMAT.md");
    let committed = std::fs::read_to_string(&path).expect("docs/FORMAT.md");
    let (before, rest) = committed
        .split_once(START)
        .expect("docs/FORMAT.md marks its code table with <!-- codes:start -->");
    let (table, after) = rest
        .split_once(END)
        .expect("docs/FORMAT.md ends its code table with <!-- codes:end -->");
    let generated = CheckCode::markdown_table();
    if table != generated && std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{before}{START}{generated}{END}{after}")).unwrap();
        return;
    }
    assert!(
        table == generated,
        "docs/FORMAT.md's code table is stale: run `UPDATE_DOCS=1 cargo test --test codes`"
    );
}
