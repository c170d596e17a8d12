//! The official YAML test suite (tests/data/yaml-test-suite, MIT) through svcspec's loader.
//!
//! Every case is loaded as a spec is. A valid case must load to the value of its `in.json` and
//! to the tree of its `test.event` (keys as their text, aliases repeated), unless one of the
//! reasons of [`BY_DESIGN`] applies to it, decided from those expected events: then it must be
//! refused with the code of one of them. A case the suite says must be rejected must be refused
//! at a place in its text. Whatever the input, the fast reader never builds a document other
//! than saphyr-parser's.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::Value;
use svcspec::diagnostic::Diagnostic;
use svcspec::limits::Limits;
use svcspec::load::{Document, decode, load};

use crate::common::root;
use crate::yaml_fast::same_document;

/// The YAML 1.2 core schema's tags, and `!` (non-specific: a string, a mapping or a sequence
/// by its kind): the only tags a spec may carry, with `!fill`.
const CORE: &str = "tag:yaml.org,2002:";
const SCALAR_TAGS: &[&str] = &["str", "null", "bool", "int", "float"];

/// A reason svcspec refuses valid YAML, the code it must give, and the cases it covers.
struct Refusal {
    reason: &'static str,
    code: &'static str,
    applies: fn(&Stream) -> bool,
}

/// Valid YAML that is not a spec. A case these cover must be refused, with one of their codes;
/// each reason must cover at least one case.
const BY_DESIGN: &[Refusal] = &[
    Refusal {
        reason: "no document: a spec file holds one",
        code: "SV007",
        applies: |s| s.documents.is_empty(),
    },
    Refusal {
        reason: "more than one document",
        code: "SV009",
        applies: |s| s.documents.len() > 1,
    },
    Refusal {
        reason: "the top level is not a mapping",
        code: "SV008",
        applies: |s| {
            s.documents
                .first()
                .is_some_and(|d| !matches!(d, Node::Map { .. }))
        },
    },
    Refusal {
        reason: "a mapping or a sequence as a key, written out or through an alias (keys are strings)",
        code: "SV009",
        applies: |s| s.any(&|n| n.pairs().iter().any(|(k, _)| k.scalar().is_none())),
    },
    Refusal {
        reason: "a tag other than the core schema's and `!`",
        code: "SV009",
        applies: |s| s.any(&|n| n.tag().is_some_and(|t| !allowed_tag(t, n))),
    },
    Refusal {
        reason: "two keys of one mapping with the same text (two empty keys, say)",
        code: "SV002",
        applies: |s| {
            s.any(&|n| {
                let mut seen = HashSet::new();
                !n.pairs()
                    .iter()
                    .filter_map(|(k, _)| k.scalar())
                    .all(|k| seen.insert(k))
            })
        },
    },
];

fn allowed_tag(tag: &str, node: &Node) -> bool {
    let Some(core) = tag.strip_prefix(CORE) else {
        return tag == "!";
    };
    match node {
        Node::Scalar { .. } => SCALAR_TAGS.contains(&core),
        Node::Map { .. } => core == "map",
        Node::Seq { .. } => core == "seq",
    }
}

/// A node of the expected event stream, aliases replaced by what they repeat.
#[derive(Debug, Clone)]
enum Node {
    Scalar {
        text: String,
        plain: bool,
        tag: Option<String>,
    },
    Map {
        tag: Option<String>,
        pairs: Vec<(Node, Node)>,
    },
    Seq {
        tag: Option<String>,
        items: Vec<Node>,
    },
}

impl Node {
    fn tag(&self) -> Option<&str> {
        match self {
            Node::Scalar { tag, .. } | Node::Map { tag, .. } | Node::Seq { tag, .. } => {
                tag.as_deref()
            }
        }
    }

