//! The server's loop: the lifecycle, open documents, debounced analysis, and requests.
//! A change is analysed once the typing pauses for the debounce, on a worker thread, so
//! that the loop keeps reading: a newer edit to the same document cancels that analysis
//! (it stops at its next stage) and its result is never published. Requests about a
//! document with pending changes wait for the running analysis of its current text, or
//! analyse it at once; an analysis whose document changed again meanwhile is dropped,
//! so a stale result never replaces a newer one.

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, after, never, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogTrace, Notification as _, PublishDiagnostics, SetTrace,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    InlayHintRequest, References, Request as _,
};
use lsp_types::{
    CodeActionParams, CompletionParams, DocumentSymbolParams, GotoDefinitionParams, Hover,
    HoverContents, HoverParams, InlayHintParams, Location, LogTraceParams, MarkupContent,
    MarkupKind, PublishDiagnosticsParams, ReferenceParams, SetTraceParams,
    TextDocumentPositionParams, TraceValue, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::analysis::Analysis;
use super::position::{offset, range, span};
use super::{Config, actions, capabilities, completion, costs, diagnostics, navigate};

struct Document {
    uri: Uri,
    text: String,
    version: i32,
    /// The analysis of `text`; `None` while a change waits for its debounce.
    analysis: Option<Analysis>,
    /// When the pending change is due for analysis.
    due: Option<Instant>,
}

/// An analysis running on the worker thread.
struct Running {
    key: String,
    /// The document version it analyses.
    version: i32,
    /// Set by a newer edit; the analysis stops at its next stage.
    cancel: Arc<AtomicBool>,
    /// Its result: `None` when it was cancelled or failed.
    done: Receiver<Option<Box<Analysis>>>,
}

/// What the loop waits for.
enum Event {
    Message(Message),
    /// A document's debounce has passed.
    Due,
    /// The worker's analysis ended.
    Finished(Option<Box<Analysis>>),
    Disconnected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

pub struct Server {
    connection: Connection,
    config: Config,
    phase: Phase,
    documents: HashMap<String, Document>,
    /// Messages read ahead while looking for a newer edit; handled before new ones.
    backlog: VecDeque<Message>,
    /// The debounced analysis on the worker thread, one at a time.
    running: Option<Running>,
    /// What the client asked to see of the server's work (`$/logTrace`).
    trace: TraceValue,
}

fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, ResponseError> {
    serde_json::from_value(value)
        .map_err(|e| error(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

impl Server {
    pub fn new(connection: Connection, config: Config) -> Self {
        Self {
            connection,
            config,
            phase: Phase::Uninitialized,
            documents: HashMap::new(),
            backlog: VecDeque::new(),
            running: None,
            trace: TraceValue::Off,
        }
    }

    /// Reports a step of the server's work when the client traces it: analyses started,
    /// cancelled and published.
    fn log_trace(&self, message: impl FnOnce() -> String) {
        if self.trace != TraceValue::Off {
            self.send(Notification::new(
                LogTrace::METHOD.to_owned(),
                LogTraceParams {
                    message: message(),
                    verbose: None,
                },
            ));
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // A closed channel means the client is gone; the loop ends on its next read.
        let _ = self.connection.sender.send(message.into());
    }

    /// Serves until `exit`, or until the client closes the connection. Returns the
    /// process's exit code: 0 after `shutdown`, 1 otherwise, as the protocol asks.
    pub fn run(mut self) -> u8 {
        loop {
            let message = match self.backlog.pop_front() {
                Some(message) => message,
                None => match self.next_event() {
                    Event::Message(message) => message,
                    Event::Due => {
                        self.start_due();
                        continue;
                    }
                    Event::Finished(analysis) => {
                        self.finished(analysis);
                        continue;
                    }
                    Event::Disconnected => return 1,
                },
            };
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.phase == Phase::ShuttingDown {
                        0
                    } else {
                        1
                    };
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let outcome = match self.phase {
            Phase::Uninitialized if request.method == "initialize" => {
                self.initialize(request.params)
            }
            Phase::Uninitialized => Err(error(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            )),
            Phase::ShuttingDown => Err(error(
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            )),
            Phase::Running if request.method == "shutdown" => {
                self.phase = Phase::ShuttingDown;
                Ok(Value::Null)
            }
            Phase::Running => {
                // Nothing in the pipeline should panic (clippy holds it to checked
                // arithmetic); should something still, the request fails, not the server.
                catch_unwind(AssertUnwindSafe(|| {
                    self.answer(&request.method, request.params)
                }))
                .unwrap_or_else(|_| {
                    Err(error(
                        ErrorCode::InternalError,
                        "shotlist failed on this request; please report it",
                    ))
                })
            }
        };
        self.send(Response {
            id,
            response_result: outcome,
        });
    }

    fn initialize(&mut self, value: Value) -> Result<Value, ResponseError> {
        let params: lsp_types::InitializeParams = params(value)?;
        self.trace = params.trace.unwrap_or(TraceValue::Off);
        if let Some(options) = params.initialization_options {
            if let Some(ms) = options.get("debounceMs").and_then(Value::as_u64) {
                self.config.debounce = Duration::from_millis(ms.min(10_000));
            }
            if let Some(url) = options.get("docsUrl").and_then(Value::as_str) {
                self.config.docs_url = if url.ends_with('/') {
                    url.to_owned()
                } else {
                    format!("{url}/")
                };
            }
        }
        self.phase = Phase::Running;
        Ok(serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": {"name": "shotlist", "version": env!("CARGO_PKG_VERSION")},
        }))
    }

    fn notification(&mut self, notification: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        let method = notification.method.as_str();
        // A notification has no reply: one with bad params is dropped.
        match method {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification.params) {
                    let document = Document {
                        uri: p.text_document.uri.clone(),
                        text: p.text_document.text,
                        version: p.text_document.version,
                        analysis: None,
                        due: None,
                    };
                    let key = p.text_document.uri.as_str().to_owned();
                    self.documents.insert(key.clone(), document);
                    self.analyze(&key, true);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                    && let Some(document) = self.documents.get_mut(p.text_document.uri.as_str())
                    // Full sync: the last change holds the whole text.
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    document.text = change.text;
                    document.version = p.text_document.version;
                    document.analysis = None;
                    // A debounce too far off to represent is analysed at once.
                    document.due = Instant::now().checked_add(self.config.debounce);
                    if document.due.is_none() {
                        document.due = Some(Instant::now());
                    }
                    self.cancel_stale(p.text_document.uri.as_str(), p.text_document.version);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidSaveTextDocumentParams>(notification.params) {
                    let key = p.text_document.uri.as_str().to_owned();
                    if let Some(document) = self.documents.get_mut(&key)
                        && let Some(text) = p.text
                    {
                        document.text = text;
                        document.analysis = None;
                    }
                    if self
                        .documents
                        .get(&key)
                        .is_some_and(|d| d.analysis.is_none())
                    {
                        self.analyze(&key, true);
                    }
                }
            }
            SetTrace::METHOD => {
                if let Ok(p) = params::<SetTraceParams>(notification.params) {
                    self.trace = p.value;
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                    && let Some(document) = self.documents.remove(p.text_document.uri.as_str())
                {
                    self.publish(&document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    /// The next message, the end of the running analysis, or the next debounce. While
    /// an analysis runs, documents that are due wait for it.
    fn next_event(&self) -> Event {
        let next_due = match self.running {
            Some(_) => None,
            None => self.documents.values().filter_map(|d| d.due).min(),
        };
        let timer = next_due.map_or_else(never, |due| {
            after(due.saturating_duration_since(Instant::now()))
        });
        let done = self
            .running
            .as_ref()
            .map_or_else(never, |running| running.done.clone());
        select! {
            recv(self.connection.receiver) -> message => {
                message.map_or(Event::Disconnected, Event::Message)
            }
            recv(done) -> analysis => Event::Finished(analysis.ok().flatten()),
            recv(timer) -> _ => Event::Due,
        }
    }

    /// Starts the analysis of the first document whose debounce has passed, on the
    /// worker thread.
    fn start_due(&mut self) {
        let now = Instant::now();
        let Some(key) = self
            .documents
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|due| due <= now))
            .min_by_key(|(_, d)| d.due)
            .map(|(key, _)| key.clone())
        else {
            return;
        };
        let Some(document) = self.documents.get_mut(&key) else {
            return;
        };
        document.due = None;
        let name = document.uri.path().as_str().to_owned();
        let text = document.text.clone();
        let version = document.version;
        let limits = self.config.limits;
        let today = jiff::Zoned::now().date();
        let cancel = Arc::new(AtomicBool::new(false));
        let cancelled = Arc::clone(&cancel);
        let (send, done) = crossbeam_channel::bounded(1);
        let spawned = std::thread::Builder::new()
            .name("shotlist-analysis".to_owned())
            .spawn(move || {
                let stop = || cancelled.load(Ordering::Relaxed);
                let analysis = catch_unwind(AssertUnwindSafe(|| {
                    Analysis::run(&name, &text, limits, today, &stop)
                }));
                // The loop may have stopped waiting (the client left); nothing to do then.
                let _ = send.send(analysis.ok().flatten().map(Box::new));
            });
        if spawned.is_err() {
            // No thread to be had: analyse here, as before there was a worker.
            self.analyze(&key, false);
            return;
        }
        self.log_trace(|| format!("analysing {key} version {version}"));
        self.running = Some(Running {
            key,
            version,
            cancel,
            done,
        });
    }

    /// Cancels the worker's analysis of `key`, which version `newer` has made stale.
    fn cancel_stale(&self, key: &str, newer: i32) {
        if let Some(running) = &self.running
            && running.key == key
            && !running.cancel.swap(true, Ordering::Relaxed)
        {
            let stale = running.version;
            self.log_trace(|| format!("cancelled {key} version {stale}: version {newer} came"));
        }
    }

    /// Takes the worker's analysis: published if its document is still at the version
    /// it analysed, dropped otherwise.
    fn finished(&mut self, analysis: Option<Box<Analysis>>) {
        let Some(running) = self.running.take() else {
            return;
        };
        let Some(analysis) = analysis else {
            return;
        };
        let Some(document) = self.documents.get_mut(&running.key) else {
            return;
        };
        if document.version != running.version || document.analysis.is_some() {
            return;
        }
        let uri = document.uri.clone();
        let lsp: Vec<_> = analysis
            .diagnostics
            .iter()
            .map(|d| diagnostics::to_lsp(d, &analysis.loaded.source, &uri, &self.config.docs_url))
            .collect();
        document.analysis = Some(*analysis);
        self.publish(&uri, lsp, Some(running.version));
        self.log_trace(|| format!("published {} version {}", running.key, running.version));
    }

    /// Whether a change to `uri` is among the messages waiting to be read: reads them
    /// ahead into the backlog.
    fn newer_edit_waiting(&mut self, uri: &str) -> bool {
        while let Ok(message) = self.connection.receiver.try_recv() {
            self.backlog.push_back(message);
        }
        self.backlog.iter().any(|message| {
            matches!(message, Message::Notification(n)
                if n.method == DidChangeTextDocument::METHOD
                    && n.params.pointer("/textDocument/uri").and_then(Value::as_str) == Some(uri))
        })
    }

    /// Analyses document `key` now and publishes its diagnostics, unless `publish_stale`
    /// is false and a newer edit arrived meanwhile.
    fn analyze(&mut self, key: &str, publish_stale: bool) {
        let Some(document) = self.documents.get_mut(key) else {
            return;
        };
        document.due = None;
        let name = document.uri.path().as_str().to_owned();
        let limits = self.config.limits;
        let today = jiff::Zoned::now().date();
        let text = document.text.as_str();
        let Ok(Some(analysis)) = catch_unwind(AssertUnwindSafe(|| {
            Analysis::run(&name, text, limits, today, &|| false)
        })) else {
            return;
        };
        let uri = document.uri.clone();
        let version = document.version;
        let lsp: Vec<_> = analysis
            .diagnostics
            .iter()
            .map(|d| diagnostics::to_lsp(d, &analysis.loaded.source, &uri, &self.config.docs_url))
            .collect();
        document.analysis = Some(analysis);
        if publish_stale || !self.newer_edit_waiting(key) {
            self.publish(&uri, lsp, Some(version));
        }
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.send(Notification::new(
            PublishDiagnostics::METHOD.to_owned(),
            params,
        ));
    }

    /// The analysis of the open document `uri`, brought up to date first: the worker's
    /// when it is analysing the current text, else one made now.
    fn fresh(&mut self, uri: &Uri) -> Option<&Analysis> {
        let key = uri.as_str().to_owned();
        let version = self.documents.get(&key)?.version;
        if self.documents.get(&key)?.analysis.is_none()
            && let Some(running) = &self.running
            && running.key == key
            && running.version == version
        {
            let analysis = running.done.recv().ok().flatten();
            self.finished(analysis);
        }
        if self.documents.get(&key)?.analysis.is_none() {
            self.analyze(&key, true);
        }
        self.documents.get(&key)?.analysis.as_ref()
    }

    fn answer(&mut self, method: &str, value: Value) -> Result<Value, ResponseError> {
        let json = |value: Result<Value, serde_json::Error>| {
            value.map_err(|e| error(ErrorCode::InternalError, e.to_string()))
        };
        let docs_url = self.config.docs_url.clone();
        match method {
            HoverRequest::METHOD => {
                let p: HoverParams = params(value)?;
                let at = p.text_document_position_params;
                json(serde_json::to_value(self.hover(&at)))
            }
            InlayHintRequest::METHOD => {
                let p: InlayHintParams = params(value)?;
                let hints = self
                    .fresh(&p.text_document.uri)
                    .map(|a| costs::inlay_hints(a, p.range.start.line, p.range.end.line));
                json(serde_json::to_value(hints))
            }
            GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(value)?;
                let at = p.text_document_position_params;
                let uri = at.text_document.uri.clone();
                let locations = self.fresh(&uri).and_then(|a| {
                    let found = a.occurrence_at(offset(&a.loaded.source, at.position))?;
                    let spans: Vec<_> = navigate::definitions(a, found)
                        .into_iter()
                        .map(|o| Location::new(uri.clone(), range(&a.loaded.source, o.span)))
                        .collect();
                    (!spans.is_empty()).then_some(spans)
                });
                json(serde_json::to_value(locations))
            }
            References::METHOD => {
                let p: ReferenceParams = params(value)?;
                let at = p.text_document_position;
                let uri = at.text_document.uri.clone();
                let with_definition = p.context.include_declaration;
                let locations = self.fresh(&uri).and_then(|a| {
                    let found = a.occurrence_at(offset(&a.loaded.source, at.position))?;
                    Some(
                        navigate::references(a, found, with_definition)
                            .into_iter()
                            .map(|o| Location::new(uri.clone(), range(&a.loaded.source, o.span)))
                            .collect::<Vec<_>>(),
                    )
                });
                json(serde_json::to_value(locations))
            }
            DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = params(value)?;
                let symbols = self.fresh(&p.text_document.uri).map(navigate::symbols);
                json(serde_json::to_value(symbols))
            }
            Completion::METHOD => {
                let p: CompletionParams = params(value)?;
                let at = p.text_document_position;
                let items = self
                    .fresh(&at.text_document.uri)
                    .map(|a| completion::complete(a, offset(&a.loaded.source, at.position)));
                json(serde_json::to_value(items))
            }
            CodeActionRequest::METHOD => {
                let p: CodeActionParams = params(value)?;
                let uri = p.text_document.uri.clone();
                let found = self.fresh(&uri).map(|a| {
                    let wanted = span(&a.loaded.source, p.range);
                    actions::code_actions(a, &uri, wanted, &docs_url)
                });
                json(serde_json::to_value(found))
            }
            _ => Err(error(
                ErrorCode::MethodNotFound,
                format!("unhandled method `{method}`"),
            )),
        }
    }

    fn hover(&mut self, at: &TextDocumentPositionParams) -> Option<Hover> {
        let analysis = self.fresh(&at.text_document.uri)?;
        let source = &analysis.loaded.source;
        let at_offset = offset(source, at.position);
        let found = analysis.occurrence_at(at_offset);
        let (text, span) =
            match found.and_then(|o| Some((navigate::id_hover(analysis, o)?, o.span))) {
                Some(found) => found,
                None => {
                    let index = analysis.shot_at(at_offset)?;
                    let shot = analysis.spec()?.shots.get(index)?;
                    (costs::shot_hover(analysis, index)?, shot.id.span)
                }
            };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(range(source, span)),
        })
    }
}
