//! `shotlist lsp` driven as an editor drives it: a separate process, real JSON-RPC
//! frames over its stdin and stdout.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::jsonrpc::Peer;
use serde_json::{Value, json};

const URI: &str = "file:///work/spec.yaml";

/// A spec with a check error on a line with non-ASCII text: the unknown segment `s9`
/// comes after a prompt holding `é` (1 UTF-16 unit, 2 bytes) and `🎬` (2 units, 4 bytes).
const BROKEN: &str = "version: 1
production: {title: Café}
budget: {credits: 5000, price_per_credit: \"0.01\"}
characters:
  - {id: mara, look: grey braid, sheet: {status: locked}}
props:
  - {id: lamp}
segments:
  - {id: s1, duration: 10s}
shots:
  - {id: a, segment: s1, type: b-roll, duration: 5s, prompt: \"Café 🎬\", model: kling-2.6-standard}
  - {id: b, segment: s9, type: hero, duration: 5s, prompt: \"Mara à 🎬\", characters: [mara], model: veo-3.1}
";

/// `shotlist lsp` with the test's document, over the shared JSON-RPC client.
struct Client(Peer);

impl std::ops::Deref for Client {
    type Target = Peer;
    fn deref(&self) -> &Peer {
        &self.0
    }
}

impl std::ops::DerefMut for Client {
    fn deref_mut(&mut self) -> &mut Peer {
        &mut self.0
    }
}

impl Client {
    fn start() -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_shotlist"));
        command.args(["lsp", "--debounce-ms", "20"]);
        let mut client = Client(Peer::spawn(command, Value::Null));
        let result = client.request("initialize", json!({"capabilities": {}, "processId": null}));
        assert_eq!(result["serverInfo"]["name"], "shotlist");
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
        client.notify("initialized", json!({}));
        client
    }

    fn diagnostics(&mut self) -> Vec<Value> {
        let message = self.wait(|m| m["method"] == "textDocument/publishDiagnostics");
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, text: &str) -> Vec<Value> {
        self.0.open(URI, text);
        self.diagnostics()
    }

    fn change(&mut self, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, line: usize, character: usize) -> Value {
        let mut params = json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
        if method == "textDocument/references" {
            params["context"] = json!({"includeDeclaration": true});
        }
        self.request(method, params)
    }

    fn finish(self) {
        let status = self.0.finish();
        assert_eq!(status.code(), Some(0), "exit after shutdown is 0");
    }
}

/// The UTF-16 column of byte offset `byte` of `line`.
fn utf16(line: &str, byte: usize) -> usize {
    line[..byte].encode_utf16().count()
}

fn line_of(text: &str, needle: &str) -> (usize, usize, &'static str) {
    let (number, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap();
    let byte = line.find(needle).unwrap();
    (
        number,
        utf16(line, byte),
        Box::leak(line.to_owned().into_boxed_str()),
    )
}

fn plan_json(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shotlist"))
        .args(["plan", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_clean(text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, text).unwrap();
    Command::new(env!("CARGO_BIN_EXE_shotlist"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap()
        .status
        .success()
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, c) in text[start..].char_indices() {
            if units >= character {
                return start + at;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<_> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn diagnostics_are_live_with_exact_utf16_ranges() {
    let mut client = Client::start();
    let diagnostics = client.open(BROKEN);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "E102");
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["source"], "shotlist");
    assert!(
        diagnostic["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/FORMAT.md#check-error-codes")
    );
    let (line, column, _) = line_of(BROKEN, "s9");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": line, "character": column})
    );
    assert_eq!(
        diagnostic["range"]["end"],
        json!({"line": line, "character": column + 2})
    );

    // The fix: typed, debounced, analysed again. A lint finding on a line after the
    // non-ASCII text lands in UTF-16 columns too.
    let fixed = BROKEN.replace("segment: s9", "segment: s1");
    client.change(2, &fixed);
    let diagnostics = client.diagnostics();
    let codes: Vec<_> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"E102"), "{codes:?}");
    assert!(codes.iter().all(|code| code.starts_with('L')), "{codes:?}");
    let lint = diagnostics
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with('L'))
        .unwrap();
    assert!(
        lint["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .contains("rules.md#l0")
    );
    client.finish();
}

#[test]
fn a_newer_edit_supersedes_a_stale_one() {
    let mut client = Client::start();
    client.open(BROKEN);
    // Three edits in a row, inside one debounce: only the last one is analysed.
    client.change(2, &BROKEN.replace("segment: s9", "segment: s7"));
    client.change(3, &BROKEN.replace("segment: s9", "segment: s8"));
    client.change(4, &BROKEN.replace("segment: s9", "segment: s1"));
    let message = client.wait(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(message["params"]["version"], 4, "{message}");
    client.finish();
}

#[test]
fn inlay_hints_match_the_plan_json() {
    let spec = BROKEN.replace("segment: s9", "segment: s1");
    let plan = plan_json(&spec);
    let mut client = Client::start();
    client.open(&spec);
    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
    );
    let hints = hints.as_array().unwrap();
    let label_at = |line: usize| {
        hints
            .iter()
            .find(|h| h["position"]["line"] == json!(line))
            .map(|h| h["label"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("no hint on line {line}: {hints:?}"))
    };
    let segment = plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["id"] == "segment:s1")
        .unwrap();
    let (line, _, text) = line_of(&spec, "id: s1,");
    assert_eq!(
        label_at(line),
        format!(
            "segment {} cr · ${}",
            segment["credits"].as_str().unwrap(),
            segment["cost"].as_str().unwrap()
        )
    );
    for job in segment["jobs"].as_array().unwrap() {
        let id = job["shot"].as_str().unwrap();
        let (line, _, shot_line) = line_of(&spec, &format!("{{id: {id},"));
        let label = label_at(line);
        assert_eq!(
            label,
            format!(
                "{} cr · ${}",
                job["credits"].as_str().unwrap(),
                job["cost"].as_str().unwrap()
            )
        );
        let hint = hints
            .iter()
            .find(|h| h["position"]["line"] == json!(line))
            .unwrap();
        // At the end of the line, in UTF-16 units.
        assert_eq!(
            hint["position"]["character"],
            json!(utf16(shot_line, shot_line.len()))
        );
    }
    let _ = text;
    client.finish();
}

#[test]
fn hovers_show_the_plan_line_the_catalog_and_the_docs() {
    let spec = BROKEN.replace("segment: s9", "segment: s1");
    let plan = plan_json(&spec);
    let mut client = Client::start();
    client.open(&spec);
    let job = &plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["id"] == "segment:s1")
        .unwrap()["jobs"][1];
    let (line, column, _) = line_of(&spec, "{id: b,");
    let hover = client.at("textDocument/hover", line, column + 1);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("shot `b`") && text.contains("`veo-3.1` "),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "| expected | {} ",
            job["credits"].as_str().unwrap()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "running total | {} cr, within the 5,000.00-credit cap",
            job["cumulative_credits"].as_str().unwrap()
        )),
        "{text}"
    );

    let (line, column, _) = line_of(&spec, "veo-3.1}");
    let hover = client.at("textDocument/hover", line, column + 2);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("model `veo-3.1`") && text.contains("premium video"),
        "{text}"
    );
    assert!(
        text.contains("source (") && text.contains("status: "),
        "{text}"
    );

    let (line, column, _) = line_of(&spec, "[mara]");
    let hover = client.at("textDocument/hover", line, column + 2);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("character `mara`")
            && text.contains("grey braid")
            && text.contains("sheet locked"),
        "{text}"
    );

    let with_allow = spec.replace("model: veo-3.1}", "model: veo-3.1, allow: [crowded-shot]}");
    client.change(2, &with_allow);
    let (line, column, _) = line_of(&with_allow, "crowded-shot");
    let hover = client.at("textDocument/hover", line, column + 1);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("L015 `crowded-shot`") && text.contains("## What it does"),
        "{text}"
    );
    client.finish();
}

