//! The wire: JSON-RPC messages framed by `Content-Length` headers on stdin and stdout.
//!
//! lsp-server's own stdio transport ends the connection at the first malformed header or body,
//! and allocates whatever a `Content-Length` claims before reading it. An editor's server must
//! outlive a bad message, so svcspec reads frames itself: a malformed header is skipped up to the
//! next `Content-Length`, a body that is not JSON-RPC is answered with an error, a body over the
//! size limit is read past without keeping it, and memory grows only with bytes that arrive.

use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{Value, json};

/// What the reader hands to the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a JSON-RPC message. `id` is the request's id when the body was JSON
    /// with one, so that the error can answer it.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends: a message, or an error response to a request whose id could not be
/// read (JSON-RPC answers those with `"id": null`).
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    NullIdError { code: ErrorCode, message: String },
}

/// The longest header line read; a longer one is not a header.
const MAX_HEADER_LINE: usize = 1024;

/// Starts the thread that reads frames from `input` until it ends. Bodies longer than
/// `max_body` bytes are skipped.
pub fn spawn_reader(
    input: impl BufRead + Send + 'static,
    max_body: usize,
) -> io::Result<(Receiver<Incoming>, JoinHandle<()>)> {
    let (sender, receiver) = crossbeam_channel::unbounded();
    let handle = thread::Builder::new()
        .name("svcspec-lsp-reader".to_owned())
        .spawn(move || read_frames(input, max_body, &sender))?;
    Ok((receiver, handle))
}

/// Starts the thread that writes what it is sent to `output`, each message flushed whole.
pub fn spawn_writer(
    output: impl Write + Send + 'static,
) -> io::Result<(Sender<Outgoing>, JoinHandle<()>)> {
    let (sender, receiver) = crossbeam_channel::unbounded::<Outgoing>();
    let handle = thread::Builder::new()
        .name("svcspec-lsp-writer".to_owned())
        .spawn(move || {
            let mut output = output;
            for outgoing in receiver {
                let written = match outgoing {
                    Outgoing::Message(message) => message.write(&mut output),
                    Outgoing::NullIdError { code, message } => write_frame(
                        &mut output,
                        &json!({
                            "jsonrpc": "2.0",
                            "id": null,
                            "error": {"code": code as i32, "message": message},
                        }),
                    ),
                };
                if let Err(e) = written {
                    // The client has gone: nothing more can reach it.
                    eprintln!("svcspec lsp: cannot write to the client: {e}");
                    return;
                }
            }
        })?;
    Ok((sender, handle))
}

fn write_frame(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

/// Reads frames until the input ends or the server stops listening.
fn read_frames(mut input: impl BufRead, max_body: usize, sender: &Sender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input, max_body) {
            Ok(Some(incoming)) => incoming,
            Ok(None) => return,
            Err(e) => {
                eprintln!("svcspec lsp: cannot read from the client: {e}");
                return;
            }
        };
        if let Incoming::Message(Message::Notification(n)) = &incoming
            && n.method == "exit"
        {
            let _ = sender.send(incoming);
            return;
        }
        if sender.send(incoming).is_err() {
            return;
        }
    }
}

/// One header line: its bytes without the line end, or `None` at the end of the input. A line
/// longer than [`MAX_HEADER_LINE`] is read to its end and returned cut, so it fails to parse.
fn header_line(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let (done, used) = {
            let buf = input.fill_buf()?;
            if buf.is_empty() {
                return Ok(any.then_some(line));
            }
            any = true;
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    let room = MAX_HEADER_LINE.saturating_sub(line.len());
                    line.extend(buf.iter().take(i.min(room)));
                    (true, i + 1)
                }
                None => {
                    let room = MAX_HEADER_LINE.saturating_sub(line.len());
                    line.extend(buf.iter().take(room));
                    (false, buf.len())
                }
            }
        };
        input.consume(used);
        if done {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
    }
}

