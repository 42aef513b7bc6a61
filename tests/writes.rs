//! Every command that writes a file keeps the rules of `shotlist::atomic`: `plan -o`,
//! `plan --check X --update` and `route --fix` refuse the input spec and read-only
//! files (exit 2, the file byte-identical), write through symbolic links and into
//! devices without replacing them, and leave no temporary file behind.

mod common;

use std::path::Path;

use common::{root, run_cli};

const SPEC: &str = "examples/lighthouse.yaml";
const TODAY: &str = "2026-11-21";

/// The names in `directory`, sorted.
fn entries(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A copy of the lighthouse example in a fresh directory.
fn spec_copy() -> (tempfile::TempDir, String, String) {
    let directory = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(SPEC)).unwrap();
    let path = directory.path().join("spec.yaml");
    std::fs::write(&path, &text).unwrap();
    (directory, path.to_string_lossy().into_owned(), text)
}

fn assert_refused(outcome: &common::Outcome, why: &str) {
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.starts_with("shotlist: cannot write ") && outcome.stderr.contains(why),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_plan_is_never_written_over_its_spec() {
    let (directory, path, text) = spec_copy();
    // Another spelling of the same path: compared as files, not as text.
    let spelled = directory.path().join(".").join("spec.yaml");
    let spelled = spelled.to_string_lossy();
    let outcome = run_cli(&["plan", &path, "-o", &spelled], "");
    assert_refused(&outcome, "it is the input");
    let outcome = run_cli(&["plan", &path, "--check", &spelled, "--update"], "");
    assert_refused(&outcome, "it is the input");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(entries(directory.path()), ["spec.yaml"]);
}

#[cfg(unix)]
#[test]
fn read_only_files_are_refused_by_every_write() {
    use std::os::unix::fs::PermissionsExt;
    let (directory, path, text) = spec_copy();
    let read_only = std::fs::Permissions::from_mode(0o444);
    std::fs::set_permissions(&path, read_only.clone()).unwrap();
    let outcome = run_cli(&["route", &path, "--fix", "--today", TODAY], "");
    assert_refused(&outcome, "read-only");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    let plan = directory.path().join("plan.json");
    std::fs::write(&plan, "{}\n").unwrap();
    std::fs::set_permissions(&plan, read_only).unwrap();
    let plan = plan.to_string_lossy();
    let outcome = run_cli(&["plan", SPEC, "--check", &plan, "--update"], "");
    assert_refused(&outcome, "read-only");
    let outcome = run_cli(&["plan", SPEC, "-o", &plan], "");
    assert_refused(&outcome, "read-only");
    assert_eq!(std::fs::read_to_string(&*plan).unwrap(), "{}\n");
    assert_eq!(entries(directory.path()), ["plan.json", "spec.yaml"]);
}

#[cfg(unix)]
#[test]
fn route_fix_writes_through_a_link_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (directory, path, text) = spec_copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = directory.path().join("link.yaml");
    std::os::unix::fs::symlink("spec.yaml", &link).unwrap();
    let outcome = run_cli(
        &["route", &link.to_string_lossy(), "--fix", "--today", TODAY],
        "",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let rewritten = std::fs::read_to_string(&path).unwrap();
    assert_ne!(rewritten, text, "the target holds the rewrite");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(entries(directory.path()), ["link.yaml", "spec.yaml"]);
}

#[cfg(unix)]
#[test]
fn a_plan_written_to_a_device_leaves_the_device() {
    use std::os::unix::fs::FileTypeExt;
    // A device of our own: the sandbox's /dev/null may be a regular file.
    let directory = tempfile::tempdir().unwrap();
    let device = directory.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: making a device needs root and `mknod`");
        return;
    }
    let outcome = run_cli(&["plan", SPEC, "-o", &device.to_string_lossy()], "");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(kind.is_char_device(), "still a device, not a plan");
    assert_eq!(entries(directory.path()), ["null"]);
}

#[cfg(unix)]
#[test]
fn a_spec_redirected_to_standard_input_is_still_the_input() {
    let (directory, path, text) = spec_copy();
    let spec = std::fs::File::open(&path).unwrap();
    let outcome = std::process::Command::new(env!("CARGO_BIN_EXE_shotlist"))
        .args(["plan", "-", "-o", &path])
        .stdin(spec)
        .output()
        .unwrap();
    assert_eq!(outcome.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&outcome.stderr);
    assert!(stderr.contains("it is the input"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(entries(directory.path()), ["spec.yaml"]);
}

#[cfg(unix)]
#[test]
fn dev_stdout_sent_to_a_file_is_appended_to_not_replaced() {
    let directory = tempfile::tempdir().unwrap();
    let log = directory.path().join("log.txt");
    std::fs::write(&log, "written before\n").unwrap();
    let appending = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let outcome = std::process::Command::new(env!("CARGO_BIN_EXE_shotlist"))
        .current_dir(root())
        .args(["plan", SPEC, "--format", "csv", "-o", "/dev/stdout"])
        .stdout(appending)
        .output()
        .unwrap();
    assert_eq!(outcome.status.code(), Some(0), "{outcome:?}");
    let written = std::fs::read_to_string(&log).unwrap();
    let plan = run_cli(&["plan", SPEC, "--format", "csv"], "").stdout;
    assert_eq!(written, format!("written before\n{plan}"));
    assert_eq!(entries(directory.path()), ["log.txt"]);
}
