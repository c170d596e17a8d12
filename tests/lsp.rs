//! `svcspec lsp` driven as an editor drives it: a child process spoken to over stdio with
//! Content-Length framing. Diagnostics are held to `check --format json` on the same text.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{root, specs, svcspec_in};

/// How long any one answer may take (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// A language client: the server's stdin, and its messages as they arrive.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
    /// The encoding the server picked.
    encoding: String,
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    /// Starts `svcspec lsp` with `args` in `dir` and initializes it, offering `encodings`
    /// (none: the client says nothing, so UTF-16).
    fn start_in(dir: &Path, args: &[&str], encodings: Option<&[&str]>) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("svcspec"))
            .arg("lsp")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                let value: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let mut client = Self {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 0,
            encoding: String::new(),
        };
        let mut capabilities = json!({});
        if let Some(encodings) = encodings {
            capabilities = json!({"general": {"positionEncodings": encodings}});
        }
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        client.encoding = result["result"]["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap()
            .to_owned();
        client.notify("initialized", json!({}));
        client
    }

    fn start() -> Self {
        Self::start_in(&root(), &[], None)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string();
        self.write(&frame(&body));
    }

    /// Sends a request and waits for its response (the whole message, `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body =
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        self.write(&frame(&body));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// Waits for a message that `pred` accepts; the others are kept for later.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no answer in {PATIENCE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server has gone"),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    fn at(&mut self, method: &str, uri: &str, position: Value, extra: Value) -> Value {
        let mut params = json!({"textDocument": {"uri": uri}, "position": position});
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    /// Shuts the server down and waits for it to exit; its exit code.
    fn shutdown(mut self) -> i32 {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

/// A `file:` URI for an absolute path (the tests' paths are ASCII).
fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A position in the text: `line` 0-based, `column` the client's units from a code-point
/// column (0-based) of that line.
fn units(text: &str, line: usize, column: usize, encoding: &str) -> Value {
    let line_text = text.split('\n').nth(line).unwrap_or("");
    let prefix: String = line_text.chars().take(column).collect();
    let character = match encoding {
        "utf-8" => prefix.len(),
        "utf-32" => prefix.chars().count(),
        _ => prefix.encode_utf16().count(),
    };
    json!({"line": line, "character": character})
}

/// The position of the `nth` (0-based) occurrence of `needle` in `text`, plus `shift` characters.
fn find(text: &str, needle: &str, nth: usize, shift: usize) -> Value {
    let offset = text.match_indices(needle).nth(nth).unwrap().0;
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + shift;
    units(text, line, column, "utf-16")
}

/// `check --format json` on `text`, written to `dir/name`, as (code, range) in the client's
/// encoding, in order.
fn check_json(dir: &Path, name: &str, text: &str, encoding: &str) -> Vec<(String, Value)> {
    std::fs::write(dir.join(name), text).unwrap();
    let out = svcspec_in(dir)
        .args(["check", "--format", "json", name])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let position = |line: &Value, column: &Value| match (line.as_u64(), column.as_u64()) {
                (Some(l), Some(c)) => units(text, l as usize - 1, c as usize - 1, encoding),
                _ => json!({"line": 0, "character": 0}),
            };
            (
                d["code"].as_str().unwrap().to_owned(),
                json!({
                    "start": position(&d["line"], &d["column"]),
                    "end": position(&d["end_line"], &d["end_column"]),
                }),
            )
        })
        .collect()
}

fn codes_and_ranges(diagnostics: &[Value]) -> Vec<(String, Value)> {
    diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["range"].clone()))
        .collect()
}

/// Applies LSP text edits (in the client's encoding) to a text.
fn apply(text: &str, edits: &[Value], encoding: &str) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
        let line_text = text[start..].split('\n').next().unwrap();
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= character {
                return start + i;
            }
            units += match encoding {
                "utf-8" => c.len_utf8(),
                "utf-32" => 1,
                _ => c.len_utf16(),
            };
        }
        start + line_text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

