//! The plan's mermaid gantt, read by current mermaid itself (the `mermaid` npm package
//! that `.ci/run` installs): each stage's bar spans its stretch of the running expected
//! credits, and each gate sits where its stage ends. Mermaid 11 once drew every bar
//! from zero, having read an all-digit start as milliseconds and the end as seconds.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{installed_tool, root, run_cli, runs, tools_dir, yaml_files};
use serde_json::Value;

/// The tasks mermaid lays out for a gantt, with its version.
fn mermaid_tasks(gantt: &str) -> (String, Vec<Value>) {
    let mut child = Command::new("node")
        .arg(root().join("tests/tools/gantt_tasks.mjs"))
        .arg(tools_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(gantt.as_bytes())
        .expect("node reads the gantt");
    let output = child.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "mermaid refused the gantt:\n{gantt}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Value = serde_json::from_slice(&output.stdout).expect("JSON from the script");
    (
        parsed["version"].as_str().unwrap_or("?").to_owned(),
        parsed["tasks"].as_array().expect("tasks").clone(),
    )
}

fn gantt_of(markdown: &str) -> String {
    let start = markdown.find("```mermaid\n").expect("a mermaid block") + "```mermaid\n".len();
    let length = markdown[start..].find("```").expect("the block ends");
    markdown[start..start + length].to_owned()
}

/// Milliseconds, as mermaid counts them under `dateFormat X`, of whole credits.
fn millis(credits: &str) -> i64 {
    (credits.parse::<f64>().expect("a decimal").round() as i64) * 1000
}

#[test]
fn mermaid_places_every_stage_and_gate_along_the_running_total() {
    if !runs("node") {
        assert!(std::env::var_os("CI").is_none(), "node is not installed");
        eprintln!("SKIPPED: node is not installed, so mermaid cannot read the gantt");
        return;
    }
    if installed_tool("node_modules/mermaid", "the mermaid npm package").is_none()
        || installed_tool("node_modules/jsdom", "the jsdom npm package").is_none()
    {
        return;
    }
    for example in yaml_files("examples") {
        let markdown = run_cli(&["plan", &example, "--format", "markdown"], "").stdout;
        let plan: Value =
            serde_json::from_str(&run_cli(&["plan", &example, "--format", "json"], "").stdout)
                .expect("plan JSON");
        let (version, tasks) = mermaid_tasks(&gantt_of(&markdown));
        let stages = plan["stages"].as_array().expect("stages");
        assert_eq!(
            tasks.len(),
            2 * stages.len(),
            "{example}: a bar and a gate per stage"
        );
        let mut start = 0;
        for (index, stage) in stages.iter().enumerate() {
            let end = millis(stage["cumulative_credits"].as_str().expect("credits"));
            let (bar, gate) = (&tasks[2 * index], &tasks[2 * index + 1]);
            let context = format!("{example}, stage {index}, mermaid {version}");
            assert_eq!(bar["id"], format!("s{index}"), "{context}");
            assert_eq!(
                bar["start"], start,
                "{context}: the bar starts where the last ended"
            );
            assert_eq!(
                bar["end"], end,
                "{context}: the bar ends at the running total"
            );
            assert_eq!(gate["milestone"], true, "{context}");
            assert_eq!(
                gate["start"], end,
                "{context}: the gate sits at the stage's end"
            );
            start = end;
        }
    }
}