/// The value of a `Content-Length` header found anywhere in a line (after a malformed frame
/// the next header can follow the garbage on the same line), when it parses.
fn content_length(line: &[u8]) -> Option<Result<usize, String>> {
    let text = String::from_utf8_lossy(line);
    let lower = text.to_ascii_lowercase();
    let at = lower.find("content-length:")?;
    let value = text.get(at + "content-length:".len()..)?.trim();
    Some(
        value
            .parse::<usize>()
            .map_err(|_| format!("`Content-Length: {value}` is not a length")),
    )
}

/// Reads one frame. Malformed headers are skipped (reported once) up to the next line holding a
/// `Content-Length`; `None` at the end of the input.
fn read_frame(input: &mut impl BufRead, max_body: usize) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut fault: Option<String> = None;
    loop {
        let Some(line) = header_line(input)? else {
            return Ok(None);
        };
        if line.is_empty() {
            match length {
                Some(_) => break,
                // A blank line with no length yet: skip it (a stray line end between frames).
                None => continue,
            }
        }
        match content_length(&line) {
            Some(Ok(n)) => {
                if !line.to_ascii_lowercase().starts_with(b"content-length:") {
                    // Garbage before the header on the same line: a frame without a header.
                    fault.get_or_insert_with(|| "bytes outside any frame".to_owned());
                }
                length = Some(n);
            }
            Some(Err(why)) => {
                fault.get_or_insert(why);
                length = None;
            }
            None if length.is_some() && line.contains(&b':') => {} // another header, e.g. Content-Type
            None => {
                fault.get_or_insert_with(|| {
                    format!(
                        "a malformed header line: {:?}",
                        String::from_utf8_lossy(&line)
                            .chars()
                            .take(80)
                            .collect::<String>()
                    )
                });
                length = None;
            }
        }
    }
    if let Some(why) = fault {
        eprintln!("svcspec lsp: skipped {why}");
    }
    let length = length.unwrap_or(0);
    if length > max_body {
        let skipped = io::copy(&mut input.take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Incoming::Malformed {
            id: None,
            code: ErrorCode::InvalidRequest,
            message: format!(
                "a message of {length} bytes is over the limit of {max_body} bytes (raise `--max-file-size`)"
            ),
        }));
    }
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(parse(&body)))
}

/// A frame's body as a message, or what is wrong with it.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {e}"),
            };
        }
    };
    let id = match value.get("id") {
        Some(Value::String(s)) => Some(RequestId::from(s.clone())),
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        _ => None,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!(
                "the message is not a JSON-RPC request, response or notification: {e}"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(incoming) = read_frame(&mut reader, 1000).unwrap() {
            out.push(incoming);
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn is_method(incoming: &Incoming, method: &str) -> bool {
        matches!(incoming, Incoming::Message(Message::Notification(n)) if n.method == method)
    }

    /// A bad header, a body that is not JSON, one that is JSON but not JSON-RPC and one over
    /// the limit are each reported, and the good frames around them still arrive.
    #[test]
    fn survives_malformed_frames() {
        let good = r#"{"jsonrpc":"2.0","method":"a"}"#;
        let input = [
            "Bogus header\r\n\r\n".to_owned(),
            frame(good),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":1}"#),
            format!("Content-Length: 5000\r\n\r\n{}", "x".repeat(5000)),
            "garbage without a line end".to_owned() + &frame(r#"{"jsonrpc":"2.0","method":"b"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(is_method(&got[0], "a"));
        assert!(matches!(
            &got[1],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[2],
            Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(7)
        ));
        assert!(matches!(&got[3], Incoming::Malformed { id: None, .. }));
        assert!(is_method(&got[4], "b"));
    }

    /// A frame cut short by the end of the input ends the stream without a message.
    #[test]
    fn ends_on_a_short_body() {
        assert!(frames("Content-Length: 50\r\n\r\n{}").is_empty());
    }
}
