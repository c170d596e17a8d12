//! `svcspec check`: check specs and report.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::{FileReport, Options, check_path_with};
use crate::cli::{CheckArgs, Format, LimitArgs};
use crate::commands::{exit, usage_error};
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{Candidate, discover};
use crate::fsutil::write_atomic;
use crate::limits::Limits;
use crate::report::{self, Style, Totals};
use crate::rules;

pub fn run(args: &CheckArgs, style: Style) -> u8 {
    if args.output.is_some() && args.format == Format::Human {
        return usage_error(
            "`--output` takes a machine format: add `--format json`, `sarif`, `github` or `junit`",
        );
    }
    let mut select = Vec::new();
    for name in &args.select {
        match rules::find(name) {
            Some(rule) if rule.check.is_some() => select.push(rule.code),
            Some(rule) => {
                return usage_error(&format!(
                    "`{}` is not a semantic rule and always runs",
                    rule.code
                ));
            }
            None => {
                return usage_error(&format!(
                    "no rule is called `{name}` (`svcspec rules` lists them)"
                ));
            }
        }
    }
    let limits = Limits::from_args(&args.limits);
    limits.apply_memory_budget();
    let found = discover(&args.paths);
    if let Err(message) = limits.check_file_count(found.files.len()) {
        return usage_error(&message);
    }
    let options = Options {
        limits,
        select: (!select.is_empty()).then_some(select),
        exit_after: found.files.len() == 1,
    };
    if args.verbose {
        for path in &found.skipped {
            eprintln!(
                "skipped {} (no top-level `spec_version`: not a spec)",
                path.display()
            );
        }
    }

    // Configs are looked up once per directory and loaded once per config file, before the
    // parallel part. A faulty config is reported once, in place of the first spec it governs
    // (as before files were checked in parallel).
    let mut configs = Configs::new(args.config.as_deref());
    let jobs: Vec<Result<Arc<Config>, FileReport>> = found
        .files
        .iter()
        .map(|candidate| configs.for_spec(&candidate.path))
        .collect();
    let check = |(candidate, job): (&Candidate, Result<Arc<Config>, FileReport>)| match job {
        Ok(config) => {
            let mut report = check_path_with(&candidate.path, &options, &config);
            // Only `build` reads the typed spec, and only a finding reads the text: free them
            // here, on the worker, where the next file reuses the memory, not at the end.
            report.spec = None;
            if report.diagnostics.is_empty() {
                report.source = None;
            }
            report
        }
        Err(report) => report,
    };
    // An indexed parallel map keeps the order of discovery, whatever the number of threads.
    // One file is checked on this thread: starting a thread pool would cost more than it saves.
    let mut reports: Vec<FileReport> = if found.files.len() > 1 {
        found.files.par_iter().zip(jobs).map(check).collect()
    } else {
        found.files.iter().zip(jobs).map(check).collect()
    };
    let usage_fault = configs.missing || reports.iter().any(|r| r.unreadable);
    reports.extend(configs.unused_suppressions());

    let machine = match args.format {
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for r in &reports {
                let _ = err.write_all(report::human(r, style).as_bytes());
            }
            if !reports.is_empty() {
                let _ = writeln!(err, "{}", Totals::of(&reports).summary());
            }
            None
        }
        Format::Json => Some(report::json(&reports)),
        Format::Sarif => Some(report::sarif::sarif(&reports)),
        Format::Github => Some(report::github::github(&reports)),
        Format::Junit => Some(report::junit::junit(&reports, args.deny_warnings)),
    };
    if let Some(text) = machine
        && let Err(code) = emit(args, &text)
    {
        return code;
    }

    for (path, why) in &found.empty {
        usage_error(&format!("`{path}` {why}"));
    }
    if !found.empty.is_empty() || usage_fault {
        return exit::USAGE;
    }
    let fails = |d: &Diagnostic| d.severity == Severity::Error || args.deny_warnings;
    let failed = reports.iter().any(|r| r.diagnostics.iter().any(fails));
    // The process exits next and the operating system takes its memory back at once; freeing
    // thousands of reports (each holding its file's text) one by one would only cost time.
    std::mem::forget(reports);
    if failed {
        return exit::CONTENT;
    }
    exit::OK
}

