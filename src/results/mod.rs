//! Evaluation results (评估结果) of one milestone, not the results chain of a spec: the results
//! file's model and schema, its checks against the spec, and the evaluation computed from it.
//!
//! A results file goes through the spec's own pipeline: the same loader (spans, duplicate keys,
//! limits), its own generated JSON Schema, then checks against the spec (SV8xx).

pub mod checks;
pub mod decision;
pub mod evaluation;
pub mod model;
pub mod report;
pub mod scoring;
pub mod summary;
pub mod targets;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::check::FileReport;
use crate::diagnostic::{self, Diagnostic};
use crate::limits::Limits;
use crate::load::{self, Document, Opening, ReadError};
use crate::results::model::Results;
use crate::rules::placeholders;
use crate::schema::{self, Compiled};
use crate::source::SourceFile;
use crate::spec::Spec;
use crate::spec::workplan::Milestone;

/// The `$id` of the committed results schema.
pub const SCHEMA_ID: &str = "https://svcspec.invalid/schemas/results.schema.json";

/// How a results file opens.
pub const OPENING: Opening = Opening {
    first_key: "results_version: 1",
    empty_help: "write the results: `results_version: 1`, `project`, `milestone`, `actuals` and `scores` (specs/results/ has examples)",
    what: "a results file",
};

/// Generates the schema of a results file (draft 2020-12) from the Rust types.
pub fn generate() -> Value {
    schema::generate_for::<Results>(SCHEMA_ID)
}

/// The schema as committed to schemas/results.schema.json.
pub fn generate_text() -> String {
    schema::pretty(&generate())
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| Compiled::new(generate(), "results file"))
}

/// What reading a results file found.
#[derive(Debug)]
pub struct Checked<'s> {
    /// The file's findings, sorted by position, ready for [`crate::report`].
    pub report: FileReport,
    /// The typed results, when the file got through the schema.
    pub results: Option<Results>,
    /// The evaluation milestone the results are for, when the spec has it.
    pub milestone: Option<&'s Milestone>,
    /// The loaded document, when the text loaded as YAML (the language server navigates it).
    pub document: Option<Document>,
}

/// Reads a results file and checks it: YAML, schema, and, when the spec checked clean, the
/// results against the spec.
pub fn read<'s>(path: &Path, limits: &Limits, spec: Option<&'s Spec>) -> Checked<'s> {
    let (source, diagnostics) = match load::read(path, limits) {
        Ok(source) => (source, Vec::new()),
        Err(ReadError::Io(diag)) => {
            return Checked::refused(FileReport::unreadable(path.display().to_string(), diag));
        }
        Err(ReadError::Content(source, diag)) => (source, vec![diag]),
    };
    if !diagnostics.is_empty() {
        return Checked::refused(FileReport::of(source, diagnostics));
    }
    check_source(source, limits, spec)
}

/// Checks a results file already in memory.
pub fn check_source<'s>(
    source: Arc<SourceFile>,
    limits: &Limits,
    spec: Option<&'s Spec>,
) -> Checked<'s> {
    let refused = |diagnostics: Vec<Diagnostic>| {
        Checked::refused(FileReport::of(source.clone(), diagnostics))
    };
    let doc = match load::load_as(&source, limits, &OPENING) {
        Ok(doc) => doc,
        Err(diagnostics) => return refused(diagnostics),
    };
    let results: Results = match schema::check_as(&doc, compiled) {
        Ok(results) => results,
        Err(diagnostics) => {
            return Checked {
                document: Some(doc),
                ..refused(diagnostics)
            };
        }
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    placeholders::findings(&doc.placeholders, &doc.index, &mut diagnostics);
    let mut milestone = None;
    if let Some(spec) = spec {
        let (found, m) = checks::check(spec, &results, &doc.index);
        diagnostics.extend(found);
        milestone = m;
    }
    Checked {
        report: FileReport::of(source, diagnostics),
        results: Some(results),
        milestone,
        document: Some(doc),
    }
}

/// Checks an evaluation and its re-evaluation after rectification against each other
/// (SV817), adding each finding to the report of the file it is in. Files that did not get
/// through the schema are left as they are.
pub fn check_pair(first: &mut Checked<'_>, second: Option<&mut Checked<'_>>) {
    let (Some(results), Some(first_index)) =
        (&first.results, first.document.as_ref().map(|d| &d.index))
    else {
        return;
    };
    let against = match second.as_deref() {
        None => None,
        Some(c) => match (&c.results, &c.document) {
            (Some(r), Some(d)) => Some((r, &d.index)),
            _ => return,
        },
    };
    let (in_first, in_second) = checks::check_reevaluation(results, first_index, against);
    add(&mut first.report, in_first);
    if let Some(second) = second {
        add(&mut second.report, in_second);
    }
}

fn add(report: &mut FileReport, found: Vec<Diagnostic>) {
    if found.is_empty() {
        return;
    }
    report.diagnostics.extend(found);
    diagnostic::sort(&mut report.diagnostics);
}

impl Checked<'_> {
    /// A file refused before its results could be read.
    fn refused(report: FileReport) -> Self {
        Self {
            report,
            results: None,
            milestone: None,
            document: None,
        }
    }
}
