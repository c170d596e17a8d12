//! JSON pointer → source spans, built once while loading and never re-derived from text.
//!
//! The index is a tree parallel to the document: each node keeps the span of its key and of its
//! value, and its children by key or position. A pointer is resolved by walking it, so building
//! the index costs no pointer strings, and a lookup costs one step per segment.

use std::collections::HashMap;

use crate::source::Span;

/// Where one node sits: its key (for mapping members) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Span>,
    pub value: Span,
}

/// A node's place in the index.
pub type NodeId = usize;

#[derive(Debug, Clone, PartialEq)]
enum Children {
    Leaf,
    Map(Vec<(String, NodeId)>),
    Seq(Vec<NodeId>),
}

#[derive(Debug, Clone, PartialEq)]
struct Node {
    span: NodeSpan,
    parent: Option<NodeId>,
    children: Children,
}

/// Which part of a node holds a place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Key,
    Value,
}

/// What kind of node is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Scalar,
    Mapping,
    Sequence,
}

/// Every node of a loaded document, addressed by JSON pointer (`""` is the root).
#[derive(Debug, Default, PartialEq)]
pub struct SpanIndex {
    nodes: Vec<Node>,
    /// Members by key of mappings with more than [`INDEXED`] members. A spec's mappings hold a
    /// few dozen, searched fastest as a list; a hostile one can hold a hundred thousand, and a
    /// finding on each would make a list search quadratic.
    large_maps: HashMap<NodeId, HashMap<String, NodeId>>,
}

/// Mappings with more members than this get an index by key.
const INDEXED: usize = 32;

