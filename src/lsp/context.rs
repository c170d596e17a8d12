//! Where the cursor is in the YAML being typed, read from the text's indentation alone.
//!
//! Completion is asked for in the middle of an edit, when the text is often not YAML yet (a key
//! without its colon): the loader's span index then has nothing to say. The block structure of
//! the lines above (each key's indentation, each `- ` item) still tells which mapping or
//! sequence the cursor is in, and a flow collection on the cursor's line is read up to it.

use crate::lsp::model::Seg;
use crate::source::Span;

/// What is being typed at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A key of the mapping at `path`.
    Key,
    /// The value at `path` (a mapping member's value, or a sequence item).
    Value,
}

/// The cursor's place in the document's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub place: Place,
    /// For a key, the path of its mapping; for a value, the value's own path.
    pub path: Vec<Seg>,
    /// The word typed so far, which a completion replaces (empty right after `: `).
    pub token: Span,
    /// For a key, the keys its mapping already has.
    pub siblings: Vec<String>,
    /// A key typed first on a `- ` item: in a list of scalars it is the item's value instead.
    pub item_start: bool,
}

/// One line split into its indentation, its `- ` item markers and the rest.
#[derive(Debug)]
struct Line<'t> {
    /// Columns (bytes) of the `-` of each item marker, outermost first.
    dashes: Vec<usize>,
    /// Column where the content after the markers starts.
    column: usize,
    content: &'t str,
}

fn split_line(line: &str) -> Line<'_> {
    let mut column = line.len() - line.trim_start_matches(' ').len();
    let mut dashes = Vec::new();
    loop {
        let rest = line.get(column..).unwrap_or("");
        if rest == "-" || rest.starts_with("- ") {
            dashes.push(column);
            let after = rest.get(1..).unwrap_or("");
            column += 1 + (after.len() - after.trim_start_matches(' ').len());
        } else {
            break;
        }
    }
    Line {
        dashes,
        column,
        content: line.get(column..).unwrap_or(""),
    }
}

/// Whether a line holds nothing (blank, a comment, or a document marker).
fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
}

/// A block line's key and whether its value is left for the lines below (`key:` alone, maybe
/// with a comment, an anchor or a tag).
fn key_of(content: &str) -> Option<(String, bool)> {
    let (key, rest) = split_key(content)?;
    let rest = strip_comment(rest).trim();
    let opens_block = rest.is_empty()
        || rest
            .split_whitespace()
            .all(|w| w.starts_with('&') || w.starts_with('!'));
    Some((key, opens_block))
}

/// `key: rest` → (`key`, `rest`), the key unquoted; `None` when the line is not a key.
fn split_key(content: &str) -> Option<(String, &str)> {
    let bytes = content.as_bytes();
    let (key_end, colon) = match bytes.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let close = content.get(1..)?.find(char::from(q))? + 1;
            let after = content.get(close + 1..)?;
            let colon = close + 1 + (after.len() - after.trim_start().len());
            (close + 1, colon)
        }
        Some(b'{' | b'[' | b'#') | None => return None,
        Some(_) => {
            let mut at = None;
            for (i, _) in content.match_indices(':') {
                let next = content.get(i + 1..i + 2);
                if next.is_none_or(|n| n == " " || n == "\t") {
                    at = Some(i);
                    break;
                }
            }
            let colon = at?;
            (colon, colon)
        }
    };
    if content.get(colon..colon + 1) != Some(":") {
        return None;
    }
    let key = unquote(content.get(..key_end)?.trim());
    Some((key.to_owned(), content.get(colon + 1..).unwrap_or("")))
}

/// A key without its quotes.
fn unquote(key: &str) -> &str {
    key.strip_prefix(['"', '\''])
        .and_then(|k| k.strip_suffix(['"', '\'']))
        .unwrap_or(key)
}

/// The text before a comment (` #` outside quotes).
fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return text.get(..i).unwrap_or(text),
            _ => {}
        }
        prev = c;
    }
    text
}

/// The cursor's context at byte `offset` of `text`; `None` inside a comment or a quoted
/// string, or where the structure cannot be read.
pub fn at(text: &str, offset: usize) -> Option<Context> {
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..offset)?;
    let line = split_line(before);
    let (mut path, siblings_above) = parents(text, line_start, &line);
    path.extend(line.dashes.iter().map(|_| Seg::Item));
    let base = line_start + line.column;
    let mut context = within_line(line.content, base, path)?;
    // The word goes on past the cursor: a completion replaces all of it.
    let rest = text.get(offset..).unwrap_or("");
    context.token.end += rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(rest.len());
    context.item_start = context.place == Place::Key
        && !line.dashes.is_empty()
        && !line.content.contains([':', '{', '[']);
    if context.place == Place::Key && context.siblings.is_empty() && !line.content.contains('{') {
        context.siblings = siblings_above;
        let column = line.column;
        context.siblings.extend(siblings_below(
            text,
            offset,
            column,
            !line.dashes.is_empty(),
        ));
    }
    Some(context)
}

