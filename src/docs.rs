//! The reference docs generated from the code: docs/rules.md from the rule table, docs/spec.md
//! from the schema. Tests keep the committed copies fresh.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use crate::rules::{self, Origin, Rule};
use crate::schema;

/// docs/rules.md: every rule with its four-part docs.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule table (src/rules/). Do not edit: run `SVCSPEC_BLESS=1 cargo test --test main docs::`. -->\n\n\
         Every code svcspec reports. Input and integrity faults are always errors; semantic rules\n\
         (SV1xx–SV7xx) can be set to `error`, `warning` or `off` in svcspec.toml, and single findings\n\
         can be suppressed there with a reason. SV8xx are the faults of a results file read by\n\
         `svcspec evaluate`. `svcspec explain CODE` prints one entry.\n\n\
         | code | name | severity | summary |\n| --- | --- | --- | --- |\n",
    );
    for rule in rules::all() {
        let _ = writeln!(
            out,
            "| [{code}](#{anchor}) | `{name}` | {severity}{fixed} | {summary} |",
            code = rule.code,
            anchor = rule.code.to_lowercase(),
            name = rule.name,
            severity = rule.severity,
            fixed = if rule.configurable() { "" } else { " (fixed)" },
            summary = rule.summary.replace('|', "\\|"),
        );
    }
    for rule in rules::all() {
        out.push_str(&rule_section(rule));
    }
    out
}

fn rule_section(rule: &Rule) -> String {
    let stage = match rule.origin {
        Origin::Io => "reading files",
        Origin::Input | Origin::Schema => "YAML and schema",
        Origin::Integrity => "ids and references",
        Origin::Semantic(_) => "semantic rule",
        Origin::Config => "svcspec.toml",
        Origin::Results => "results file (`evaluate`)",
        Origin::Build => "build",
    };
    format!(
        "\n## {code}\n\n`{name}` · {severity} · {stage}\n\n{summary}.\n\n**What it checks.** {what}\n\n**Why it matters.** {why}\n\n**Example that fails.**\n\n```yaml\n{example}\n```\n\n**Fix.** {fix}\n",
        code = rule.code,
        name = rule.name,
        severity = rule.severity,
        summary = capitalize(rule.summary),
        what = rule.docs.what,
        why = rule.docs.why,
        example = rule.docs.example,
        fix = rule.docs.fix,
    )
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// docs/spec.md: every section and field of a spec, from the schema.
pub fn spec_markdown() -> String {
    reference(
        schema::generate(),
        "# Spec reference\n\n<!-- Generated from the schema (src/spec/). Do not edit: run `SVCSPEC_BLESS=1 cargo test --test main docs::`. -->\n\n\
         Every key a spec may hold, section by section: its type, whether it is required, its Chinese\n\
         term and what it means. Keys not listed are refused. Only `spec_version`, `project`,\n\
         `parties` and `period` are required at the top; the rules (docs/rules.md) say what else a\n\
         complete spec needs.\n\n",
    )
}

/// docs/results.md: every key of a results file of `svcspec evaluate`, from its schema.
pub fn results_markdown() -> String {
    reference(
        crate::results::generate(),
        "# Results file reference\n\n<!-- Generated from the schema (src/results/model.rs). Do not edit: run `SVCSPEC_BLESS=1 cargo test --test main docs::`. -->\n\n\
         What `svcspec evaluate SPEC --results FILE` reads: the results of one evaluation milestone.\n\
         `actuals` and `scores` are mappings keyed by ids of the spec: target ids, then evaluation\n\
         subject ids and leaf item ids of `evaluation.scheme`. The examples in specs/results/ show a\n\
         whole file; schemas/results.schema.json is the schema, and rules SV801–SV814\n\
         (docs/rules.md) are the checks against the spec.\n\n",
    )
}

/// A reference of every section and field of a schema, under a header.
fn reference(root: Value, header: &str) -> String {
    let mut out = String::from(header);
    let mut seen = BTreeSet::new();
    let mut queue = vec![("Top level".to_owned(), root.clone())];
    while let Some((name, node)) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut refs = Vec::new();
        out.push_str(&object_section(&name, &node, &root, &mut refs));
        // Sections appear in the order first referenced.
        for r in refs.into_iter().rev() {
            if let Some(def) = root.pointer(&format!("/$defs/{r}"))
                && def.get("properties").is_some()
                && !seen.contains(&r)
            {
                queue.push((r, def.clone()));
            }
        }
    }
    out
}