impl SpanIndex {
    /// Adds a node under `parent` (as member `key` of a mapping, or next item of a sequence), or
    /// as the root when `parent` is `None`.
    pub fn add(
        &mut self,
        parent: Option<NodeId>,
        key: Option<String>,
        key_span: Option<Span>,
        value: Span,
        shape: Shape,
    ) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            span: NodeSpan {
                key: key_span,
                value,
            },
            parent,
            children: match shape {
                Shape::Scalar => Children::Leaf,
                Shape::Mapping => Children::Map(Vec::new()),
                Shape::Sequence => Children::Seq(Vec::new()),
            },
        });
        if let Some((p, node)) = parent.and_then(|p| Some(p).zip(self.nodes.get_mut(p))) {
            match (&mut node.children, key) {
                (Children::Map(members), Some(k)) => {
                    if members.len() >= INDEXED {
                        let index = self.large_maps.entry(p).or_default();
                        if index.is_empty() {
                            index.extend(members.iter().map(|(k, id)| (k.clone(), *id)));
                        }
                        index.entry(k.clone()).or_insert(id);
                    }
                    members.push((k, id));
                }
                (Children::Seq(items), _) => items.push(id),
                _ => {}
            }
        }
        id
    }

    /// Sets the span of a node's value (a collection's end is known only when it closes).
    pub fn set_value(&mut self, id: NodeId, value: Span) {
        if let Some(node) = self.nodes.get_mut(id) {
            node.span.value = value;
        }
    }

    /// Gives an alias node the children of its anchor, so pointers through the alias find the
    /// anchored nodes' spans.
    pub fn share_children(&mut self, alias: NodeId, anchor: NodeId) {
        let children = self.nodes.get(anchor).map(|n| n.children.clone());
        if let (Some(children), Some(node)) = (children, self.nodes.get_mut(alias)) {
            node.children = children;
        }
        if let Some(index) = self.large_maps.get(&anchor).cloned() {
            self.large_maps.insert(alias, index);
        }
    }

    /// The JSON pointer of a node (through its first parent, for nodes an alias repeats).
    pub fn pointer_of(&self, id: NodeId) -> String {
        let mut segments = Vec::new();
        let mut at = id;
        while let Some(parent) = self.nodes.get(at).and_then(|n| n.parent) {
            let seg = match self.nodes.get(parent).map(|p| &p.children) {
                Some(Children::Map(members)) => members
                    .iter()
                    .find(|(_, c)| *c == at)
                    .map(|(k, _)| k.clone()),
                Some(Children::Seq(items)) => {
                    items.iter().position(|c| *c == at).map(|i| i.to_string())
                }
                _ => None,
            };
            segments.push(seg.unwrap_or_default());
            at = parent;
        }
        segments
            .iter()
            .rev()
            .fold(String::new(), |acc, s| child(&acc, s))
    }

    /// Walks a pointer as far as it goes: the deepest node reached, and whether it is the whole way.
    fn walk(&self, pointer: &str) -> Option<(NodeId, usize, bool)> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut at = 0;
        let mut consumed = 0;
        if pointer.is_empty() {
            return Some((0, 0, true));
        }
        for segment in pointer.split('/').skip(1) {
            let next = match self.nodes.get(at).map(|n| &n.children) {
                Some(Children::Map(members)) => {
                    let key = unescape(segment);
                    match self.large_maps.get(&at) {
                        Some(index) => index.get(&key).copied(),
                        None => members.iter().find(|(k, _)| *k == key).map(|(_, id)| *id),
                    }
                }
                Some(Children::Seq(items)) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i).copied()),
                _ => None,
            };
            match next {
                Some(id) => {
                    at = id;
                    consumed += 1 + segment.len();
                }
                None => return Some((at, consumed, false)),
            }
        }
        Some((at, consumed, true))
    }

    pub fn get(&self, pointer: &str) -> Option<NodeSpan> {
        match self.walk(pointer) {
            Some((id, _, true)) => self.nodes.get(id).map(|n| n.span.clone()),
            _ => None,
        }
    }

    /// The span of the node's value.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).map(|n| n.value)
    }

    /// The span of the node's key, where it is a mapping member.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).and_then(|n| n.key)
    }

    /// The span to label a whole node by: its key for a mapping member (short and on one line),
    /// otherwise its value.
    pub fn node(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).map(|n| n.key.unwrap_or(n.value))
    }

    /// The span of the node, or of its nearest ancestor that exists, with that ancestor's pointer.
    pub fn nearest(&self, pointer: &str) -> (String, Option<Span>) {
        match self.walk(pointer) {
            Some((id, consumed, _)) => {
                let span = self
                    .nodes
                    .get(id)
                    .map(|n| n.span.key.clone().unwrap_or_else(|| n.span.value.clone()));
                (pointer.get(..consumed).unwrap_or("").to_owned(), span)
            }
            None => (String::new(), None),
        }
    }

    /// The innermost node whose key or value holds `offset`, with its pointer and which part
    /// holds it. The end of a span counts as inside it: an editor's cursor sits right after the
    /// word just typed.
    pub fn at(&self, offset: usize) -> Option<(String, Part)> {
        let holds = |span: &Span| span.start <= offset && offset <= span.end;
        let mut best: Option<(NodeId, Part, usize)> = None;
        for (id, node) in self.nodes.iter().enumerate() {
            let found = match &node.span.key {
                Some(key) if holds(key) => Some((Part::Key, key.len())),
                _ if holds(&node.span.value) => Some((Part::Value, node.span.value.len())),
                _ => None,
            };
            if let Some((part, len)) = found
                && best.as_ref().is_none_or(|(_, _, b)| len <= *b)
            {
                best = Some((id, part, len));
            }
        }
        best.map(|(id, part, _)| (self.pointer_of(id), part))
    }

    /// The members of the mapping at `pointer`, in document order; empty for anything else.
    pub fn members(&self, pointer: &str) -> Vec<(String, NodeSpan)> {
        let Some((id, _, true)) = self.walk(pointer) else {
            return Vec::new();
        };
        match self.nodes.get(id).map(|n| &n.children) {
            Some(Children::Map(members)) => members
                .iter()
                .filter_map(|(k, c)| Some((k.clone(), self.nodes.get(*c)?.span.clone())))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

fn unescape(segment: &str) -> String {
    if segment.contains('~') {
        segment.replace("~1", "/").replace("~0", "~")
    } else {
        segment.to_owned()
    }
}

/// Appends a key or index to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn child(pointer: &str, key: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + key.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// The last segment of a pointer, unescaped.
pub fn last_segment(pointer: &str) -> String {
    unescape(pointer.rsplit('/').next().unwrap_or(""))
}
