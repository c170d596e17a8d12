//! What the fuzz targets run, and the structured input of two of them.
//!
//! A structured input is a bundled spec changed by a few edits: set a node to an arbitrary
//! value, remove it, copy one node over another, add a key or a list item. Values are drawn
//! mostly from the words of the bundled specs (ids, enumeration values, dates), so most edited
//! specs still get through the schema and reach the rules and the templates.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use serde_json::{Map, Number, Value};
use svcspec::check::{self, FileReport, Options};
use svcspec::config::Config;
use svcspec::limits::{Limits, TemplateLimits};
use svcspec::render::i18n::Lang;
use svcspec::render::templates::TemplateSet;
use svcspec::render::{DocKind, Renderer, html};
use svcspec::report::{self, Style};
use svcspec::source::SourceFile;

/// The bundled specs, the base of every structured input.
const BASES: [(&str, &str); 4] = [
    (
        "chaoyang-integration.yaml",
        include_str!("../../specs/chaoyang-integration.yaml"),
    ),
    (
        "shaanxi-assistance.yaml",
        include_str!("../../specs/shaanxi-assistance.yaml"),
    ),
    (
        "shanghai-hospice.yaml",
        include_str!("../../specs/shanghai-hospice.yaml"),
    ),
    (
        "zhuzhou-elderly.yaml",
        include_str!("../../specs/zhuzhou-elderly.yaml"),
    ),
];

/// Most edits applied to one spec: more only slow each run down.
const MAX_EDITS: usize = 12;

/// Loading plus checking from arbitrary bytes, then every report format over the findings.
pub fn check_bytes(data: &[u8]) {
    let report = check::check_bytes(
        Path::new("fuzz.yaml"),
        data.to_vec(),
        &Options::default(),
        &Config::default(),
    );
    report_all(&report, data.len().is_multiple_of(8));
}

/// Checks an edited bundled spec and reports its findings in every format.
pub fn check_structured(edits: &Edits) {
    let (report, text) = check_edited(edits);
    report_all(&report, text.len() % 8 == 0);
}

/// Renders every document in every language from an edited spec that checks clean; returns
/// whether it did.
///
/// A spec that checks clean and still cannot be built would be output lost: that fails the
/// run as a crash, with the template's message.
pub fn render(edits: &Edits) -> bool {
    let (report, _) = check_edited(edits);
    let Some(spec) = report.spec.as_ref().filter(|_| !report.has_errors()) else {
        return false;
    };
    for renderer in renderers() {
        for &kind in DocKind::all() {
            match renderer.markdown(spec, kind) {
                Ok(markdown) => {
                    let page = html::page(&markdown, renderer.lang());
                    assert!(page.contains("</html>"), "an HTML page without its end");
                }
                Err((source, diag)) => panic!(
                    "{} does not render from a spec that checks clean: {} ({})\n{}",
                    kind.name(),
                    diag.message,
                    source.name(),
                    edits.text()
                ),
            }
        }
    }
    true
}

fn renderers() -> &'static [Renderer] {
    static RENDERERS: OnceLock<Vec<Renderer>> = OnceLock::new();
    RENDERERS.get_or_init(|| {
        let templates = TemplateSet::load(None).unwrap_or_default();
        let templates = Arc::new(templates);
        Lang::all()
            .iter()
            .map(|&lang| Renderer::new(templates.clone(), lang, &TemplateLimits::default()))
            .collect()
    })
}

fn check_edited(edits: &Edits) -> (FileReport, String) {
    let text = edits.text();
    let source = SourceFile::new("fuzz.yaml", text.clone());
    (check::check_source(source, &Options::default()), text)
}

