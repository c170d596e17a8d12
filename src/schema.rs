//! The JSON Schema generated from the model, its validation, and the typed stage after it.
//!
//! Each schema error's instance path goes through the span index to a label on the offending
//! key or value: an unknown key on the key itself, a missing key on the mapping that lacks it.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::load::Document;
use crate::rules::input;
use crate::span_index::{child, last_segment};
use crate::spec::Spec;
use crate::suggest::did_you_mean;

/// The `$id` of the committed schema.
pub const SCHEMA_ID: &str = "https://svcspec.invalid/schemas/svcspec.schema.json";

/// Generates the schema of a spec (draft 2020-12) from the Rust types.
pub fn generate() -> Value {
    generate_for::<Spec>(SCHEMA_ID)
}

/// Generates the schema (draft 2020-12) of a document whose root type is `T`, under `$id`.
pub fn generate_for<T: JsonSchema>(id: &str) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    strip_nulls(&mut value);
    titles_from_docs(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".to_owned(), json!(id));
    }
    value
}

/// The schema as committed to schemas/svcspec.schema.json: pretty JSON with a final newline.
pub fn generate_text() -> String {
    pretty(&generate())
}

/// A schema as committed: pretty JSON with a final newline.
pub fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A title as [`titles_from_docs`] makes it, split into its English and Chinese names:
/// `Tranche (付款批次)` → (`Tranche`, `付款批次`).
pub fn split_title(title: &str) -> (&str, Option<&str>) {
    match (title.rfind('('), title.strip_suffix(')')) {
        (Some(open), Some(inner)) => (
            title.get(..open).unwrap_or(title).trim(),
            inner.get(open + 1..),
        ),
        _ => (title, None),
    }
}

/// Doc comments start with a line `English name (中文)`: it becomes the schema's `title`, and the
/// rest the `description`, so editors show both on hover. Enum variants, whose docs are one
/// sentence ending in a period, keep theirs as a description.
fn titles_from_docs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(doc)) = map.get("description") {
                let (first, rest) = match doc.split_once("\n\n") {
                    Some((first, rest)) => (first.to_owned(), rest.trim().to_owned()),
                    None => (doc.clone(), String::new()),
                };
                if !first.contains('\n') && !first.ends_with('.') && first.contains('(') {
                    map.insert("title".to_owned(), Value::String(first));
                    if rest.is_empty() {
                        map.remove("description");
                    } else {
                        map.insert("description".to_owned(), Value::String(rest));
                    }
                }
            }
            for v in map.values_mut() {
                titles_from_docs(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(titles_from_docs),
        _ => {}
    }
}

/// Optional fields are left out when absent; a null in their place is refused rather than
/// silently read as absent, and editors complete the real type. So `Option<T>` is just `T`.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(branches)) = map.get("anyOf") {
                let non_null: Vec<Value> = branches
                    .iter()
                    .filter(|b| b.get("type") != Some(&json!("null")))
                    .cloned()
                    .collect();
                if non_null.len() == 1 && branches.len() == 2 {
                    map.remove("anyOf");
                    if let Some(Value::Object(inner)) = non_null.into_iter().next() {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let single = types.remove(0);
                    map.insert("type".to_owned(), single);
                }
            }
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            for v in map.values_mut() {
                strip_nulls(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// A generated schema with its validator, and what a document of it is called in messages.
pub struct Compiled {
    schema: Value,
    validator: Validator,
    /// `spec`, `results file`: "the spec lacks `project`".
    noun: &'static str,
}

impl Compiled {
    /// Compiles a schema generated from svcspec's own types.
    pub fn new(schema: Value, noun: &'static str) -> Self {
        // The schema is generated from our own types; failing to compile it is a bug that the
        // schema freshness tests catch before release.
        #[allow(clippy::expect_used)]
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the generated schema compiles");
        Self {
            schema,
            validator,
            noun,
        }
    }
}

/// The spec schema and its validator, built once per process.
fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| Compiled::new(generate(), "spec"))
}

/// Validates a document against the schema and reads it into the typed model.
///
/// The typed model and the schema accept the same documents (the types generate the schema;
/// `tests/schema.rs` checks that they agree on every fixture), except that the schema refuses
/// null where serde would read an absent value. So a document without nulls that deserializes
/// is valid, and the validator — whose compilation costs more than checking a spec — is built
/// only when a document has faults to locate.
pub fn check(doc: &Document) -> Result<Spec, Vec<Diagnostic>> {
    check_as(doc, compiled)
}

