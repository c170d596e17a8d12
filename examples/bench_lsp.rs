//! How long `svcspec lsp` takes to re-check a bundled spec after an edit (README, Speed).
//!
//! 1. In process: the function the server calls on each check ([`Analyzer::analyze`]) and the
//!    conversion of its findings, after a one-character edit of specs/zhuzhou-elderly.yaml.
//! 2. Through the server: `svcspec lsp` as a child process; each round sends the edit and a
//!    hover request, which makes the server check the new version before it answers.
//!
//! `cargo run --release --example bench_lsp [ROUNDS]`
//! (the server is the `svcspec` binary beside the example's folder, or `$SVCSPEC`).

use std::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use lsp_types::Uri;
use serde_json::{Value, json};
use svcspec::limits::Limits;
use svcspec::lsp::analysis::Analyzer;
use svcspec::lsp::diagnostics::to_lsp;
use svcspec::lsp::documents::Doc;
use svcspec::lsp::positions::Encoding;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() -> Result<(), Box<dyn Error>> {
    let rounds: usize = std::env::args().nth(1).map_or(Ok(200), |n| n.parse())?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("specs/zhuzhou-elderly.yaml");
    let text = std::fs::read_to_string(&path)?;
    let uri_text = format!("file://{}", path.display());
    let uri = Uri::from_str(&uri_text)?;
    // The edit: the mid-term tranche's share, 40 and 45 in turn (45 adds findings).
    let line = text
        .lines()
        .position(|l| l == "      share: 40")
        .ok_or("no `share: 40` line")?;
    let edit = |round: usize| {
        let digit = if round.is_multiple_of(2) { "5" } else { "0" };
        json!([{
            "range": {"start": {"line": line, "character": 14}, "end": {"line": line, "character": 15}},
            "text": digit,
        }])
    };

    // 1. In process.
    let mut analyzer = Analyzer::new(Limits::default(), None);
    let mut doc = Doc::new(uri_text.clone(), text.clone(), 1);
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let changes = serde_json::from_value(edit(round))?;
        let start = Instant::now();
        doc.apply(changes, i32::try_from(round)? + 2, Encoding::Utf16);
        let analysis = analyzer.analyze(&doc, &[]);
        let found = to_lsp(
            &analysis.report,
            analysis.text(),
            &analysis.lines,
            Encoding::Utf16,
            &uri,
        );
        times.push(start.elapsed());
        std::hint::black_box(found);
    }
    println!(
        "in process: re-check after an edit, median of {rounds}: {:.2} ms",
        median(times).as_secs_f64() * 1000.0
    );

    // 2. Through the server.
    let server = std::env::var_os("SVCSPEC").map_or_else(
        || -> Result<PathBuf, Box<dyn Error>> {
            let exe = std::env::current_exe()?;
            let dir = exe
                .parent()
                .and_then(|d| d.parent())
                .ok_or("no target folder")?;
            Ok(dir.join("svcspec"))
        },
        |p| Ok(PathBuf::from(p)),
    )?;
    let mut child = Command::new(&server)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut send = |message: Value| -> Result<(), Box<dyn Error>> {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        stdin.flush()?;
        Ok(())
    };
    // Reads messages until the response to `id`.
    let mut answer = |id: usize| -> Result<(), Box<dyn Error>> {
        loop {
            let mut length = 0;
            loop {
                let mut header = String::new();
                if stdout.read_line(&mut header)? == 0 {
                    return Err("the server has gone".into());
                }
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some(n) = header.strip_prefix("Content-Length: ") {
                    length = n.parse()?;
                }
            }
            let mut body = vec![0; length];
            stdout.read_exact(&mut body)?;
            let message: Value = serde_json::from_slice(&body)?;
            if message.get("id") == Some(&json!(id)) {
                return Ok(());
            }
        }
    };
    send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}))?;
    answer(0)?;
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri_text, "languageId": "yaml", "version": 1, "text": text}}}),
    )?;
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let id = round + 1;
        let start = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri_text, "version": round + 2}, "contentChanges": edit(round)}}),
        )?;
        send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri_text}, "position": {"line": line, "character": 8}}}),
        )?;
        answer(id)?;
        times.push(start.elapsed());
    }
    println!(
        "through the server: edit + hover round trip, median of {rounds}: {:.2} ms",
        median(times).as_secs_f64() * 1000.0
    );
    send(json!({"jsonrpc": "2.0", "id": 0, "method": "shutdown"}))?;
    answer(0)?;
    send(json!({"jsonrpc": "2.0", "method": "exit"}))?;
    child.wait()?;
    Ok(())
}
