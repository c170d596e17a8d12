//! `check --format junit`: JUnit XML, for CI dashboards that count tests.
//!
//! One `<testsuite>` per file, one `<testcase>` per rule that applied to it, named
//! `CODE name`. A rule with findings fails, with each finding as `file:line:col` in the body;
//! a rule that ran clean passes, so a dashboard counts every check; a rule that could not run,
//! because an earlier stage stopped the file (a YAML syntax error stops the schema and the
//! rules), is skipped. Warnings fail a test case only with `--deny-warnings`, as they fail the
//! run only then; otherwise they are printed in the case's `<system-out>`.
//!
//! Written by hand: the document is small and flat, and escaping is the only subtle part.

use std::fmt::Write as _;

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::report::{JsonDiagnostic, located_in};
use crate::rules::{self, Rule};

/// One test case: a rule as it applied to one file.
struct Case<'a> {
    rule: &'static Rule,
    ran: bool,
    findings: Vec<&'a JsonDiagnostic<'a>>,
}

impl Case<'_> {
    fn failed(&self, deny_warnings: bool) -> bool {
        self.findings
            .iter()
            .any(|d| d.severity == Severity::Error || deny_warnings)
    }
}

pub fn junit(reports: &[FileReport], deny_warnings: bool) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped) = (0usize, 0usize, 0usize);
    for report in reports {
        let findings = located_in(report);
        let cases = cases(report, &findings);
        let suite_failures = cases.iter().filter(|c| c.failed(deny_warnings)).count();
        let suite_skipped = cases.iter().filter(|c| !c.ran).count();
        tests += cases.len();
        failures += suite_failures;
        skipped += suite_skipped;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"{suite_skipped}\">",
            name = attr(&report.name),
            tests = cases.len(),
        );
        for case in &cases {
            write_case(&mut suites, &report.name, case, deny_warnings);
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"svcspec check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n\
         {suites}</testsuites>\n"
    )
}

/// The cases of one file, in table order: every rule that applied, plus any rule with a
/// finding that is not a check of specs (a fault in svcspec.toml).
fn cases<'a>(report: &FileReport, findings: &'a [JsonDiagnostic<'a>]) -> Vec<Case<'a>> {
    rules::all()
        .filter_map(|rule| {
            let run = report.checks.iter().find(|c| std::ptr::eq(c.rule, rule));
            let mine: Vec<&JsonDiagnostic<'_>> =
                findings.iter().filter(|d| d.code == rule.code).collect();
            match run {
                Some(run) => Some(Case {
                    rule,
                    ran: run.ran || !mine.is_empty(),
                    findings: mine,
                }),
                None if !mine.is_empty() => Some(Case {
                    rule,
                    ran: true,
                    findings: mine,
                }),
                None => None,
            }
        })
        .collect()
}

fn write_case(out: &mut String, file: &str, case: &Case<'_>, deny_warnings: bool) {
    let _ = write!(
        out,
        "    <testcase name=\"{code} {name}\" classname=\"{file}\"",
        code = case.rule.code,
        name = case.rule.name,
        file = attr(file),
    );
    if !case.ran {
        out.push_str(
            ">\n      <skipped message=\"not run: an earlier stage stopped this file\"/>\n    </testcase>\n",
        );
        return;
    }
    if case.findings.is_empty() {
        out.push_str("/>\n");
        return;
    }
    let body: String = case.findings.iter().map(|d| finding_line(d)).collect();
    out.push_str(">\n");
    if case.failed(deny_warnings) {
        let first = case.findings.first().map_or("", |d| d.message);
        let message = match case.findings.len() {
            1 => first.to_owned(),
            n => format!("{first} (and {} more)", n - 1),
        };
        let _ = writeln!(
            out,
            "      <failure message=\"{message}\" type=\"{code}\">{body}</failure>",
            message = attr(&message),
            code = case.rule.code,
            body = text(&body),
        );
    } else {
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&body));
    }
    out.push_str("    </testcase>\n");
}

/// `file:line:col: severity: message`, then the help on its own line.
fn finding_line(d: &JsonDiagnostic<'_>) -> String {
    let at = match (d.line, d.column) {
        (Some(line), Some(col)) => format!("{}:{line}:{col}", d.file),
        _ => d.file.to_owned(),
    };
    let mut line = format!("{at}: {}: {}\n", d.severity, d.message);
    if let Some(help) = d.help {
        let _ = writeln!(line, "  help: {help}");
    }
    line
}

/// Text content: the markup characters escaped, and characters XML 1.0 cannot hold at all
/// (control characters, U+FFFE, U+FFFF) replaced, so any file name or message gives a
/// well-formed document.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if allowed_in_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// An attribute value in double quotes; line breaks and tabs as references, since a parser
/// would turn them into spaces.
fn attr(s: &str) -> String {
    text(s)
        .replace('"', "&quot;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup and characters XML cannot hold are escaped or replaced.
    #[test]
    fn escapes_for_xml() {
        assert_eq!(text("a<b & c>"), "a&lt;b &amp; c&gt;");
        assert_eq!(text("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(attr("\"x\"\ny"), "&quot;x&quot;&#10;y");
    }
}
