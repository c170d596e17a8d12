//! The rule table: every code svcspec reports, with its name, severity and docs.
//!
//! Input faults (reading, YAML, schema) and integrity faults are in the table too, so that every
//! code can be explained and configured from one place. Semantic rules carry a `check`.

pub mod completeness;
pub mod dates;
pub mod evaluation;
pub mod independence;
pub mod input;
pub mod integrity;
pub mod money;
pub mod payment;
pub mod placeholders;
pub mod results_chain;
pub mod text;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span};
use crate::span_index::SpanIndex;
use crate::spec::Spec;

/// The stages of a spec's pipeline, in the order they run on every file; each runs only when
/// the one before it let the file through. A file's report says which rules ran by the last
/// stage it reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Io,
    Input,
    Schema,
    Integrity,
    Semantic,
}

/// Where a rule's findings come from, which decides whether a config can change it. A semantic
/// rule carries its check, so a rule cannot claim a stage its check does not run in.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The file cannot be read: exit 2, never configurable.
    Io,
    /// Reading the YAML (encoding, syntax, limits): always an error.
    Input,
    /// Matching the schema and the typed model: always an error.
    Schema,
    /// Ids and references: always an error, since later rules rely on them.
    Integrity,
    /// A semantic rule over a well-formed spec, and its check: severity configurable, may be
    /// turned off.
    Semantic(Check),
    /// Faults in svcspec.toml itself.
    Config,
    /// Faults in a results file read by `evaluate`: always errors or warnings as the table says.
    Results,
    /// Compiling documents (templates, fonts): reported by `build` only.
    Build,
}

impl Origin {
    /// The stage of a spec's pipeline that reports the rule; `None` for rules of other files
    /// (svcspec.toml, results files) and of the build.
    pub fn stage(self) -> Option<Stage> {
        match self {
            Self::Io => Some(Stage::Io),
            Self::Input => Some(Stage::Input),
            Self::Schema => Some(Stage::Schema),
            Self::Integrity => Some(Stage::Integrity),
            Self::Semantic(_) => Some(Stage::Semantic),
            Self::Config | Self::Results | Self::Build => None,
        }
    }
}

/// A rule's documentation, in four parts.
#[derive(Debug)]
pub struct RuleDocs {
    /// What it checks.
    pub what: &'static str,
    /// Why it matters, citing the lecture or the regulation.
    pub why: &'static str,
    /// A spec fragment that fails.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

/// What a semantic rule sees: the typed spec, and where each of its nodes is.
pub struct Context<'a> {
    pub spec: &'a Spec,
    pub index: &'a SpanIndex,
    pub source: &'a SourceFile,
    /// JSON pointers of the values tagged `!fill`, as the loader recorded them.
    pub placeholders: &'a [String],
    /// JSON pointers of the text values whose lines YAML folded into Chinese text with a space.
    pub folded: &'a [String],
}

impl Context<'_> {
    /// The span of a node's value.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        self.index.value(pointer)
    }

    /// The span of a node's key (for mapping members), else of its value.
    pub fn node(&self, pointer: &str) -> Option<Span> {
        self.index.node(pointer)
    }

    /// The span of the node, or of its nearest ancestor that is written in the file: for a
    /// missing key, the mapping that lacks it.
    pub fn nearest(&self, pointer: &str) -> Option<Span> {
        self.index.nearest(pointer).1
    }
}

/// A semantic check: reads the spec, pushes findings made through its own rule.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// One entry of the table.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `SV301`.
    pub code: &'static str,
    /// Kebab-case name of the fault, e.g. `tranche-shares-not-100`.
    pub name: &'static str,
    pub severity: Severity,
    /// Where its findings come from; a semantic rule's check.
    pub origin: Origin,
    /// One line, lowercase, no final period.
    pub summary: &'static str,
    pub docs: RuleDocs,
}

impl Rule {
    /// Starts a diagnostic of this rule; code, name and severity come from the table.
    pub fn diag(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code,
            name: self.name,
            severity: self.severity,
            message: message.into(),
            help: None,
            pointer: None,
            labels: Vec::new(),
        }
    }

    /// The check of a semantic rule; other rules are reported by the stage they belong to.
    pub fn check(&self) -> Option<Check> {
        match self.origin {
            Origin::Semantic(check) => Some(check),
            _ => None,
        }
    }

    /// Whether a config may change its severity or turn it off.
    pub fn configurable(&self) -> bool {
        self.check().is_some()
    }
}

/// The families of the table, each listing its rules in code order.
static FAMILIES: &[&[&Rule]] = &[
    input::RULES,
    integrity::RULES,
    crate::config::RULES,
    crate::render::RULES,
    placeholders::RULES,
    text::RULES,
    dates::RULES,
    money::RULES,
    payment::RULES,
    results_chain::RULES,
    evaluation::RULES,
    independence::RULES,
    completeness::RULES,
    crate::results::checks::RULES,
];

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|family| family.iter().copied())
}

/// Runs the semantic rules that `enabled` lets through, collecting every finding.
pub fn run(cx: &Context<'_>, enabled: &dyn Fn(&Rule) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in all() {
        if let Some(check) = rule.check()
            && enabled(rule)
        {
            check(cx, &mut out);
        }
    }
    out
}

/// Finds a rule by code (`SV301`, any case) or by name (`tranche-shares-not-100`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}
