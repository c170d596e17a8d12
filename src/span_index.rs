//! JSON pointer → source spans, built once while loading and never re-derived from text.

use std::collections::BTreeMap;

use crate::source::Span;

/// Where one node sits: its key (for mapping members) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Span>,
    pub value: Span,
}

/// Every node of a loaded document by JSON pointer (`""` is the root, `/targets/2/value` a leaf).
#[derive(Debug, Default)]
pub struct SpanIndex {
    nodes: BTreeMap<String, NodeSpan>,
}

impl SpanIndex {
    pub fn insert(&mut self, pointer: String, node: NodeSpan) {
        self.nodes.insert(pointer, node);
    }

    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        self.nodes.get(pointer)
    }

    /// The span of the node's value.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        self.nodes.get(pointer).map(|n| n.value.clone())
    }

    /// The span of the node's key, where it is a mapping member.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.nodes.get(pointer).and_then(|n| n.key.clone())
    }

    /// The span to label a whole node by: its key for a mapping member (short and on one line),
    /// otherwise its value.
    pub fn node(&self, pointer: &str) -> Option<Span> {
        self.nodes
            .get(pointer)
            .map(|n| n.key.clone().unwrap_or_else(|| n.value.clone()))
    }

    /// The span of the node, or of its nearest ancestor that exists, with that ancestor's pointer.
    pub fn nearest(&self, pointer: &str) -> (String, Option<Span>) {
        let mut p = pointer;
        loop {
            if let Some(span) = self.node(p) {
                return (p.to_owned(), Some(span));
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return (String::new(), self.node("")),
            }
        }
    }

    /// Copies the entries below `from` to below `to`, for a node that an alias repeats.
    pub fn copy_subtree(&mut self, from: &str, to: &str) {
        let prefix = format!("{from}/");
        let copies: Vec<(String, NodeSpan)> = self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (format!("{to}{}", &k[from.len()..]), v.clone()))
            .collect();
        self.nodes.extend(copies);
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
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
    let seg = pointer.rsplit('/').next().unwrap_or("");
    seg.replace("~1", "/").replace("~0", "~")
}
