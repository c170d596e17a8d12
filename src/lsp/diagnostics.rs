//! A file's findings as LSP diagnostics: the same records as `check --format json`, with the
//! primary label's span as the range (in the negotiated encoding), the rule's code and docs
//! link, and the other labels as related locations.

use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};
use serde_json::json;

use crate::check::FileReport;
use crate::diagnostic::{self, Severity};
use crate::lsp::positions::{Encoding, LineIndex};

/// Where the rules reference lives: docs/rules.md of the repository the package names, with an
/// anchor for each code.
pub fn docs_url(code: &str) -> Option<Uri> {
    let url = format!(
        "{}/blob/main/docs/rules.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        code.to_lowercase()
    );
    Uri::from_str(&url).ok()
}

/// The diagnostics of a report whose text is `text`, as the document at `uri` shows them.
pub fn to_lsp(
    report: &FileReport,
    text: &str,
    lines: &LineIndex,
    encoding: Encoding,
    uri: &Uri,
) -> Vec<Diagnostic> {
    report
        .diagnostics
        .iter()
        .map(|d| convert(d, text, lines, encoding, uri))
        .collect()
}

/// One finding as an LSP diagnostic. The message is `check`'s own; its help and pointer travel
/// in `data` (hover shows the help; code actions read both).
pub fn convert(
    d: &diagnostic::Diagnostic,
    text: &str,
    lines: &LineIndex,
    encoding: Encoding,
    uri: &Uri,
) -> Diagnostic {
    let range = |span| lines.range(text, span, encoding);
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .skip(1)
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(&label.span),
            },
            message: label.message.clone().unwrap_or_else(|| d.message.clone()),
        })
        .collect();
    Diagnostic {
        range: d
            .labels
            .first()
            .map_or_else(Range::default, |l| range(&l.span)),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_owned())),
        code_description: docs_url(d.code).map(|href| CodeDescription { href }),
        source: Some("svcspec".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({
            "name": d.name,
            "pointer": d.pointer,
            "help": d.help,
        })),
    }
}

/// Whether one of a finding's labels covers a byte offset (its end included, where a cursor
/// sits after the word): each share of a tranche sum leads to the finding about the sum.
pub fn covers(d: &diagnostic::Diagnostic, offset: usize) -> bool {
    d.labels
        .iter()
        .any(|l| l.span.start <= offset && offset <= l.span.end)
}

/// Whether a finding's primary label meets a byte span.
pub fn meets(d: &diagnostic::Diagnostic, start: usize, end: usize) -> bool {
    d.labels
        .first()
        .is_some_and(|l| l.span.start <= end && start <= l.span.end)
}