#[test]
fn definition_references_and_symbols() {
    let spec = BROKEN.replace("segment: s9", "segment: s1");
    let mut client = Client::start();
    client.open(&spec);
    let (line, column, _) = line_of(&spec, "segment: s1, type: hero");
    let found = client.at("textDocument/definition", line, column + 9);
    let (def_line, def_column, _) = line_of(&spec, "id: s1,");
    assert_eq!(
        found[0]["range"]["start"],
        json!({"line": def_line, "character": def_column + 4})
    );
    let references = client.at("textDocument/references", def_line, def_column + 4);
    assert_eq!(references.as_array().unwrap().len(), 3, "{references}");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols[0]["name"], "s1");
    let shots: Vec<_> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(shots, [json!("a"), json!("b")]);
    assert_eq!(symbols[1]["name"], "mara");
    client.finish();
}

#[test]
fn completion_offers_ids_and_priced_models() {
    let spec = BROKEN.replace("segment: s9", "segment: s1");
    let mut client = Client::start();
    client.open(&spec);
    let (line, column, _) = line_of(&spec, "characters: [mara]");
    let items = client.at(
        "textDocument/completion",
        line,
        column + "characters: [ma".len(),
    );
    let labels: Vec<_> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].clone())
        .collect();
    assert_eq!(labels, [json!("mara")]);
    let (line, column, _) = line_of(&spec, "kling-2.6-standard}");
    let items = client.at("textDocument/completion", line, column + 3);
    let items = items.as_array().unwrap();
    assert!(items.len() > 3, "{items:?}");
    let priced = items
        .iter()
        .find(|i| i["label"] == "veo-3.1")
        .expect("veo-3.1 offered");
    assert!(
        priced["detail"]
            .as_str()
            .unwrap()
            .contains("cr expected for this shot"),
        "{priced}"
    );
    client.finish();
}