fn object_section(name: &str, node: &Value, root: &Value, refs: &mut Vec<String>) -> String {
    let mut out = String::new();
    let title = node.get("title").and_then(Value::as_str).unwrap_or(name);
    let _ = writeln!(out, "## {name}\n");
    if name != "Top level" || title != name {
        let _ = writeln!(out, "*{title}*\n");
    }
    if let Some(desc) = node.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{}\n", desc.replace('\n', " "));
    }
    let required: BTreeSet<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| key | type | required | 中文 | description |\n| --- | --- | --- | --- | --- |"
    );
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (key, prop) in props {
            let (english, chinese) =
                schema::split_title(prop.get("title").and_then(Value::as_str).unwrap_or(""));
            let chinese = chinese.unwrap_or_default();
            let description = prop
                .get("description")
                .and_then(Value::as_str)
                .map_or_else(|| english.to_owned(), |d| d.replace('\n', " "));
            let _ = writeln!(
                out,
                "| `{key}` | {ty} | {req} | {chinese} | {desc} |",
                ty = type_of(prop, root, refs),
                req = if required.contains(key.as_str()) {
                    "yes"
                } else {
                    ""
                },
                desc = description.replace('|', "\\|"),
            );
        }
    }
    out.push('\n');
    out
}

fn type_of(prop: &Value, root: &Value, refs: &mut Vec<String>) -> String {
    if let Some(r) = prop.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r).to_owned();
        let def = root
            .pointer(&format!("/$defs/{name}"))
            .unwrap_or(&Value::Null);
        if def.get("properties").is_some() {
            refs.push(name.clone());
            return format!("[{name}](#{})", name.to_lowercase());
        }
        return type_of(def, root, refs);
    }
    if let Some(branches) = prop.get("oneOf").and_then(Value::as_array) {
        let consts: Vec<String> = branches
            .iter()
            .filter_map(|b| b.get("const").and_then(Value::as_str))
            .map(|c| format!("`{c}`"))
            .collect();
        if !consts.is_empty() {
            return format!("one of {}", consts.join(", "));
        }
    }
    if let Some(branches) = prop.get("anyOf").and_then(Value::as_array) {
        let types: Vec<String> = branches.iter().map(|b| type_of(b, root, refs)).collect();
        return types.join(" or ");
    }
    if let Some(values) = prop
        .get("patternProperties")
        .and_then(Value::as_object)
        .and_then(|p| p.values().next())
    {
        return format!("mapping of id → {}", type_of(values, root, refs));
    }
    if let Some(c) = prop.get("const") {
        return format!("`{c}`");
    }
    match prop.get("type").and_then(Value::as_str) {
        Some("array") => {
            let item = prop
                .get("items")
                .map_or_else(|| "value".to_owned(), |i| type_of(i, root, refs));
            format!("list of {item}")
        }
        Some("string") if prop.get("format").and_then(Value::as_str) == Some("date") => {
            "date (YYYY-MM-DD)".to_owned()
        }
        Some("string") if prop.get("pattern").is_some() => "id".to_owned(),
        Some("number") if prop.get("format").and_then(Value::as_str) == Some("money") => {
            "amount in yuan (≥ 0, at most 2 decimals)".to_owned()
        }
        Some("number") if prop.get("maximum").is_some() => "percent (0–100)".to_owned(),
        Some("number") => "number ≥ 0".to_owned(),
        Some("integer") => "integer ≥ 0".to_owned(),
        Some(other) => other.to_owned(),
        None => "value".to_owned(),
    }
}