/// [`check`] for any document format: its root type `T`, and its schema built on first use.
pub fn check_as<T: DeserializeOwned>(
    doc: &Document,
    compiled: fn() -> &'static Compiled,
) -> Result<T, Vec<Diagnostic>> {
    if let Some(value) = typed_fast_as(doc) {
        return Ok(value);
    }
    let diagnostics = validate_with(doc, compiled());
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    typed(doc)
}

/// The fast path: the typed model alone, for a document without nulls.
pub fn typed_fast(doc: &Document) -> Option<Spec> {
    typed_fast_as(doc)
}

fn typed_fast_as<T: DeserializeOwned>(doc: &Document) -> Option<T> {
    if doc.has_null {
        return None;
    }
    T::deserialize(&doc.value).ok()
}

/// Every schema fault of a document, as located diagnostics.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    validate_with(doc, compiled())
}

/// Every fault of a document against a compiled schema, as located diagnostics.
pub fn validate_with(doc: &Document, compiled: &Compiled) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for error in compiled.validator.iter_errors(&doc.value) {
        diagnostics.extend(to_diagnostics(&error, doc, compiled));
    }
    diagnostics
}

/// The typed stage, with its fault located through the path serde was at.
fn typed<T: DeserializeOwned>(doc: &Document) -> Result<T, Vec<Diagnostic>> {
    serde_path_to_error::deserialize::<_, T>(&doc.value).map_err(|err| {
        let pointer = path_pointer(err.path());
        let (at, span) = doc.index.nearest(&pointer);
        let inner = err.into_inner().to_string();
        vec![
            input::INVALID_VALUE
                .diag(format!("`{}`: {}", display_path(&pointer), inner))
                .label_opt(span.and(doc.index.value(&at)), "")
                .pointer(pointer),
        ]
    })
}