    fn scalar(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    fn pairs(&self) -> &[(Node, Node)] {
        match self {
            Node::Map { pairs, .. } => pairs,
            _ => &[],
        }
    }

    /// Whether `test` holds for this node or one below it.
    fn any(&self, test: &dyn Fn(&Node) -> bool) -> bool {
        test(self)
            || match self {
                Node::Scalar { .. } => false,
                Node::Map { pairs, .. } => pairs.iter().any(|(k, v)| k.any(test) || v.any(test)),
                Node::Seq { items, .. } => items.iter().any(|i| i.any(test)),
            }
    }
}

/// A collection of the event stream, open until its end event.
struct Open {
    map: bool,
    tag: Option<String>,
    anchor: Option<String>,
    children: Vec<Node>,
}

/// The documents of a case's `test.event`.
struct Stream {
    documents: Vec<Node>,
}

impl Stream {
    fn any(&self, test: &dyn Fn(&Node) -> bool) -> bool {
        self.documents.iter().any(|d| d.any(test))
    }

    /// Reads the suite's event notation: `+MAP {} &a <tag>`, `=VAL &a <tag> :text`,
    /// `=ALI *a`, `-MAP`, one event a line.
    fn parse(events: &str) -> Stream {
        let mut documents = Vec::new();
        let mut anchors: HashMap<String, Node> = HashMap::new();
        let mut open: Vec<Open> = Vec::new();
        for line in events.lines() {
            let (event, mut rest) = line.split_once(' ').unwrap_or((line, ""));
            let (mut anchor, mut tag) = (None, None);
            while rest.starts_with(['&', '<', '{', '[']) {
                let (word, r) = rest.split_once(' ').unwrap_or((rest, ""));
                if let Some(a) = word.strip_prefix('&') {
                    anchor = Some(a.to_owned());
                } else if word.starts_with('<') {
                    tag = Some(word.trim_matches(['<', '>']).to_owned());
                }
                rest = r;
            }
            let node = match event {
                "+MAP" | "+SEQ" => {
                    open.push(Open {
                        map: event == "+MAP",
                        tag,
                        anchor,
                        children: Vec::new(),
                    });
                    continue;
                }
                "-MAP" | "-SEQ" => {
                    let Open {
                        map,
                        tag,
                        anchor: a,
                        children,
                    } = open.pop().expect("a collection to close");
                    anchor = a;
                    if map {
                        let mut children = children.into_iter();
                        let mut pairs = Vec::new();
                        while let (Some(k), Some(v)) = (children.next(), children.next()) {
                            pairs.push((k, v));
                        }
                        Node::Map { tag, pairs }
                    } else {
                        Node::Seq {
                            tag,
                            items: children,
                        }
                    }
                }
                "=VAL" => {
                    let (style, text) = rest.split_at(1);
                    Node::Scalar {
                        text: unescape(text),
                        plain: style == ":",
                        tag,
                    }
                }
                "=ALI" => anchors[rest.trim_start_matches('*')].clone(),
                _ => continue,
            };
            if let Some(a) = anchor {
                anchors.insert(a, node.clone());
            }
            match open.last_mut() {
                Some(o) => o.children.push(node),
                None => documents.push(node),
            }
        }
        Stream { documents }
    }
}

/// The suite's escapes in event text.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('\\') => '\\',
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('b') => '\u{8}',
            other => panic!("unknown escape \\{other:?} in {text:?}"),
        });
    }
    out
}

/// A number of the YAML 1.2 core schema (infinities and NaN left out: svcspec keeps them as
/// strings, JSON having no form for them), written apart from svcspec's reader.
fn core_number(text: &str) -> Option<f64> {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(n) = text.strip_prefix(prefix) {
            return digits(n, radix)
                .then(|| u128::from_str_radix(n, radix).ok().map(|n| n as f64))
                .flatten();
        }
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let number = (digits(int, 10) || int.is_empty())
        && (digits(frac, 10) || frac.is_empty())
        && !(int.is_empty() && frac.is_empty())
        && exponent.is_none_or(|e| digits(e, 10));
    number.then(|| text.parse().ok()).flatten()
}

const NULLS: &[&str] = &["", "~", "null", "Null", "NULL"];
const TRUES: &[&str] = &["true", "True", "TRUE"];
const FALSES: &[&str] = &["false", "False", "FALSE"];