/// Reads the cursor's own line from where its content starts: block key and value, then any
/// flow collections opened on it.
fn within_line(content: &str, base: usize, mut path: Vec<Seg>) -> Option<Context> {
    // Flow collections opened on the line and not closed before the cursor.
    struct Frame {
        /// A mapping's key being given a value, and the keys it has (`None` for a sequence).
        map: Option<(Option<String>, Vec<String>)>,
        /// Whether opening it added a step to the path.
        stepped: bool,
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut block_key: Option<String> = None;
    let mut token_start = 0;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in content.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            prev = c;
            continue;
        }
        let next_is_blank = content
            .get(i + c.len_utf8()..)
            .and_then(|r| r.chars().next())
            .is_none_or(|n| n == ' ' || n == '\t');
        match c {
            '"' | '\'' if content.get(token_start..i)?.trim().is_empty() => quote = Some(c),
            '#' if prev == ' ' || prev == '\t' || i == 0 => return None,
            ':' if next_is_blank || !frames.is_empty() => {
                let key = unquote(content.get(token_start..i)?.trim()).to_owned();
                match frames.last_mut() {
                    Some(Frame {
                        map: Some((k, keys)),
                        ..
                    }) => {
                        keys.push(key.clone());
                        *k = Some(key);
                    }
                    Some(_) => {}
                    None => block_key = Some(key),
                }
                token_start = i + 1;
            }
            '{' | '[' => {
                let step = match frames.last() {
                    Some(Frame {
                        map: Some((Some(k), _)),
                        ..
                    }) => Some(Seg::Key(k.clone())),
                    Some(Frame { map: None, .. }) => Some(Seg::Item),
                    Some(_) => None,
                    None => block_key.clone().map(Seg::Key),
                };
                let stepped = step.is_some();
                path.extend(step);
                frames.push(Frame {
                    map: (c == '{').then(|| (None, Vec::new())),
                    stepped,
                });
                token_start = i + 1;
            }
            '}' | ']' => {
                if frames.pop().is_some_and(|f| f.stepped) {
                    path.pop();
                }
                token_start = i + 1;
            }
            ',' => {
                if let Some(Frame {
                    map: Some((key, _)),
                    ..
                }) = frames.last_mut()
                {
                    *key = None;
                }
                token_start = i + 1;
            }
            _ => {}
        }
        prev = c;
    }
    if quote.is_some() {
        return None;
    }
    let raw = content.get(token_start..).unwrap_or("");
    let typed = raw.trim_start();
    let start = base + token_start + (raw.len() - typed.len());
    let token = start..base + content.len();
    let (place, siblings) = match frames.pop().map(|f| f.map) {
        Some(Some((Some(k), _))) => {
            path.push(Seg::Key(k));
            (Place::Value, Vec::new())
        }
        Some(Some((None, keys))) => (Place::Key, keys),
        Some(None) => {
            path.push(Seg::Item);
            (Place::Value, Vec::new())
        }
        None => match block_key {
            Some(k) => {
                path.push(Seg::Key(k));
                (Place::Value, Vec::new())
            }
            None => (Place::Key, Vec::new()),
        },
    };
    Some(Context {
        place,
        path,
        token,
        siblings,
        item_start: false,
    })
}

/// The path of the mapping or sequence that the cursor's line belongs to, read from the lines
/// above, and the keys of that mapping above the cursor.
fn parents(text: &str, line_start: usize, line: &Line<'_>) -> (Vec<Seg>, Vec<String>) {
    let above = text.get(..line_start).unwrap_or("");
    // The column whose owner is looked for, and whether that column holds `- ` markers
    // (a sequence) or keys (a mapping).
    let (mut column, mut in_sequence) = match line.dashes.first() {
        Some(&dash) => (dash, true),
        None => (line.column, false),
    };
    let mut reversed: Vec<Seg> = Vec::new();
    let mut siblings = Vec::new();
    let mut moved = false;
    for raw in above.lines().rev() {
        if is_blank(raw) {
            continue;
        }
        if moved && column == 0 && !in_sequence {
            break;
        }
        let l = split_line(raw);
        let indent = l.dashes.first().copied().unwrap_or(l.column);
        match l.dashes.last() {
            None => {
                let Some((key, opens)) = key_of(l.content) else {
                    continue;
                };
                if indent > column {
                    continue;
                }
                if indent == column && !in_sequence {
                    if !moved {
                        siblings.push(key);
                    }
                    continue;
                }
                // A key at a smaller column owns the cursor's block (a sequence's owner may sit
                // at the same column as its `- ` markers).
                if opens {
                    reversed.push(Seg::Key(key));
                    column = indent;
                    in_sequence = false;
                    moved = true;
                }
            }
            Some(_) => {
                if in_sequence && indent == column {
                    continue;
                }
                if in_sequence && indent > column || !in_sequence && l.column > column {
                    continue;
                }
                // The cursor is in the mapping of this item, or deeper.
                let inner = key_of(l.content);
                if !in_sequence && l.column == column {
                    if let Some((key, _)) = inner
                        && !moved
                    {
                        siblings.push(key);
                    }
                } else if let Some((key, true)) = inner {
                    reversed.push(Seg::Key(key));
                } else {
                    continue;
                }
                for _ in &l.dashes {
                    reversed.push(Seg::Item);
                }
                column = indent;
                in_sequence = true;
                moved = true;
            }
        }
    }
    reversed.reverse();
    (reversed, siblings)
}

