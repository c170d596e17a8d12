//! YAML text → JSON value + span index, in one pass over saphyr's event stream.
//!
//! Building from events (not saphyr's tree loader) gives spans on keys as well as values, both
//! places of a duplicate key, and depth, node and alias limits enforced with an explicit stack,
//! so no input can overflow the call stack.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::rules::input;
use crate::source::{SourceFile, Span};
use crate::span_index::{NodeId, Shape, SpanIndex, child};

mod fast;

/// A loaded document: the value every later stage reads, and where each node came from.
#[derive(Debug, PartialEq)]
pub struct Document {
    pub value: Value,
    pub index: SpanIndex,
    /// Nodes tagged `!fill`: values the designer still has to replace.
    pub placeholders: Vec<String>,
    /// Text values whose lines YAML folded with a space inside Chinese text (a `>` block, or a
    /// plain or quoted scalar over several lines): "服务，\n综合" reads "服务， 综合".
    pub folded: Vec<String>,
    /// Whether any value is null. The typed model has no nulls, so a document without one that
    /// the model accepts needs no schema validation; the loader notes it as it goes.
    pub has_null: bool,
}

/// Reads a file within the size limit and checks that it is UTF-8 text.
///
/// An I/O failure gives a diagnostic without a source (the file has no text to point into).
pub fn read(path: &Path, limits: &Limits) -> Result<Arc<SourceFile>, ReadError> {
    let io = |e: std::io::Error| {
        ReadError::Io(
            input::UNREADABLE_FILE
                .diag(format!("cannot read file: {}", io_reason(&e)))
                .help("check the path and its permissions"),
        )
    };
    // Looked at before opening: opening a named pipe would wait for a writer, for ever.
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(
            input::UNREADABLE_FILE.diag(format!("`{}` is a directory", path.display())),
        ));
    }
    if !meta.is_file() {
        return Err(ReadError::Io(
            input::UNREADABLE_FILE
                .diag(format!(
                    "`{}` is not a regular file (a pipe, a socket or a device)",
                    path.display()
                ))
                .help("name the spec file itself"),
        ));
    }
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let too_large = |size: u64| {
        ReadError::Content(
            SourceFile::new(path, String::new()),
            too_large(size, limits),
        )
    };
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    decode(path, bytes).map_err(|(source, diag)| ReadError::Content(source, diag))
}

/// The finding on a file of `size` bytes, over the size limit. An editor's text is held to
/// the same limit as a file on disk.
pub fn too_large(size: u64, limits: &Limits) -> Diagnostic {
    input::FILE_TOO_LARGE
        .diag(format!(
            "file is {} bytes, over the limit of {} bytes",
            size, limits.max_file_bytes
        ))
        .help("check that this is the spec you meant; raise the limit with `--max-file-size`")
}

