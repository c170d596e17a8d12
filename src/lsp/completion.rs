//! Completion: the keys a mapping may still take (from the model, in context), the ids a
//! reference field may name (from the spec's own definitions), and an enum's values with their
//! Chinese names.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use crate::lsp::analysis::Analysis;
use crate::lsp::context::{self, Place};
use crate::lsp::hover::describe;
use crate::lsp::model::Model;
use crate::lsp::model::Seg;
use crate::lsp::positions::{Encoding, LineIndex};
use crate::results::model::{IdsAt, SPEC_IDS};
use crate::rules::integrity::{Kind, definitions};
use crate::schema::split_title;
use crate::spec::Spec;

/// The completions at byte `offset` of `text`. Ids come from `ids`: the latest check of the
/// document that got a spec (while a value is being typed, the text is often not a spec).
pub fn complete(
    text: &str,
    lines: &LineIndex,
    offset: usize,
    model: &Model,
    ids: Option<&Analysis>,
    encoding: Encoding,
) -> Vec<CompletionItem> {
    let Some(mut cx) = context::at(text, offset) else {
        return Vec::new();
    };
    // The first word of a `- ` item is a key in a list of mappings, the item itself otherwise.
    if cx.item_start && model.properties(&model.at(&cx.path)).is_empty() {
        cx.place = Place::Value;
    }
    let range = lines.range(text, &cx.token, encoding);
    let edit = |new_text: String| Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));
    if let Some(spec) = ids.and_then(|a| a.results_spec.as_deref())
        && let Some(kind) = results_ids(&cx)
    {
        return spec_ids(spec, kind, &cx.siblings, edit);
    }
    let schemas = model.at(&cx.path);
    // A key that already has its colon is replaced alone.
    let colon = if text.get(cx.token.end..).is_some_and(|r| r.starts_with(':')) {
        ""
    } else {
        ": "
    };
    match cx.place {
        Place::Key => model
            .properties(&schemas)
            .into_iter()
            .filter(|p| !cx.siblings.iter().any(|s| s == p.key))
            .map(|p| {
                let title = model.title(&[p.schema]);
                CompletionItem {
                    label: p.key.to_owned(),
                    label_details: title.and_then(|t| {
                        split_title(t).1.map(|chinese| CompletionItemLabelDetails {
                            detail: None,
                            description: Some(chinese.to_owned()),
                        })
                    }),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: title.map(str::to_owned),
                    documentation: model.description(&[p.schema]).map(markdown),
                    sort_text: Some(format!("{}{}", u8::from(!p.required), p.key)),
                    filter_text: Some(p.key.to_owned()),
                    text_edit: edit(format!("{}{colon}", p.key)),
                    ..CompletionItem::default()
                }
            })
            .collect(),
        Place::Value => {
            if let Some(kind) = model.reference(&cx.path) {
                let Some(spec) = ids.and_then(Analysis::spec) else {
                    return Vec::new();
                };
                return definitions(spec)
                    .into_iter()
                    .filter(|d| d.kind == kind)
                    .enumerate()
                    .map(|(i, d)| {
                        let name = ids.and_then(|a| a.value(&d.pointer)).and_then(describe);
                        id_item(i, d.id.as_str(), kind, name, edit)
                    })
                    .collect();
            }
            let mut items: Vec<CompletionItem> = model
                .enum_values(&schemas)
                .into_iter()
                .enumerate()
                .map(|(i, v)| CompletionItem {
                    label: v.value.to_owned(),
                    label_details: v
                        .description
                        .and_then(|d| split_title(d.trim_end_matches('.')).1)
                        .map(|chinese| CompletionItemLabelDetails {
                            detail: None,
                            description: Some(chinese.to_owned()),
                        }),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    detail: v.description.map(str::to_owned),
                    sort_text: Some(format!("{i:05}")),
                    filter_text: Some(v.value.to_owned()),
                    text_edit: edit(v.value.to_owned()),
                    ..CompletionItem::default()
                })
                .collect();
            if items.is_empty() && model.is_boolean(&schemas) {
                items = ["true", "false"]
                    .into_iter()
                    .map(|b| CompletionItem {
                        label: b.to_owned(),
                        kind: Some(CompletionItemKind::VALUE),
                        text_edit: edit(b.to_owned()),
                        ..CompletionItem::default()
                    })
                    .collect();
            }
            items
        }
    }
}

/// The kind of the spec's ids that a results file names at the cursor ([`SPEC_IDS`]).
fn results_ids(cx: &context::Context) -> Option<Kind> {
    let keys: Option<Vec<&str>> = cx
        .path
        .iter()
        .map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Item => None,
        })
        .collect();
    let keys = keys?;
    SPEC_IDS.iter().find_map(|&(path, at, kind)| {
        let pattern: Vec<&str> = path.split('.').collect();
        let matches = pattern.len() == keys.len()
            && pattern.iter().zip(&keys).all(|(p, k)| *p == "*" || p == k);
        let place = match at {
            IdsAt::Value => Place::Value,
            IdsAt::Keys => Place::Key,
        };
        (matches && cx.place == place).then_some(kind)
    })
}

/// The ids of a kind that a results file may name from its spec (for scores, the scheme's
/// leaf items), less the keys already written.
fn spec_ids(
    spec: &Spec,
    kind: Kind,
    siblings: &[String],
    edit: impl Fn(String) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let value = serde_json::to_value(spec).unwrap_or_default();
    let leaves = spec
        .evaluation
        .as_ref()
        .map_or_else(Vec::new, |e| e.leaves());
    definitions(spec)
        .into_iter()
        .filter(|d| d.kind == kind && !siblings.iter().any(|s| s == d.id.as_str()))
        .filter(|d| kind != Kind::SchemeItem || leaves.iter().any(|l| l.id == *d.id))
        .enumerate()
        .map(|(i, d)| {
            let name = value.pointer(&d.pointer).and_then(describe);
            id_item(i, d.id.as_str(), kind, name, &edit)
        })
        .collect()
}

/// The completion of an id of `kind`, the `i`th in the order the spec defines them, with the
/// name of what it identifies beside it.
fn id_item(
    i: usize,
    id: &str,
    kind: Kind,
    name: Option<&str>,
    edit: impl Fn(String) -> Option<CompletionTextEdit>,
) -> CompletionItem {
    CompletionItem {
        label: id.to_owned(),
        label_details: name.map(|n| CompletionItemLabelDetails {
            detail: None,
            description: Some(n.to_owned()),
        }),
        kind: Some(CompletionItemKind::REFERENCE),
        detail: Some(match name {
            Some(n) => format!("{} · {n}", kind.noun()),
            None => kind.noun().to_owned(),
        }),
        sort_text: Some(format!("{i:05}")),
        filter_text: Some(id.to_owned()),
        text_edit: edit(id.to_owned()),
        ..CompletionItem::default()
    }
}

fn markdown(text: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text.to_owned(),
    })
}
