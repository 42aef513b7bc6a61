//! Shell completions for every shell clap_complete knows, checked by the shells that are
//! installed, and the committed man pages in docs/man/ kept current.

mod common;

use std::process::Command;

use common::{root, run_cli};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

#[test]
fn every_shell_gets_a_completion_script_that_names_the_commands() {
    for shell in SHELLS {
        let outcome = run_cli(&["completions", shell], "");
        assert_eq!(outcome.code, 0, "{shell}: {}", outcome.stderr);
        for word in ["lint", "plan", "completions", "sarif-root", "format"] {
            assert!(
                outcome.stdout.contains(word),
                "{shell}: no `{word}` in the script"
            );
        }
    }
    assert_eq!(run_cli(&["completions", "tcsh"], "").code, 2);
}

/// Where the shell is installed, it reads its script without a syntax error (`-n`
/// parses without running).
#[test]
fn installed_shells_parse_their_scripts() {
    for (shell, args) in [
        ("bash", &["-n"][..]),
        ("zsh", &["-n"][..]),
        ("fish", &["--no-execute"][..]),
    ] {
        if !common::runs(shell) {
            eprintln!("SKIPPED: {shell} is not installed, so its script is not parsed");
            continue;
        }
        let script = run_cli(&["completions", shell], "").stdout;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shotlist.completion");
        std::fs::write(&path, script).unwrap();
        let output = Command::new(shell).args(args).arg(&path).output().unwrap();
        assert!(
            output.status.success(),
            "{shell} refused its script: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// `UPDATE_DOCS=1 cargo test --test completions` rewrites docs/man/.
#[test]
fn committed_man_pages_are_current() {
    let dir = root().join("docs/man");
    let pages = shotlist::cli::man_pages();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, page) in &pages {
            std::fs::write(dir.join(name), page).unwrap();
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    committed.sort();
    let mut expected: Vec<String> = pages.iter().map(|(name, _)| name.clone()).collect();
    expected.sort();
    assert_eq!(
        committed, expected,
        "docs/man/ is stale: run `UPDATE_DOCS=1 cargo test --test completions`"
    );
    for (name, page) in pages {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert!(
            text == page,
            "docs/man/{name} is stale: run `UPDATE_DOCS=1 cargo test --test completions`"
        );
    }
}

/// Every option and positional of every command says what it is for, in `--help`, the
/// completions and the man pages.
#[test]
fn every_argument_has_a_description() {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
            // Flags' true/false and clap_complete's shell names explain themselves.
            let named_values = arg.get_action().takes_values() && arg.get_id() != "shell";
            for value in arg
                .get_possible_values()
                .into_iter()
                .filter(|_| named_values)
            {
                if !value.is_hide_set() && value.get_help().is_none() {
                    missing.push(format!("{path} {}={}", arg.get_id(), value.get_name()));
                }
            }
        }
        // `generate` is hidden, a developer's tool documented in BENCHMARKS.md.
        for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            if sub.get_about().is_none() {
                missing.push(format!("{path} {}", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&shotlist::cli::Cli::command(), "shotlist", &mut missing);
    assert!(missing.is_empty(), "no description: {missing:#?}");
}
