//! What an amendment changes: a diff of two typed specs, in the terms a contract officer reads.
//!
//! Both specs are compared as the JSON of their typed model, so spelling (`012` or `12`, quoted
//! or not) is no change. List items with an `id` are matched by id, so a re-ordering alone is no
//! change; other lists are compared as multisets. Tranche amounts that follow from a new contract
//! amount (share × amount) are listed under that change, not as changes of their own.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::spec::Spec;
use crate::spec::values::{Money, fen, percent_of};

/// One change between the old and the new spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Where: `contract.amount`, `targets[visits].value`, `period.end`.
    pub path: String,
    pub kind: ChangeKind,
    /// The old value; `null` for an added item.
    pub old: Value,
    /// The new value; `null` for a removed item.
    pub new: Value,
    /// Values that follow from this change, shown under it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Changed,
    Added,
    Removed,
}

/// Every change from `old` to `new`, in the order of the new spec's keys.
pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let old_value = serde_json::to_value(old).unwrap_or(Value::Null);
    let new_value = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut changes = Vec::new();
    walk("", &old_value, &new_value, &mut changes);
    fold_derived(old, new, &mut changes);
    changes
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn change(path: String, kind: ChangeKind, old: &Value, new: &Value) -> Change {
    Change {
        path,
        kind,
        old: old.clone(),
        new: new.clone(),
        derived: Vec::new(),
    }
}

fn walk(path: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => walk_map(path, a, b, out),
        (Value::Array(a), Value::Array(b)) => walk_list(path, a, b, out),
        _ if old == new => {}
        (Value::Null, _) => out.push(change(path.to_owned(), ChangeKind::Added, old, new)),
        (_, Value::Null) => out.push(change(path.to_owned(), ChangeKind::Removed, old, new)),
        _ => out.push(change(path.to_owned(), ChangeKind::Changed, old, new)),
    }
}

fn walk_map(path: &str, old: &Map<String, Value>, new: &Map<String, Value>, out: &mut Vec<Change>) {
    for (key, b) in new {
        let a = old.get(key).unwrap_or(&Value::Null);
        walk(&join(path, key), a, b, out);
    }
    for (key, a) in old {
        if !new.contains_key(key) {
            walk(&join(path, key), a, &Value::Null, out);
        }
    }
}

fn id_of(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

fn walk_list(path: &str, old: &[Value], new: &[Value], out: &mut Vec<Change>) {
    let by_id = |items: &[Value]| items.iter().all(|i| id_of(i).is_some());
    if by_id(old) && by_id(new) && !(old.is_empty() && new.is_empty()) {
        for b in new {
            let id = id_of(b).unwrap_or_default();
            let item = format!("{path}[{id}]");
            match old.iter().find(|a| id_of(a) == Some(id)) {
                Some(a) => walk(&item, a, b, out),
                None => out.push(change(item, ChangeKind::Added, &Value::Null, b)),
            }
        }
        for a in old {
            let id = id_of(a).unwrap_or_default();
            if !new.iter().any(|b| id_of(b) == Some(id)) {
                out.push(change(
                    format!("{path}[{id}]"),
                    ChangeKind::Removed,
                    a,
                    &Value::Null,
                ));
            }
        }
        return;
    }
    // Without ids, items are compared as a multiset: order is no change.
    let mut unmatched: Vec<&Value> = old.iter().collect();
    let mut added = Vec::new();
    for b in new {
        match unmatched.iter().position(|a| *a == b) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => added.push(b),
        }
    }
    if unmatched.is_empty() && added.is_empty() {
        return;
    }
    if let ([a], [b]) = (unmatched.as_slice(), added.as_slice())
        && old.len() == new.len()
    {
        // One item replaced: show it as a change of that item, where it stands in the new list.
        let at = new.iter().position(|n| n == *b).unwrap_or(0);
        walk(&format!("{path}[{}]", at + 1), a, b, out);
        return;
    }
    for a in unmatched {
        out.push(change(
            path.to_owned(),
            ChangeKind::Removed,
            a,
            &Value::Null,
        ));
    }
    for b in added {
        out.push(change(path.to_owned(), ChangeKind::Added, &Value::Null, b));
    }
}

/// Moves what follows from a new contract amount under the amount change: each tranche's amount
/// at its share of the new amount, and the amount in capitals.
fn fold_derived(old: &Spec, new: &Spec, changes: &mut Vec<Change>) {
    let (Some(old_c), Some(new_c)) = (&old.contract, &new.contract) else {
        return;
    };
    let Some(new_amount) = new_c.amount else {
        return;
    };
    if !changes.iter().any(|c| c.path == "contract.amount") {
        return;
    }
    let mut derived = Vec::new();
    for t in &new_c.tranches {
        let Some(before) = old_c.tranches.iter().find(|o| o.id == t.id) else {
            continue;
        };
        if before.share != t.share {
            continue;
        }
        let Some(follows) = percent_of(new_amount.decimal(), t.share.decimal()) else {
            continue;
        };
        let follows = fen(follows).normalize();
        let path = format!("contract.tranches[{}].amount", t.id.as_str());
        let written = changes.iter().position(|c| c.path == path);
        // A written change that is not the share of the new amount stays a change of its own.
        if written.is_some() && t.amount.decimal() != follows {
            continue;
        }
        if let Some(i) = written {
            changes.remove(i);
        }
        derived.push(Change {
            path,
            kind: ChangeKind::Changed,
            old: number(before.amount.decimal()),
            new: number(follows),
            derived: Vec::new(),
        });
    }
    if let Some(i) = changes
        .iter()
        .position(|c| c.path == "contract.amount_in_words")
    {
        derived.push(changes.remove(i));
    }
    if let Some(amount) = changes.iter_mut().find(|c| c.path == "contract.amount") {
        amount.derived = derived;
    }
}

/// An amount as the model writes it, so derived amounts read like the amounts they follow.
fn number(d: Decimal) -> Value {
    serde_json::to_value(Money(d)).unwrap_or(Value::Null)
}
