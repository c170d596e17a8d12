//! Answering the requests of a running server: initialize (capabilities, position encoding),
//! then each feature's request, read against the current check of its document.

use std::sync::Arc;

use lsp_server::ErrorCode;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, ExecuteCommandOptions,
    ExecuteCommandParams, GotoDefinitionParams, GotoDefinitionResponse, HoverParams,
    HoverProviderCapability, InitializeResult, OneOf, PositionEncodingKind, ReferenceParams,
    RenameOptions, RenameParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};
use serde_json::Value;

use crate::check::{FileReport, Options, check_path_with};
use crate::diagnostic::Severity;
use crate::lsp::analysis::{Analysis, FileKind};
use crate::lsp::documents::{Doc, uri_to_path};
use crate::lsp::model::{self, Model};
use crate::lsp::positions::Encoding;
use crate::lsp::server::{Failure, Server, read_params};
use crate::lsp::{actions, completion, hover, navigation, preview};

impl Server {
    pub(super) fn initialize(&mut self, params: Value) -> Result<InitializeResult, Failure> {
        // Only the position encodings are read: a field of the client's capabilities that
        // lsp-types would not read must not keep the server from starting.
        if !params.is_object() {
            return Err((
                ErrorCode::InvalidParams,
                "`initialize` takes an object of params".to_owned(),
            ));
        }
        let offered: Option<Vec<PositionEncodingKind>> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|v| serde_json::from_value(v.clone()).ok());
        self.encoding = Encoding::negotiate(offered.as_deref());
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
    pub(super) fn answer(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match method {
            "textDocument/hover" => {
                let p: HoverParams = read_params(params)?;
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
                let p: CompletionParams = read_params(params)?;
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
                let p: GotoDefinitionParams = read_params(params)?;
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
                let p: ReferenceParams = read_params(params)?;
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
                let p: TextDocumentPositionParams = read_params(params)?;
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
                let p: RenameParams = read_params(params)?;
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
                let p: CodeActionParams = read_params(params)?;
                let uri = &p.text_document.uri;
                let Some(analysis) = self
                    .fresh(uri.as_str())
                    .filter(|a| a.kind != FileKind::Other)
                else {
                    return Ok(Value::Null);
                };
                let wanted = p.context.only.as_ref().is_none_or(|only| {
                    only.iter()
                        .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
                });
                if !wanted {
                    return Ok(Value::Array(Vec::new()));
                }
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
                let p: ExecuteCommandParams = read_params(params)?;
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
        let errors = |report: &FileReport| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
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
}

/// The model of a document's format.
fn model_of(analysis: &Analysis) -> &'static Model {
    match analysis.kind {
        FileKind::Spec | FileKind::Other => model::spec(),
        FileKind::Results => model::results(),
    }
}