fn bundled(name: &str) -> (PathBuf, String) {
    let path = root().join("specs").join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// Every bundled spec gets the diagnostics `check --format json` gives, and a results file
/// that repeats person codes gets its SV809 warnings, checked against the spec beside it.
#[test]
fn bundled_specs_match_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start();
    for name in specs() {
        let (path, text) = bundled(&name);
        let got = client.open(&uri_of(&path), &text);
        let want = check_json(dir.path(), "spec.yaml", &text, "utf-16");
        assert_eq!(codes_and_ranges(&got), want, "{name}");
    }
    let results = root().join("specs/results/zhuzhou-elderly-final-missed.yaml");
    let text = std::fs::read_to_string(&results).unwrap();
    let got = client.open(&uri_of(&results), &text);
    let repeated = got.iter().filter(|d| d["code"] == "SV809").count();
    assert_eq!(repeated, 12, "{got:#?}");
    assert_eq!(client.shutdown(), 0);
}

/// Faulty edits made as an editor makes them (incremental, UTF-16 positions past CJK text and
/// a character outside the BMP) give exactly `check`'s findings, with the same ranges once
/// converted; a multi-place finding carries its other places.
#[test]
fn faulty_edits_match_check() {
    let dir = tempfile::tempdir().unwrap();
    let (_, original) = bundled("zhuzhou-elderly");
    let path = dir.path().join("edited.yaml");
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &original);

    // Each phase's edits replace `old` (its first occurrence) with `new`; after each phase the
    // findings are `check`'s. A schema fault stops the later stages, and a dangling reference
    // the semantic rules, so each phase shows one stage.
    let phases: [&[(&str, &str)]; 4] = [
        &[
            ("人民币叁拾万元整", "人民币𠀀叁拾万元整"),
            ("      share: 40", "      share: 45"),
        ],
        &[("      milestone: mid-term", "      milestone: mid-trem")],
        &[(
            "  frequency: {times: 1, per: month}",
            "  frequency: {备注𠀀: 1, times: 1, per: mnth}",
        )],
        &[(
            "    name: 株洲市民政局",
            "    name: 𠀀株洲市民政局\n    nmae: 重复",
        )],
    ];
    let mut text = original.clone();
    let mut version = 1;
    for (phase, edits) in phases.iter().enumerate() {
        for (old, new) in edits.iter() {
            let start = find(&text, old, 0, 0);
            let end = find(&text, old, 0, old.chars().count());
            version += 1;
            client.change(
                &uri,
                version,
                json!([{"range": {"start": start, "end": end}, "text": new}]),
            );
            text = text.replacen(old, new, 1);
        }
        let got = client.diagnostics(&uri, version);
        let want = check_json(dir.path(), "edited.yaml", &text, "utf-16");
        assert!(!want.is_empty(), "phase {phase}");
        assert_eq!(codes_and_ranges(&got), want, "phase {phase}");
        let codes: Vec<&str> = got.iter().map(|d| d["code"].as_str().unwrap()).collect();
        let expected: &[&str] = match phase {
            0 => &["SV204", "SV206", "SV207"],
            1 => &["SV031"],
            2 => &["SV020", "SV021"],
            _ => &["SV021"],
        };
        for code in expected {
            assert!(codes.contains(code), "phase {phase}: {codes:?}");
        }
        if phase == 0 {
            // The sum of shares has a related location for every other share, and its docs.
            let shares = got.iter().find(|d| d["code"] == "SV204").unwrap();
            assert_eq!(shares["relatedInformation"].as_array().unwrap().len(), 2);
            let href = shares["codeDescription"]["href"].as_str().unwrap();
            assert!(href.ends_with("docs/rules.md#sv204"), "{href}");
        }
    }
    client.shutdown();
}

