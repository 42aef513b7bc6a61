//! Shared test harness: run the CLI in-process and snapshot its output under
//! `snapshots/`, with no colour and a fixed width.

#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod jsonrpc;

use std::path::{Path, PathBuf};

use clap::Parser;
use shotlist::cli::{Cli, Io, run};

/// What one command run produced.
#[derive(Debug)]
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `shotlist <args>` in-process with `stdin` as standard input. Paths in `args`
/// are relative to the crate root, so snapshots show stable, short file names.
pub fn run_cli(args: &[&str], stdin: &str) -> Outcome {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root exists");
    let argv = std::iter::once("shotlist").chain(args.iter().copied());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(error) => {
            return Outcome {
                code: 2,
                stdout: String::new(),
                stderr: error.to_string(),
            };
        }
    };
    let mut input = stdin.as_bytes();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        cli,
        &mut Io {
            stdin: &mut input,
            stdout: &mut stdout,
            stderr: &mut stderr,
            stdout_is_terminal: false,
        },
    );
    Outcome {
        code,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `*.yaml` files in a directory under the crate root, sorted, as relative paths.
pub fn yaml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| {
            path.strip_prefix(root())
                .expect("under root")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
}

/// The file's stem, used to name its snapshot.
pub fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// insta settings: snapshots in `snapshots/`, named without the module prefix.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Where `.ci/run` installs the third-party tools that outputs are tested against:
/// `$SHOTLIST_TOOLS`, else `target/tools` (npm packages under `node_modules`, Python
/// ones in `venv`).
pub fn tools_dir() -> PathBuf {
    std::env::var_os("SHOTLIST_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target").join("tools"))
}

/// A tool's path when it is installed. When it is not, says so on stderr and returns
/// `None`, so that the test can skip; under CI (`CI` set), where `.ci/run` installs
/// every tool, a missing one fails the test instead.
pub fn installed_tool(relative: &str, what: &str) -> Option<PathBuf> {
    let path = tools_dir().join(relative);
    if path.exists() {
        return Some(path);
    }
    let message = format!(
        "{what} is not installed at {}; run .ci/run (or set SHOTLIST_TOOLS) to install it",
        path.display()
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED: {message}");
    None
}

/// Whether a program can be run at all (`PROGRAM --version` succeeds).
pub fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}
