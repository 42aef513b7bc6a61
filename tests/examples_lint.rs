//! Every example lints clean, warnings included: they are the specs users start from.
//! Where an example accepts a risk, the shot says so with `allow:` and a comment.

mod common;

use common::{run_cli, yaml_files};

#[test]
fn examples_lint_clean() {
    let files = yaml_files("examples");
    assert!(files.len() >= 3, "expected the examples to be found");
    for file in files {
        let outcome = run_cli(&["lint", "--strict", "--today", "2026-11-21", &file], "");
        assert_eq!(
            outcome.code, 0,
            "{file} should lint clean:\n{}",
            outcome.stdout
        );
        assert_eq!(outcome.stdout, format!("{file}: ok — no lint findings\n"));
    }
}
