//! The JSON Schema in the editor tool most people use for YAML: Red Hat's YAML language
//! server (what VS Code's YAML extension, Neovim's `yamlls`, Helix and Zed run). Through
//! the `# yaml-language-server: $schema=` line every example starts with, it reads
//! `schema/shotlist.schema.json`, finds nothing wrong in the examples, shows the
//! descriptions on hover, and flags what `check` refuses on the line `check` names.
//! `.ci/run` installs the server from npm.

mod common;

use std::process::Command;

use common::jsonrpc::Peer;
use common::{installed_tool, root, yaml_files};
use serde_json::{Value, json};

fn start() -> Option<Peer> {
    let server = installed_tool(
        "node_modules/yaml-language-server/bin/yaml-language-server",
        "yaml-language-server",
    )?;
    let mut command = Command::new("node");
    command.arg(server).arg("--stdio");
    // What an editor sends for `yaml.*`: validation and hovers on, and no schemas from
    // the network (SchemaStore), so that only the file's own `$schema` line applies.
    let settings = json!({"validate": true, "hover": true, "completion": true,
                          "schemaStore": {"enable": false}});
    let mut peer = Peer::spawn(command, settings.clone());
    let root_uri = format!("file://{}", root().display());
    peer.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    peer.notify("initialized", json!({}));
    peer.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"yaml": settings}}),
    );
    Some(peer)
}

fn uri(path: &str) -> String {
    format!("file://{}", root().join(path).display())
}

#[test]
fn the_examples_have_no_problems_under_the_schema() {
    let Some(mut peer) = start() else { return };
    let files = yaml_files("examples");
    assert!(files.len() >= 3, "{files:?}");
    for file in files
        .iter()
        .map(String::as_str)
        .chain(["tests/fixtures/ok/base.yaml"])
    {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema="),
            "{file} names the schema on its first line"
        );
        peer.open(&uri(file), &text);
        let diagnostics = peer.diagnostics_for(&uri(file));
        assert!(diagnostics.is_empty(), "{file}: {diagnostics:#?}");
    }
    assert!(peer.finish().success());
}

/// The line (0-based) of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle}"))
}

/// Each change is refused by `check` and flagged by the server, both on the changed line.
const REFUSED: &[(&str, &str)] = &[
    ("  takes: 3\n", "  takes: 0\n"),
    ("  credits: 5000\n", "  credits: -1\n"),
    ("  grid_options: 4\n", "  grid_options: 0\n"),
    (
        "  title: The Lighthouse Keeper\n",
        "  titel: The Lighthouse Keeper\n  title: x\n",
    ),
    ("    duration: 15s\n", "    duration: 0s\n"),
    (
        "type: establishing, duration: 5s",
        "type: establishin, duration: 5s",
    ),
    ("type: hero, duration: 6s", "type: hero, duration: 0s"),
];

#[test]
fn what_check_refuses_is_flagged_on_the_line_check_names() {
    let Some(mut peer) = start() else { return };
    let lighthouse = std::fs::read_to_string(root().join("examples/lighthouse.yaml")).unwrap();
    for (index, (from, to)) in REFUSED.iter().enumerate() {
        assert!(lighthouse.contains(from), "{from}");
        let text = lighthouse.replacen(from, to, 1);
        let line = lighthouse[..lighthouse.find(from).unwrap()]
            .matches('\n')
            .count() as u64;
        // Not on disk: the editor holds it. Beside the examples, its `$schema` line
        // resolves to the committed schema.
        let document = uri(&format!("examples/unsaved-{index}.yaml"));
        peer.open(&document, &text);
        let diagnostics = peer.diagnostics_for(&document);
        assert!(
            diagnostics
                .iter()
                .any(|d| d["range"]["start"]["line"] == line
                    && d["severity"] == 1
                    && d["source"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("shotlist production spec")),
            "{to:?}: nothing from the schema on line {}: {diagnostics:#?}",
            line + 1
        );
        let checked = common::run_cli(&["check", "--format", "json", "-"], &text);
        assert_eq!(checked.code, 1, "{to:?}");
        let report: Value = serde_json::from_str(&checked.stdout).unwrap();
        assert!(
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["line"].as_u64() == Some(line + 1)),
            "{to:?}: check names another line: {report:#}"
        );
    }
    assert!(peer.finish().success());
}

#[test]
fn hovers_show_the_schema_descriptions() {
    let Some(mut peer) = start() else { return };
    let text = std::fs::read_to_string(root().join("examples/lighthouse.yaml")).unwrap();
    let document = uri("examples/lighthouse.yaml");
    peer.open(&document, &text);
    peer.diagnostics_for(&document);
    let line = line_of(&text, "  takes: 3");
    let hover = peer.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": document}, "position": {"line": line, "character": 3}}),
    );
    let contents = hover["contents"]["value"].as_str().unwrap_or_default();
    // The field's meaning, under the value's form as the heading.
    assert!(
        contents.contains("Expected generations per usable video shot"),
        "{hover:#}"
    );
    assert!(contents.starts_with("#### An exact decimal"), "{hover:#}");
    assert!(peer.finish().success());
}