/// Takes the bytes of a file as its text: UTF-8 without NUL bytes, or a diagnostic at the first
/// byte that is not.
pub fn decode(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<Arc<SourceFile>, (Arc<SourceFile>, Diagnostic)> {
    // simdutf8 validates CJK text several times faster than `String::from_utf8`; a file it
    // refuses goes through the standard library for the position of the fault.
    let checked = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated these bytes as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    };
    match checked {
        Ok(text) => {
            if let Some(at) = memchr::memchr(0, text.as_bytes()) {
                let source = SourceFile::new(path, text);
                let diag = input::NOT_UTF8_TEXT
                    .diag("file holds a NUL byte: it is binary data, not a YAML text")
                    .label(at..at + 1, "NUL byte here")
                    .help("check that this is the spec you meant");
                return Err((source, diag));
            }
            Ok(SourceFile::new(path, text))
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bad = err.as_bytes().get(at).copied().unwrap_or(0);
            let source =
                SourceFile::new(path, String::from_utf8_lossy(err.as_bytes()).into_owned());
            let width = source.text()[at..].chars().next().map_or(0, char::len_utf8);
            let diag = input::NOT_UTF8_TEXT
                .diag(format!("file is not UTF-8: invalid byte 0x{bad:02X}"))
                .label(at..at + width, "not UTF-8")
                .help("save the file as UTF-8 (it may be GBK)");
            Err((source, diag))
        }
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read: an invocation fault.
    Io(Diagnostic),
    /// The file was read but its content is refused; the source holds what could be decoded.
    Content(Arc<SourceFile>, Diagnostic),
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// What a kind of document starts with, for the help of an empty file or a top level that is
/// not a mapping.
#[derive(Debug, Clone, Copy)]
pub struct Opening {
    /// The first key, as written: `spec_version: 1`.
    pub first_key: &'static str,
    /// What to do with an empty file.
    pub empty_help: &'static str,
    /// `a spec`, `a results file`.
    pub what: &'static str,
}

/// How a spec opens.
pub const SPEC_OPENING: Opening = Opening {
    first_key: "spec_version: 1",
    empty_help: "write the spec, or start from `svcspec init`",
    what: "a spec",
};

/// Parses a source file into a document, or returns every fault found.
pub fn load(source: &SourceFile, limits: &Limits) -> Result<Document, Vec<Diagnostic>> {
    load_as(source, limits, &SPEC_OPENING)
}

/// [`load`] for a kind of document that opens as `opening` says.
///
/// The text goes first through a fast reader of the YAML that specs are written in
/// ([`fast`]); on anything else, or any fault, it is read again by saphyr-parser.
pub fn load_as(
    source: &SourceFile,
    limits: &Limits,
    opening: &Opening,
) -> Result<Document, Vec<Diagnostic>> {
    match load_fast(source, limits) {
        Some(document) => Ok(document),
        None => load_full(source, limits, opening),
    }
}

/// The fast reader alone: a document when the text is one it reads, a mapping at the top, and
/// without fault; `None` otherwise. Exposed for the tests that hold it to [`load_full`].
#[doc(hidden)]
pub fn load_fast(source: &SourceFile, limits: &Limits) -> Option<Document> {
    let mut builder = Builder::new(source, limits);
    fast::read(source.text(), &mut builder).ok()?;
    if !builder.diagnostics.is_empty() || !matches!(builder.root, Some(Value::Object(_))) {
        return None;
    }
    Some(builder.into_document())
}

/// Loads through saphyr-parser alone, which reads all of YAML and words every fault.
#[doc(hidden)]
pub fn load_full(
    source: &SourceFile,
    limits: &Limits,
    opening: &Opening,
) -> Result<Document, Vec<Diagnostic>> {
    let mut builder = Builder::new(source, limits);
    let mut parser = Parser::new_from_str(source.text());
    while let Some(event) = parser.next_event() {
        let step = match event {
            Ok((event, span)) => {
                let span = builder.span(&span);
                builder.event(event, span)
            }
            Err(err) => Err(builder.syntax(&err)),
        };
        if let Err(diag) = step {
            builder.diagnostics.push(diag);
            return Err(builder.diagnostics);
        }
    }
    if !builder.diagnostics.is_empty() {
        return Err(builder.diagnostics);
    }
    match builder.root {
        None => Err(vec![
            input::EMPTY_FILE
                .diag("file holds no YAML document")
                .help(opening.empty_help),
        ]),
        Some(Value::Object(_)) => Ok(builder.into_document()),
        Some(other) => {
            let span = builder.index.value("");
            Err(vec![
                input::TOP_LEVEL_NOT_A_MAPPING
                    .diag(format!(
                        "the top level is {}, not a mapping of keys",
                        kind_of(&other)
                    ))
                    .label_opt(
                        span,
                        format!(
                            "expected keys such as `{}` here",
                            opening.first_key.split(' ').next().unwrap_or_default()
                        ),
                    )
                    .help(format!(
                        "{} starts with `{}` at the left margin",
                        opening.what, opening.first_key
                    )),
            ])
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
    }
}

struct Anchor {
    value: Value,
    node: Option<NodeId>,
    nodes: usize,
    /// Levels of mappings and sequences in the value (0 for a scalar): an alias adds them to
    /// the depth where it stands.
    height: usize,
    /// A scalar's text: the key that an alias to it stands for. `None` for a collection, which
    /// cannot be a key.
    key: Option<String>,
}

enum Container {
    Map {
        map: Map<String, Value>,
        /// The key whose value comes next, with its span; `None` while a key is awaited.
        key: Option<(String, Span)>,
        /// The span of each key of `map`, in the same order, to label the first of a duplicate
        /// pair.
        key_spans: Vec<Span>,
        /// Where each key stands in `map`, built at the first duplicate of a large mapping
        /// (a hostile one can repeat a hundred thousand keys; a search for each is quadratic).
        positions: Option<HashMap<String, usize>>,
        /// Set while the value of a duplicate key is parsed: it is dropped.
        discard_next: bool,
    },
    Seq(Vec<Value>),
}

/// Loading stops after this many duplicate keys in one file.
const MAX_DUPLICATE_KEYS: usize = 100;

/// Mappings with more keys than this find the first of a duplicate pair through an index.
const INDEXED: usize = 32;

struct Frame {
    container: Container,
    /// `None` for nodes that are dropped (the value of a duplicate key): they are not indexed.
    node: Option<NodeId>,
    start: usize,
    anchor: usize,
    nodes: usize,
    /// The greatest height of the children placed so far.
    height: usize,
}

struct Builder<'a> {
    source: &'a SourceFile,
    limits: &'a Limits,
    stack: Vec<Frame>,
    root: Option<Value>,
    index: SpanIndex,
    anchors: HashMap<usize, Anchor>,
    alias_nodes: usize,
    nodes: usize,
    documents: usize,
    diagnostics: Vec<Diagnostic>,
    placeholders: Vec<String>,
    folded: Vec<String>,
    has_null: bool,
    /// (character index, byte offset) of the last position converted.
    cursor: (usize, usize),
}

/// Where the next node goes: under which indexed parent (none for the root), as which key.
struct Slot {
    parent: Option<NodeId>,
    key: Option<String>,
    key_span: Option<Span>,
    /// False for the value of a duplicate key and everything below it: dropped, not indexed.
    keep: bool,
}

impl<'a> Builder<'a> {
    fn new(source: &'a SourceFile, limits: &'a Limits) -> Self {
        Builder {
            source,
            limits,
            stack: Vec::new(),
            root: None,
            index: SpanIndex::default(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            nodes: 0,
            documents: 0,
            diagnostics: Vec::new(),
            placeholders: Vec::new(),
            folded: Vec::new(),
            has_null: false,
            cursor: (0, 0),
        }
    }

    /// The document built, once its root is known to be a mapping.
    fn into_document(self) -> Document {
        Document {
            value: self.root.unwrap_or(Value::Null),
            index: self.index,
            placeholders: self.placeholders,
            folded: self.folded,
            has_null: self.has_null,
        }
    }

    fn span(&mut self, span: &YamlSpan) -> Span {
        let start = self.offset(span.start.index());
        let end = self.offset(span.end.index());
        start..end.max(start)
    }

    /// The byte offset of a character index. Events arrive in text order, so a cursor that
    /// walks forward makes this linear over the file; going back restarts from the beginning.
    fn offset(&mut self, char_index: usize) -> usize {
        let (mut chars, mut bytes) = self.cursor;
        if char_index < chars {
            (chars, bytes) = (0, 0);
        }
        // Count characters by their first bytes (any byte that is not a UTF-8 continuation
        // byte): a byte loop, cheaper than decoding each character.
        let text = self.source.text().as_bytes();
        while chars < char_index && bytes < text.len() {
            bytes += 1;
            while text.get(bytes).is_some_and(|b| b & 0xC0 == 0x80) {
                bytes += 1;
            }
            chars += 1;
        }
        self.cursor = (chars, bytes);
        bytes
    }

    fn syntax(&mut self, err: &ScanError) -> Diagnostic {
        let marker = err.marker();
        let mut at = self.offset(marker.index());
        let text = self.source.text();
        let mut label = "here";
        if text[at..].trim().is_empty() {
            // At the end of the file: point at the last thing written, which is what is unclosed.
            at = text.trim_end().char_indices().last().map_or(0, |(i, _)| i);
            label = "the file ends after this";
        }
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        let info = err.info();
        if info.contains("recursion limit") {
            return input::NESTING_TOO_DEEP
                .diag("nesting goes deeper than the YAML parser allows")
                .label(at..end, "too deep here")
                .help("a spec nests about 8 levels; flatten the document");
        }
        let help = if info.contains("tab") || self.source.text()[at..].starts_with('\t') {
            "indent with spaces: YAML does not allow tabs for indentation"
        } else if info.contains("did not find expected key") || info.contains("mapping values") {
            "check the indentation of this line against the line above, and put a space after each `:`"
        } else {
            "fix the YAML at this position"
        };
        input::YAML_SYNTAX
            .diag(format!("invalid YAML: {info}"))
            .label(at..end, label)
            .help(help)
    }

    /// Takes one event, its span in bytes.
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Diagnostic> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(input::UNSUPPORTED_YAML
                        .diag("file holds more than one YAML document")
                        .label(
                            span.start..span.start + 3.min(self.source.text().len() - span.start),
                            "a second document starts here",
                        )
                        .help("put each spec in a file of its own"));
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.scalar(text, style, anchor, tag.as_deref(), span)
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_container_tag(tag.as_deref(), "seq", &span)?;
                self.open(Container::Seq(Vec::new()), anchor, span)
            }
            Event::MappingStart(anchor, tag) => {
                self.check_container_tag(tag.as_deref(), "map", &span)?;
                self.open(
                    Container::Map {
                        map: Map::new(),
                        key: None,
                        key_spans: Vec::new(),
                        positions: None,
                        discard_next: false,
                    },
                    anchor,
                    span,
                )
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span.start),
            Event::Alias(id) => self.alias(id, span),
        }
    }

    fn check_container_tag(
        &self,
        tag: Option<&Tag>,
        core: &str,
        span: &Span,
    ) -> Result<(), Diagnostic> {
        match tag {
            None => Ok(()),
            Some(t) if non_specific(t) || core_suffix(t) == Some(core) => Ok(()),
            Some(t) => {
                // The span of a tagged collection runs to its first child: label the tag alone.
                let rest = self.source.text().get(span.start..span.end).unwrap_or("");
                let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                Err(self.unsupported_tag(t, span.start..span.start + len))
            }
        }
    }

    fn unsupported_tag(&self, tag: &Tag, span: Span) -> Diagnostic {
        input::UNSUPPORTED_YAML
            .diag(format!("tag `{}` is not supported", display_tag(tag)))
            .label(span, "tagged here")
            .help("remove the tag; specs allow only the core tags (`!!str`, `!!int`…) and `!fill`")
    }

    /// Decides where the next node goes. A node in key position must be a scalar.
    fn slot(&mut self, what: &str, span: &Span) -> Result<Slot, Diagnostic> {
        let Some(frame) = self.stack.last_mut() else {
            return Ok(Slot {
                parent: None,
                key: None,
                key_span: None,
                keep: true,
            });
        };
        match &mut frame.container {
            Container::Seq(_) => Ok(Slot {
                parent: frame.node,
                key: None,
                key_span: None,
                keep: frame.node.is_some(),
            }),
            Container::Map {
                key: Some((key, key_span)),
                discard_next,
                ..
            } => Ok(Slot {
                parent: frame.node,
                key: Some(key.clone()),
                key_span: Some(key_span.clone()),
                keep: frame.node.is_some() && !*discard_next,
            }),
            Container::Map { key: None, .. } => Err(input::UNSUPPORTED_YAML
                .diag(format!("a {what} cannot be a mapping key"))
                .label(span.clone(), "used as a key here")
                .help("write keys as plain strings")),
        }
    }

    fn count_node(&mut self, span: &Span) -> Result<(), Diagnostic> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(input::DOCUMENT_TOO_LARGE
                .diag(format!(
                    "document holds more than {} nodes",
                    self.limits.max_nodes
                ))
                .label(span.clone(), "limit reached here")
                .help("a spec holds a few thousand nodes; keep bulk data out of it, or raise the limit with `--max-nodes`"));
        }
        Ok(())
    }

    fn open(&mut self, container: Container, anchor: usize, span: Span) -> Result<(), Diagnostic> {
        let (what, shape) = if matches!(container, Container::Seq(_)) {
            ("sequence", Shape::Sequence)
        } else {
            ("mapping", Shape::Mapping)
        };
        let slot = self.slot(what, &span)?;
        self.count_node(&span)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.too_deep(span, "too deep here"));
        }
        let node = slot.keep.then(|| {
            self.index
                .add(slot.parent, slot.key, slot.key_span, span.clone(), shape)
        });
        self.stack.push(Frame {
            container,
            node,
            start: span.start,
            anchor,
            nodes: self.nodes,
            height: 0,
        });
        Ok(())
    }

    fn close(&mut self, end: usize) -> Result<(), Diagnostic> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let text = self.source.text();
        let trimmed = text
            .get(frame.start..end)
            .map_or(frame.start, |s| frame.start + s.trim_end().len());
        let span = frame.start..trimmed.max(frame.start);
        let value = match frame.container {
            Container::Map { map, .. } => Value::Object(map),
            Container::Seq(items) => Value::Array(items),
        };
        let nodes = self.nodes - frame.nodes + 1;
        let height = frame.height + 1;
        if let Some(id) = frame.node {
            self.index.set_value(id, span);
        }
        if frame.anchor != 0 {
            self.anchors.insert(
                frame.anchor,
                Anchor {
                    value: value.clone(),
                    node: frame.node,
                    nodes,
                    height,
                    key: None,
                },
            );
        }
        self.place(value, height);
        Ok(())
    }

    /// Puts a finished node, `height` levels high, into its parent (or makes it the root).
    fn place(&mut self, value: Value, height: usize) {
        self.has_null |= value.is_null();
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(value);
            }
            return;
        };
        frame.height = frame.height.max(height);
        match &mut frame.container {
            Container::Seq(items) => items.push(value),
            Container::Map {
                map,
                key,
                discard_next,
                ..
            } => {
                if let Some((k, _)) = key.take() {
                    if !*discard_next {
                        map.insert(k, value);
                    }
                    *discard_next = false;
                }
            }
        }
    }

    /// Whether the mapping on top of the stack awaits a key.
    fn awaits_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                container: Container::Map { key: None, .. },
                ..
            })
        )
    }

    /// Takes `name`, written at `span` (a scalar, or an alias to one), as the key the mapping on
    /// top of the stack awaits. A duplicate is reported, and its value dropped.
    fn key(&mut self, name: String, span: Span) -> Result<(), Diagnostic> {
        let Some(frame) = self.stack.last_mut() else {
            return Ok(());
        };
        let Container::Map {
            map,
            key,
            key_spans,
            positions,
            discard_next,
        } = &mut frame.container
        else {
            return Ok(());
        };
        // Every key before this one has its value in the map by now.
        let first = map.contains_key(&name).then(|| {
            let at = if map.len() > INDEXED {
                positions
                    .get_or_insert_with(|| {
                        map.keys()
                            .enumerate()
                            .map(|(i, k)| (k.clone(), i))
                            .collect()
                    })
                    .get(&name)
                    .copied()
            } else {
                map.keys().position(|k| *k == name)
            };
            at.and_then(|i| key_spans.get(i)).cloned()
        });
        if let Some(first) = first {
            self.diagnostics.push(
                input::DUPLICATE_KEY
                    .diag(format!("key `{name}` appears twice in this mapping"))
                    .label(span.clone(), "second occurrence")
                    .label_opt(first, "first occurrence")
                    .pointer(
                        frame
                            .node
                            .map_or_else(String::new, |n| child(&self.index.pointer_of(n), &name)),
                    )
                    .help("keep one of the two and delete the other"),
            );
            *discard_next = true;
            // Only duplicate keys are collected here; past a hundred the file is not a spec
            // with a slip but a generated or hostile one, and printing every finding would
            // take longer than reading it.
            if self.diagnostics.len() >= MAX_DUPLICATE_KEYS {
                return Err(input::DUPLICATE_KEY
                    .diag(format!(
                        "loading stopped after {MAX_DUPLICATE_KEYS} duplicate keys"
                    ))
                    .label(span, "the last one reported")
                    .help("delete the duplicates reported above and check the file again"));
            }
        } else {
            if let Some(positions) = positions {
                positions.insert(name.clone(), key_spans.len());
            }
            key_spans.push(span.clone());
        }
        *key = Some((name, span));
        Ok(())
    }

    /// A scalar's value by the YAML 1.2 core schema and its tag, and whether `!fill` marks it.
    fn resolve(
        &self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: &Span,
    ) -> Result<(Value, bool), Diagnostic> {
        let Some(t) = tag else {
            return Ok((resolve_untagged(text, style), false));
        };
        if t.handle == "!" && t.suffix == "fill" {
            return Ok((resolve_untagged(text, style), true));
        }
        if non_specific(t) {
            return Ok((Value::String(text.into_owned()), false));
        }
        match core_suffix(t) {
            Some(suffix @ ("str" | "null" | "bool" | "int" | "float" | "map" | "seq")) => {
                match resolve_core_tag(&text, suffix) {
                    Some(value) => Ok((value, false)),
                    None => Err(input::UNSUPPORTED_YAML
                        .diag(format!("`{text}` cannot be read as `!!{suffix}`"))
                        .label(span.clone(), "tagged here")
                        .help("remove the tag or correct the value")),
                }
            }
            _ => Err(self.unsupported_tag(t, span.clone())),
        }
    }

    /// Places a scalar. The parser hands over plain scalars as owned strings: they move into
    /// the value tree, not copied.
    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<(), Diagnostic> {
        if text.len() > self.limits.max_scalar_bytes {
            return Err(input::DOCUMENT_TOO_LARGE
                .diag(format!(
                    "a scalar of {} bytes is over the limit of {} bytes",
                    text.len(),
                    self.limits.max_scalar_bytes
                ))
                .label(span.start..span.start, "starts here")
                .help("keep long texts in attachments, not in the spec, or raise the limit with `--max-scalar-size`"));
        }
        // A scalar in key position is a key: its text, whatever the core schema makes of it.
        if self.awaits_key() {
            let name = text.into_owned();
            if tag.is_some() || anchor != 0 {
                // A tag must fit the text as it would on a value; an alias to the anchor repeats
                // the scalar as a value (`&a 1` is the number 1) or as a key (its text).
                let (value, placeholder) = self.resolve(Cow::Borrowed(&name), style, tag, &span)?;
                if placeholder {
                    return Err(input::UNSUPPORTED_YAML
                        .diag("`!fill` marks a value to fill in, not a key")
                        .label(span, "tagged here")
                        .help("write the key itself, and put `!fill` on its value"));
                }
                if anchor != 0 {
                    let anchored = Anchor {
                        value,
                        node: None,
                        nodes: 1,
                        height: 0,
                        key: Some(name.clone()),
                    };
                    self.anchors.insert(anchor, anchored);
                }
            }
            return self.key(name, span);
        }
        let slot = self.slot("scalar", &span)?;
        self.count_node(&span)?;
        let key = (anchor != 0).then(|| text.to_string());
        let (value, placeholder) = self.resolve(text, style, tag, &span)?;
        let folded = value.is_string()
            && self
                .source
                .text()
                .get(span.clone())
                .is_some_and(|source| folds_wide_text(source, style));
        let node = slot.keep.then(|| {
            self.index
                .add(slot.parent, slot.key, slot.key_span, span, Shape::Scalar)
        });
        if let (Some(id), true) = (node, placeholder) {
            self.placeholders.push(self.index.pointer_of(id));
        }
        if let (Some(id), true) = (node, folded) {
            self.folded.push(self.index.pointer_of(id));
        }
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchor {
                    value: value.clone(),
                    node,
                    nodes: 1,
                    height: 0,
                    key,
                },
            );
        }
        self.place(value, 0);
        Ok(())
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Diagnostic> {
        if self.awaits_key() {
            // Keys are strings: an alias as a key repeats a scalar's text.
            let anchor = self
                .anchors
                .get(&id)
                .ok_or_else(|| undefined_alias(&span))?;
            let Some(name) = anchor.key.clone() else {
                return Err(input::UNSUPPORTED_YAML
                    .diag(format!(
                        "an alias to {} cannot be a mapping key",
                        kind_of(&anchor.value)
                    ))
                    .label(span, "used as a key here")
                    .help("write keys as plain strings"));
            };
            self.alias_nodes += 1;
            if self.alias_nodes > self.limits.max_alias_nodes {
                return Err(self.alias_limit(span));
            }
            return self.key(name, span);
        }
        let slot = self.slot("alias", &span)?;
        let anchor = self
            .anchors
            .get(&id)
            .ok_or_else(|| undefined_alias(&span))?;
        self.alias_nodes += anchor.nodes;
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(self.alias_limit(span));
        }
        // The value an alias repeats is as deep as its anchor: it counts where it is placed.
        let height = anchor.height;
        if self.stack.len() + height > self.limits.max_depth {
            return Err(self.too_deep(span, "too deep through this alias"));
        }
        let value = anchor.value.clone();
        let from = anchor.node;
        let nodes = anchor.nodes;
        for _ in 0..nodes {
            self.count_node(&span)?;
        }
        if slot.keep {
            let id = self
                .index
                .add(slot.parent, slot.key, slot.key_span, span, Shape::Scalar);
            if let Some(from) = from {
                self.index.share_children(id, from);
            }
        }
        self.place(value, height);
        Ok(())
    }

    fn alias_limit(&self, span: Span) -> Diagnostic {
        input::ALIAS_EXPANSION_TOO_LARGE
            .diag(format!(
                "aliases expand to more than {} nodes",
                self.limits.max_alias_nodes
            ))
            .label(span, "limit reached at this alias")
            .help("write the values out instead of repeating them through aliases; raise the limit with `--max-alias-nodes` if this is real")
    }

    fn too_deep(&self, span: Span, label: &str) -> Diagnostic {
        input::NESTING_TOO_DEEP
            .diag(format!(
                "nesting goes deeper than {} levels",
                self.limits.max_depth
            ))
            .label(span, label)
            .help(format!(
                "a spec nests about 8 levels; raise the limit with `--max-depth` (at most {}) if this is real",
                crate::limits::MAX_DEPTH_CAP
            ))
    }
}

