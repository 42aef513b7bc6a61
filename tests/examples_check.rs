//! Every example and every `ok` fixture checks clean.

mod common;

use common::{run_cli, yaml_files};

#[test]
fn examples_and_ok_fixtures_check_clean() {
    let files: Vec<String> = yaml_files("examples")
        .into_iter()
        .chain(yaml_files("tests/fixtures/ok"))
        .collect();
    assert!(files.len() >= 3, "expected the examples to be found");
    for file in files {
        let outcome = run_cli(&["check", &file], "");
        assert_eq!(
            outcome.code, 0,
            "{file} should check clean:\n{}",
            outcome.stdout
        );
        assert!(
            outcome.stdout.contains(": ok — "),
            "{file}: {}",
            outcome.stdout
        );
    }
}
