//! Hover: on a key, its English and Chinese name and description from the model; on an id,
//! what it names or what refers to it; on an amount, its 大写; on a finding or a rule code,
//! what `svcspec explain` says.

use std::str::FromStr;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::commands::explain;
use crate::lsp::analysis::Analysis;
use crate::lsp::diagnostics::covers;
use crate::lsp::model::{self, Model};
use crate::lsp::navigation::{occurrences, symbol_at};
use crate::lsp::positions::Encoding;
use crate::numerals::to_capital;
use crate::rules::{self, integrity::definitions};
use crate::schema::split_title;
use crate::source::Span;
use crate::span_index::Part;

/// The hover at a byte offset, or `None` where there is nothing to say.
pub fn hover(
    analysis: &Analysis,
    model: &Model,
    offset: usize,
    encoding: Encoding,
) -> Option<Hover> {
    let mut sections: Vec<String> = Vec::new();
    let mut range: Option<Span> = None;

    if let Some((span, word)) = word_at(analysis.text(), offset)
        && let Some(rule) = code_of(word)
    {
        sections.push(explained(rule));
        range = Some(span);
    }

    if let Some(document) = &analysis.document
        && let Some((pointer, part)) = document.index.at(offset)
    {
        let path = model::path_of(&document.value, &pointer);
        let schemas = model.at(&path);
        let node = document.index.get(&pointer);
        let mut lines = Vec::new();
        if part == Part::Value {
            if let Some(symbol) = symbol_at(analysis, offset) {
                lines.push(id_text(
                    analysis,
                    &symbol.id,
                    symbol.kind,
                    symbol.is_definition,
                ));
            }
            if model.is_money(&schemas)
                && let Some(capital) = analysis
                    .value(&pointer)
                    .filter(|v| v.is_number())
                    .and(node.as_ref())
                    .and_then(|n| Decimal::from_str(analysis.source.slice(&n.value).trim()).ok())
                    .and_then(to_capital)
            {
                lines.push(format!("大写 **人民币{capital}**"));
            }
            if let Some(text) = analysis.value(&pointer).and_then(Value::as_str)
                && let Some(value) = model
                    .enum_values(&schemas)
                    .into_iter()
                    .find(|v| v.value == text)
                && let Some(description) = value.description
            {
                lines.push(format!("`{text}`: {description}"));
            }
        }
        if let Some(title) = model.title(&schemas) {
            let (english, chinese) = split_title(title);
            let mut head = format!("**{english}**");
            if let Some(chinese) = chinese {
                head.push_str(&format!(" · {chinese}"));
            }
            head.push_str(&format!(" — `{}`", crate::schema::display_path(&pointer)));
            lines.push(head);
            if let Some(description) = model.description(&schemas) {
                lines.push(description.to_owned());
            }
        }
        if !lines.is_empty() {
            sections.push(lines.join("\n\n"));
            if range.is_none() {
                range = node.map(|n| match part {
                    Part::Key => n.key.unwrap_or(n.value),
                    Part::Value => n.value,
                });
            }
        }
    }

    let mut explained_codes: Vec<&str> = Vec::new();
    for d in analysis
        .report
        .diagnostics
        .iter()
        .filter(|d| covers(d, offset))
    {
        let mut text = format!(
            "**{}** `{}` ({}): {}",
            d.code, d.name, d.severity, d.message
        );
        if let Some(help) = &d.help {
            text.push_str(&format!("\n\nhelp: {help}"));
        }
        if !explained_codes.contains(&d.code)
            && let Some(rule) = rules::find(d.code)
        {
            explained_codes.push(d.code);
            text.push_str("\n\n");
            text.push_str(&explained(rule));
        }
        sections.push(text);
    }

    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: range.map(|span| analysis.lines.range(analysis.text(), &span, encoding)),
    })
}

/// `svcspec explain`'s text for a rule, as a block of plain text.
fn explained(rule: &rules::Rule) -> String {
    format!("```text\n{}```", explain::docs(rule))
}

/// The word of letters and digits at an offset.
fn word_at(text: &str, offset: usize) -> Option<(Span, &str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric();
    let offset = offset.min(text.len());
    let start = text
        .get(..offset)?
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text
        .get(offset..)?
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = text.get(start..end)?;
    (!word.is_empty()).then_some((start..end, word))
}

/// The rule a word names, when it is a code such as `SV204`.
fn code_of(word: &str) -> Option<&'static rules::Rule> {
    let digits = word
        .strip_prefix("SV")
        .or_else(|| word.strip_prefix("sv"))?;
    (digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rules::find(word))
        .flatten()
}

/// What an id names (at a reference) or how often it is referred to (at its definition).
fn id_text(
    analysis: &Analysis,
    id: &str,
    kind: crate::rules::integrity::Kind,
    is_definition: bool,
) -> String {
    let found = occurrences(analysis, kind, id);
    if is_definition {
        let n = found.references.len();
        let times = match n {
            0 => "not referred to".to_owned(),
            1 => "referred to once".to_owned(),
            n => format!("referred to {n} times"),
        };
        return format!("{} `{id}`: {times}", kind.noun());
    }
    let Some(spec) = analysis.spec() else {
        return format!("{} `{id}`", kind.noun());
    };
    let Some(def) = definitions(spec)
        .into_iter()
        .find(|d| d.kind == kind && d.id.as_str() == id)
    else {
        return format!(
            "{} `{id}`: no {} has this id (they are under `{}`)",
            kind.noun(),
            kind.noun(),
            kind.home()
        );
    };
    let name = analysis.value(&def.pointer).and_then(describe);
    let line = found
        .definitions
        .first()
        .map(|span| analysis.source.position(span.start).line);
    let mut text = format!("→ {} `{id}`", kind.noun());
    if let Some(name) = name {
        text.push_str(&format!(": {name}"));
    }
    if let Some(line) = line {
        text.push_str(&format!(" (line {line})"));
    }
    text
}

/// The words that name an item: its `name`, `title`, `statement` or `text`.
pub fn describe(item: &Value) -> Option<&str> {
    ["name", "title", "statement", "text", "description"]
        .iter()
        .find_map(|k| item.get(*k).and_then(Value::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rule codes are found in text around the cursor, and only real codes count.
    #[test]
    fn finds_rule_codes() {
        let text = "# allowed: SV204 here";
        let at = text.find("204").unwrap();
        let (span, word) = word_at(text, at).unwrap();
        assert_eq!(word, "SV204");
        assert_eq!(&text[span], "SV204");
        assert_eq!(code_of("SV204").map(|r| r.code), Some("SV204"));
        assert!(code_of("SV999").is_none());
        assert!(code_of("SVX").is_none());
    }
}
