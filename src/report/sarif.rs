//! `check --format sarif`: SARIF 2.1.0, the format code scanning reads (GitHub, GitLab, IDEs).
//!
//! The run lists every rule of the table, not only those that fired: rule indices then stay the
//! same from run to run, two logs of the same project can be compared, and a clean log still
//! says which checks ran (for a viewer, the rule list doubles as the catalogue of `explain`).

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run,
    SCHEMA_URL, Sarif, Tool, ToolComponent,
};

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::report::{JsonDiagnostic, located_in};
use crate::rules::{self, Rule};

/// The SARIF log of a run, as pretty JSON with a final newline.
pub fn sarif(reports: &[FileReport]) -> String {
    let table: Vec<&'static Rule> = rules::all().collect();
    let index: BTreeMap<&str, usize> = table.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut results: Vec<SarifResult> = Vec::new();
    for report in reports {
        for (d, diag) in located_in(report).iter().zip(&report.diagnostics) {
            let mut r = result(d, index.get(d.code).copied());
            // Secondary labels (the first of two duplicate keys, say) as related locations.
            if let Some(src) = report.source.as_deref() {
                let related: Vec<Location> = diag
                    .labels
                    .iter()
                    .skip(1)
                    .map(|label| {
                        let (start, end) =
                            (src.position(label.span.start), src.position(label.span.end));
                        let mut location = Location::builder()
                            .physical_location(
                                PhysicalLocation::builder()
                                    .artifact_location(
                                        ArtifactLocation::builder()
                                            .uri(uri_reference(d.file))
                                            .build(),
                                    )
                                    .region(region(start.line, start.column, end.line, end.column))
                                    .build(),
                            )
                            .build();
                        location.message = label
                            .message
                            .as_ref()
                            .map(|m| Message::builder().text(m.clone()).build());
                        location
                    })
                    .collect();
                if !related.is_empty() {
                    r.related_locations = Some(related);
                }
            }
            results.push(r);
        }
    }
    let driver = ToolComponent::builder()
        .name("svcspec")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(table.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URL)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule's metadata: code, name, summary, and its four-part docs as help.
fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let docs = &rule.docs;
    let text = format!(
        "{what}\n\nWhy it matters: {why}\n\nExample that fails:\n{example}\n\nFix: {fix}",
        what = docs.what,
        why = docs.why,
        example = docs.example,
        fix = docs.fix,
    );
    let markdown = format!(
        "{what}\n\n**Why it matters.** {why}\n\n**Example that fails.**\n\n```yaml\n{example}\n```\n\n**Fix.** {fix}",
        what = docs.what,
        why = docs.why,
        example = docs.example,
        fix = docs.fix,
    );
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .full_description(MultiformatMessageString::builder().text(docs.what).build())
        .help(
            MultiformatMessageString::builder()
                .text(text)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(rule.severity)))
                .build(),
        )
        .build()
}

/// One finding. The message carries the help too, since viewers show only the message.
fn result(d: &JsonDiagnostic<'_>, rule_index: Option<usize>) -> SarifResult {
    let text = match d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.to_owned(),
    };
    let artifact = ArtifactLocation::builder()
        .uri(uri_reference(d.file))
        .build();
    let physical = match (d.line, d.column, d.end_line, d.end_column) {
        (Some(line), Some(column), Some(end_line), Some(end_column)) => PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(
                Region::builder()
                    .start_line(as_i64(line))
                    .start_column(as_i64(column))
                    .end_line(as_i64(end_line))
                    .end_column(as_i64(end_column))
                    .build(),
            )
            .build(),
        _ => PhysicalLocation::builder()
            .artifact_location(artifact)
            .build(),
    };
    let location = Location::builder().physical_location(physical).build();
    let level = match d.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    };
    let mut result = SarifResult::builder()
        .rule_id(d.code)
        .level(level)
        .message(Message::builder().text(text).build())
        .locations(vec![location])
        .build();
    result.rule_index = rule_index.map(as_i64);
    if let Some(pointer) = d.pointer {
        let mut extra = BTreeMap::new();
        extra.insert("pointer".to_owned(), json!(pointer));
        result.properties = Some(PropertyBag::builder().additional_properties(extra).build());
    }
    result
}

/// A region: lines 1-based, columns 1-based in code points, the end exclusive.
fn region(line: usize, column: usize, end_line: usize, end_column: usize) -> Region {
    Region::builder()
        .start_line(as_i64(line))
        .start_column(as_i64(column))
        .end_line(as_i64(end_line))
        .end_column(as_i64(end_column))
        .build()
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A file path as a relative URI reference: `/` separates segments (on Windows, `\` too),
/// and every byte outside RFC 3986's unreserved set is percent-encoded, so that spaces, `#`,
/// `%` and Chinese file names survive as the same path in every SARIF consumer.
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            b'\\' if std::path::MAIN_SEPARATOR == '\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// File names with spaces and Chinese characters become valid URI references.
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("specs/a.yaml"), "specs/a.yaml");
        assert_eq!(
            uri_reference("my specs/株洲.yaml"),
            "my%20specs/%E6%A0%AA%E6%B4%B2.yaml"
        );
        assert_eq!(uri_reference("a%b#c.yaml"), "a%25b%23c.yaml");
    }
}