#[test]
fn code_actions_fix_the_spec() {
    let mut client = Client::start();
    let misspelt = BROKEN
        .replace("segment: s9", "segment: s1")
        .replace("characters: [mara]", "characters: [marra]");
    let diagnostics = client.open(&misspelt);
    assert_eq!(diagnostics[0]["code"], "E103");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Replace `marra` with `mara`")
        .unwrap_or_else(|| panic!("{actions}"));
    let fixed = apply(&misspelt, fix["edit"]["changes"][URI].as_array().unwrap());
    assert!(check_clean(&fixed), "{fixed}");

    // The route switch: the b-roll shot `a` on a model route would move off.
    let expensive = fixed.replace("model: kling-2.6-standard", "model: veo-3.1");
    client.change(2, &expensive);
    let (line, column, _) = line_of(&expensive, "{id: a,");
    let range = json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column}});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let switch = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Switch `a` to"))
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert!(switch["title"].as_str().unwrap().contains("saves"));
    let switched = apply(
        &expensive,
        switch["edit"]["changes"][URI].as_array().unwrap(),
    );
    assert!(check_clean(&switched), "{switched}");
    assert!(
        !switched.contains("prompt: \"Café 🎬\", model: veo-3.1"),
        "{switched}"
    );

    // Allow a lint finding on its shot.
    let diagnostics = client.diagnostics();
    let premium = diagnostics
        .iter()
        .find(|d| d["code"] == "L003")
        .expect("premium-on-b-roll fires");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": premium["range"], "context": {"diagnostics": [premium]}}),
    );
    let allow = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Allow `premium-on-b-roll` for shot `a`")
        .unwrap_or_else(|| panic!("{actions}"));
    let allowed = apply(
        &expensive,
        allow["edit"]["changes"][URI].as_array().unwrap(),
    );
    assert!(allowed.contains("allow: [premium-on-b-roll]"), "{allowed}");
    assert!(check_clean(&allowed), "{allowed}");
    client.finish();
}

