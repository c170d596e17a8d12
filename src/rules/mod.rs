//! The rule table: every code svcspec reports, with its name, severity and docs.
//!
//! Input faults (reading, YAML, schema) and integrity faults are in the table too, so that every
//! code can be explained and configured from one place. Semantic rules carry a `check`.

pub mod input;
pub mod integrity;

use crate::diagnostic::{Diagnostic, Severity};

/// When a rule runs, which decides whether it can be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The file cannot be read: exit 2, never configurable.
    Io,
    /// Reading the YAML or matching the schema: always an error.
    Input,
    /// Ids and references: always an error, since later rules rely on them.
    Integrity,
    /// Semantic rules over a well-formed spec: severity configurable, may be turned off.
    Semantic,
    /// Faults in svcspec.toml itself.
    Config,
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

/// One entry of the table.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `SV301`.
    pub code: &'static str,
    /// Kebab-case name of the fault, e.g. `tranche-shares-not-100`.
    pub name: &'static str,
    pub severity: Severity,
    pub stage: Stage,
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

    /// Whether a config may change its severity or turn it off.
    pub fn configurable(&self) -> bool {
        self.stage == Stage::Semantic
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &input::UNREADABLE_FILE,
    &input::YAML_SYNTAX,
    &input::DUPLICATE_KEY,
    &input::NESTING_TOO_DEEP,
    &input::ALIAS_EXPANSION_TOO_LARGE,
    &input::FILE_TOO_LARGE,
    &input::NOT_UTF8_TEXT,
    &input::EMPTY_FILE,
    &input::TOP_LEVEL_NOT_A_MAPPING,
    &input::UNSUPPORTED_YAML,
    &input::DOCUMENT_TOO_LARGE,
    &input::INVALID_VALUE,
    &input::UNKNOWN_KEY,
    &input::MISSING_KEY,
    &integrity::DUPLICATE_ID,
    &integrity::DANGLING_REFERENCE,
];

/// Finds a rule by code (`SV301`, any case) or by name (`tranche-shares-not-100`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}