/// Whether `value` is what a YAML 1.2 reader makes of `node` when keys are strings: each key
/// its text, each scalar by the core schema.
fn reads_as(value: &Value, node: &Node) -> bool {
    match (node, value) {
        (Node::Map { pairs, .. }, Value::Object(map)) => {
            map.len() == pairs.len()
                && pairs.iter().all(|(k, v)| {
                    k.scalar()
                        .and_then(|k| map.get(k))
                        .is_some_and(|x| reads_as(x, v))
                })
        }
        (Node::Seq { items, .. }, Value::Array(values)) => {
            items.len() == values.len() && items.iter().zip(values).all(|(i, v)| reads_as(v, i))
        }
        (Node::Scalar { text, plain, tag }, _) => {
            let text = text.as_str();
            let kind = match tag.as_deref() {
                None if *plain => None,
                None | Some("!") => Some("str"),
                Some(t) => t.strip_prefix(CORE),
            };
            let number = |v: &Value| {
                v.as_f64()
                    .is_some_and(|n| core_number(text).is_some_and(|m| m == n))
            };
            match (kind, value) {
                (None, Value::Null) => NULLS.contains(&text),
                (None, Value::Bool(b)) => (if *b { TRUES } else { FALSES }).contains(&text),
                (None, Value::Number(_)) => number(value),
                (None, Value::String(s)) => {
                    s == text
                        && !NULLS.contains(&text)
                        && !TRUES.contains(&text)
                        && !FALSES.contains(&text)
                        && core_number(text).is_none()
                }
                (Some("str"), Value::String(s)) => s == text,
                (Some("null"), Value::Null) => true,
                (Some("bool"), Value::Bool(b)) => (if *b { TRUES } else { FALSES }).contains(&text),
                (Some("int" | "float"), Value::Number(_)) => number(value),
                _ => false,
            }
        }
        _ => false,
    }
}

/// JSON equality with numbers compared by value: svcspec keeps a number's text (`1.50`), the
/// suite writes it its own way.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Whether every diagnostic points into the text (a file with no document has nowhere to
/// point).
fn located(text: &str, diagnostics: &[Diagnostic]) -> bool {
    !diagnostics.is_empty()
        && diagnostics.iter().all(|d| {
            d.code == "SV007"
                || d.labels
                    .first()
                    .is_some_and(|l| text.get(l.span.clone()).is_some())
        })
}

/// Every key and value of the document has a span in its index, inside the text.
fn indexed(text: &str, document: &Document) -> bool {
    fn walk(text: &str, document: &Document, pointer: &str, value: &Value) -> bool {
        let here = document.index.get(pointer).is_some_and(|span| {
            text.get(span.value.clone()).is_some() && span.key.is_none_or(|k| text.get(k).is_some())
        });
        here && match value {
            Value::Object(map) => map.iter().all(|(k, v)| {
                let child = svcspec::span_index::child(pointer, k);
                document.index.key(&child).is_some() && walk(text, document, &child, v)
            }),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .all(|(i, v)| walk(text, document, &format!("{pointer}/{i}"), v)),
            _ => true,
        }
    }
    walk(text, document, "", &document.value)
}

fn suite() -> PathBuf {
    root().join("tests/data/yaml-test-suite")
}

/// The folders holding a case (`in.yaml`), sub-cases included, sorted.
fn case_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for path in entries {
        if path.join("in.yaml").is_file() {
            out.push(path);
        } else {
            case_dirs(&path, out);
        }
    }
}