fn path_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = child(&pointer, &index.to_string()),
            // serde_json's exact numbers travel as a map of one private key: not a place in the spec.
            Segment::Map { key } if key.starts_with("$serde_json::") => {}
            Segment::Map { key } => pointer = child(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// `targets[2].value` for `/targets/2/value`: how a designer names a place in the spec.
pub fn display_path(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the top level".to_owned();
    }
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.bytes().all(|b| b.is_ascii_digit()) && !seg.is_empty() {
            out.push('[');
            out.push_str(&seg);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

fn to_diagnostics(
    error: &ValidationError<'_>,
    doc: &Document,
    compiled: &Compiled,
) -> Vec<Diagnostic> {
    let schema = &compiled.schema;
    let pointer = error.instance_path().as_str().to_owned();
    let instance = error.instance();
    let value_span = doc.index.value(&pointer);
    let here = display_path(&pointer);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } if keyed_by_id(schema, &pointer) => unexpected
            .iter()
            .map(|key| {
                let key_pointer = child(&pointer, key);
                input::INVALID_VALUE
                    .diag(format!("`{key}` in `{here}` is not a valid id"))
                    .label_opt(doc.index.key(&key_pointer), "not an id")
                    .help("the keys here are ids: ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit")
                    .pointer(key_pointer)
            })
            .collect(),
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| {
                let key_pointer = child(&pointer, key);
                let known = property_names(schema, &pointer);
                let results_file = pointer.is_empty() && key == "results_version" && compiled.noun == "spec";
                let help = match did_you_mean(key, known.iter().map(String::as_str)) {
                    _ if results_file => "this is a results file, not a spec: evaluate it with `svcspec evaluate SPEC --results FILE`".to_owned(),
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the keys of `{here}` are: {}", join_ticked(&known)),
                };
                input::UNKNOWN_KEY
                    .diag(format!("unknown key `{key}` in `{here}`"))
                    .label_opt(doc.index.key(&key_pointer), "not a key of this mapping")
                    .help(help)
                    .pointer(key_pointer)
            })
            .collect(),
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let title = property_title(schema, &child(&pointer, name));
            let help = match title {
                Some(t) => format!("add `{name}:`, the {t}"),
                None => format!("add `{name}:`"),
            };
            let (label, text) = if pointer.is_empty() {
                (first_key_span(doc), format!("the {} lacks `{name}`", compiled.noun))
            } else {
                (doc.index.node(&pointer), format!("this mapping lacks `{name}`"))
            };
            vec![
                input::MISSING_KEY
                    .diag(format!("missing key `{name}` in `{here}`"))
                    .label_opt(label, text)
                    .help(help)
                    .pointer(pointer),
            ]
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // schemars writes documented enums as `oneOf` of `const` branches: report them as one
            // "not one of" with a suggestion, not as a list of failed branches.
            let options: Vec<String> = context
                .iter()
                .flatten()
                .filter_map(|e| match e.kind() {
                    ValidationErrorKind::Constant { expected_value } => {
                        expected_value.as_str().map(str::to_owned)
                    }
                    _ => None,
                })
                .collect();
            if !options.is_empty() && options.len() == context.len() {
                return vec![not_one_of(instance, &options, &here, value_span, pointer)];
            }
            // Otherwise, report the errors of the branch that got furthest: one whose type the
            // value has (a list for the list branch), and of those the one with fewest errors.
            let wrong_type = |errs: &&Vec<ValidationError<'_>>| {
                errs.iter().any(|e| {
                    matches!(e.kind(), ValidationErrorKind::Type { .. })
                        && e.instance_path().as_str() == pointer
                })
            };
            let best = context
                .iter()
                .min_by_key(|errs| (wrong_type(errs), errs.len()));
            match best {
                Some(errs) if !errs.is_empty() => errs
                    .iter()
                    .flat_map(|e| to_diagnostics(e, doc, compiled))
                    .collect(),
                _ => vec![generic(error, &here, value_span, pointer)],
            }
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect())
                .unwrap_or_default();
            vec![not_one_of(instance, &options, &here, value_span, pointer)]
        }
        ValidationErrorKind::Constant { expected_value } => vec![
            input::INVALID_VALUE
                .diag(format!(
                    "`{here}` must be {expected_value}, found {}",
                    short(instance)
                ))
                .label_opt(value_span, format!("expected {expected_value}"))
                .pointer(pointer),
        ],
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set.iter().map(|t| article(&t.to_string())).collect::<Vec<_>>().join(" or "),
            };
            let help = match (instance.as_ref(), expected.as_str()) {
                (Value::String(s), "a number" | "an integer") if s.trim().parse::<f64>().is_ok() => {
                    Some("remove the quotes: a number is written without them".to_owned())
                }
                (Value::String(s), "a number" | "an integer") if s.contains(',') || s.contains('元') || s.contains('万') => {
                    Some("write the number in figures only, without separators or units: `300000`".to_owned())
                }
                (Value::Number(_) | Value::Bool(_), "a string") => {
                    Some("quote the value to make it text".to_owned())
                }
                (Value::Null, _) => Some("give a value, or remove the key".to_owned()),
                (Value::Object(_), "a list") => Some("write a list: each item starts with `- `".to_owned()),
                _ => None,
            };
            vec![
                input::INVALID_VALUE
                    .diag(format!("`{here}` must be {expected}, found {}", describe(instance)))
                    .label_opt(value_span, format!("expected {expected}"))
                    .help_opt(help)
                    .pointer(pointer),
            ]
        }
        ValidationErrorKind::Format { format } if format == "date" => vec![
            input::INVALID_VALUE
                .diag(format!("`{here}` is not a real date: {}", short(instance)))
                .label_opt(value_span, "no such date")
                .help("write a calendar date as YYYY-MM-DD, e.g. 2016-03-31")
                .pointer(pointer),
        ],
        ValidationErrorKind::Pattern { .. } if last_segment_is_id(&pointer, schema) => vec![
            input::INVALID_VALUE
                .diag(format!("`{here}` is not a valid id: {}", short(instance)))
                .label_opt(value_span, "not an id")
                .help("ids use ASCII letters, digits, `-`, `_` and `.`, start with a letter or digit, and have at most 64 characters")
                .pointer(pointer),
        ],
        ValidationErrorKind::Minimum { limit } => {
            let msg = if limit.as_f64() == Some(0.0) {
                format!("`{here}` cannot be negative, found {}", short(instance))
            } else {
                format!("`{here}` must be at least {limit}, found {}", short(instance))
            };
            vec![
                input::INVALID_VALUE
                    .diag(msg)
                    .label_opt(value_span, format!("below {limit}"))
                    .pointer(pointer),
            ]
        }
        ValidationErrorKind::Maximum { limit } => vec![
            input::INVALID_VALUE
                .diag(format!("`{here}` must be at most {limit}, found {}", short(instance)))
                .label_opt(value_span, format!("above {limit}"))
                .pointer(pointer),
        ],
        _ => vec![generic(error, &here, value_span, pointer)],
    }
}

