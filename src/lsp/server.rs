//! The server loop: one thread owns the open documents, reads the client's messages, answers
//! requests and publishes each document's findings.
//!
//! Edits are debounced: a change only marks its document due, and the document is checked once
//! no change has come for [`DEBOUNCE`], so a burst of keystrokes costs one check of the last
//! version. A request on a document that is due checks it first, so answers always read the
//! text the editor has. A check of a bundled spec takes a few milliseconds (README, Speed);
//! the text is held to the size limit of `check`, so no document can hold the loop for long.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, PublishDiagnosticsParams, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config;
use crate::lsp::analysis::{Analysis, Analyzer, FileKind};
use crate::lsp::documents::{Doc, path_to_uri, uri_to_path};
use crate::lsp::positions::Encoding;
use crate::lsp::transport::{Incoming, Outgoing};
use crate::lsp::{diagnostics, preview};

/// How long a document must go without a change before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Where the server is in the protocol's life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Starting,
    Running,
    /// `shutdown` was answered; only `exit` is left.
    ShutDown,
}

/// A request's failure: its JSON-RPC error code and message.
type Failure = (ErrorCode, String);

mod requests;

pub struct Server {
    out: Sender<Outgoing>,
    state: State,
    encoding: Encoding,
    analyzer: Analyzer,
    docs: HashMap<String, Doc>,
    /// The latest check of each open document.
    analyses: HashMap<String, Arc<Analysis>>,
    /// The latest check of each open document that got a typed spec, for ids to complete while
    /// the text being typed is not a spec.
    last_spec: HashMap<String, Arc<Analysis>>,
    /// Documents changed and not yet checked, with when they fall due.
    due: HashMap<String, Instant>,
    /// Config files whose faults were published.
    faulty_configs: HashSet<String>,
    /// Where previews are written.
    preview_folder: std::path::PathBuf,
}

fn log(message: &str) {
    eprintln!("svcspec lsp: {message}");
}

