//! `check --format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::error file=specs/a.yaml,line=5,col=3,endLine=5,endColumn=7,title=SV002 duplicate-key::…`
//! GitHub shows these on the changed lines of a pull request without any upload step.

use std::fmt::Write as _;

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::report::located;

pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for d in located(reports) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", property(d.file));
        if let (Some(line), Some(end_line)) = (d.line, d.end_line) {
            let _ = write!(props, ",line={line},endLine={end_line}");
            // GitHub keeps columns only for an annotation on one line.
            if let (Some(col), Some(end_col), true) = (d.column, d.end_column, line == end_line) {
                let _ = write!(props, ",col={col},endColumn={end_col}");
            }
        }
        let _ = write!(
            props,
            ",title={}",
            property(&format!("{} {}", d.code, d.name))
        );
        let message = match d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.to_owned(),
        };
        let _ = writeln!(out, "::{command} {props}::{}", data(&message));
    }
    out
}

/// A command's message, escaped as GitHub's toolkit does (`escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`escapeProperty`): `:` and `,` would end it early.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escaping follows GitHub's toolkit, so `%`, line breaks, `:` and `,` survive.
    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
