//! Code actions: the fixes a finding's help describes, as edits. Apply a "did you mean"; write
//! the 大写 of the contract amount; make a tranche's amount its share of the contract, or the
//! last share or amount what makes the whole add up; add a missing section or key as `init`'s
//! scaffold writes it.

use std::collections::HashMap;
use std::str::FromStr;

use clap::ValueEnum;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::cli::ServiceKind;
use crate::commands::init::starting_spec;
use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::load::{self, Document};
use crate::lsp::analysis::Analysis;
use crate::lsp::diagnostics::{convert, meets};
use crate::lsp::model::{self, Model};
use crate::lsp::positions::Encoding;
use crate::numerals::to_capital;
use crate::rules::money::{self, last_would_be, tranche_amount, yuan};
use crate::source::{SourceFile, Span};
use crate::span_index::{Part, child};

/// One fix: what it does, and its edits.
struct Fix {
    title: String,
    edits: Vec<(Span, String)>,
    /// The finding it fixes, if any.
    fixes: Option<usize>,
    preferred: bool,
}

/// The code actions for the byte span `span` of a document.
pub fn actions(
    analysis: &Analysis,
    model: &Model,
    uri: &Uri,
    span: &Span,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let mut fixes: Vec<Fix> = Vec::new();
    for (i, d) in analysis.report.diagnostics.iter().enumerate() {
        if !meets(d, span.start, span.end) {
            continue;
        }
        let mut found = Vec::new();
        did_you_mean(analysis, d, &mut found);
        arithmetic(analysis, d, &mut found);
        missing(analysis, model, d, &mut found);
        for mut fix in found {
            fix.fixes = Some(i);
            fixes.push(fix);
        }
    }
    capitals_for_figure(analysis, model, span.start, &mut fixes);

    let text = analysis.text();
    fixes
        .into_iter()
        .map(|fix| {
            let edits = fix
                .edits
                .iter()
                .map(|(span, new_text)| TextEdit {
                    range: analysis.lines.range(text, span, encoding),
                    new_text: new_text.clone(),
                })
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: fix
                    .fixes
                    .and_then(|i| analysis.report.diagnostics.get(i))
                    .map(|d| vec![convert(d, text, &analysis.lines, encoding, uri)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    document_changes: None,
                    change_annotations: None,
                }),
                command: None,
                is_preferred: Some(fix.preferred),
                disabled: None,
                data: None,
            })
        })
        .collect()
}

/// A scalar's span without its quotes.
fn unquoted(analysis: &Analysis, span: &Span) -> Span {
    let text = analysis.source.slice(span);
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    if quoted {
        span.start + 1..span.end - 1
    } else {
        span.clone()
    }
}

/// The value span of the node at a pointer.
fn value_span(analysis: &Analysis, pointer: &str) -> Option<Span> {
    analysis.document.as_ref()?.index.value(pointer)
}

/// "did you mean `name`?": the suggestion in place of the word at the finding.
fn did_you_mean(analysis: &Analysis, d: &Diagnostic, out: &mut Vec<Fix>) {
    let Some(suggestion) = d
        .help
        .as_deref()
        .and_then(|h| h.split("did you mean `").nth(1))
        .and_then(|rest| rest.split('`').next())
    else {
        return;
    };
    let Some(label) = d.labels.first() else {
        return;
    };
    let span = unquoted(analysis, &label.span);
    let wrong = analysis.source.slice(&span);
    if wrong.is_empty() || wrong == suggestion {
        return;
    }
    out.push(Fix {
        title: format!("Replace `{wrong}` with `{suggestion}`"),
        edits: vec![(span, suggestion.to_owned())],
        fixes: None,
        preferred: true,
    });
}