/// Whether YAML folds a line break of a scalar's source into a space inside Chinese text: in a
/// folded block (`>`), or a plain or quoted scalar written over several lines, a break between
/// two lines of text (not an empty line, not a more-indented line of a block) reads as a space,
/// and where the text on either side is Chinese that space is not what the writer meant. A
/// literal block (`|`) keeps its breaks, and `\` at the end of a double-quoted line joins the
/// lines itself.
fn folds_wide_text(source: &str, style: ScalarStyle) -> bool {
    if style == ScalarStyle::Literal || !source.contains('\n') {
        return false;
    }
    // The span of a block scalar may start at its header (`>`, `>-`, `>+2`) or at its text;
    // either way the first line's indentation is not in the span: it is the block's own.
    let lines: Vec<&str> = source
        .lines()
        .enumerate()
        .filter(|(i, l)| {
            !(*i == 0 && style == ScalarStyle::Folded && l.trim_start().starts_with('>'))
        })
        .map(|(_, l)| l)
        .collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let base = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let more_indented = |i: usize| i > 0 && lines.get(i).is_some_and(|l| indent(l) > base);
    (1..lines.len()).any(|i| {
        let (Some(a), Some(b)) = (lines.get(i - 1), lines.get(i)) else {
            return false;
        };
        if a.trim().is_empty() || b.trim().is_empty() {
            return false;
        }
        if style == ScalarStyle::Folded && (more_indented(i - 1) || more_indented(i)) {
            return false;
        }
        let a = a.trim_end();
        if style == ScalarStyle::DoubleQuoted && a.ends_with('\\') {
            return false;
        }
        match (a.chars().next_back(), b.trim_start().chars().next()) {
            (Some(x), Some(y)) => crate::cjk::joins_without_space(x, y),
            _ => false,
        }
    })
}