fn generic(
    error: &ValidationError<'_>,
    here: &str,
    span: Option<std::ops::Range<usize>>,
    pointer: String,
) -> Diagnostic {
    input::INVALID_VALUE
        .diag(format!("`{here}`: {}", error.masked()))
        .label_opt(span, "")
        .pointer(pointer)
}

fn not_one_of(
    instance: &Value,
    options: &[String],
    here: &str,
    span: Option<std::ops::Range<usize>>,
    pointer: String,
) -> Diagnostic {
    let found = instance
        .as_str()
        .map_or_else(|| instance.to_string(), str::to_owned);
    let help = match did_you_mean(&found, options.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("write one of: {}", join_ticked(options)),
    };
    input::INVALID_VALUE
        .diag(format!("`{here}` cannot be `{found}`"))
        .label_opt(span, "not an allowed value")
        .help(help)
        .pointer(pointer)
}

fn first_key_span(doc: &Document) -> Option<std::ops::Range<usize>> {
    doc.value
        .as_object()
        .and_then(|m| m.keys().next())
        .and_then(|k| doc.index.key(&child("", k)))
}

fn join_ticked(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn article(json_type: &str) -> String {
    match json_type {
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        "integer" => "an integer".to_owned(),
        "null" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

fn short(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let cut: String = s.chars().take(40).collect();
            if cut.len() < s.len() {
                format!("`{cut}…`")
            } else {
                format!("`{s}`")
            }
        }
        Value::Object(_) => "a mapping".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        other => format!("`{other}`"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(_) => format!("the text {}", short(value)),
        Value::Number(_) => format!("the number {}", short(value)),
        Value::Bool(_) => format!("the boolean {}", short(value)),
        Value::Null => "nothing (null)".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
        Value::Array(_) => "a list".to_owned(),
    }
}

/// Follows `$ref`s into `$defs`.
fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => node = target,
                None => break,
            },
            None => break,
        }
    }
    node
}

/// The subschema that applies at an instance pointer, found by walking properties and items.
fn subschema<'s>(root: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut node = resolve(root, root);
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        node = if let Some(p) = node.get("properties").and_then(|p| p.get(&seg)) {
            resolve(root, p)
        } else if let Some(items) = node.get("items") {
            resolve(root, items)
        } else if let Some(values) = node
            .get("patternProperties")
            .and_then(Value::as_object)
            .and_then(|p| p.values().next())
        {
            resolve(root, values)
        } else {
            return None;
        };
    }
    Some(node)
}

fn property_names(root: &Value, pointer: &str) -> Vec<String> {
    subschema(root, pointer)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn property_title(root: &Value, pointer: &str) -> Option<String> {
    let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
    let name = last_segment(pointer);
    let prop = subschema(root, parent)?.get("properties")?.get(&name)?;
    prop.get("title")
        .or_else(|| resolve(root, prop).get("title"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Whether the mapping at `pointer` is keyed by ids (a map such as `actuals`).
fn keyed_by_id(root: &Value, pointer: &str) -> bool {
    subschema(root, pointer)
        .and_then(|s| s.get("patternProperties"))
        .and_then(Value::as_object)
        .is_some_and(|p| p.contains_key(crate::spec::values::ID_PATTERN))
}

fn last_segment_is_id(pointer: &str, root: &Value) -> bool {
    subschema(root, pointer)
        .and_then(|s| s.get("pattern"))
        .and_then(Value::as_str)
        == Some(crate::spec::values::ID_PATTERN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles split into English and Chinese.
    #[test]
    fn splits_titles() {
        assert_eq!(
            split_title("Tranche (付款批次)"),
            ("Tranche", Some("付款批次"))
        );
        assert_eq!(split_title("Plain"), ("Plain", None));
    }
}