/// With UTF-8 offered first, the server counts bytes, and its ranges are still `check`'s.
#[test]
fn utf8_and_utf32_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (_, original) = bundled("zhuzhou-elderly");
    let text = original.replacen("kind: state_organ", "kind: stat_organ", 1);
    for (offered, expected) in [
        (["utf-8", "utf-16"], "utf-8"),
        (["utf-32", "utf-8"], "utf-32"),
    ] {
        let mut client = Client::start_in(&root(), &[], Some(&offered));
        assert_eq!(client.encoding, expected);
        let got = client.open(&uri_of(&dir.path().join("u.yaml")), &text);
        assert_eq!(
            codes_and_ranges(&got),
            check_json(dir.path(), "u.yaml", &text, expected)
        );
        client.shutdown();
    }
}

/// Hover names a key in English and Chinese, writes an amount's 大写, says what a reference
/// points to, and explains a finding.
#[test]
fn hovers() {
    let (path, text) = bundled("zhuzhou-elderly");
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &text);
    let hover = |client: &mut Client, position: Value| {
        let answer = client.at("textDocument/hover", &uri, position, json!({}));
        answer["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let share = hover(&mut client, find(&text, "share: 30", 0, 2));
    assert!(share.contains("Share") && share.contains("比例"), "{share}");
    let amount = hover(&mut client, find(&text, "amount: 90000", 0, 9));
    assert!(amount.contains("人民币玖万元整"), "{amount}");
    let reference = hover(&mut client, find(&text, "milestone: mid-term", 0, 13));
    assert!(
        reference.contains("milestone `mid-term`") && reference.contains("中期评估"),
        "{reference}"
    );
    let definition = hover(&mut client, find(&text, "id: mid-term", 0, 6));
    assert!(definition.contains("referred to once"), "{definition}");

    // A finding's explanation, once the text has one.
    let at = find(&text, "share: 40", 0, 7);
    client.change(
        &uri,
        2,
        json!([{"range": {"start": at, "end": find(&text, "share: 40", 0, 9)}, "text": "45"}]),
    );
    let edited = text.replacen("share: 40", "share: 45", 1);
    let explained = hover(&mut client, find(&edited, "share: 45", 0, 8));
    assert!(
        explained.contains("SV204") && explained.contains("What it checks"),
        "{explained}"
    );
    client.shutdown();
}

/// At a tranche's `milestone: ` every milestone id is offered; keys and enum values are
/// completed from the model with their Chinese names.
#[test]
fn completions() {
    let (path, original) = bundled("zhuzhou-elderly");
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &original);
    let anchor = "      on_signing: true\n";
    let text = original.replacen(anchor, &format!("{anchor}      milestone: \n"), 1);
    let line = original[..original.find(anchor).unwrap()]
        .matches('\n')
        .count()
        + 1;
    let at = json!({"line": line, "character": 0});
    client.change(
        &uri,
        2,
        json!([{"range": {"start": at, "end": at}, "text": "      milestone: \n"}]),
    );
    let labels = |answer: &Value| -> Vec<String> {
        answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let answer = client.at(
        "textDocument/completion",
        &uri,
        find(&text, "      milestone: \n", 0, 17),
        json!({}),
    );
    assert_eq!(
        labels(&answer),
        ["inception", "mid-term", "final", "acceptance"]
    );

    let answer = client.at(
        "textDocument/completion",
        &uri,
        find(&text, "  field: elderly", 0, 9),
        json!({}),
    );
    let items = answer["result"].as_array().unwrap();
    let hospice = items.iter().find(|i| i["label"] == "hospice").unwrap();
    assert!(hospice["detail"].as_str().unwrap().contains("临终关怀"));

    let answer = client.at(
        "textDocument/completion",
        &uri,
        find(&text, "      milestone: \n", 0, 6),
        json!({}),
    );
    let keys = labels(&answer);
    assert!(keys.contains(&"min_grade".to_owned()), "{keys:?}");
    assert!(
        !keys.contains(&"share".to_owned()),
        "present keys are not offered: {keys:?}"
    );
    client.shutdown();
}

/// A milestone id leads to its definition, lists its references, and renames everywhere; the
/// renamed spec still checks clean.
#[test]
fn definition_references_rename() {
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = bundled("zhuzhou-elderly");
    let path = dir.path().join("renamed.yaml");
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &text);
    let on_reference = find(&text, "milestone: mid-term", 0, 13);
    let definition = client.at(
        "textDocument/definition",
        &uri,
        on_reference.clone(),
        json!({}),
    );
    let location = &definition["result"][0];
    assert_eq!(
        location["range"]["start"],
        find(&text, "id: mid-term", 0, 4)
    );

    let references = client.at(
        "textDocument/references",
        &uri,
        find(&text, "id: mid-term", 0, 5),
        json!({"context": {"includeDeclaration": true}}),
    );
    let found = references["result"].as_array().unwrap();
    let uses = text.matches("mid-term").count();
    assert_eq!(found.len(), uses, "{found:#?}");

    let prepared = client.at(
        "textDocument/prepareRename",
        &uri,
        on_reference.clone(),
        json!({}),
    );
    assert_eq!(prepared["result"]["placeholder"], "mid-term");
    let bad = client.at(
        "textDocument/rename",
        &uri,
        on_reference.clone(),
        json!({"newName": "中期"}),
    );
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a valid id")
    );
    let renamed = client.at(
        "textDocument/rename",
        &uri,
        on_reference,
        json!({"newName": "midterm-review"}),
    );
    let edits = renamed["result"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), uses);
    let after = apply(&text, edits, "utf-16");
    assert_eq!(after.matches("midterm-review").count(), uses);
    assert!(!after.contains("mid-term"));
    assert!(check_json(dir.path(), "renamed.yaml", &after, "utf-16").is_empty());
    client.shutdown();
}