/// The ledger the spec names, beside the document, is read on every analysis: its rules
/// warn in the editor, its own problems show on the spec's `ledger:` line, and a kept
/// shot can be approved with one action.
#[test]
fn the_ledger_beside_the_spec_is_linted_in_the_editor() {
    const SPEC: &str = "version: 1
production: {title: Harbour}
ledger: shots.ledger.csv
segments:
  - {id: s1, duration: 10s}
shots:
  - {id: door, segment: s1, type: action, duration: 5s, prompt: \"A boy bursts in\"}
  - {id: sea, segment: s1, type: b-roll, duration: 5s, prompt: \"Storm sea\"}
";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shots.ledger.csv"),
        "job,model,seconds,outcome\nsea,kling-2.6-standard,5s,kept\ndoor,kling-2.7,5s,rejected\n",
    )
    .unwrap();
    let path = dir.path().join("spec.yaml");
    let uri = format!("file://{}", path.display());
    let mut client = Client::start();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": SPEC}}),
    );
    let diagnostics = client.diagnostics();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // A ledger with an error is partial: its problem is shown, and no rule judges it.
    assert_eq!(codes, ["E206"], "{diagnostics:?}");
    let (line, _, _) = line_of(SPEC, "shots.ledger.csv");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], json!(line));
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("shots.ledger.csv:3:6: unknown model `kling-2.7`"),
        "{diagnostics:?}"
    );

    std::fs::write(
        dir.path().join("shots.ledger.csv"),
        "job,model,seconds,outcome\nsea,kling-2.6-standard,5s,kept\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": SPEC}]}),
    );
    let diagnostics = client.diagnostics();
    let kept = diagnostics
        .iter()
        .find(|d| d["code"] == "L020")
        .unwrap_or_else(|| panic!("kept-not-approved fires: {diagnostics:?}"));
    let (line, column, _) = line_of(SPEC, "sea, segment");
    assert_eq!(
        kept["range"]["start"],
        json!({"line": line, "character": column})
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": kept["range"], "context": {"diagnostics": [kept]}}),
    );
    let approve = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Approve shot `sea` (`status: approved`)")
        .unwrap_or_else(|| panic!("{actions}"));
    let approved = apply(SPEC, approve["edit"]["changes"][&uri].as_array().unwrap());
    assert!(
        approved.contains("{id: sea, segment: s1, type: b-roll, status: approved, duration: 5s"),
        "{approved}"
    );
    assert!(check_clean(&approved), "{approved}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": approved}]}),
    );
    let diagnostics = client.diagnostics();
    assert!(
        diagnostics.iter().all(|d| d["code"] != "L020"),
        "{diagnostics:?}"
    );
    client.finish();
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut client = Client::start();
    client.raw(b"{this is not json");
    let error = client.wait(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);
    client.send(json!({"jsonrpc": "2.0", "id": 99, "params": {}}));
    let error = client.wait(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32600);
    let response = client.response("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(response["error"]["code"], -32602);
    let response = client.response("shotlist/nothing", json!({}));
    assert_eq!(response["error"]["code"], -32601);
    // Hostile documents: not YAML, binary junk, deep nesting; each gets diagnostics.
    for text in ["{{{{", "\u{0}\u{1}\u{feff}", &"[".repeat(10_000)] {
        let diagnostics = client.open(text);
        assert!(!diagnostics.is_empty(), "{text:?}");
    }
    // Positions past the end are answered, not refused.
    let hover = client.at("textDocument/hover", 9_999, 9_999);
    assert_eq!(hover, Value::Null);
    client.finish();
}

#[test]
fn requests_before_initialize_are_refused_and_exit_without_shutdown_is_1() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shotlist"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for body in [
        json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        let body = body.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("-32002"), "{stdout}");
    assert_eq!(output.status.code(), Some(1));
}