/// A number of the loaded document, exactly as written.
fn number(analysis: &Analysis, pointer: &str) -> Option<Decimal> {
    match analysis.value(pointer)? {
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

/// The fixes of the money rules: capitals, a tranche's amount, the last share or amount.
fn arithmetic(analysis: &Analysis, d: &Diagnostic, out: &mut Vec<Fix>) {
    let Some(pointer) = d.pointer.as_deref() else {
        return;
    };
    let replace = |pointer: &str, text: String, title: String| {
        value_span(analysis, pointer).map(|span| Fix {
            title,
            edits: vec![(unquoted(analysis, &span), text)],
            fixes: None,
            preferred: true,
        })
    };
    let fix = if d.code == money::CAPITAL_AMOUNT_MISMATCH.code {
        number(analysis, "/contract/amount")
            .and_then(to_capital)
            .and_then(|capital| {
                let words = format!("人民币{capital}");
                replace(
                    pointer,
                    words.clone(),
                    format!("Write the amount in capitals: {words}"),
                )
            })
    } else if d.code == money::TRANCHE_AMOUNT_OFF_SHARE.code {
        let tranche = pointer.strip_suffix("/amount").unwrap_or(pointer);
        let share = number(analysis, &format!("{tranche}/share"));
        let total = number(analysis, "/contract/amount");
        share
            .zip(total)
            .and_then(|(share, total)| Some((share, total, tranche_amount(share, total)?)))
            .and_then(|(share, total, amount)| {
                replace(
                    pointer,
                    yuan(amount),
                    format!(
                        "Make the amount {} ({}% of {})",
                        yuan(amount),
                        share.normalize(),
                        yuan(total)
                    ),
                )
            })
    } else if d.code == money::TRANCHE_SHARES_NOT_100.code {
        last_part(analysis, pointer, "share", Some(Decimal::ONE_HUNDRED)).and_then(|n| {
            let n = n.normalize().to_string();
            replace(pointer, n.clone(), format!("Make the last share {n}"))
        })
    } else if d.code == money::TRANCHE_AMOUNTS_MISMATCH.code
        || d.code == money::ANNUAL_TOTAL_MISMATCH.code
    {
        last_part(analysis, pointer, "amount", None).and_then(|n| {
            replace(
                pointer,
                yuan(n),
                format!("Make the last amount {}", yuan(n)),
            )
        })
    } else {
        None
    };
    out.extend(fix);
}

/// What the last part of a list (`{list}/{last}/{field}`, the finding's pointer) would be for
/// the parts to add up to `target`, or to the contract amount.
fn last_part(
    analysis: &Analysis,
    pointer: &str,
    field: &str,
    target: Option<Decimal>,
) -> Option<Decimal> {
    let item = pointer.strip_suffix(&format!("/{field}"))?;
    let list = item.rsplit_once('/')?.0;
    let items = analysis.value(list)?.as_array()?;
    let parts: Option<Vec<Decimal>> = (0..items.len())
        .map(|i| number(analysis, &format!("{list}/{i}/{field}")))
        .collect();
    let target = target.or_else(|| number(analysis, "/contract/amount"))?;
    last_would_be(&parts?, target)
}

/// On an amount whose mapping has a `…_in_words` field it lacks: write it, in capitals.
fn capitals_for_figure(analysis: &Analysis, model: &Model, offset: usize, out: &mut Vec<Fix>) {
    let Some(document) = &analysis.document else {
        return;
    };
    let Some((pointer, Part::Value)) = document.index.at(offset) else {
        return;
    };
    let path = model::path_of(&document.value, &pointer);
    if !model.is_money(&model.at(&path)) {
        return;
    }
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let words_key = format!("{key}_in_words");
    let parent_path = model::path_of(&document.value, parent);
    let has_field = model
        .properties(&model.at(&parent_path))
        .iter()
        .any(|p| p.key == words_key);
    if !has_field || analysis.value(&child(parent, &words_key)).is_some() {
        return;
    }
    let (Some(amount), Some(node)) = (number(analysis, &pointer), document.index.get(&pointer))
    else {
        return;
    };
    let (Some(capital), Some(key_span)) = (to_capital(amount), node.key) else {
        return;
    };
    let text = analysis.text();
    let column = key_span.start - line_start(text, key_span.start);
    let at = line_end(text, node.value.end);
    let words = format!("人民币{capital}");
    out.push(Fix {
        title: format!("Write the amount in capitals: {words}"),
        edits: vec![(
            at..at,
            format!("\n{}{words_key}: {words}", " ".repeat(column)),
        )],
        fixes: None,
        preferred: false,
    });
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The offset of the end of the line holding `offset` (before its line end).
fn line_end(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    let end = rest.find('\n').map_or(text.len(), |i| offset + i);
    if text.get(..end).is_some_and(|t| t.ends_with('\r')) {
        end - 1
    } else {
        end
    }
}

/// Missing keys the finding asks for, added as `init`'s scaffold writes them: for a missing
/// required key, the keys the schema requires; for another finding, the key its help names
/// (`add `sustainability` with …`, `add `acceptance` under `contract``).
fn missing(analysis: &Analysis, model: &Model, d: &Diagnostic, out: &mut Vec<Fix>) {
    let Some(document) = &analysis.document else {
        return;
    };
    let wanted: Vec<(String, String)> = if d.code == crate::rules::input::MISSING_KEY.code {
        let Some(parent) = d.pointer.clone() else {
            return;
        };
        let path = model::path_of(&document.value, &parent);
        let present = |key: &str| analysis.value(&child(&parent, key)).is_some();
        model
            .properties(&model.at(&path))
            .iter()
            .filter(|p| p.required && !present(p.key))
            .map(|p| (parent.clone(), p.key.to_owned()))
            .collect()
    } else {
        named_in_help(analysis, model, d).into_iter().collect()
    };
    if wanted.is_empty() {
        return;
    }
    let scaffold = Scaffold::for_spec(analysis);
    for (parent, key) in wanted {
        if let Some(fix) = scaffold
            .as_ref()
            .and_then(|s| s.insertion(analysis, &parent, &key))
        {
            out.push(fix);
        }
    }
}

/// The key a finding's help asks to add, and the mapping to add it to: the one the help names
/// (`under `contract``, `to `parties.purchaser``), else the nearest of the finding's node and
/// its ancestors whose model has the key.
fn named_in_help(analysis: &Analysis, model: &Model, d: &Diagnostic) -> Option<(String, String)> {
    let help = d.help.as_deref()?;
    let rest = help.strip_prefix("add `")?;
    let key: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if key.is_empty() {
        return None;
    }
    let document = analysis.document.as_ref()?;
    let named = [" under `", " to `"].iter().find_map(|marker| {
        let after = help.split(marker).nth(1)?;
        let path = after.split('`').next()?;
        Some(
            path.split('.')
                .fold(String::new(), |pointer, key| child(&pointer, key)),
        )
    });
    let mut candidates = Vec::new();
    match named {
        Some(pointer) => candidates.push(pointer),
        None => {
            let mut pointer = d.pointer.clone().unwrap_or_default();
            loop {
                candidates.push(pointer.clone());
                match pointer.rsplit_once('/') {
                    Some((up, _)) => pointer = up.to_owned(),
                    None => break,
                }
            }
        }
    }
    candidates.into_iter().find_map(|parent| {
        let value = analysis.value(&parent)?;
        let path = model::path_of(&document.value, &parent);
        let allowed = model
            .properties(&model.at(&path))
            .iter()
            .any(|p| p.key == key);
        (value.is_object() && value.get(&key).is_none() && allowed).then(|| (parent, key.clone()))
    })
}

/// `init`'s starting spec for the spec's kind of service, loaded.
struct Scaffold {
    source: std::sync::Arc<SourceFile>,
    document: Document,
}

impl Scaffold {
    fn for_spec(analysis: &Analysis) -> Option<Self> {
        let field = analysis
            .value("/project/field")
            .and_then(Value::as_str)
            .unwrap_or("elderly");
        let kind = ServiceKind::from_str(field, true).unwrap_or(ServiceKind::Elderly);
        let source = SourceFile::new("scaffold.yaml", starting_spec(kind));
        let document = load::load(&source, &Limits::default()).ok()?;
        Some(Self { source, document })
    }

    /// The edit that adds `key` to the mapping at `parent`, with the scaffold's text for it
    /// (items of lists taken from the scaffold's first item), indented as the mapping's keys.
    fn insertion(&self, analysis: &Analysis, parent: &str, key: &str) -> Option<Fix> {
        let pointer = child(parent, key);
        let generic: String = pointer
            .split('/')
            .skip(1)
            .map(|s| {
                if s.bytes().all(|b| b.is_ascii_digit()) {
                    "0"
                } else {
                    s
                }
            })
            .fold(String::new(), |p, s| format!("{p}/{s}"));
        let node = self
            .document
            .index
            .get(&pointer)
            .or_else(|| self.document.index.get(&generic))?;
        let key_span = node.key?;
        let scaffold = self.source.text();
        let key_column = key_span.start - line_start(scaffold, key_span.start);
        let end = line_end(scaffold, node.value.end);
        let block = scaffold.get(key_span.start..end)?;

        let text = analysis.text();
        let document = analysis.document.as_ref()?;
        let (column, at) = if parent.is_empty() {
            (0, text.len())
        } else {
            let members = document.index.members(parent);
            let first = members.first()?.1.key.clone()?;
            let parent_span = document.index.value(parent)?;
            if text.get(parent_span.clone())?.starts_with('{') {
                return None;
            }
            (
                first.start - line_start(text, first.start),
                line_end(text, parent_span.end),
            )
        };
        let indent = " ".repeat(column);
        let mut lines = block.lines();
        let mut inserted = format!("{indent}{}", lines.next()?);
        for line in lines {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let rest = line.get(spaces.min(key_column)..).unwrap_or(line);
            inserted.push('\n');
            if !rest.is_empty() {
                inserted.push_str(&indent);
                inserted.push_str(rest);
            }
        }
        let new_text = if parent.is_empty() {
            let lead = if text.is_empty() || text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            format!("{lead}{inserted}\n")
        } else {
            format!("\n{inserted}")
        };
        Some(Fix {
            title: format!(
                "Add `{}` from the `init` scaffold",
                crate::schema::display_path(&pointer)
            ),
            edits: vec![(at..at, new_text)],
            fixes: None,
            preferred: false,
        })
    }
}
