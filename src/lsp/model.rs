//! What the model says about a place in a document, read from the JSON Schema generated from the
//! Rust types: each key's name in English and Chinese and its description, the keys a mapping
//! may hold, an enum's values, which numbers are amounts, and which fields hold references.
//!
//! Nothing here lists keys or fields by hand: a field added to the model shows up in hover and
//! completion once the schema is generated from it, and a reference field once
//! [`REFERENCE_FIELDS`] names it.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::rules::integrity::{Kind, REFERENCE_FIELDS};
use crate::span_index::last_segment;

/// One step of a path into a document: a mapping's key, or an item of a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Item,
}

/// A document format's schema.
#[derive(Debug)]
pub struct Model {
    schema: Value,
}

/// A spec's model.
pub fn spec() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model {
        schema: crate::schema::generate(),
    })
}

/// A results file's model.
pub fn results() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model {
        schema: crate::results::generate(),
    })
}

/// A key the model allows in a mapping.
#[derive(Debug, Clone)]
pub struct Property<'m> {
    pub key: &'m str,
    /// The key's own schema (its title and description are the field's).
    pub schema: &'m Value,
    pub required: bool,
}

/// One value of an enum, with its description (`Elderly services (老年人服务).`).
#[derive(Debug, Clone)]
pub struct EnumValue<'m> {
    pub value: &'m str,
    pub description: Option<&'m str>,
}