fn undefined_alias(span: &Span) -> Diagnostic {
    input::YAML_SYNTAX
        .diag("alias refers to an anchor that is not defined")
        .label(span.clone(), "unknown alias")
        .help("an alias `*name` repeats a node marked `&name` earlier in the file, outside the alias itself")
}

/// The prefix of the YAML core schema's tags: `!!str` is short for `!<tag:yaml.org,2002:str>`.
const CORE_TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// The name of a core-schema tag (`str` of `!!str` and of `!<tag:yaml.org,2002:str>`).
fn core_suffix(tag: &Tag) -> Option<&str> {
    if tag.is_yaml_core_schema() {
        Some(&tag.suffix)
    } else if tag.handle.is_empty() {
        tag.suffix.strip_prefix(CORE_TAG_PREFIX)
    } else {
        None
    }
}

/// The non-specific tag `!`: a string, a mapping or a sequence by the node's kind.
fn non_specific(tag: &Tag) -> bool {
    tag.handle.is_empty() && tag.suffix == "!"
}

fn display_tag(tag: &Tag) -> String {
    if let Some(core) = core_suffix(tag) {
        format!("!!{core}")
    } else if tag.handle.is_empty() {
        format!("!<{}>", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// Resolves an untagged scalar by the YAML 1.2 core schema: `yes` stays a string, `012` is 12.
fn resolve_untagged(text: Cow<'_, str>, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.into_owned());
    }
    match &*text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    match number(&text) {
        Some(n) => Value::Number(n),
        None => Value::String(text.into_owned()),
    }
}

fn resolve_core_tag(text: &str, suffix: &str) -> Option<Value> {
    match suffix {
        "str" => Some(Value::String(text.to_owned())),
        "null" => matches!(text, "" | "~" | "null" | "Null" | "NULL").then_some(Value::Null),
        "bool" => match text {
            "true" | "True" | "TRUE" => Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => Some(Value::Bool(false)),
            _ => None,
        },
        "int" | "float" => number(text).map(Value::Number),
        _ => None,
    }
}

/// Reads a YAML 1.2 core-schema number into a JSON number that keeps its exact text
/// (serde_json's arbitrary precision), so amounts never pass through f64.
/// Infinities and NaN have no JSON form and stay strings.
fn number(text: &str) -> Option<Number> {
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return None;
    }
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => ("-", &text[1..]),
        Some(b'+') => ("", &text[1..]),
        _ => ("", text),
    };
    if let Some(hex) = body.strip_prefix("0x") {
        if sign.is_empty() && text.starts_with('0') && !hex.is_empty() {
            return u128::from_str_radix(hex, 16)
                .ok()
                .and_then(|n| n.to_string().parse().ok());
        }
        return None;
    }
    if let Some(oct) = body.strip_prefix("0o") {
        if sign.is_empty() && text.starts_with('0') && !oct.is_empty() {
            return u128::from_str_radix(oct, 8)
                .ok()
                .and_then(|n| n.to_string().parse().ok());
        }
        return None;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int)
        || !frac.is_none_or(digits)
        || (int.is_empty() && frac.is_none_or(str::is_empty))
    {
        return None;
    }
    if let Some(exp) = exponent {
        let exp_digits = exp.strip_prefix(['-', '+']).unwrap_or(exp);
        if exp_digits.is_empty() || !digits(exp_digits) {
            return None;
        }
    }
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    json.push_str(sign);
    json.push_str(if int.is_empty() { "0" } else { int });
    if let Some(frac) = frac {
        json.push('.');
        json.push_str(if frac.is_empty() { "0" } else { frac });
    }
    if let Some(exp) = exponent {
        json.push('e');
        json.push_str(exp);
    }
    json.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Document, Vec<Diagnostic>> {
        let source = SourceFile::new("t.yaml", text.to_owned());
        load(&source, &Limits::default())
    }

    /// YAML 1.2 core schema: `yes` stays a string, `012` is 12, exact decimals keep their text.
    #[test]
    fn scalars_follow_yaml_1_2() {
        let doc =
            load_str("a: yes\nb: 012\nc: 19.99\nd: '1'\ne: ~\nf: 0x1F\ng: .5\nh: 1e3\n").unwrap();
        let v = &doc.value;
        assert_eq!(v["a"], Value::String("yes".into()));
        assert_eq!(v["b"].to_string(), "12");
        assert_eq!(v["c"].to_string(), "19.99");
        assert_eq!(v["d"], Value::String("1".into()));
        assert_eq!(v["e"], Value::Null);
        assert_eq!(v["f"].to_string(), "31");
        assert_eq!(v["g"].to_string(), "0.5");
        assert_eq!(v["h"].as_f64(), Some(1000.0));
    }

    /// Keys and values both have spans, addressed by JSON pointer.
    #[test]
    fn index_has_keys_and_values() {
        let text = "project:\n  name: 株洲\nlist:\n  - a\n  - {b: 2}\n";
        let doc = load_str(text).unwrap();
        let name = doc.index.get("/project/name").unwrap();
        assert_eq!(&text[name.key.clone().unwrap()], "name");
        assert_eq!(doc.index.nearest("/project/nope/deeper").0, "/project");
        assert_eq!(&text[name.value.clone()], "株洲");
        assert_eq!(&text[doc.index.value("/list/1/b").unwrap()], "2");
        assert_eq!(&text[doc.index.value("/list/0").unwrap()], "a");
    }

    /// A duplicate key is refused with both places labelled.
    #[test]
    fn duplicate_keys_label_both() {
        let text = "a: 1\nb: 2\na: 3\n";
        let diags = load_str(text).unwrap_err();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "SV002");
        assert_eq!(diags[0].labels.len(), 2);
        assert_eq!(diags[0].labels[0].span.start, 10);
        assert_eq!(diags[0].labels[1].span.start, 0);
    }

    /// A key is its text: `1` and `'1'` are one key, so the second is a duplicate.
    #[test]
    fn keys_are_their_text() {
        let diags = load_str("1: a\n'1': b\n").unwrap_err();
        assert_eq!(diags[0].code, "SV002");
        assert_eq!(diags[0].message, "key `1` appears twice in this mapping");
    }

    /// An anchor on a key repeats it: as a value, the scalar the core schema makes of it; as a
    /// key, its text, labelled at the alias.
    #[test]
    fn key_anchors_repeat_as_values_and_keys() {
        let text = "top:\n  &k name: 1\n  &n 012: 2\nother:\n  *k : 3\nv: *k\nn: *n\n";
        let doc = load_str(text).unwrap();
        assert_eq!(
            doc.value.to_string(),
            r#"{"top":{"name":1,"012":2},"other":{"name":3},"v":"name","n":12}"#
        );
        let key = doc.index.key("/other/name").unwrap();
        assert_eq!(&text[key], "*k");
        assert_eq!(&text[doc.index.value("/other/name").unwrap()], "3");
        assert_eq!(&text[doc.index.value("/v").unwrap()], "*k");
    }

    /// An alias to a value scalar is a key too; a second one is a duplicate, labelled at both.
    #[test]
    fn alias_keys_are_keys() {
        let doc = load_str("a: &x b\nm:\n  *x : 1\n").unwrap();
        assert_eq!(doc.value.to_string(), r#"{"a":"b","m":{"b":1}}"#);
        let text = "a: &x b\nb: 1\n*x : 2\n";
        let diags = load_str(text).unwrap_err();
        assert_eq!(diags[0].code, "SV002");
        assert_eq!(&text[diags[0].labels[0].span.clone()], "*x");
        assert_eq!(&text[diags[0].labels[1].span.clone()], "b");
    }

    /// Keys are strings: an alias to a mapping or a sequence cannot be one.
    #[test]
    fn alias_to_a_collection_is_not_a_key() {
        let cases = [
            ("a: &m {x: 1}\n*m : 2\n", "a mapping", "*m"),
            ("a: &s [1]\n*s : 2\n", "a sequence", "*s"),
        ];
        for (text, kind, alias) in cases {
            let diags = load_str(text).unwrap_err();
            assert_eq!(diags[0].code, "SV009");
            assert_eq!(
                diags[0].message,
                format!("an alias to {kind} cannot be a mapping key")
            );
            assert_eq!(&text[diags[0].labels[0].span.clone()], alias);
        }
    }

    /// `!<tag:yaml.org,2002:X>` is `!!X`, on values, collections and keys alike.
    #[test]
    fn full_form_core_tags_are_core_tags() {
        let core = "!<tag:yaml.org,2002:";
        let text = format!(
            "a: {core}int> 12\nb: {core}str> 12\n{core}str> c: {core}seq> [1]\nd: {core}map> {{}}\n"
        );
        let doc = load_str(&text).unwrap();
        assert_eq!(doc.value.to_string(), r#"{"a":12,"b":"12","c":[1],"d":{}}"#);
        let diags = load_str(&format!("a: {core}binary> R0lG\n")).unwrap_err();
        assert_eq!(diags[0].message, "tag `!!binary` is not supported");
    }

    /// A core tag on a key must fit its text; the key stays its text. `!fill` marks values only.
    #[test]
    fn tags_on_keys() {
        let doc =
            load_str("!!int 1: a\n!!null ~: b\n!!bool true: c\n! d: e\n!!float 1.5: f\n").unwrap();
        assert_eq!(
            doc.value.to_string(),
            r#"{"1":"a","~":"b","true":"c","d":"e","1.5":"f"}"#
        );
        let text = "a: 1\n!!int x: 2\n";
        let diags = load_str(text).unwrap_err();
        assert_eq!(diags[0].message, "`x` cannot be read as `!!int`");
        assert_eq!(&text[diags[0].labels[0].span.clone()], "!!int x");
        let diags = load_str("!fill k: v\n").unwrap_err();
        assert_eq!(diags[0].code, "SV009");
        assert!(
            diags[0].message.contains("not a key"),
            "{}",
            diags[0].message
        );
        let diags = load_str("!!binary k: v\n").unwrap_err();
        assert_eq!(diags[0].message, "tag `!!binary` is not supported");
    }

    /// Depth is refused past the limit without recursion.
    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let diags = load_str(&text).unwrap_err();
        assert_eq!(diags[0].code, "SV003");
    }

    /// An alias bomb stops at the alias budget.
    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let diags = load_str(&text).unwrap_err();
        assert_eq!(diags[0].code, "SV004");
    }
}