/// Applying the offered quick fixes, one at a time, turns a spec with a misspelt key, wrong
/// capitals, a tranche amount off its share and a missing section into one that checks clean.
#[test]
fn code_actions_fix_a_faulty_spec() {
    let dir = tempfile::tempdir().unwrap();
    let (_, original) = bundled("zhuzhou-elderly");
    let without_plan = {
        let start = original.find("sustainability:\n").unwrap();
        let rest = &original[start + 1..];
        let end = rest
            .find("\n\n")
            .map_or(original.len(), |i| start + 1 + i + 2);
        format!("{}{}", &original[..start], &original[end..])
    };
    let faulty = without_plan
        .replacen("  site: 湖南", "  stie: 湖南", 1)
        .replacen("人民币叁拾万元整", "人民币叁拾万零伍元整", 1)
        .replacen("      amount: 120000", "      amount: 125000", 1);
    let path = dir.path().join("fixed.yaml");
    let uri = uri_of(&path);
    let mut client = Client::start();
    let mut diagnostics = client.open(&uri, &faulty);
    let mut text = faulty.clone();
    let mut version = 1;
    let mut applied = Vec::new();
    while let Some(d) = diagnostics
        .iter()
        .find(|d| ["SV021", "SV207", "SV206", "SV705"].contains(&d["code"].as_str().unwrap()))
        .cloned()
    {
        let answer = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let actions = answer["result"].as_array().unwrap();
        let action = actions
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == d["code"])
            .unwrap_or_else(|| panic!("no fix for {d:#?} in {actions:#?}"));
        applied.push(action["title"].as_str().unwrap().to_owned());
        let edits = action["edit"]["changes"][&uri].as_array().unwrap();
        let new = apply(&text, edits, "utf-16");
        version += 1;
        client.change(&uri, version, json!([{"text": new}]));
        text = new;
        diagnostics = client.diagnostics(&uri, version);
        assert!(applied.len() <= 6, "fixes go round in circles: {applied:?}");
    }
    assert_eq!(applied.len(), 4, "{applied:?}");
    assert!(
        applied
            .iter()
            .any(|t| t.contains("Replace `stie` with `site`")),
        "{applied:?}"
    );
    assert!(text.contains("amount_in_words: 人民币叁拾万元整"));
    assert!(text.contains("      amount: 120000"));
    assert!(text.contains("sustainability:"));
    let left = check_json(dir.path(), "fixed.yaml", &text, "utf-16");
    let errors = {
        std::fs::write(dir.path().join("fixed.yaml"), &text).unwrap();
        svcspec_in(dir.path())
            .args(["check", "fixed.yaml"])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(errors, Some(0), "{left:?}");

    // The 大写 of a figure without one: offered on the amount.
    let bare = original.replacen("  amount_in_words: 人民币叁拾万元整\n", "", 1);
    let uri2 = uri_of(&dir.path().join("bare.yaml"));
    client.open(&uri2, &bare);
    let at = find(&bare, "  amount: 300000", 0, 11);
    let answer = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri2}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    let action = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("capitals"))
        .expect("a 大写 action");
    let written = apply(
        &bare,
        action["edit"]["changes"][&uri2].as_array().unwrap(),
        "utf-16",
    );
    assert_eq!(written, original);
    client.shutdown();
}

