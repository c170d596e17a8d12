//! The one diagnostic type. Rules, the loader, the schema stage and I/O all produce it; only
//! `report` prints it.

use std::fmt;

use serde::Serialize;

use crate::source::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// A place in the file that a diagnostic points at, with what to say there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Option<String>,
}

/// One finding. The first label is the primary one: its position is the diagnostic's position.
///
/// Made only through [`crate::rules::Rule::diag`], so the code, name and severity always come
/// from the rule table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The JSON pointer of the node the finding is about, where there is one.
    pub pointer: Option<String>,
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// Adds a label; the first added is the primary one.
    #[must_use]
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        let message = message.into();
        self.labels.push(Label {
            span,
            message: (!message.is_empty()).then_some(message),
        });
        self
    }

    /// Adds a label when the span is known.
    #[must_use]
    pub fn label_opt(self, span: Option<Span>, message: impl Into<String>) -> Self {
        match span {
            Some(span) => self.label(span, message),
            None => self,
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    #[must_use]
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// The byte offset that orders diagnostics within a file (those without a place come first).
    pub fn offset(&self) -> usize {
        self.labels.first().map_or(0, |l| l.span.start)
    }
}

/// Sorts findings by position, then by code, so output is the same on every run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .sort_by(|a, b| (a.offset(), a.code, &a.message).cmp(&(b.offset(), b.code, &b.message)));
}
