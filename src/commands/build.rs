//! `svcspec build`: compile specs that check clean into their documents.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::check::{FileReport, Options, check_path_with};
use crate::cli::BuildArgs;
use crate::commands::check::Configs;
use crate::commands::{exit, usage_error};
use crate::discover::discover;
use crate::limits::Limits;
use crate::render::formats::{FontOptions, Format, Uncovered, Writers};
use crate::render::i18n::Lang;
use crate::render::output::{prepare, write_folder};
use crate::render::templates::TemplateSet;
use crate::render::{DocKind, Renderer, missing_glyphs};
use crate::report::{self, Style};

pub fn run(args: &BuildArgs, style: Style) -> u8 {
    let docs = match parse_list(
        &args.doc,
        "document",
        DocKind::from_name,
        "contract, evaluation-form, register-form, plan",
    ) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let formats = match parse_list(&args.to, "format", Format::from_name, "md, html, docx, pdf") {
        Ok(f) => f,
        Err(code) => return code,
    };
    if let Some(missing) = formats.iter().find(|f| !f.available()) {
        return usage_error(&format!(
            "this svcspec was built without `{}` output: build it with the default features \
             (`cargo build` without `--no-default-features`)",
            missing.name()
        ));
    }
    if let Some(dir) = args.font_path.iter().find(|d| !d.is_dir()) {
        return usage_error(&format!(
            "font folder `{}` does not exist or is not a folder",
            dir.display()
        ));
    }
    let limits = Limits::from_args(&args.limits).with_templates(&args.template_limits);
    limits.apply_memory_budget();
    let renderers = match renderers(&args.lang, args.templates.as_deref(), &limits) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let writers = Writers::new(
        &formats,
        &FontOptions {
            dirs: args.font_path.clone(),
            system: !args.ignore_system_fonts,
        },
    );
    let found = discover(&args.paths);
    if let Err(message) = limits.check_file_count(found.files.len()) {
        return usage_error(&message);
    }
    let options = Options {
        limits,
        ..Options::default()
    };
    let mut configs = Configs::new(args.config.as_deref());
    let mut err = std::io::stderr().lock();
    let (mut content_fault, mut usage_fault) = (false, configs.missing);
    let (mut built, mut files_written) = (0usize, 0usize);
    let mut prepared = false;
    for candidate in &found.files {
        let config = match configs.for_spec(&candidate.path) {
            Ok(config) => config,
            Err(report) => {
                let _ = err.write_all(report::human(&report, style).as_bytes());
                usage_fault |= report.unreadable;
                content_fault |= !report.unreadable;
                continue;
            }
        };
        let report = check_path_with(&candidate.path, &options, &config);
        let _ = err.write_all(report::human(&report, style).as_bytes());
        if report.unreadable {
            usage_fault = true;
            continue;
        }
        let Some(spec) = report.spec.as_ref().filter(|_| !report.has_errors()) else {
            content_fault = true;
            let _ = writeln!(err, "not built: {} does not check clean", report.name);
            continue;
        };
        let stem = candidate
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = Vec::new();
        let mut uncovered = Uncovered::new();
        let mut failed = false;
        'docs: for &doc in &docs {
            for renderer in &renderers {
                let markdown = match renderer.markdown(spec, doc) {
                    Ok(md) => md,
                    Err((source, diag)) => {
                        let template_report = FileReport::single(source, diag);
                        let _ = err.write_all(report::human(&template_report, style).as_bytes());
                        failed = true;
                        break 'docs;
                    }
                };
                let written = writers.write(
                    &markdown,
                    spec,
                    doc,
                    renderer.lang(),
                    &mut files,
                    &mut uncovered,
                );
                if let Err(message) = written {
                    let _ = writeln!(err, "error: {message}");
                    failed = true;
                    break 'docs;
                }
            }
        }
        if failed {
            content_fault = true;
            let _ = writeln!(err, "not built: {}", report.name);
            continue;
        }
        if let Some(diag) = missing_glyphs(report.source.as_deref(), &uncovered) {
            let glyphs = FileReport {
                name: report.name.clone(),
                source: report.source.clone(),
                diagnostics: vec![diag],
                spec: None,
                unreadable: false,
                checks: Vec::new(),
            };
            let _ = err.write_all(report::human(&glyphs, style).as_bytes());
        }
        files.sort();
        // The output folder is checked (and stale temporary folders swept) at the first write,
        // so a run that builds nothing leaves no folder behind.
        if !prepared {
            if let Err(e) = prepare(&args.out) {
                let _ = writeln!(err, "error: {}", e.0);
                usage_fault = true;
                break;
            }
            prepared = true;
        }
        match write_folder(&args.out, &stem, &files) {
            Ok(_) => {
                built += 1;
                files_written += files.len();
            }
            Err(e) => {
                let _ = writeln!(err, "error: {}", e.0);
                usage_fault = true;
            }
        }
    }
    for r in configs.unused_suppressions() {
        let _ = err.write_all(report::human(&r, style).as_bytes());
    }
    for (path, why) in &found.empty {
        let _ = writeln!(err, "error: `{path}` {why}");
        usage_fault = true;
    }
    if !found.files.is_empty() {
        let _ = writeln!(
            err,
            "built {built} of {} specs into {}: {files_written} files",
            found.files.len(),
            display(&args.out)
        );
    }
    if usage_fault {
        exit::USAGE
    } else if content_fault {
        exit::CONTENT
    } else {
        exit::OK
    }
}

fn display(path: &Path) -> String {
    format!("{}/", path.display().to_string().trim_end_matches('/'))
}

/// One renderer per language of `--lang`, over the built-in templates and any of
/// `--templates DIR`; a bad language or folder is a usage fault.
pub fn renderers(
    langs: &[String],
    templates: Option<&Path>,
    limits: &Limits,
) -> Result<Vec<Renderer>, u8> {
    let langs = parse_list(langs, "language", Lang::from_code, "zh, en")?;
    let templates = match TemplateSet::load(templates) {
        Ok(t) => Arc::new(t),
        Err(e) => return Err(usage_error(&e.0)),
    };
    Ok(langs
        .iter()
        .map(|&lang| Renderer::new(templates.clone(), lang, limits))
        .collect())
}

/// Parses a comma-separated option into known values, in the given order, without repeats.
fn parse_list<T: PartialEq + Copy>(
    items: &[String],
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    known: &str,
) -> Result<Vec<T>, u8> {
    let mut out = Vec::new();
    for item in items {
        let item = item.trim();
        match parse(item) {
            Some(v) if !out.contains(&v) => out.push(v),
            Some(_) => {}
            None => {
                return Err(usage_error(&format!(
                    "unknown {what} `{item}`: expected one of {known}"
                )));
            }
        }
    }
    if out.is_empty() {
        return Err(usage_error(&format!(
            "no {what} given: expected one of {known}"
        )));
    }
    Ok(out)
}