/// Keys of the cursor's mapping on the lines below it, up to the end of the mapping.
fn siblings_below(text: &str, offset: usize, column: usize, item: bool) -> Vec<String> {
    let rest = text.get(offset..).unwrap_or("");
    let mut out = Vec::new();
    for raw in rest.lines().skip(1) {
        if is_blank(raw) {
            continue;
        }
        let l = split_line(raw);
        let first = l.dashes.first().copied().unwrap_or(l.column);
        if first < column || item && !l.dashes.is_empty() && first <= column {
            break;
        }
        if l.dashes.is_empty()
            && l.column == column
            && let Some((key, _)) = key_of(l.content)
        {
            out.push(key);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(text_with_cursor: &str) -> Context {
        let offset = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replacen('|', "", 1);
        at(&text, offset).unwrap()
    }

    fn keys(path: &[Seg]) -> String {
        path.iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::Item => "[]".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    const SPEC: &str = "spec_version: 1\ncontract:\n  amount: 1\n  tranches:\n    - id: a\n      share: 30\n      milestone: |\n    - id: b\n";

    /// After `milestone: ` inside a tranche the cursor is at that field's value; a word that
    /// goes on past the cursor is replaced whole.
    #[test]
    fn value_of_a_block_key() {
        let c = context(SPEC);
        assert_eq!(c.place, Place::Value);
        assert_eq!(keys(&c.path), "contract.tranches.[].milestone");
        assert!(c.token.is_empty());
        let text = "tranches:\n  - milestone: mid-term\n";
        let c = at(text, text.find("-term").unwrap()).unwrap();
        assert_eq!(&text[c.token], "mid-term");
    }

    /// A key being typed in a tranche: its mapping is the tranche, whose keys are known.
    #[test]
    fn key_in_an_item() {
        let c = context(
            "contract:\n  tranches:\n    - id: a\n      sh|\n      due: 2024-01-01\n    - id: b\n",
        );
        assert_eq!(c.place, Place::Key);
        assert_eq!(keys(&c.path), "contract.tranches.[]");
        assert_eq!(c.siblings, vec!["id".to_owned(), "due".to_owned()]);
    }

    /// Items of a flow list and values in a flow mapping.
    #[test]
    fn flow_collections() {
        let c = context("targets:\n  - id: t\n    requires: [a, b|]\n");
        assert_eq!(c.place, Place::Value);
        assert_eq!(keys(&c.path), "targets.[].requires.[]");
        let c = context("release:\n  - {grade: exc|, share: 1}\n");
        assert_eq!(keys(&c.path), "release.[].grade");
        let c = context("release:\n  - {grade: a, sh|}\n");
        assert_eq!(c.place, Place::Key);
        assert_eq!(keys(&c.path), "release.[]");
        assert_eq!(c.siblings, vec!["grade".to_owned()]);
    }

    /// A sequence at the same column as its owner's key, and an item of a block list.
    #[test]
    fn indentless_and_block_lists() {
        let c = context("a:\n  list:\n  - x\n  - |\n");
        assert_eq!(c.place, Place::Key);
        assert!(c.item_start);
        assert_eq!(keys(&c.path), "a.list.[]");
        let c = context("root: 1\n|");
        assert_eq!(c.place, Place::Key);
        assert!(c.path.is_empty());
        assert_eq!(c.siblings, vec!["root".to_owned()]);
    }

    /// Comments and quoted strings are not places to complete.
    #[test]
    fn nothing_in_comments() {
        let text = "a: 1 # note";
        assert!(at(text, text.len()).is_none());
        let text = "a: \"open";
        assert!(at(text, text.len()).is_none());
    }
}
