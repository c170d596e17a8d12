//! svcspec.toml: rule severities and located suppressions.
//!
//! ```toml
//! [rules]
//! SV701 = "warning"             # by code…
//! late-publication = "off"      # …or by name
//!
//! [[allow]]
//! rule = "SV104"
//! path = "specs/2010-*.yaml"    # relative to this file
//! pointer = "/contract/published_on"
//! reason = "published late by the district before svcspec was adopted"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::Limits;
use crate::load::{self, ReadError};
use crate::rules::{self, Origin, Rule, RuleDocs};
use crate::source::{SourceFile, Span};
use crate::suggest::did_you_mean;

/// The name of the config file found from a spec's directory upward.
pub const FILE_NAME: &str = "svcspec.toml";

pub static INVALID_CONFIG: Rule = Rule {
    code: "SV040",
    name: "invalid-config",
    severity: Severity::Error,
    origin: Origin::Config,
    summary: "svcspec.toml is not valid",
    docs: RuleDocs {
        what: "svcspec.toml has a `[rules]` table of severities (`error`, `warning`, `off`) by rule code or name, and `[[allow]]` entries with `rule`, `path`, an optional `pointer`, and a `reason`.",
        why: "A config that is silently misread would turn rules off, or on, without anyone deciding it.",
        example: "[rules]\nSV999 = \"of\"",
        fix: "Use a code or name that `svcspec rules` lists and one of `error`, `warning`, `off`; give every suppression a reason.",
    },
};

pub static UNUSED_SUPPRESSION: Rule = Rule {
    code: "SV041",
    name: "unused-suppression",
    severity: Severity::Warning,
    origin: Origin::Config,
    summary: "an `[[allow]]` entry matches no finding",
    docs: RuleDocs {
        what: "Every `[[allow]]` entry of svcspec.toml suppresses at least one finding in the run.",
        why: "A suppression that no longer matches hides nothing today and could hide a new fault tomorrow; it should be removed once the fault is fixed.",
        example: "[[allow]]\nrule = \"SV204\"\npath = \"specs/*.yaml\"\nreason = \"shares fixed in the amendment\"   # and they were",
        fix: "Delete the entry.",
    },
};

pub static RULES: &[&Rule] = &[&INVALID_CONFIG, &UNUSED_SUPPRESSION];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    allow: Vec<Spanned<RawAllow>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    rule: Spanned<String>,
    path: Option<Spanned<String>>,
    pointer: Option<String>,
    reason: Spanned<String>,
}

/// A suppression: findings of `rule` in files matching `path` (at `pointer`, or below it) are dropped.
#[derive(Debug)]
pub struct Allow {
    pub rule: &'static str,
    matcher: Option<GlobMatcher>,
    pub pointer: Option<String>,
    pub reason: String,
    span: Span,
    used: AtomicUsize,
}

/// A loaded config. The default config enables every rule at its own severity.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub source: Option<Arc<SourceFile>>,
    /// Severity overrides by rule code; `None` turns a rule off.
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    pub allows: Vec<Allow>,
}

impl Config {
    /// Reads a config file within the run's limits; its faults come back located in it.
    pub fn load(path: &Path, limits: &Limits) -> Result<Self, (Arc<SourceFile>, Vec<Diagnostic>)> {
        match load::read(path, limits) {
            Ok(source) => Self::parse(source),
            // A config that cannot be read is a fault of the config, reported in its place.
            Err(ReadError::Io(diag)) => {
                let source = SourceFile::new(path, String::new());
                let diag = INVALID_CONFIG.diag(format!("cannot read config: {}", diag.message));
                Err((source, vec![diag]))
            }
            Err(ReadError::Content(source, diag)) => Err((source, vec![diag])),
        }
    }