/// Every case of the suite, loaded as a spec: valid ones read as the suite reads them unless
/// refused by design, invalid ones refused at a place in the text, none a panic.
#[test]
fn suite_loads_as_yaml_1_2() {
    let limits = Limits::default();
    let mut dirs = Vec::new();
    case_dirs(&suite(), &mut dirs);
    let mut failures = Vec::new();
    let (mut matched, mut rejected, mut refused) = (0, 0, 0);
    let mut per_reason = vec![0; BY_DESIGN.len()];
    for dir in &dirs {
        let id = dir.strip_prefix(suite()).unwrap().display().to_string();
        let title = std::fs::read_to_string(dir.join("===")).unwrap_or_default();
        let id = format!("{id} ({})", title.trim());
        let bytes = std::fs::read(dir.join("in.yaml")).unwrap();
        let loaded = catch_unwind(AssertUnwindSafe(|| {
            match decode(Path::new("in.yaml"), bytes.clone()) {
                Ok(source) => (source.text().to_owned(), load(&source, &limits)),
                Err((source, diag)) => (source.text().to_owned(), Err(vec![diag])),
            }
        }));
        let Ok((text, result)) = loaded else {
            failures.push(format!("{id}: the loader panicked"));
            continue;
        };
        if dir.join("error").exists() {
            match result {
                Ok(_) => failures.push(format!("{id}: accepted, the suite rejects it")),
                Err(diags) if !located(&text, &diags) => {
                    failures.push(format!("{id}: refused without a place: {diags:?}"));
                }
                Err(_) => rejected += 1,
            }
            continue;
        }
        let events = std::fs::read_to_string(dir.join("test.event")).unwrap();
        let stream = Stream::parse(&events);
        let reasons: Vec<usize> = (0..BY_DESIGN.len())
            .filter(|&r| (BY_DESIGN[r].applies)(&stream))
            .collect();
        match result {
            Err(diags) if !reasons.is_empty() => {
                let codes: Vec<&str> = reasons.iter().map(|&r| BY_DESIGN[r].code).collect();
                if !located(&text, &diags) || !diags.iter().all(|d| codes.contains(&d.code)) {
                    failures.push(format!("{id}: refused by design ({codes:?}) but {diags:?}"));
                } else {
                    refused += 1;
                    for r in reasons {
                        per_reason[r] += 1;
                    }
                }
            }
            Ok(_) if !reasons.is_empty() => {
                let why: Vec<&str> = reasons.iter().map(|&r| BY_DESIGN[r].reason).collect();
                failures.push(format!("{id}: accepted, though refused by design: {why:?}"));
            }
            Err(diags) => failures.push(format!("{id}: valid YAML refused: {diags:?}")),
            Ok(document) => {
                let json = std::fs::read_to_string(dir.join("in.json")).ok();
                let expected = json.as_deref().map(|json| {
                    serde_json::Deserializer::from_str(json)
                        .into_iter::<Value>()
                        .next()
                        .unwrap()
                        .unwrap()
                });
                if !reads_as(&document.value, &stream.documents[0]) {
                    failures.push(format!("{id}: read as {}, events differ", document.value));
                } else if expected.is_some_and(|e| !same_json(&document.value, &e)) {
                    failures.push(format!("{id}: read as {}, in.json differs", document.value));
                } else if !indexed(&text, &document) {
                    failures.push(format!("{id}: a node without a span"));
                } else {
                    matched += 1;
                }
            }
        }
    }
    eprintln!(
        "yaml-test-suite: {matched} read as the suite reads them, {rejected} invalid refused, {refused} refused by design:"
    );
    for (refusal, n) in BY_DESIGN.iter().zip(&per_reason) {
        eprintln!("  {n:4} {} ({})", refusal.reason, refusal.code);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (refusal, n) in BY_DESIGN.iter().zip(&per_reason) {
        assert!(*n > 0, "no case is refused for {:?}", refusal.reason);
    }
    // The suite's README: 308 valid cases and 94 to reject.
    assert_eq!(matched + refused, 308);
    assert_eq!(rejected, 94);
}

/// On every input of the suite, valid or not, the fast reader builds saphyr-parser's document
/// whenever it builds one.
#[test]
fn suite_fast_reader_agrees() {
    let mut dirs = Vec::new();
    case_dirs(&suite(), &mut dirs);
    let mut taken = 0;
    for dir in &dirs {
        if let Ok(text) = std::fs::read_to_string(dir.join("in.yaml")) {
            taken += usize::from(same_document(&text));
        }
    }
    // Most suite inputs use YAML beyond the fast reader's part (it took 22 of 402 when this was
    // written); if it took next to none, this test would prove nothing.
    assert!(
        taken * 20 > dirs.len(),
        "the fast reader took {taken} of {} inputs",
        dirs.len()
    );
}
