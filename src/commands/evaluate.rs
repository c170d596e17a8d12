//! `svcspec evaluate SPEC --results FILE`: one milestone's score, grade and tranche decisions.
//!
//! The spec must check clean and the results must hold no error; both files' diagnostics go to
//! stderr. A held tranche is a result, not a fault: exit 0, or 3 with `--fail-on-hold`.

use std::path::Path;

use crate::check::FileReport;
use crate::cli::{EvaluateArgs, EvaluateFormat};
use crate::commands::build::renderers;
use crate::commands::{
    CommandResult, Fault, Outcome, check_file_count, check_spec, emit, limits, show,
};
use crate::fsutil::write_atomic;
use crate::limits::TemplateLimits;
use crate::render::{Renderer, html};
use crate::report::Style;
use crate::results::decision::Status;
use crate::results::evaluation::{Evaluation, evaluate};
use crate::results::{self, report as view, summary};
use crate::spec::Spec;

/// The report's file name stem: `evaluation-report.zh.md`.
const REPORT: &str = "evaluation-report";

pub fn run(args: &EvaluateArgs, style: Style) -> CommandResult {
    let limits = limits(&args.input.limits);
    // The spec, the results file, and the re-evaluation.
    check_file_count(&limits, 2 + usize::from(args.reevaluation.is_some()))?;
    let renderers = renderers(
        &args.render.lang,
        args.render.templates.as_deref(),
        &TemplateLimits::from(&args.render.template_limits),
    )?;

    let spec_report = check_spec(&args.spec, args.input.config.as_deref(), &limits, style)?;
    let spec = spec_report
        .spec
        .as_deref()
        .filter(|_| !spec_report.has_errors());
    let mut checked = results::read(&args.results, &limits, spec);
    let mut second = args
        .reevaluation
        .as_deref()
        .map(|path| results::read(path, &limits, spec));
    results::check_pair(&mut checked, second.as_mut());
    show(&checked.report, style);
    if let Some(second) = &second {
        show(&second.report, style);
    }
    let unreadable =
        |c: &Option<results::Checked<'_>>| c.as_ref().is_some_and(|c| c.report.unreadable);
    if checked.report.unreadable || unreadable(&second) {
        return Err(Fault::Reported(Outcome::Usage));
    }
    let faulty = second
        .as_ref()
        .is_some_and(|c| c.report.has_errors() || c.results.is_none());
    let (Some(spec), Some(results), Some(milestone), false, false) = (
        spec,
        checked.results.as_ref(),
        checked.milestone,
        checked.report.has_errors(),
        faulty,
    ) else {
        let second = second.as_ref().map(|c| &c.report);
        return Err(not_evaluated(&spec_report, &checked.report, second));
    };
    let reevaluation = second.as_ref().and_then(|c| c.results.as_ref());

    let evaluation = evaluate(spec, results, milestone, reevaluation);
    let text = match args.format {
        EvaluateFormat::Human => summary::human(&evaluation),
        EvaluateFormat::Json => summary::json(&evaluation, &args.spec, &args.results),
    };
    emit(args.output.as_deref(), &text)?;
    if let Some(out) = &args.out {
        write_report(out, &renderers, spec, results, &evaluation, style)?;
    }
    let all_released = evaluation
        .tranches
        .iter()
        .all(|t| t.status == Status::Released);
    Ok(if args.fail_on_hold && !all_released {
        Outcome::Held
    } else {
        Outcome::Done
    })
}

/// Says why nothing was evaluated: a content fault.
fn not_evaluated(spec: &FileReport, results: &FileReport, second: Option<&FileReport>) -> Fault {
    let mut why = Vec::new();
    if spec.spec.is_none() || spec.has_errors() {
        why.push(format!("{} does not check clean", spec.name));
    }
    for report in std::iter::once(results).chain(second) {
        if report.has_errors() {
            why.push(format!("{} has errors", report.name));
        }
    }
    if why.is_empty() {
        why.push(format!("{} names no evaluation milestone", results.name));
    }
    eprintln!("not evaluated: {}", why.join("; "));
    Fault::Reported(Outcome::Content)
}

/// Renders the report in each language and writes `.md` and `.html` files into `out`.
fn write_report(
    out: &Path,
    renderers: &[Renderer],
    spec: &Spec,
    results: &results::model::Results,
    evaluation: &Evaluation,
    style: Style,
) -> Result<(), Fault> {
    let mut files = Vec::new();
    for renderer in renderers {
        let lang = renderer.lang();
        let ctx = view::context(spec, results, evaluation, lang);
        let markdown =
            renderer
                .render(&format!("{REPORT}.md.j2"), &ctx)
                .map_err(|(source, diag)| {
                    show(&FileReport::single(source, diag), style);
                    eprintln!("not written: the evaluation report");
                    Fault::Reported(Outcome::Content)
                })?;
        let base = format!("{REPORT}.{}", lang.code());
        files.push((format!("{base}.html"), html::page(&markdown, lang)));
        files.push((format!("{base}.md"), markdown));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| Fault::usage(format!("cannot create `{}`: {e}", out.display())))?;
    for (name, text) in &files {
        let path = out.join(name);
        write_atomic(&path, text.as_bytes())
            .map_err(|e| Fault::usage(format!("cannot write `{}`: {e}", path.display())))?;
    }
    eprintln!(
        "wrote the evaluation report into {}/: {} files",
        out.display().to_string().trim_end_matches('/'),
        files.len()
    );
    Ok(())
}