    /// Parses config text already in memory.
    pub fn parse(source: Arc<SourceFile>) -> Result<Self, (Arc<SourceFile>, Vec<Diagnostic>)> {
        let raw: RawConfig = match toml::from_str(source.text()) {
            Ok(raw) => raw,
            Err(e) => {
                let diag = INVALID_CONFIG
                    .diag(format!("invalid svcspec.toml: {}", e.message().trim()))
                    .label_opt(e.span(), "here");
                return Err((source, vec![diag]));
            }
        };
        let mut diags = Vec::new();
        let mut config = Self {
            source: Some(source.clone()),
            ..Self::default()
        };
        for (key, value) in raw.rules {
            let Some(rule) = find_rule(key.get_ref(), key.span(), &mut diags) else {
                continue;
            };
            if !rule.configurable() {
                diags.push(
                    INVALID_CONFIG
                        .diag(format!(
                            "`{}` ({}) cannot be configured",
                            rule.code, rule.name
                        ))
                        .label(key.span(), "always an error")
                        .help("only semantic rules (SV1xx–SV7xx) have a configurable severity"),
                );
                continue;
            }
            let severity = match value.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "off" => None,
                other => {
                    diags.push(
                        INVALID_CONFIG
                            .diag(format!("`{other}` is not a severity"))
                            .label(value.span(), "expected `error`, `warning` or `off`")
                            .help_opt(
                                did_you_mean(other, ["error", "warning", "off"])
                                    .map(|s| format!("did you mean `{s}`?")),
                            ),
                    );
                    continue;
                }
            };
            config.severities.insert(rule.code, severity);
        }
        for entry in raw.allow {
            let span = entry.span();
            let allow = entry.into_inner();
            let Some(rule) = find_rule(allow.rule.get_ref(), allow.rule.span(), &mut diags) else {
                continue;
            };
            if allow.reason.get_ref().trim().is_empty() {
                diags.push(
                    INVALID_CONFIG
                        .diag("a suppression needs a reason")
                        .label(allow.reason.span(), "empty reason")
                        .help("say why this finding is acceptable, for the next reviewer"),
                );
                continue;
            }
            let matcher = match &allow.path {
                None => None,
                Some(p) => match Glob::new(p.get_ref()) {
                    Ok(glob) => Some(glob.compile_matcher()),
                    Err(e) => {
                        diags.push(
                            INVALID_CONFIG
                                .diag(format!("invalid path glob: {e}"))
                                .label(p.span(), "here"),
                        );
                        continue;
                    }
                },
            };
            if let Some(pointer) = &allow.pointer
                && !pointer.is_empty()
                && !pointer.starts_with('/')
            {
                diags.push(
                    INVALID_CONFIG
                        .diag(format!("`{pointer}` is not a JSON pointer"))
                        .label(span.clone(), "in this entry")
                        .help("a JSON pointer starts with `/`, e.g. `/contract/tranches/0/share`"),
                );
                continue;
            }
            config.allows.push(Allow {
                rule: rule.code,
                matcher,
                pointer: allow.pointer,
                reason: allow.reason.into_inner(),
                span,
                used: AtomicUsize::new(0),
            });
        }
        if diags.is_empty() {
            Ok(config)
        } else {
            Err((source, diags))
        }
    }

    /// The directory that relative globs are matched from.
    fn base(&self) -> PathBuf {
        match self.source.as_ref().and_then(|s| s.path().parent()) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Whether a rule runs.
    pub fn enabled(&self, rule: &Rule) -> bool {
        !matches!(self.severities.get(rule.code), Some(None))
    }

    /// Applies severities and suppressions to a file's findings.
    pub fn apply(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        for d in diagnostics.iter_mut() {
            if let Some(Some(severity)) = self.severities.get(d.code) {
                d.severity = *severity;
            }
        }
        if self.allows.is_empty() {
            return;
        }
        let base = self.base();
        let relative = relative_to(path, &base);
        diagnostics.retain(|d| {
            let hit = self.allows.iter().find(|a| {
                a.rule == d.code
                    && a.matcher.as_ref().is_none_or(|m| m.is_match(&relative))
                    && a.pointer.as_ref().is_none_or(|p| {
                        d.pointer
                            .as_deref()
                            .is_some_and(|dp| dp == p || dp.starts_with(&format!("{p}/")))
                    })
            });
            if let Some(a) = hit {
                a.used.fetch_add(1, Ordering::Relaxed);
            }
            hit.is_none()
        });
    }

    /// Warnings for suppressions that matched nothing in the run.
    pub fn unused(&self) -> Vec<Diagnostic> {
        self.allows
            .iter()
            .filter(|a| a.used.load(Ordering::Relaxed) == 0)
            .map(|a| {
                UNUSED_SUPPRESSION
                    .diag(format!("this suppression of {} matched no finding", a.rule))
                    .label(a.span.clone(), "matches nothing")
                    .help(format!("delete it (its reason was: {})", a.reason))
            })
            .collect()
    }
}

fn find_rule(name: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Option<&'static Rule> {
    let found = rules::find(name);
    if found.is_none() {
        let names: Vec<&str> = rules::all().flat_map(|r| [r.code, r.name]).collect();
        diags.push(
            INVALID_CONFIG
                .diag(format!("no rule is called `{name}`"))
                .label(span, "unknown rule")
                .help(match did_you_mean(name, names.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "`svcspec rules` lists every code and name".to_owned(),
                }),
        );
    }
    found
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (path, base) = (abs(path), abs(base));
    path.strip_prefix(&base)
        .map_or(path.clone(), Path::to_path_buf)
}

/// Finds svcspec.toml from a directory upward; the path is relative to the working directory
/// when the file lies below it, so diagnostics name it as the user would.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let found = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())?;
    let cwd = std::env::current_dir().ok();
    Some(
        cwd.and_then(|cwd| found.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .unwrap_or(found),
    )
}
