//! Ids across a spec: go to an id's definition, find its references, rename it everywhere in
//! the file. Built on the integrity rule's own lists ([`definitions`], [`references`]), so every
//! id kind and every reference field it knows works here, and those added later too.

use std::collections::HashMap;

use lsp_types::{Location, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use crate::lsp::analysis::Analysis;
use crate::lsp::positions::Encoding;
use crate::rules::integrity::{Kind, definitions, references};
use crate::source::Span;
use crate::span_index::Part;
use crate::spec::values::Id;

/// An id at a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub kind: Kind,
    pub id: String,
    /// The id's own characters (inside its quotes, if it has them).
    pub token: Span,
    /// Whether it is where the id is defined (an item's `id`), rather than a reference.
    pub is_definition: bool,
}

/// The span of a scalar's text without its quotes.
fn token(analysis: &Analysis, pointer: &str) -> Option<Span> {
    let span = analysis.document.as_ref()?.index.value(pointer)?;
    let text = analysis.source.slice(&span);
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    Some(if quoted {
        span.start + 1..span.end - 1
    } else {
        span
    })
}

/// The id under the cursor: an item's `id` value, or a value of a reference field.
pub fn symbol_at(analysis: &Analysis, offset: usize) -> Option<Symbol> {
    let spec = analysis.spec()?;
    let (pointer, part) = analysis.document.as_ref()?.index.at(offset)?;
    if part != Part::Value {
        return None;
    }
    if let Some(item) = pointer.strip_suffix("/id")
        && let Some(d) = definitions(spec).into_iter().find(|d| d.pointer == item)
    {
        return Some(Symbol {
            kind: d.kind,
            id: d.id.as_str().to_owned(),
            token: token(analysis, &pointer)?,
            is_definition: true,
        });
    }
    let r = references(spec)
        .into_iter()
        .find(|r| r.pointer == pointer)?;
    Some(Symbol {
        kind: r.kind,
        id: r.id.as_str().to_owned(),
        token: token(analysis, &pointer)?,
        is_definition: false,
    })
}

/// Where an id of a kind is defined, and where it is referred to, in document order.
#[derive(Debug, Default)]
pub struct Occurrences {
    pub definitions: Vec<Span>,
    pub references: Vec<Span>,
}

pub fn occurrences(analysis: &Analysis, kind: Kind, id: &str) -> Occurrences {
    let Some(spec) = analysis.spec() else {
        return Occurrences::default();
    };
    Occurrences {
        definitions: definitions(spec)
            .iter()
            .filter(|d| d.kind == kind && d.id.as_str() == id)
            .filter_map(|d| token(analysis, &format!("{}/id", d.pointer)))
            .collect(),
        references: references(spec)
            .iter()
            .filter(|r| r.kind == kind && r.id.as_str() == id)
            .filter_map(|r| token(analysis, &r.pointer))
            .collect(),
    }
}

fn location(analysis: &Analysis, uri: &Uri, span: &Span, encoding: Encoding) -> Location {
    Location {
        uri: uri.clone(),
        range: analysis.lines.range(analysis.text(), span, encoding),
    }
}

/// The definitions of the id under the cursor (two when it is defined twice).
pub fn definition(
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(symbol) = symbol_at(analysis, offset) else {
        return Vec::new();
    };
    occurrences(analysis, symbol.kind, &symbol.id)
        .definitions
        .iter()
        .map(|span| location(analysis, uri, span, encoding))
        .collect()
}

/// The references to the id under the cursor, its definitions first when asked for.
pub fn find_references(
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    include_declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(symbol) = symbol_at(analysis, offset) else {
        return Vec::new();
    };
    let found = occurrences(analysis, symbol.kind, &symbol.id);
    let definitions = if include_declaration {
        found.definitions
    } else {
        Vec::new()
    };
    definitions
        .iter()
        .chain(&found.references)
        .map(|span| location(analysis, uri, span, encoding))
        .collect()
}

/// The id under the cursor, when it can be renamed.
pub fn prepare_rename(
    analysis: &Analysis,
    offset: usize,
    encoding: Encoding,
) -> Option<PrepareRenameResponse> {
    let symbol = symbol_at(analysis, offset)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: analysis
            .lines
            .range(analysis.text(), &symbol.token, encoding),
        placeholder: symbol.id,
    })
}

/// Renames the id under the cursor at its definitions and every reference: the edits, or why
/// not.
pub fn rename(
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    new_name: &str,
    encoding: Encoding,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some(symbol) = symbol_at(analysis, offset) else {
        return Ok(None);
    };
    if !Id::is_valid(new_name) {
        return Err(format!(
            "`{new_name}` is not a valid id: ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 64 characters"
        ));
    }
    let found = occurrences(analysis, symbol.kind, &symbol.id);
    let edits: Vec<TextEdit> = found
        .definitions
        .iter()
        .chain(&found.references)
        .map(|span| {
            let text = analysis.text().as_bytes();
            let before = span.start.checked_sub(1).and_then(|i| text.get(i));
            let quoted = matches!(before, Some(b'"' | b'\'')) && text.get(span.end) == before;
            TextEdit {
                range: analysis.lines.range(analysis.text(), span, encoding),
                new_text: if quoted || reads_as_text(new_name) {
                    new_name.to_owned()
                } else {
                    format!("\"{new_name}\"")
                },
            }
        })
        .collect();
    Ok(Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        document_changes: None,
        change_annotations: None,
    }))
}

/// Whether an id written plain reads back as text, not as a number, a boolean or null.
fn reads_as_text(id: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    id.parse::<f64>().is_err()
        && !matches!(
            lower.as_str(),
            "true" | "false" | "null" | ".inf" | ".nan" | "inf" | "nan" | "infinity"
        )
        && !(id.starts_with("0x") || id.starts_with("0o"))
}

#[cfg(test)]
mod tests {
    use super::reads_as_text;

    /// Ids that YAML would read as numbers, booleans or null are quoted by a rename.
    #[test]
    fn knows_which_ids_need_quotes() {
        assert!(reads_as_text("mid-term"));
        assert!(!reads_as_text("2024"));
        assert!(!reads_as_text("1.5"));
        assert!(!reads_as_text("True"));
        assert!(!reads_as_text("0x1F"));
    }
}
