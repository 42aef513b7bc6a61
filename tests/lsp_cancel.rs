//! A newer edit cancels the analysis of the text it replaces. The client asks for
//! `trace: verbose`, so the server reports its work through `$/logTrace`: the analysis
//! of the stale version starts, is cancelled when the newer version arrives, and only
//! the newest version's diagnostics are ever published.

mod common;

use std::process::Command;

use common::jsonrpc::Peer;
use serde_json::{Value, json};
use shotlist::generate::spec_yaml;

const URI: &str = "file:///work/series.yaml";

fn start() -> Peer {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shotlist"));
    command.args(["lsp", "--debounce-ms", "0"]);
    let mut peer = Peer::spawn(command, Value::Null);
    peer.request(
        "initialize",
        json!({"processId": null, "capabilities": {}, "trace": "verbose"}),
    );
    peer.notify("initialized", json!({}));
    peer
}

fn trace(message: &Value) -> Option<&str> {
    (message["method"] == "$/logTrace")
        .then(|| message["params"]["message"].as_str())
        .flatten()
}

fn change(peer: &mut Peer, version: i32, text: &str) {
    peer.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

#[test]
fn a_newer_edit_cancels_the_stale_analysis_and_only_the_newest_is_published() {
    let mut peer = start();
    // Large enough that its analysis is still running when the next edit arrives: the
    // edit is sent as soon as the server says the analysis started.
    let series = spec_yaml(10_000);
    peer.open(URI, "version: 1\n");
    assert!(
        !peer.diagnostics_for(URI).is_empty(),
        "the stub misses keys"
    );

    change(&mut peer, 2, &series);
    let started = format!("analysing {URI} version 2");
    peer.wait(|m| trace(m) == Some(started.as_str()));
    let broken = series.replacen("duration: 4s", "duration: 0s", 1);
    assert_ne!(broken, series);
    change(&mut peer, 3, &broken);

    let cancelled = format!("cancelled {URI} version 2: version 3 came");
    peer.wait(|m| trace(m) == Some(cancelled.as_str()));
    let published = peer.wait(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["version"], 3, "{published}");
    let zero_duration = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "E111");
    assert!(zero_duration, "version 3's zero duration is reported");
    assert!(peer.finish().success());
}

/// Without tracing, the server sends no `$/logTrace` at all.
#[test]
fn no_trace_is_sent_unless_the_client_asks() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shotlist"));
    command.args(["lsp", "--debounce-ms", "0"]);
    let mut peer = Peer::spawn(command, Value::Null);
    peer.request("initialize", json!({"processId": null, "capabilities": {}}));
    peer.notify("initialized", json!({}));
    peer.open(URI, "version: 1\n");
    peer.diagnostics_for(URI);
    change(&mut peer, 2, "version: 2\n");
    let published =
        peer.wait(|m| m["method"] == "textDocument/publishDiagnostics" || trace(m).is_some());
    assert_eq!(
        published["method"], "textDocument/publishDiagnostics",
        "{published}"
    );
    assert_eq!(published["params"]["version"], 2);
    assert!(peer.finish().success());
}