/// Reads a request's or notification's parameters.
pub(super) fn read_params<P: DeserializeOwned>(value: Value) -> Result<P, Failure> {
    serde_json::from_value(value)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

impl Server {
    pub fn new(out: Sender<Outgoing>, analyzer: Analyzer) -> Self {
        Self {
            out,
            state: State::Starting,
            encoding: Encoding::Utf16,
            analyzer,
            docs: HashMap::new(),
            analyses: HashMap::new(),
            last_spec: HashMap::new(),
            due: HashMap::new(),
            faulty_configs: HashSet::new(),
            preview_folder: preview::folder(),
        }
    }

    /// Serves until `exit` or the end of the input; whether `shutdown` came first (the exit
    /// status the protocol asks for).
    pub fn serve(mut self, incoming: &Receiver<Incoming>) -> bool {
        loop {
            let now = Instant::now();
            let wait = self
                .due
                .values()
                .min()
                .map_or(Duration::from_secs(3600), |due| {
                    due.saturating_duration_since(now)
                });
            match incoming.recv_timeout(wait) {
                Ok(Incoming::Message(Message::Request(request))) => self.on_request(request),
                Ok(Incoming::Message(Message::Notification(n))) if n.method == "exit" => {
                    return self.state == State::ShutDown;
                }
                Ok(Incoming::Message(Message::Notification(n))) => self.on_notification(n),
                // svcspec sends no requests, so no response is awaited.
                Ok(Incoming::Message(Message::Response(_))) => {}
                Ok(Incoming::Malformed { id, code, message }) => {
                    log(&message);
                    match id {
                        Some(id) => self.fail(id, (code, message)),
                        None => {
                            let _ = self.out.send(Outgoing::NullIdError { code, message });
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return false,
            }
            self.check_due();
        }
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.out.send(Outgoing::Message(message.into()));
    }

    fn reply<R: Serialize>(&self, id: RequestId, result: R) {
        self.send(Response::new_ok(id, result));
    }

    fn fail(&self, id: RequestId, (code, message): Failure) {
        self.send(Response::new_err(id, code as i32, message));
    }

    fn on_request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        match (self.state, method.as_str()) {
            (State::Starting, "initialize") => match self.initialize(params) {
                Ok(result) => {
                    self.state = State::Running;
                    self.reply(id, result);
                }
                Err(failure) => self.fail(id, failure),
            },
            (State::Starting, _) => self.fail(
                id,
                (
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet".to_owned(),
                ),
            ),
            (State::ShutDown, _) => self.fail(
                id,
                (
                    ErrorCode::InvalidRequest,
                    "the server is shut down".to_owned(),
                ),
            ),
            (State::Running, "initialize") => self.fail(
                id,
                (
                    ErrorCode::InvalidRequest,
                    "the server is initialized already".to_owned(),
                ),
            ),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                self.reply(id, Value::Null);
            }
            (State::Running, method) => match self.answer(method, params) {
                Ok(result) => self.reply(id, result),
                Err(failure) => self.fail(id, failure),
            },
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        if self.state != State::Running {
            return;
        }
        let Notification { method, params } = notification;
        let handled = match method.as_str() {
            "textDocument/didOpen" => read_params(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => read_params(params).map(|p| self.did_change(p)),
            "textDocument/didSave" => read_params(params).map(|p| self.did_save(p)),
            "textDocument/didClose" => read_params(params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                // A config or a spec on disk changed: check every open document again.
                self.all_due(Instant::now());
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err((_, why)) = handled {
            log(&format!("ignored `{method}`: {why}"));
        }
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_owned();
        self.docs.insert(
            key.clone(),
            Doc::new(key.clone(), p.text_document.text, p.text_document.version),
        );
        self.check(&key);
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_owned();
        let Some(doc) = self.docs.get_mut(&key) else {
            log(&format!("a change to `{key}`, which is not open"));
            return;
        };
        doc.apply(p.content_changes, p.text_document.version, self.encoding);
        self.due.insert(key, Instant::now() + DEBOUNCE);
    }

    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        let saved = p.text_document.uri.as_str();
        if uri_to_path(saved).is_some_and(|path| path.ends_with(config::FILE_NAME)) {
            self.all_due(Instant::now());
        } else if self.docs.contains_key(saved) {
            self.due.insert(saved.to_owned(), Instant::now());
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let key = p.text_document.uri.as_str();
        self.docs.remove(key);
        self.analyses.remove(key);
        self.last_spec.remove(key);
        self.due.remove(key);
        self.publish(&p.text_document.uri, Vec::new(), None);
    }

    fn all_due(&mut self, when: Instant) {
        for key in self.docs.keys() {
            self.due.insert(key.clone(), when);
        }
    }

    /// Checks the documents whose quiet period is over.
    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .due
            .iter()
            .filter(|(_, when)| **when <= now)
            .map(|(key, _)| key.clone())
            .collect();
        for key in due {
            self.check(&key);
        }
    }

    /// The check of a document's current version, made now if it is not made yet.
    fn fresh(&mut self, key: &str) -> Option<Arc<Analysis>> {
        let version = self.docs.get(key)?.version;
        match self.analyses.get(key) {
            Some(a) if a.version == version && !self.due.contains_key(key) => Some(a.clone()),
            _ => {
                self.check(key);
                self.analyses.get(key).cloned()
            }
        }
    }

    /// Checks a document's current text and publishes its findings.
    fn check(&mut self, key: &str) {
        self.due.remove(key);
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let open_specs: Vec<Arc<Analysis>> = self
            .analyses
            .iter()
            .filter(|(k, a)| k.as_str() != key && a.kind == FileKind::Spec)
            .map(|(_, a)| a.clone())
            .collect();
        let analysis = Arc::new(self.analyzer.analyze(doc, &open_specs));
        let Ok(uri) = Uri::from_str(key) else {
            return;
        };
        let found = diagnostics::to_lsp(
            &analysis.report,
            analysis.text(),
            &analysis.lines,
            self.encoding,
            &uri,
        );
        self.publish(&uri, found, Some(analysis.version));
        self.publish_config(analysis.config_report.as_deref());
        if analysis.spec().is_some() || analysis.results_spec.is_some() {
            self.last_spec.insert(key.to_owned(), analysis.clone());
        }
        let is_spec = analysis.kind == FileKind::Spec;
        self.analyses.insert(key.to_owned(), analysis);
        if is_spec {
            // Results files are checked against their project's spec: check them again.
            let later = Instant::now() + DEBOUNCE;
            for (k, a) in &self.analyses {
                if a.kind == FileKind::Results {
                    self.due.entry(k.clone()).or_insert(later);
                }
            }
        }
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        match serde_json::to_value(params) {
            Ok(params) => self.send(Notification {
                method: "textDocument/publishDiagnostics".to_owned(),
                params,
            }),
            Err(e) => log(&format!("cannot publish diagnostics: {e}")),
        }
    }

    /// Publishes a faulty config's findings at the config file, and clears those of configs
    /// that have been fixed.
    fn publish_config(&mut self, report: Option<&crate::check::FileReport>) {
        let faulty = report.and_then(|r| {
            let source = r.source.as_ref()?;
            let key = path_to_uri(source.path());
            let uri = Uri::from_str(&key).ok()?;
            let lines = crate::lsp::positions::LineIndex::new(source.text());
            let found = diagnostics::to_lsp(r, source.text(), &lines, self.encoding, &uri);
            Some((key, uri, found))
        });
        let still: Option<String> = faulty.as_ref().map(|(key, _, _)| key.clone());
        for key in self.faulty_configs.clone() {
            let path = uri_to_path(&key);
            let fixed = still.as_deref() != Some(key.as_str())
                && path.is_some_and(|p| {
                    config::Config::load(&p, self.analyzer.limits()).is_ok() || !p.exists()
                });
            if fixed && let Ok(uri) = Uri::from_str(&key) {
                self.publish(&uri, Vec::new(), None);
                self.faulty_configs.remove(&key);
            }
        }
        if let Some((key, uri, found)) = faulty {
            self.publish(&uri, found, None);
            self.faulty_configs.insert(key);
        }
    }
}
