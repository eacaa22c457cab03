//! The server's loop: open documents kept in full, diagnostics published on every open and
//! change, requests answered one at a time in the order they come.

use super::position::Lines;
use super::snapshot::Snapshot;
use super::{completion, definition, diagnostics, formatting, hover};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, Formatting, GotoDefinition, HoverRequest, Request as _, Shutdown,
};
use lsp_types::{
    CompletionOptions, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, HoverProviderCapability, OneOf, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What the server does, as it tells the client in its answer to `initialize`.
pub(super) fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["=".into(), "\"".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves one client over `connection` until it sends `exit`. True when `shutdown` came
/// first, which LSP asks to be exit status 0; false for an `exit` without it, or a client
/// that went away.
pub fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, _) = connection.initialize_start().map_err(|e| e.to_string())?;
    let answer = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "hacc", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, answer)
        .map_err(|e| e.to_string())?;
    let mut server = Server::default();
    for message in &connection.receiver {
        let replies = match message {
            Message::Request(request) => vec![Message::Response(server.request(request))],
            Message::Notification(n) if n.method == "exit" => return Ok(server.shut_down),
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => Vec::new(),
        };
        for reply in replies {
            connection
                .sender
                .send(reply)
                .map_err(|_| "the client stopped reading".to_string())?;
        }
    }
    Ok(false)
}

#[derive(Default)]
struct Server {
    documents: HashMap<Uri, Document>,
    shut_down: bool,
}

struct Document {
    text: String,
    version: i32,
}

impl Server {
    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if self.shut_down {
            let message = "the server is shut down".to_string();
            return Response::new_err(id, ErrorCode::InvalidRequest as i32, message);
        }
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(request)));
        match answer {
            Ok(Ok(result)) => Response::new_ok(id, result),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => {
                let message = "hacc failed on this request (a defect; please report it)";
                Response::new_err(id, ErrorCode::InternalError as i32, message.into())
            }
        }
    }

    fn answer(&mut self, request: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let method = request.method.clone();
        match method.as_str() {
            Shutdown::METHOD => {
                self.shut_down = true;
                Ok(serde_json::Value::Null)
            }
            HoverRequest::METHOD => {
                let params: lsp_types::HoverParams = params(request)?;
                let at = params.text_document_position_params;
                let text = self.text(&at.text_document.uri)?;
                json(hover::at(&Snapshot::read(text), at.position))
            }
            Completion::METHOD => {
                let params: lsp_types::CompletionParams = params(request)?;
                let at = params.text_document_position;
                let text = self.text(&at.text_document.uri)?;
                json(completion::at(&Snapshot::read(text), at.position))
            }
            GotoDefinition::METHOD => {
                let params: lsp_types::GotoDefinitionParams = params(request)?;
                let at = params.text_document_position_params;
                let uri = &at.text_document.uri;
                let snapshot = Snapshot::read(self.text(uri)?);
                json(definition::at(uri, &snapshot, at.position))
            }
            Formatting::METHOD => {
                let params: lsp_types::DocumentFormattingParams = params(request)?;
                json(formatting::edits(self.text(&params.text_document.uri)?))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("hacc does not answer `{method}`"),
            )),
        }
    }

    fn text(&self, uri: &Uri) -> Result<&str, (ErrorCode, String)> {
        match self.documents.get(uri) {
            Some(document) => Ok(&document.text),
            None => Err((
                ErrorCode::InvalidParams,
                format!("`{}` is not open", uri.as_str()),
            )),
        }
    }

    /// Keeps documents up to date; returns the diagnostics to publish.
    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        let uri = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) =
                    notification.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let document = Document {
                    text: params.text_document.text,
                    version: params.text_document.version,
                };
                self.documents
                    .insert(params.text_document.uri.clone(), document);
                params.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let Some(document) = self.documents.get_mut(&params.text_document.uri) else {
                    return Vec::new();
                };
                for change in params.content_changes {
                    apply(&mut document.text, change);
                }
                document.version = params.text_document.version;
                params.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                self.documents.remove(&params.text_document.uri);
                // A closed file's problems leave the editor's list with it.
                return vec![publish(params.text_document.uri, Vec::new(), None)];
            }
            _ => return Vec::new(),
        };
        let Some(document) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let found = catch_unwind(AssertUnwindSafe(|| diagnostics::of(&uri, &document.text)));
        match found {
            Ok(found) => vec![publish(uri, found, Some(document.version))],
            Err(_) => Vec::new(),
        }
    }
}

/// One change of `didChange`: the whole text, or a range replaced when a client sends that
/// although the server asked for whole texts.
fn apply(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = Lines::new(text);
            let (start, end) = (lines.offset(range.start), lines.offset(range.end));
            text.replace_range(start..end.max(start), &change.text);
        }
    }
}

fn publish(uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Message {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        params,
    ))
}

fn params<T: DeserializeOwned>(request: Request) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(request.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("bad parameters: {e}")))
}

fn json(result: impl Serialize) -> Result<serde_json::Value, (ErrorCode, String)> {
    serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