/// The preview command writes the contract as an HTML page and returns its path.
#[test]
fn preview_writes_html() {
    let (path, text) = bundled("shanghai-hospice");
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &text);
    let answer = client.request(
        "workspace/executeCommand",
        json!({"command": "svcspec.preview", "arguments": [uri]}),
    );
    let page = answer["result"]["path"].as_str().expect("a path");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("合同"),
        "{page}"
    );
    // A file that is not open is read from disk; a faulty one is refused with a reason.
    let (other, _) = bundled("zhuzhou-elderly");
    let answer = client.request(
        "workspace/executeCommand",
        json!({"command": "svcspec.preview", "arguments": [uri_of(&other), "plan", "en"]}),
    );
    assert!(
        answer["result"]["path"]
            .as_str()
            .unwrap()
            .ends_with("plan.en.html")
    );
    let faulty = text.replacen("spec_version: 1", "spec_version: 1\nbogus: 1", 1);
    client.change(&uri, 2, json!([{"text": faulty}]));
    let answer = client.request(
        "workspace/executeCommand",
        json!({"command": "svcspec.preview", "arguments": [{"uri": uri}]}),
    );
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("does not check clean")
    );
    client.shutdown();
}

/// Bad JSON, a bad header, an unknown method, wrong params, a request before anything is open
/// and a document over the size limit get errors or findings; the server answers after them.
#[test]
fn malformed_messages_and_huge_documents() {
    let mut client = Client::start();
    client.write(&frame("{this is not json"));
    let error = client.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    client.write(b"Nonsense-Header\r\n\r\n");
    client.write(&frame(r#"{"jsonrpc":"2.0","id":"x","params":[]}"#));
    let error = client.wait(|m| m["id"] == "x");
    assert_eq!(error["error"]["code"], -32600);
    let unknown = client.request("textDocument/unheardOf", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let wrong = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(wrong["error"]["code"], -32602);
    let unknown_doc = client.at(
        "textDocument/hover",
        "file:///nowhere.yaml",
        json!({"line": 0, "character": 0}),
        json!({}),
    );
    assert_eq!(unknown_doc["result"], Value::Null);

    let huge = format!("spec_version: 1\n{}", "# padding 填充\n".repeat(400_000));
    let got = client.open("file:///tmp/huge.yaml", &huge);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["code"], "SV005");

    // YAML that is not a spec gets nothing, not a flood of unknown keys.
    let workflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n";
    assert!(client.open("file:///tmp/ci.yml", workflow).is_empty());
    let hover = client.at(
        "textDocument/hover",
        "file:///tmp/ci.yml",
        json!({"line": 0, "character": 1}),
        json!({}),
    );
    assert_eq!(hover["result"], Value::Null);

    let (path, text) = bundled("chaoyang-integration");
    assert!(client.open(&uri_of(&path), &text).is_empty());
    assert_eq!(client.shutdown(), 0);
}

/// The server applies the limit flags it is started with, as `check` does: each limit below
/// what a bundled spec needs refuses it with the code `check` gives.
#[test]
fn limit_flags_apply_to_open_documents() {
    let (path, text) = bundled("zhuzhou-elderly");
    for (flag, value, code) in [
        ("--max-file-size", "10000", "SV005"),
        ("--max-depth", "3", "SV003"),
        ("--max-nodes", "100", "SV010"),
        ("--max-scalar-size", "50", "SV010"),
    ] {
        let mut client = Client::start_in(&root(), &[flag, value], None);
        let got = client.open(&uri_of(&path), &text);
        let codes: Vec<&Value> = got.iter().map(|d| &d["code"]).collect();
        assert_eq!(codes, [code], "svcspec lsp {flag} {value}");
        assert_eq!(client.shutdown(), 0);
    }
    let mut client = Client::start_in(&root(), &["--max-alias-nodes", "2"], None);
    let got = client.open(
        "file:///tmp/alias.yaml",
        "spec_version: 1\na: &a [1, 2, 3]\nb: *a\n",
    );
    assert!(got.iter().any(|d| d["code"] == "SV004"), "{got:#?}");
    assert_eq!(client.shutdown(), 0);
}

/// Fifty edits in a burst are checked once: the only diagnostics published after them are
/// those of the last version.
#[test]
fn rapid_edits_check_the_last_version_only() {
    let (_, text) = bundled("zhuzhou-elderly");
    let uri = "file:///tmp/rapid.yaml";
    let mut client = Client::start();
    client.open(uri, &text);
    let mut burst = Vec::new();
    for version in 2..=51 {
        let body = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text.replacen("share: 40", &format!("share: {}", version % 7 + 40), 1)}],
            },
        });
        burst.extend(frame(&body.to_string()));
    }
    client.write(&burst);
    let last = client.diagnostics(uri, 51);
    let expected = if 51 % 7 == 0 { 0 } else { 1 };
    assert_eq!(
        last.iter().filter(|d| d["code"] == "SV204").count(),
        expected
    );
    // Anything published in between would have been read while waiting for version 51.
    let between: Vec<&Value> = client
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect();
    assert!(between.is_empty(), "{between:#?}");
    client.shutdown();
}