/// Checks one named spec with its config (`--config`, or the svcspec.toml found upward) and
/// prints its diagnostics on stderr. A faulty or missing config is the exit code instead.
pub(crate) fn check_one(
    spec: &Path,
    config: Option<&Path>,
    limits: &LimitArgs,
    style: Style,
) -> Result<FileReport, u8> {
    let mut configs = Configs::new(config);
    let config = match configs.for_spec(spec) {
        Ok(config) => config,
        Err(report) => {
            let _ = std::io::stderr().write_all(report::human(&report, style).as_bytes());
            return Err(if report.unreadable || configs.missing {
                exit::USAGE
            } else {
                exit::CONTENT
            });
        }
    };
    if configs.missing {
        return Err(usage_error("the config named by `--config` cannot be read"));
    }
    let options = Options {
        limits: Limits {
            max_file_bytes: limits.max_file_size,
            max_depth: usize::from(limits.max_depth),
            ..Limits::default()
        },
        ..Options::default()
    };
    let report = check_path_with(spec, &options, &config);
    let _ = std::io::stderr().write_all(report::human(&report, style).as_bytes());
    Ok(report)
}

/// Configs of a run: the one named by `--config`, or each svcspec.toml found, loaded once.
pub(crate) struct Configs {
    fixed: Option<PathBuf>,
    /// The config file found for each directory of a spec, looked up once per directory.
    found: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<Option<PathBuf>, Result<Arc<Config>, ()>>,
    /// A config named with `--config` that does not exist.
    pub(crate) missing: bool,
}

impl Configs {
    pub(crate) fn new(fixed: Option<&Path>) -> Self {
        Self {
            fixed: fixed.map(Path::to_path_buf),
            found: HashMap::new(),
            loaded: HashMap::new(),
            missing: false,
        }
    }

    /// The config for a spec; a faulty config is reported once, as the report of its own file.
    pub(crate) fn for_spec(&mut self, spec: &Path) -> Result<Arc<Config>, FileReport> {
        let path = match &self.fixed {
            Some(p) => Some(p.clone()),
            None => {
                let dir = match spec.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir,
                    _ => Path::new("."),
                };
                self.found
                    .entry(dir.to_path_buf())
                    .or_insert_with(|| config::discover(dir))
                    .clone()
            }
        };
        if let Some(entry) = self.loaded.get(&path) {
            return entry.clone().or_else(|()| Ok(Arc::new(Config::default())));
        }
        let result = match &path {
            None => Ok(Config::default()),
            Some(p) if self.fixed.is_some() && !p.is_file() => {
                self.missing = true;
                self.loaded.insert(path.clone(), Err(()));
                return Err(FileReport {
                    name: p.display().to_string(),
                    source: None,
                    diagnostics: vec![
                        rules::input::UNREADABLE_FILE.diag("cannot read config: no such file"),
                    ],
                    spec: None,
                    unreadable: true,
                    checks: Vec::new(),
                });
            }
            Some(p) => Config::load(p),
        };
        match result {
            Ok(config) => {
                let config = Arc::new(config);
                self.loaded.insert(path, Ok(config.clone()));
                Ok(config)
            }
            Err((source, diagnostics)) => {
                self.loaded.insert(path, Err(()));
                Err(FileReport {
                    name: source.name().to_owned(),
                    source: Some(source),
                    diagnostics,
                    spec: None,
                    unreadable: false,
                    checks: Vec::new(),
                })
            }
        }
    }

    /// Warnings for suppressions that matched nothing, as reports of their config files.
    pub(crate) fn unused_suppressions(&self) -> Vec<FileReport> {
        let mut out: Vec<FileReport> = self
            .loaded
            .values()
            .filter_map(|c| c.as_ref().ok())
            .filter_map(|config| {
                let source = config.source.clone()?;
                let diagnostics = config.unused();
                (!diagnostics.is_empty()).then(|| FileReport {
                    name: source.name().to_owned(),
                    source: Some(source),
                    diagnostics,
                    spec: None,
                    unreadable: false,
                    checks: Vec::new(),
                })
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

/// Writes machine output to stdout or, atomically, to `--output`.
fn emit(args: &CheckArgs, text: &str) -> Result<(), u8> {
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| usage_error(&format!("cannot write `{}`: {e}", path.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    }
}
