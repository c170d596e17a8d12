//! The documents the editor has open: their text as the editor has it (not as saved), their
//! version, and the edits that change them (incremental sync).

use std::path::{Path, PathBuf};

use lsp_types::TextDocumentContentChangeEvent;

use crate::lsp::positions::{Encoding, LineIndex};

/// One open document.
#[derive(Debug)]
pub struct Doc {
    /// The document's URI, as the client wrote it.
    pub uri: String,
    /// The file it is, for `file:` URIs: the config is found from it, and a results file's spec
    /// beside it.
    pub file: Option<PathBuf>,
    pub text: String,
    pub version: i32,
    pub lines: LineIndex,
}

impl Doc {
    pub fn new(uri: String, text: String, version: i32) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            file: uri_to_path(&uri),
            uri,
            text,
            version,
            lines,
        }
    }

    /// The path the document is checked as: its file, or its URI for a document not on disk.
    pub fn path(&self) -> PathBuf {
        self.file
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.uri))
    }

    /// Applies the edits of one `didChange`, in order; an edit without a range replaces the
    /// whole text. Each edit's range is read against the text as the edits before it left it.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines.span(&self.text, range, encoding);
                    self.text.replace_range(span, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
    }
}

/// The file of a `file:` URI, percent-decoded; `None` for other schemes or a URI that does not
/// decode to a path.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; another host is not a local file.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i)
            if rest
                .get(..i)
                .is_some_and(|h| h.eq_ignore_ascii_case("localhost")) =>
        {
            rest.get(i..)?
        }
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let mut iter = path.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path, every byte outside the unreserved set and `/`
/// percent-encoded (so Chinese folder names travel as UTF-8 escapes).
pub fn path_to_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy();
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    /// Incremental edits apply in order, each against the text the previous one left, with
    /// UTF-16 positions around a character outside the BMP.
    #[test]
    fn applies_edits_in_order() {
        let mut doc = Doc::new("file:///tmp/a.yaml".to_owned(), "名: 𠀀x\n".to_owned(), 1);
        let at = |line, character| Position { line, character };
        let edit = |start, end, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range { start, end }),
            range_length: None,
            text: text.to_owned(),
        };
        // 𠀀 takes characters 3 and 4; `x` is character 5.
        doc.apply(
            vec![edit(at(0, 5), at(0, 6), "y"), edit(at(0, 3), at(0, 3), "z")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "名: z𠀀y\n");
        assert_eq!(doc.version, 2);
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "a: 1\n".to_owned(),
            }],
            3,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "a: 1\n");
    }

    /// File URIs decode to paths and back, Chinese names included; other schemes have no path.
    #[test]
    fn converts_uris() {
        let path = uri_to_path("file:///tmp/%E9%A1%B9%E7%9B%AE/a%20b.yaml").unwrap();
        assert_eq!(path, PathBuf::from("/tmp/项目/a b.yaml"));
        assert_eq!(
            path_to_uri(&path),
            "file:///tmp/%E9%A1%B9%E7%9B%AE/a%20b.yaml"
        );
        assert_eq!(
            uri_to_path("file://localhost/x.yaml"),
            Some(PathBuf::from("/x.yaml"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file:///bad%zz"), None);
    }
}