/// The protocol's exit codes: 0 after `shutdown`, 1 when the client exits without it.
#[test]
fn exit_codes() {
    let mut client = Client::start();
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
    assert_eq!(Client::start().shutdown(), 0);
}

/// Headless Neovim attaches the server with the setup docs/editors.md documents and shows a
/// rule's diagnostic (skipped, with a note, where no `nvim` 0.8 or newer is on the PATH).
#[test]
fn neovim_shows_a_rule_diagnostic() {
    if Command::new("nvim").arg("--version").output().is_err() {
        eprintln!("note: nvim is not on PATH; neovim_shows_a_rule_diagnostic skipped");
        return;
    }
    let status = Command::new("bash")
        .arg(root().join("scripts/nvim-lsp-check.sh"))
        .env("SVCSPEC", assert_cmd::cargo::cargo_bin!("svcspec"))
        .status()
        .unwrap();
    if status.code() == Some(77) {
        eprintln!("note: nvim is older than 0.8; neovim_shows_a_rule_diagnostic skipped");
        return;
    }
    assert!(status.success(), "{status}");
}

/// In a results file, the spec's ids are offered where it names them: the milestone, the
/// targets under `actuals` and the leaf items under a subject's scores, less those written.
#[test]
fn results_file_completions() {
    let path = root().join("specs/results/zhuzhou-elderly-final.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    let text = original.replacen("  satisfaction: 95\n", "  \n", 1);
    let uri = uri_of(&path);
    let mut client = Client::start();
    client.open(&uri, &text);
    let labels = |client: &mut Client, position: Value| -> Vec<String> {
        let answer = client.at("textDocument/completion", &uri, position, json!({}));
        answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        labels(&mut client, find(&text, "milestone: final", 0, 11)),
        ["inception", "mid-term", "final", "acceptance"]
    );
    let line = text[..text.find("  \n").unwrap()].matches('\n').count();
    assert_eq!(
        labels(&mut client, json!({"line": line, "character": 2})),
        ["satisfaction"]
    );
    // On a subject's first score: the leaf items not scored yet, here only the one at the
    // cursor (a word being retyped is offered again).
    assert_eq!(
        labels(&mut client, find(&text, "    s-visits", 0, 4)),
        ["s-visits"]
    );
    client.shutdown();
}
