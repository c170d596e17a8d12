//! `svcspec check`: check specs and report.

use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::{FileReport, Options, check_path_with};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{
    CommandResult, Fault, Outcome, check_file_count, emit, limits, report_empty,
};
use crate::config::Config;
use crate::configs::Configs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{Candidate, discover};
use crate::report::{self, Style, Totals};
use crate::rules;

pub fn run(args: &CheckArgs, style: Style) -> CommandResult {
    if args.output.is_some() && args.format == CheckFormat::Human {
        return Err(Fault::usage(
            "`--output` takes a machine format: add `--format json`, `sarif`, `github` or `junit`",
        ));
    }
    let select = selected(&args.select)?;
    let limits = limits(&args.input.limits);
    let found = discover(&args.paths);
    check_file_count(&limits, found.files.len())?;
    let options = Options {
        limits,
        select,
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

    let mut configs = Configs::new(args.input.config.as_deref(), &options.limits);
    let mut reports = check_all(&found.files, &options, &mut configs);
    let unreadable = configs.missing() || reports.iter().any(|r| r.unreadable);
    reports.extend(configs.unused_suppressions());
    write(args, &reports, style)?;

    let fails = |d: &Diagnostic| d.severity == Severity::Error || args.deny_warnings;
    let failed = reports.iter().any(|r| r.diagnostics.iter().any(fails));
    // The process exits next and the operating system takes its memory back at once; freeing
    // thousands of reports (each holding its file's text) one by one would only cost time.
    std::mem::forget(reports);
    let mut outcome = report_empty(&found);
    if unreadable {
        outcome = outcome.max(Outcome::Usage);
    }
    if failed {
        outcome = outcome.max(Outcome::Content);
    }
    Ok(outcome)
}

/// The semantic rules of `--select`, by code; `None` runs them all.
fn selected(names: &[String]) -> Result<Option<Vec<&'static str>>, Fault> {
    let mut select = Vec::new();
    for name in names {
        match rules::find(name) {
            Some(rule) if rule.check().is_some() => select.push(rule.code),
            Some(rule) => {
                return Err(Fault::usage(format!(
                    "`{}` is not a semantic rule and always runs",
                    rule.code
                )));
            }
            None => {
                return Err(Fault::usage(format!(
                    "no rule is called `{name}` (`svcspec rules` lists them)"
                )));
            }
        }
    }
    Ok((!select.is_empty()).then_some(select))
}

/// Checks every file, in parallel, keeping the order of discovery.
///
/// Configs are looked up once per directory and loaded once per config file, before the
/// parallel part. A faulty config is reported once, in place of the first spec it governs.
fn check_all(files: &[Candidate], options: &Options, configs: &mut Configs) -> Vec<FileReport> {
    let jobs: Vec<Result<Arc<Config>, FileReport>> = files
        .iter()
        .map(|candidate| configs.for_spec(&candidate.path))
        .collect();
    let check = |(candidate, job): (&Candidate, Result<Arc<Config>, FileReport>)| match job {
        Ok(config) => {
            let mut report = check_path_with(&candidate.path, options, &config);
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
    if files.len() > 1 {
        files.par_iter().zip(jobs).map(check).collect()
    } else {
        files.iter().zip(jobs).map(check).collect()
    }
}

/// Writes the reports in the chosen format: human on stderr, the others by [`emit`].
fn write(args: &CheckArgs, reports: &[FileReport], style: Style) -> Result<(), Fault> {
    let text = match args.format {
        CheckFormat::Human => {
            let mut err = std::io::stderr().lock();
            for r in reports {
                let _ = err.write_all(report::human(r, style).as_bytes());
            }
            if !reports.is_empty() {
                let _ = writeln!(err, "{}", Totals::of(reports).summary());
            }
            return Ok(());
        }
        CheckFormat::Json => report::json(reports),
        CheckFormat::Sarif => report::sarif::sarif(reports),
        CheckFormat::Github => report::github::github(reports),
        CheckFormat::Junit => report::junit::junit(reports, args.deny_warnings),
    };
    emit(args.output.as_deref(), &text)
}