/// Reports the findings as JSON, and for one input in eight (by its length) also as human
/// text, SARIF, GitHub annotations and JUnit. Those repeat the rule table or lay out snippets
/// and took four fifths of each run; they place findings through the same positions as JSON,
/// and one input in eight still runs them hundreds of times a second.
fn report_all(report: &FileReport, every_format: bool) {
    let reports = std::slice::from_ref(report);
    let _ = report::json(reports);
    if every_format {
        let _ = report::human(report, Style::default());
        let _ = report::sarif::sarif(reports);
        let _ = report::github::github(reports);
        let _ = report::junit::junit(reports, true);
    }
}

/// A bundled spec and the edits made to it.
#[derive(Debug, Arbitrary)]
pub struct Edits {
    base: u8,
    edits: Vec<Edit>,
    /// Written as pretty (one value a line) or compact JSON, which is YAML too.
    pretty: bool,
}

/// A path into the spec: each step picks a child by index, modulo the number of children; the
/// walk stops at a scalar or an empty collection.
type Steps = Vec<u8>;

#[derive(Debug, Arbitrary)]
enum Edit {
    Set(Steps, Leaf),
    Remove(Steps),
    Copy {
        from: Steps,
        to: Steps,
    },
    /// Adds a key (a word of the bundled specs, so mostly a known one) to a mapping.
    Insert(Steps, u16, Leaf),
    /// Appends a copy of a node to a list.
    Push {
        list: Steps,
        from: Steps,
    },
}

#[derive(Debug, Arbitrary)]
enum Leaf {
    Null,
    Bool(bool),
    Int(i64),
    /// `units` × 10^-`scale`: money with any number of decimals.
    Decimal {
        units: i64,
        scale: u8,
    },
    /// A number as written, when it is one (`1e400`, `-0.000`).
    Number(String),
    Date {
        year: u16,
        month: u8,
        day: u8,
    },
    /// One of the strings of the bundled specs: an id, an enumeration value, a date.
    Word(u16),
    Text(String),
    EmptyMap,
    EmptyList,
}

struct Base {
    value: Value,
    words: Vec<String>,
    keys: Vec<String>,
}

fn bases() -> &'static [Base] {
    static BASES_LOADED: OnceLock<Vec<Base>> = OnceLock::new();
    BASES_LOADED.get_or_init(|| {
        BASES
            .iter()
            .filter_map(|(name, text)| {
                let source = SourceFile::new(*name, (*text).to_owned());
                let doc = svcspec::load::load(&source, &Limits::default()).ok()?;
                let (mut words, mut keys) = (Vec::new(), Vec::new());
                collect(&doc.value, &mut words, &mut keys);
                words.sort();
                words.dedup();
                keys.sort();
                keys.dedup();
                Some(Base {
                    value: doc.value,
                    words,
                    keys,
                })
            })
            .collect()
    })
}

fn collect(value: &Value, words: &mut Vec<String>, keys: &mut Vec<String>) {
    match value {
        Value::String(s) => words.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect(v, words, keys)),
        Value::Object(map) => {
            for (k, v) in map {
                keys.push(k.clone());
                collect(v, words, keys);
            }
        }
        _ => {}
    }
}

impl Edits {
    /// The edited spec as text.
    pub fn text(&self) -> String {
        let bases = bases();
        let Some(base) = bases.get(usize::from(self.base) % bases.len().max(1)) else {
            return String::new();
        };
        let mut value = base.value.clone();
        for edit in self.edits.iter().take(MAX_EDITS) {
            apply(&mut value, edit, base);
        }
        let text = if self.pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        text.unwrap_or_default()
    }
}

/// The JSON pointer segments that `steps` lead to.
fn resolve(root: &Value, steps: &[u8]) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = root;
    for &step in steps {
        let step = usize::from(step);
        let next = match at {
            Value::Object(map) if !map.is_empty() => map
                .iter()
                .nth(step % map.len())
                .map(|(k, v)| (k.clone(), v)),
            Value::Array(items) if !items.is_empty() => {
                let i = step % items.len();
                items.get(i).map(|v| (i.to_string(), v))
            }
            _ => None,
        };
        let Some((segment, child)) = next else { break };
        path.push(segment);
        at = child;
    }
    path
}

