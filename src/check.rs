//! The pipeline for one file: read → load → schema → typed spec → integrity → rules.
//!
//! Each stage returns its findings; a stage runs only when the one before it produced a value
//! it can read. Nothing here decides an exit code.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::limits::Limits;
use crate::load::{self, Document, ReadError};
use crate::rules::{self, Context, Rule, Stage, integrity, placeholders};
use crate::schema;
use crate::source::SourceFile;
use crate::spec::Spec;

/// What checking one file found.
#[derive(Debug)]
pub struct FileReport {
    /// The file's name as shown in diagnostics.
    pub name: String,
    /// The file's text, when it could be read.
    pub source: Option<Arc<SourceFile>>,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The typed spec, when the file got through the schema. Boxed: a spec is kilobytes, and a
    /// run over 10,000 files keeps a report for each.
    pub spec: Option<Box<Spec>>,
    /// The file could not be read at all: an invocation fault.
    pub unreadable: bool,
    /// The rules that applied to the file, in table order, and whether each ran (a rule does
    /// not run when an earlier stage stopped the file). Empty for a config file's report.
    pub checks: Vec<RuleRun>,
}

/// One rule of the table as it applied to one file.
#[derive(Debug, Clone, Copy)]
pub struct RuleRun {
    pub rule: &'static Rule,
    /// False when an earlier stage stopped the file before this rule's stage.
    pub ran: bool,
}

/// The rules that apply to a spec, given the last stage that ran on it; semantic rules turned
/// off by `--select` or the config are left out.
fn rule_runs(reached: Stage, options: &Options, config: &Config) -> Vec<RuleRun> {
    rules::all()
        .filter_map(|rule| {
            let stage = rule.origin.stage()?;
            let applies =
                stage != Stage::Semantic || options.selected(rule) && config.enabled(rule);
            applies.then_some(RuleRun {
                rule,
                ran: stage <= reached,
            })
        })
        .collect()
}

impl FileReport {
    /// The report of a file that could not be read at all: an invocation fault.
    pub fn unreadable(name: impl Into<String>, diagnostic: Diagnostic) -> Self {
        Self {
            name: name.into(),
            source: None,
            diagnostics: vec![diagnostic],
            spec: None,
            unreadable: true,
            checks: Vec::new(),
        }
    }

    /// The report of findings in a file that is not a spec (a config, a template, a results
    /// file), sorted by position.
    pub fn of(source: Arc<SourceFile>, mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostic::sort(&mut diagnostics);
        Self {
            name: source.name().to_owned(),
            source: Some(source),
            diagnostics,
            spec: None,
            unreadable: false,
            checks: Vec::new(),
        }
    }

    /// The report of one finding in a file that is not a spec.
    pub fn single(source: Arc<SourceFile>, diagnostic: Diagnostic) -> Self {
        Self::of(source, vec![diagnostic])
    }

    /// The same report with the rules that applied to the spec.
    fn with_checks(self, checks: Vec<RuleRun>) -> Self {
        Self { checks, ..self }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == diagnostic::Severity::Error)
    }
}

/// Options that apply to every file of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Run only these semantic rules (by code); all when `None`.
    pub select: Option<Vec<&'static str>>,
    /// Leave the loaded document allocated after the check, for a process that exits right
    /// after checking one file: freeing its thousands of nodes one by one took an eighth of the
    /// time of the whole check, and the operating system reclaims the memory at once.
    pub exit_after: bool,
}

impl Options {
    fn selected(&self, rule: &Rule) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&rule.code))
    }
}

/// Whether a file found by walking a directory is a spec (has a top-level `spec_version`).
/// Named files are always checked; this only decides what a walk skips.
pub fn looks_like_spec(text: &str) -> bool {
    text.lines().any(|l| {
        l.starts_with("spec_version") && l["spec_version".len()..].trim_start().starts_with(':')
    }) || text.starts_with("{") && text.contains("\"spec_version\"")
}

/// Reads and checks one file with the default config.
pub fn check_path(path: &Path, options: &Options) -> FileReport {
    check_path_with(path, options, &Config::default())
}

