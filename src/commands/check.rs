//! `svcspec check`: check specs and report.

use std::io::Write;

use crate::check::{FileReport, Options, check_path};
use crate::cli::{CheckArgs, Format};
use crate::commands::{exit, usage_error};
use crate::discover::discover;
use crate::fsutil::write_atomic;
use crate::limits::Limits;
use crate::report::{self, Style, Totals};

pub fn run(args: &CheckArgs, style: Style) -> u8 {
    let options = Options {
        limits: Limits {
            max_file_bytes: args.limits.max_file_size,
            max_depth: usize::from(args.limits.max_depth),
            ..Limits::default()
        },
    };
    let found = discover(&args.paths);
    if args.verbose {
        for path in &found.skipped {
            eprintln!(
                "skipped {} (no top-level `spec_version`: not a spec)",
                path.display()
            );
        }
    }
    let reports: Vec<FileReport> = found
        .files
        .iter()
        .map(|c| check_path(&c.path, &options))
        .collect();

    match args.format {
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for r in &reports {
                let _ = err.write_all(report::human(r, style).as_bytes());
            }
            let totals = Totals::of(&reports);
            if !reports.is_empty() {
                let _ = writeln!(err, "{}", totals.summary());
            }
        }
        Format::Json => {
            let text = report::json(&reports);
            if let Err(code) = emit(args, &text) {
                return code;
            }
        }
    }

    for (path, why) in &found.empty {
        usage_error(&format!("`{path}` {why}"));
    }
    if !found.empty.is_empty() || reports.iter().any(|r| r.unreadable) {
        return exit::USAGE;
    }
    if reports.iter().any(FileReport::has_errors) {
        return exit::CONTENT;
    }
    exit::OK
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
