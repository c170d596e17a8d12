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
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    ExecuteCommandOptions, ExecuteCommandParams, GotoDefinitionParams, GotoDefinitionResponse,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, OneOf,
    PublishDiagnosticsParams, ReferenceParams, RenameOptions, RenameParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
    WorkDoneProgressOptions,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::check::{Options, check_path_with};
use crate::config;
use crate::lsp::analysis::{Analysis, Analyzer, FileKind};
use crate::lsp::documents::{Doc, path_to_uri, uri_to_path};
use crate::lsp::model::{self, Model};
use crate::lsp::positions::Encoding;
use crate::lsp::transport::{Incoming, Outgoing};
use crate::lsp::{actions, completion, diagnostics, hover, navigation, preview};

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
fn params<P: DeserializeOwned>(value: Value) -> Result<P, Failure> {
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

    fn initialize(&mut self, params: Value) -> Result<InitializeResult, Failure> {
        let params: InitializeParams = self::params(params)?;
        self.encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    will_save: None,
                    will_save_wait_until: None,
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".to_owned()]),
                ..CompletionOptions::default()
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![preview::COMMAND.to_owned()],
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            ..ServerCapabilities::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "svcspec".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    /// Answers a request of a running server: its result, `null` for a document that is not
    /// open, or a failure.
    fn answer(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match method {
            "textDocument/hover" => {
                let p: HoverParams = self::params(params)?;
                let at = &p.text_document_position_params;
                let Some((analysis, offset)) = self.at(at) else {
                    return Ok(Value::Null);
                };
                let model = model_of(&analysis);
                json(serde_json::to_value(hover::hover(
                    &analysis,
                    model,
                    offset,
                    self.encoding,
                )))
            }
            "textDocument/completion" => {
                let p: CompletionParams = self::params(params)?;
                let at = &p.text_document_position;
                let key = at.text_document.uri.as_str().to_owned();
                let Some((analysis, _)) = self.at(at) else {
                    return Ok(Value::Null);
                };
                let Some(doc) = self.docs.get(&key) else {
                    return Ok(Value::Null);
                };
                let offset = doc.lines.offset(&doc.text, at.position, self.encoding);
                let ids = self.last_spec.get(&key).map(Arc::as_ref);
                let items = completion::complete(
                    &doc.text,
                    &doc.lines,
                    offset,
                    model_of(&analysis),
                    ids,
                    self.encoding,
                );
                json(serde_json::to_value(CompletionResponse::Array(items)))
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = self::params(params)?;
                let at = &p.text_document_position_params;
                let Some((analysis, offset)) = self.at(at) else {
                    return Ok(Value::Null);
                };
                let found =
                    navigation::definition(&analysis, &at.text_document.uri, offset, self.encoding);
                if found.is_empty() {
                    return Ok(Value::Null);
                }
                json(serde_json::to_value(GotoDefinitionResponse::Array(found)))
            }
            "textDocument/references" => {
                let p: ReferenceParams = self::params(params)?;
                let at = &p.text_document_position;
                let Some((analysis, offset)) = self.at(at) else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(navigation::find_references(
                    &analysis,
                    &at.text_document.uri,
                    offset,
                    p.context.include_declaration,
                    self.encoding,
                )))
            }
            "textDocument/prepareRename" => {
                let p: TextDocumentPositionParams = self::params(params)?;
                let Some((analysis, offset)) = self.at(&p) else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(navigation::prepare_rename(
                    &analysis,
                    offset,
                    self.encoding,
                )))
            }
            "textDocument/rename" => {
                let p: RenameParams = self::params(params)?;
                let at = &p.text_document_position;
                let Some((analysis, offset)) = self.at(at) else {
                    return Ok(Value::Null);
                };
                let edit = navigation::rename(
                    &analysis,
                    &at.text_document.uri,
                    offset,
                    &p.new_name,
                    self.encoding,
                )
                .map_err(|why| (ErrorCode::InvalidParams, why))?;
                json(serde_json::to_value(edit))
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = self::params(params)?;
                let uri = &p.text_document.uri;
                let Some(analysis) = self
                    .fresh(uri.as_str())
                    .filter(|a| a.kind != FileKind::Other)
                else {
                    return Ok(Value::Null);
                };
                let span = analysis.lines.span(analysis.text(), p.range, self.encoding);
                json(serde_json::to_value(actions::actions(
                    &analysis,
                    model_of(&analysis),
                    uri,
                    &span,
                    self.encoding,
                )))
            }
            "workspace/executeCommand" => {
                let p: ExecuteCommandParams = self::params(params)?;
                if p.command != preview::COMMAND {
                    return Err((
                        ErrorCode::InvalidParams,
                        format!(
                            "no command `{}`: the server has `{}`",
                            p.command,
                            preview::COMMAND
                        ),
                    ));
                }
                self.preview(&p.arguments)
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("svcspec does not handle `{method}`"),
            )),
        }
    }

    /// The current check of a request's document and the byte offset of its position; `None`
    /// for a document that is not open.
    fn at(&mut self, at: &TextDocumentPositionParams) -> Option<(Arc<Analysis>, usize)> {
        let analysis = self
            .fresh(at.text_document.uri.as_str())
            .filter(|a| a.kind != FileKind::Other)?;
        let offset = analysis
            .lines
            .offset(analysis.text(), at.position, self.encoding);
        Some((analysis, offset))
    }

    /// Renders a preview of an open document's spec, or of a spec file on disk.
    fn preview(&mut self, arguments: &[Value]) -> Result<Value, Failure> {
        let args = preview::Args::parse(arguments).map_err(|e| (ErrorCode::InvalidParams, e))?;
        let kind = args.kind().map_err(|e| (ErrorCode::InvalidParams, e))?;
        let lang = args.language().map_err(|e| (ErrorCode::InvalidParams, e))?;
        let failed = |e: String| (ErrorCode::RequestFailed, e);
        let not_clean = |errors: usize| {
            failed(format!(
                "the spec does not check clean ({errors} errors): fix them, then preview"
            ))
        };
        let errors = |report: &crate::check::FileReport| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .count()
        };
        if let Some(analysis) = self.fresh(&args.uri) {
            let path = self.docs.get(&args.uri).map(Doc::path).unwrap_or_default();
            return match analysis.spec() {
                Some(spec) if !analysis.report.has_errors() && analysis.kind == FileKind::Spec => {
                    preview::write(spec, &path, kind, lang, &self.preview_folder).map_err(failed)
                }
                _ => Err(not_clean(errors(&analysis.report).max(1))),
            };
        }
        let path = uri_to_path(&args.uri)
            .ok_or_else(|| failed(format!("`{}` is neither open nor a file", args.uri)))?;
        let (config, _) = self.analyzer.config_for(Some(&path));
        let options = Options {
            limits: self.analyzer.limits().clone(),
            ..Options::default()
        };
        let report = check_path_with(&path, &options, &config);
        match &report.spec {
            Some(spec) if !report.has_errors() => {
                preview::write(spec, &path, kind, lang, &self.preview_folder).map_err(failed)
            }
            _ if report.unreadable => Err(failed(format!("cannot read `{}`", path.display()))),
            _ => Err(not_clean(errors(&report).max(1))),
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        if self.state != State::Running {
            return;
        }
        let Notification { method, params } = notification;
        let handled = match method.as_str() {
            "textDocument/didOpen" => self::params(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => self::params(params).map(|p| self.did_change(p)),
            "textDocument/didSave" => self::params(params).map(|p| self.did_save(p)),
            "textDocument/didClose" => self::params(params).map(|p| self.did_close(p)),
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
        let open_specs: Vec<&Analysis> = self
            .analyses
            .iter()
            .filter(|(k, a)| k.as_str() != key && a.kind == FileKind::Spec)
            .map(|(_, a)| a.as_ref())
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
        if analysis.spec().is_some() {
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

/// The model of a document's format.
fn model_of(analysis: &Analysis) -> &'static Model {
    match analysis.kind {
        FileKind::Spec | FileKind::Other => model::spec(),
        FileKind::Results => model::results(),
    }
}
