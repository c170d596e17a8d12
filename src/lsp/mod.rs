//! `svcspec lsp`: a Language Server for specs and results files, over stdin and stdout.
//!
//! It runs the pipeline of `check` (and of `evaluate`, for a results file) on the text the
//! editor holds, and puts what svcspec knows in the editor: every finding as a diagnostic, the
//! model's names on hover, keys, ids and enum values to complete, ids to follow and rename, and
//! fixes as code actions. rust-analyzer's `lsp-server` provides the message types and
//! `lsp-types` the protocol's; the framing is svcspec's own ([`transport`]), so that no message
//! can end the connection.
//!
//! The modules follow the concerns: [`transport`] (frames), [`server`] (the loop, life cycle,
//! debounce; its `requests` answer each request), [`documents`] (text, versions, incremental edits), [`positions`] (UTF-16 and
//! other encodings ↔ byte offsets), [`analysis`] (running the pipeline), [`diagnostics`],
//! [`hover`], [`completion`] with [`context`] (where the cursor is in half-typed YAML),
//! [`navigation`] (definition, references, rename), [`actions`] and [`preview`]; [`model`]
//! reads the generated schema.

pub mod actions;
pub mod analysis;
pub mod completion;
pub mod context;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod model;
pub mod navigation;
pub mod positions;
pub mod preview;
pub mod server;
pub mod transport;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use crate::limits::Limits;
use crate::lsp::analysis::Analyzer;
use crate::lsp::server::Server;

/// What a server is started with.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The limits on every document, as `check` applies them to files.
    pub limits: Limits,
    /// `--config FILE`: the config of every document, instead of svcspec.toml found upward.
    pub config: Option<PathBuf>,
}

/// The largest message read: a document at the size limit, escaped as JSON (at most six bytes
/// a byte), with room for the rest of the message; at least 64 MiB.
fn max_message(limits: &Limits) -> usize {
    let doc = usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX);
    doc.saturating_mul(6).saturating_add(1 << 20).max(64 << 20)
}

/// Serves one client on stdin and stdout until it exits; whether it shut the server down first.
pub fn run(settings: Settings) -> io::Result<bool> {
    serve(io::BufReader::new(io::stdin()), io::stdout(), settings)
}

/// Serves one client on any pair of streams.
pub fn serve(
    input: impl BufRead + Send + 'static,
    output: impl Write + Send + 'static,
    settings: Settings,
) -> io::Result<bool> {
    let (incoming, _reader) = transport::spawn_reader(input, max_message(&settings.limits))?;
    let (out, writer) = transport::spawn_writer(output)?;
    let server = Server::new(out, Analyzer::new(settings.limits, settings.config));
    let clean = server.serve(&incoming);
    // The server (and its sender) is gone: the writer sends what is left, then ends. The reader
    // may be blocked on input that never comes; it ends with the process.
    let _ = writer.join();
    Ok(clean)
}
