//! `shotlist lsp`: a Language Server Protocol server over stdio. It runs the library's
//! pipeline (load → check → lint → plan) on each open document's text under the CLI's
//! limits and gives the editor what the CLI gives a terminal: every check error and
//! lint finding as a diagnostic, each shot's and segment's cost as inlay hints, hovers
//! with a shot's plan line, a model's catalog entry, a rule's docs and an asset's sheet,
//! navigation between ids, completion of ids, and quick fixes as precise text edits.
//!
//! Built on lsp-server and lsp-types, as ruff's server is: synchronous, which suits a
//! synchronous pipeline; see [`transport`] for why the framing is our own.

mod actions;
mod analysis;
mod completion;
mod costs;
mod diagnostics;
mod navigate;
pub mod position;
mod server;
mod transport;

use std::io::{self, BufReader};
use std::time::Duration;

use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, OneOf, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

pub use analysis::Analysis;
pub use diagnostics::code_url;

use crate::pipeline::Limits;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The caps every document is read under: the CLI's `--max-bytes`, `--max-shots`.
    pub limits: Limits,
    /// How long typing must pause before a change is analysed; `initializationOptions`'
    /// `debounceMs` overrides it.
    pub debounce: Duration,
    /// Where `codeDescription` links point: a URL ending in `/` under which `rules.md`
    /// and `FORMAT.md` are found; `initializationOptions`' `docsUrl` overrides it.
    pub docs_url: String,
}

impl Config {
    /// The docs of the source tree shotlist was built from, as a `file://` URL.
    pub fn default_docs_url() -> String {
        format!("file://{}/docs/", env!("CARGO_MANIFEST_DIR"))
    }
}

/// What the server offers: full-text sync with open, close and save, and the features.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_owned(), "[".to_owned(), ",".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves on stdin and stdout until the client says `exit` or closes stdin; returns
/// the exit code the protocol asks for.
pub fn run_stdio(config: Config) -> io::Result<u8> {
    // A frame holds a document as a JSON string, where escapes may make each byte six.
    let max_frame = usize::try_from(config.limits.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_mul(6)
        .saturating_add(1 << 20);
    let (connection, threads) =
        transport::start(BufReader::new(io::stdin()), io::stdout(), max_frame);
    let code = server::Server::new(connection, config).run();
    threads.join()?;
    Ok(code)
}
