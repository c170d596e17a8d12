//! `svcspec build`: compile specs that check clean into their documents.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use crate::check::{FileReport, Options};
use crate::cli::BuildArgs;
use crate::commands::{
    CommandResult, Fault, Outcome, check_file_count, check_with_config, limits, report_empty, say,
    show,
};
use crate::configs::Configs;
use crate::discover::{Candidate, discover};
use crate::limits::TemplateLimits;
use crate::render::formats::{Files, FontOptions, Uncovered, Writers};
use crate::render::i18n::Lang;
use crate::render::output::{prepare, write_folder};
use crate::render::templates::TemplateSet;
use crate::render::{DocKind, Renderer, missing_glyphs};
use crate::report::Style;
use crate::spec::Spec;

pub fn run(args: &BuildArgs, style: Style) -> CommandResult {
    let formats = unique(&args.to);
    if let Some(missing) = formats.iter().find(|f| !f.available()) {
        return Err(Fault::usage(format!(
            "this svcspec was built without `{}` output: build it with `--features pdf` \
             (`cargo install --path . --features pdf`)",
            missing.name()
        )));
    }
    if let Some(dir) = args.font_path.iter().find(|d| !d.is_dir()) {
        return Err(Fault::usage(format!(
            "font folder `{}` does not exist or is not a folder",
            dir.display()
        )));
    }
    let limits = limits(&args.input.limits);
    let fonts = FontOptions {
        dirs: args.font_path.clone(),
        system: !args.ignore_system_fonts,
    };
    let found = discover(&args.paths);
    check_file_count(&limits, found.files.len())?;
    let mut build = Build {
        out: &args.out,
        style,
        docs: unique(&args.doc),
        renderers: renderers(
            &args.render.lang,
            args.render.templates.as_deref(),
            &TemplateLimits::from(&args.render.template_limits),
        )?,
        writers: Writers::new(&formats, &fonts),
        configs: Configs::new(args.input.config.as_deref(), &limits),
        options: Options {
            limits,
            ..Options::default()
        },
        prepared: false,
        built: 0,
        written: 0,
    };

    let mut outcome = Outcome::Done;
    for candidate in &found.files {
        match build.spec(candidate) {
            ControlFlow::Continue(o) => outcome = outcome.max(o),
            ControlFlow::Break(o) => {
                outcome = outcome.max(o);
                break;
            }
        }
    }
    for report in build.configs.unused_suppressions() {
        show(&report, style);
    }
    if build.configs.missing() {
        outcome = outcome.max(Outcome::Usage);
    }
    outcome = outcome.max(report_empty(&found));
    if !found.files.is_empty() {
        eprintln!(
            "built {} of {} specs into {}/: {} files",
            build.built,
            found.files.len(),
            args.out.display().to_string().trim_end_matches('/'),
            build.written
        );
    }
    Ok(outcome)
}

/// The state of one build run over its specs.
struct Build<'a> {
    out: &'a Path,
    style: Style,
    docs: Vec<DocKind>,
    renderers: Vec<Renderer>,
    writers: Writers,
    configs: Configs,
    options: Options,
    /// Whether the output folder has been checked (and stale temporary folders swept): at the
    /// first write, so a run that builds nothing leaves no folder behind.
    prepared: bool,
    /// Specs built, and files written.
    built: usize,
    written: usize,
}

impl Build<'_> {
    /// Checks one spec and, when it checks clean, writes its folder. `Break` stops the run: the
    /// output folder itself cannot be written.
    fn spec(&mut self, candidate: &Candidate) -> ControlFlow<Outcome, Outcome> {
        let checked = check_with_config(
            &candidate.path,
            &mut self.configs,
            &self.options,
            self.style,
        );
        let report = match checked {
            Ok(report) => report,
            Err(outcome) => return ControlFlow::Continue(outcome),
        };
        let Some(spec) = report.spec.as_ref().filter(|_| !report.has_errors()) else {
            eprintln!("not built: {} does not check clean", report.name);
            return ControlFlow::Continue(Outcome::Content);
        };
        let Some(files) = self.compile(spec, &report) else {
            eprintln!("not built: {}", report.name);
            return ControlFlow::Continue(Outcome::Content);
        };
        if !self.prepared {
            if let Err(e) = prepare(self.out) {
                say(&e.0);
                return ControlFlow::Break(Outcome::Usage);
            }
            self.prepared = true;
        }
        let stem = candidate
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match write_folder(self.out, &stem, &files) {
            Ok(_) => {
                self.built += 1;
                self.written += files.len();
                ControlFlow::Continue(Outcome::Done)
            }
            Err(e) => {
                say(&e.0);
                ControlFlow::Continue(Outcome::Usage)
            }
        }
    }

    /// Renders every document of a spec in every language and format; `None` after reporting
    /// a template that fails or a file that cannot be made.
    fn compile(&self, spec: &Spec, report: &FileReport) -> Option<Files> {
        let mut files = Vec::new();
        let mut uncovered = Uncovered::new();
        for &doc in &self.docs {
            for renderer in &self.renderers {
                let markdown = match renderer.markdown(spec, doc) {
                    Ok(markdown) => markdown,
                    Err((source, diag)) => {
                        show(&FileReport::single(source, diag), self.style);
                        return None;
                    }
                };
                let lang = renderer.lang();
                let written =
                    self.writers
                        .write(&markdown, spec, doc, lang, &mut files, &mut uncovered);
                if let Err(message) = written {
                    say(&message);
                    return None;
                }
            }
        }
        if let (Some(diag), Some(source)) = (
            missing_glyphs(report.source.as_deref(), &uncovered),
            &report.source,
        ) {
            show(&FileReport::single(source.clone(), diag), self.style);
        }
        files.sort();
        Some(files)
    }
}

/// One renderer per language, over the built-in templates and any of `--templates DIR`; a
/// folder that cannot be read is a usage fault.
pub fn renderers(
    langs: &[Lang],
    templates: Option<&Path>,
    limits: &TemplateLimits,
) -> Result<Vec<Renderer>, Fault> {
    let templates = Arc::new(TemplateSet::load(templates).map_err(|e| Fault::Usage(e.0))?);
    Ok(unique(langs)
        .into_iter()
        .map(|lang| Renderer::new(templates.clone(), lang, limits))
        .collect())
}

/// The values of a comma-separated option in the order given, each once.
fn unique<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for &item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