fn pointer(segments: &[String]) -> String {
    segments
        .iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn apply(root: &mut Value, edit: &Edit, base: &Base) {
    match edit {
        Edit::Set(steps, leaf) => {
            let at = pointer(&resolve(root, steps));
            if let Some(node) = root.pointer_mut(&at) {
                *node = leaf.value(base);
            }
        }
        Edit::Remove(steps) => {
            let mut path = resolve(root, steps);
            let Some(last) = path.pop() else { return };
            match root.pointer_mut(&pointer(&path)) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>()
                        && i < items.len()
                    {
                        items.remove(i);
                    }
                }
                _ => {}
            }
        }
        Edit::Copy { from, to } => {
            let from = pointer(&resolve(root, from));
            let to = pointer(&resolve(root, to));
            let Some(value) = root.pointer(&from).cloned() else {
                return;
            };
            if let Some(node) = root.pointer_mut(&to) {
                *node = value;
            }
        }
        Edit::Insert(steps, key, leaf) => {
            let at = pointer(&resolve(root, steps));
            let key = pick(&base.keys, *key);
            if let Some(Value::Object(map)) = root.pointer_mut(&at) {
                map.insert(key, leaf.value(base));
            }
        }
        Edit::Push { list, from } => {
            let from = pointer(&resolve(root, from));
            let Some(value) = root.pointer(&from).cloned() else {
                return;
            };
            let mut path = resolve(root, list);
            // Lists are rarely reached by the walk itself, which stops at scalars: push to the
            // nearest list on the way.
            while !path.is_empty()
                && !matches!(root.pointer(&pointer(&path)), Some(Value::Array(_)))
            {
                path.pop();
            }
            if let Some(Value::Array(items)) = root.pointer_mut(&pointer(&path)) {
                items.push(value);
            }
        }
    }
}

fn pick(words: &[String], i: u16) -> String {
    if words.is_empty() {
        return String::new();
    }
    words
        .get(usize::from(i) % words.len())
        .cloned()
        .unwrap_or_default()
}

impl Leaf {
    fn value(&self, base: &Base) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Int(n) => Value::Number(Number::from(*n)),
            Self::Decimal { units, scale } => {
                let scale = usize::from(*scale % 30);
                let digits = units.unsigned_abs().to_string();
                let digits = format!("{digits:0>width$}", width = scale + 1);
                let (int, frac) = digits.split_at(digits.len() - scale);
                let sign = if *units < 0 { "-" } else { "" };
                let text = if frac.is_empty() {
                    format!("{sign}{int}")
                } else {
                    format!("{sign}{int}.{frac}")
                };
                text.parse().map_or(Value::Null, Value::Number)
            }
            Self::Number(text) => text
                .parse::<Number>()
                .map_or_else(|_| Value::String(text.clone()), Value::Number),
            Self::Date { year, month, day } => Value::String(format!(
                "{:04}-{:02}-{:02}",
                year % 3000,
                month % 14,
                day % 33
            )),
            Self::Word(i) => Value::String(pick(&base.words, *i)),
            Self::Text(s) => Value::String(s.clone()),
            Self::EmptyMap => Value::Object(Map::new()),
            Self::EmptyList => Value::Array(Vec::new()),
        }
    }
}

/// The fast YAML reader against saphyr-parser: whenever the fast reader takes a text, the
/// document must be the one saphyr-parser builds (values, spans, nulls).
pub fn yaml_fast(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.yaml", text.to_owned());
    let limits = Limits::default();
    let Some(fast) = svcspec::load::load_fast(&source, &limits) else {
        return;
    };
    match svcspec::load::load_full(&source, &limits, &svcspec::load::SPEC_OPENING) {
        Ok(full) => assert_eq!(fast, full, "input: {text:?}"),
        Err(diags) => panic!("the fast reader took what saphyr refuses: {text:?}\n{diags:?}"),
    }
}
