//! The one place that prints diagnostics: human (miette), JSON, and the summary line; SARIF,
//! GitHub workflow commands and JUnit XML in the submodules.

pub mod github;
pub mod junit;
pub mod sarif;

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette finds the lines of a span by scanning from the start of the text it is given:
        // give it the text from the first line shown, or a large file with many findings
        // takes time quadratic in its size.
        let first = (self.position(span.offset()).line - 1).saturating_sub(context_lines_before);
        let window_start = self.offset_of(first + 1, 0);
        let window = self.text().get(window_start..).unwrap_or("");
        let local = SourceSpan::new(
            span.offset().saturating_sub(window_start).into(),
            span.len(),
        );
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; svcspec counts characters everywhere.
        let column = self.position(span.offset()).column - 1;
        let column = if context_lines_before == 0 && context_lines_after == 0 {
            column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name().to_owned(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + window_start).into(),
                inner.span().len(),
            ),
            inner.line() + first,
            column,
            // miette's own count runs from the start of the file, which merges labels that are
            // far apart into one long snippet; count the lines of this span's data instead.
            inner.data().split(|&b| b == b'\n').count(),
        )))
    }
}

/// A diagnostic seen through miette. One without a place in the text names its file in the
/// message, since miette shows the file name only above a snippet.
struct View<'a> {
    diag: &'a Diagnostic,
    source: Option<&'a SourceFile>,
    file: &'a str,
}

/// Lines longer than this are not shown as a snippet (a minified or hostile file would flood
/// the terminal); the message then names the line and column itself.
const MAX_SNIPPET_LINE: usize = 400;

impl View<'_> {
    fn has_snippet(&self) -> bool {
        match (self.source, self.diag.labels.first()) {
            (Some(src), Some(label)) => {
                let text = src.text();
                let start = text[..label.span.start.min(text.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                end - start <= MAX_SNIPPET_LINE
            }
            _ => false,
        }
    }
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_snippet() {
            return f.write_str(&self.diag.message);
        }
        match (self.source, self.diag.labels.first()) {
            (Some(src), Some(label)) => {
                let at = src.position(label.span.start);
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.file, at.line, at.column, self.diag.message
                )
            }
            _ => write!(f, "{}: {}", self.file, self.diag.message),
        }
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.diag.code, self.diag.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.source {
            Some(s) if self.has_snippet() => Some(s as &dyn SourceCode),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.has_snippet() {
            return None;
        }
        Some(Box::new(self.diag.labels.iter().enumerate().map(
            |(i, l)| {
                let span = SourceSpan::from(l.span.start..l.span.end);
                if i == 0 {
                    LabeledSpan::new_primary_with_span(l.message.clone(), span)
                } else {
                    LabeledSpan::new_with_span(l.message.clone(), span)
                }
            },
        )))
    }
}

/// Renders one file's diagnostics for people.
pub fn human(report: &FileReport, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        // Wrap at spaces only: a flag such as `--max-scalar-size` stays whole on its line.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false);
    let mut out = String::new();
    for diag in &report.diagnostics {
        let view = View {
            diag,
            source: report.source.as_deref(),
            file: &report.name,
        };
        let _ = handler.render_report(&mut out, &view);
    }
    out
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub files_with_errors: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut t = Self {
            files: reports.len(),
            ..Self::default()
        };
        for r in reports {
            let errors = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            t.errors += errors;
            t.warnings += r.diagnostics.len() - errors;
            t.files_with_errors += usize::from(errors > 0);
        }
        t
    }

    /// `checked 4 specs: no problems` / `checked 4 specs: 3 errors, 1 warning in 2 specs`.
    pub fn summary(&self) -> String {
        let specs = plural(self.files, "spec");
        if self.errors == 0 && self.warnings == 0 {
            return format!("checked {specs}: no problems");
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        format!("checked {specs}: {}", parts.join(", "))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One diagnostic as `check --format json` writes it (see CLI.md).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub pointer: Option<&'a str>,
    pub code: &'a str,
    /// The rule's name; not in the JSON document, whose shape CLI.md fixes.
    #[serde(skip)]
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

/// The whole `check --format json` document.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub files: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Flattens reports into located records: lines and columns 1-based, columns in characters,
/// the end exclusive.
pub fn located(reports: &[FileReport]) -> Vec<JsonDiagnostic<'_>> {
    reports.iter().flat_map(located_in).collect()
}

/// The located records of one file.
pub fn located_in(r: &FileReport) -> Vec<JsonDiagnostic<'_>> {
    let mut out = Vec::with_capacity(r.diagnostics.len());
    {
        for d in &r.diagnostics {
            let span = d.labels.first().map(|l| &l.span);
            let (start, end) = match (span, r.source.as_deref()) {
                (Some(span), Some(src)) => {
                    (Some(src.position(span.start)), Some(src.position(span.end)))
                }
                _ => (None, None),
            };
            out.push(JsonDiagnostic {
                file: &r.name,
                line: start.map(|p| p.line),
                column: start.map(|p| p.column),
                end_line: end.map(|p| p.line),
                end_column: end.map(|p| p.column),
                pointer: d.pointer.as_deref(),
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
            });
        }
    }
    out
}

pub fn json(reports: &[FileReport]) -> String {
    let doc = JsonReport {
        files: reports.len(),
        diagnostics: located(reports),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