impl Model {
    /// The schema a `$ref` names.
    fn resolve<'m>(&'m self, reference: &str) -> Option<&'m Value> {
        let pointer = reference.strip_prefix('#')?;
        self.schema.pointer(pointer)
    }

    /// A schema with what it stands for: the target of its `$ref` and the branches of its
    /// `oneOf`, `anyOf` and `allOf`, recursively (each `$ref` followed once).
    fn expand<'m>(&'m self, schema: &'m Value) -> Vec<&'m Value> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut stack = vec![schema];
        while let Some(s) = stack.pop() {
            out.push(s);
            if let Some(r) = s.get("$ref").and_then(Value::as_str)
                && seen.insert(r)
                && let Some(target) = self.resolve(r)
            {
                stack.push(target);
            }
            for combinator in ["oneOf", "anyOf", "allOf"] {
                if let Some(branches) = s.get(combinator).and_then(Value::as_array) {
                    stack.extend(branches.iter().rev());
                }
            }
        }
        out
    }

    /// The schemas a node at `path` may have, each as written at its place (a property's own
    /// schema, whose title names the field): empty when the model has no such place.
    pub fn at(&self, path: &[Seg]) -> Vec<&Value> {
        let mut current = vec![&self.schema];
        for seg in path {
            let mut next = Vec::new();
            for schema in current.iter().flat_map(|s| self.expand(s)) {
                match seg {
                    Seg::Key(key) => {
                        if let Some(p) = schema.get("properties").and_then(|p| p.get(key)) {
                            next.push(p);
                        }
                        // Mappings keyed by id (a results file's `actuals`): every key has the
                        // same schema.
                        if let Some(patterns) =
                            schema.get("patternProperties").and_then(Value::as_object)
                        {
                            next.extend(patterns.values());
                        }
                        if let Some(extra) =
                            schema.get("additionalProperties").filter(|a| a.is_object())
                        {
                            next.push(extra);
                        }
                    }
                    Seg::Item => {
                        if let Some(items) = schema.get("items").filter(|i| i.is_object()) {
                            next.push(items);
                        }
                    }
                }
            }
            if next.is_empty() {
                return next;
            }
            current = next;
        }
        current
    }

    /// The keys the mappings of `schemas` may hold, in the model's order, each once.
    pub fn properties<'m>(&'m self, schemas: &[&'m Value]) -> Vec<Property<'m>> {
        let mut out: Vec<Property<'m>> = Vec::new();
        for schema in schemas.iter().flat_map(|s| self.expand(s)) {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let Some(props) = schema.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (key, prop) in props {
                if !out.iter().any(|p| p.key == key) {
                    out.push(Property {
                        key,
                        schema: prop,
                        required: required.contains(&key.as_str()),
                    });
                }
            }
        }
        out
    }

    /// The values of an enum among `schemas` (schemars writes a documented enum as a `oneOf`
    /// of `const` branches), with their descriptions.
    pub fn enum_values<'m>(&'m self, schemas: &[&'m Value]) -> Vec<EnumValue<'m>> {
        let mut out: Vec<EnumValue<'m>> = Vec::new();
        for schema in schemas.iter().flat_map(|s| self.expand(s)) {
            let description = schema.get("description").and_then(Value::as_str);
            if let Some(value) = schema.get("const").and_then(Value::as_str) {
                out.push(EnumValue { value, description });
            }
            for value in schema
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                out.push(EnumValue {
                    value,
                    description: None,
                });
            }
        }
        let mut seen = HashSet::new();
        out.retain(|v| seen.insert(v.value));
        out
    }

    /// The first title among `schemas` and what they stand for: the field's own before its type's.
    pub fn title<'m>(&'m self, schemas: &[&'m Value]) -> Option<&'m str> {
        self.first(schemas, "title")
    }

    /// The first description, likewise.
    pub fn description<'m>(&'m self, schemas: &[&'m Value]) -> Option<&'m str> {
        self.first(schemas, "description")
    }

    fn first<'m>(&'m self, schemas: &[&'m Value], field: &str) -> Option<&'m str> {
        schemas
            .iter()
            .flat_map(|s| self.expand(s))
            .find_map(|s| s.get(field).and_then(Value::as_str))
    }

    /// Whether the node is an amount in yuan (`format: money`).
    pub fn is_money(&self, schemas: &[&Value]) -> bool {
        schemas
            .iter()
            .flat_map(|s| self.expand(s))
            .any(|s| s.get("format").and_then(Value::as_str) == Some("money"))
    }

    /// Whether the node is a boolean.
    pub fn is_boolean(&self, schemas: &[&Value]) -> bool {
        schemas
            .iter()
            .flat_map(|s| self.expand(s))
            .any(|s| s.get("type").and_then(Value::as_str) == Some("boolean"))
    }

    /// The field of [`REFERENCE_FIELDS`] a path is at (`contract.tranches[].milestone`): keys
    /// joined by dots, `[]` for an item. A recursive structure (an evaluation item's
    /// `children`) is folded onto its first level, as the table names it.
    pub fn field(&self, path: &[Seg]) -> String {
        let mut out = String::new();
        // For each item on the path: where the field name stood, and the item's type.
        let mut items: Vec<(usize, Option<String>)> = Vec::new();
        for (i, seg) in path.iter().enumerate() {
            match seg {
                Seg::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Seg::Item => {
                    out.push_str("[]");
                    let ty = self
                        .at(path.get(..=i).unwrap_or_default())
                        .iter()
                        .find_map(|s| s.get("$ref").and_then(Value::as_str))
                        .map(str::to_owned);
                    if let Some(&(at, _)) = items.iter().find(|(_, t)| ty.is_some() && *t == ty) {
                        out.truncate(at);
                    } else {
                        items.push((out.len(), ty));
                    }
                }
            }
        }
        out
    }

    /// The kind of id a value at `path` refers to, when [`REFERENCE_FIELDS`] lists its field.
    pub fn reference(&self, path: &[Seg]) -> Option<Kind> {
        let field = self.field(path);
        REFERENCE_FIELDS
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, kind)| kind)
    }
}

/// The path of a JSON pointer in a document: numeric steps into sequences are items.
pub fn path_of(value: &Value, pointer: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut at = Some(value);
    for raw in pointer.split('/').skip(1) {
        let segment = last_segment(&format!("/{raw}"));
        match at {
            Some(Value::Array(items)) => {
                out.push(Seg::Item);
                at = segment.parse::<usize>().ok().and_then(|i| items.get(i));
            }
            Some(Value::Object(map)) => {
                at = map.get(&segment);
                out.push(Seg::Key(segment));
            }
            _ => {
                if segment.parse::<usize>().is_ok() {
                    out.push(Seg::Item);
                } else {
                    out.push(Seg::Key(segment));
                }
                at = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &[&str]) -> Vec<Seg> {
        p.iter()
            .map(|s| {
                if *s == "[]" {
                    Seg::Item
                } else {
                    Seg::Key((*s).to_owned())
                }
            })
            .collect()
    }

    /// A tranche's fields come from the generated schema, with their titles.
    #[test]
    fn finds_keys_and_titles() {
        let model = spec();
        let tranche = model.at(&path(&["contract", "tranches", "[]"]));
        let keys: Vec<&str> = model.properties(&tranche).iter().map(|p| p.key).collect();
        assert!(
            keys.contains(&"milestone") && keys.contains(&"share"),
            "{keys:?}"
        );
        let share = model.at(&path(&["contract", "tranches", "[]", "share"]));
        assert_eq!(model.title(&share), Some("Share (比例)"));
        let amount = model.at(&path(&["contract", "tranches", "[]", "amount"]));
        assert!(model.is_money(&amount) && !model.is_money(&share));
    }

    /// Reference fields are found by path, nested evaluation items folded onto the first level.
    #[test]
    fn finds_reference_fields() {
        let model = spec();
        assert_eq!(
            model.reference(&path(&["contract", "tranches", "[]", "milestone"])),
            Some(Kind::Milestone)
        );
        let nested = path(&["evaluation", "scheme", "[]", "children", "[]", "indicator"]);
        assert_eq!(model.field(&nested), "evaluation.scheme[].indicator");
        assert_eq!(model.reference(&nested), Some(Kind::Indicator));
        assert_eq!(model.reference(&path(&["project", "name"])), None);
    }

    /// Enum values carry their Chinese names.
    #[test]
    fn lists_enum_values() {
        let model = spec();
        let field = model.at(&path(&["project", "field"]));
        let values = model.enum_values(&field);
        let elderly = values.iter().find(|v| v.value == "elderly").unwrap();
        assert!(elderly.description.unwrap().contains("老年人服务"));
    }
}