/// Reads and checks one file.
pub fn check_path_with(path: &Path, options: &Options, config: &Config) -> FileReport {
    match load::read(path, &options.limits) {
        Ok(source) => check_source_with(source, options, config),
        Err(ReadError::Io(diag)) => FileReport::unreadable(path.display().to_string(), diag)
            .with_checks(rule_runs(Stage::Io, options, config)),
        Err(ReadError::Content(source, diag)) => refused(source, diag, options, config),
    }
}

/// Checks the bytes of a file already in memory, as if read from `path`: bytes that are not
/// UTF-8 text are refused as a file on disk would be.
pub fn check_bytes(path: &Path, bytes: Vec<u8>, options: &Options, config: &Config) -> FileReport {
    match load::decode(path, bytes) {
        Ok(source) => check_source_with(source, options, config),
        Err((source, diag)) => refused(source, diag, options, config),
    }
}

/// The report of a file whose content was refused before it was parsed.
fn refused(
    source: Arc<SourceFile>,
    diag: Diagnostic,
    options: &Options,
    config: &Config,
) -> FileReport {
    FileReport::single(source, diag).with_checks(rule_runs(Stage::Input, options, config))
}

/// Checks a file already in memory with the default config.
pub fn check_source(source: Arc<SourceFile>, options: &Options) -> FileReport {
    check_source_with(source, options, &Config::default())
}

/// Checks a file already in memory; the config sets severities and suppressions.
pub fn check_source_with(
    source: Arc<SourceFile>,
    options: &Options,
    config: &Config,
) -> FileReport {
    let (report, document) = check_document(source, options, config);
    if options.exit_after {
        std::mem::forget(document);
    }
    report
}

/// [`check_source_with`], keeping the loaded document (the value and its span index) for a
/// caller that goes on to navigate the file, as the language server does. `None` when the text
/// did not load as YAML.
pub fn check_document(
    source: Arc<SourceFile>,
    options: &Options,
    config: &Config,
) -> (FileReport, Option<Document>) {
    let (spec, mut diagnostics, reached, document) = run_stages(&source, options, config);
    config.apply(source.path(), &mut diagnostics);
    let report = FileReport {
        spec: spec.map(Box::new),
        ..FileReport::of(source, diagnostics)
    }
    .with_checks(rule_runs(reached, options, config));
    (report, document)
}

/// What the stages of one file leave: the spec, the findings, the last stage that ran, and the
/// loaded document.
type Stages = (Option<Spec>, Vec<Diagnostic>, Stage, Option<Document>);

/// Runs the stages in turn; returns the spec, the findings, the last stage that ran and the
/// document.
fn run_stages(source: &SourceFile, options: &Options, config: &Config) -> Stages {
    let doc = match load::load(source, &options.limits) {
        Ok(doc) => doc,
        Err(diagnostics) => return (None, diagnostics, Stage::Input, None),
    };
    let spec = match schema::check(&doc) {
        Ok(spec) => spec,
        Err(diagnostics) => return (None, diagnostics, Stage::Schema, Some(doc)),
    };
    let enabled = |rule: &Rule| options.selected(rule) && config.enabled(rule);
    let cx = Context {
        spec: &spec,
        index: &doc.index,
        source,
        placeholders: &doc.placeholders,
        folded: &doc.folded,
    };
    let mut diagnostics = integrity::check(&spec, &doc.index);
    // Semantic rules rely on every reference resolving; they run on a spec whose integrity holds.
    // Placeholders come from the loader, not the spec, so they are reported either way.
    if !diagnostics.is_empty() {
        if let Some(check) = placeholders::UNFILLED_PLACEHOLDER.check()
            && enabled(&placeholders::UNFILLED_PLACEHOLDER)
        {
            check(&cx, &mut diagnostics);
        }
        return (Some(spec), diagnostics, Stage::Integrity, Some(doc));
    }
    diagnostics = rules::run(&cx, &enabled);
    (Some(spec), diagnostics, Stage::Semantic, Some(doc))
}
