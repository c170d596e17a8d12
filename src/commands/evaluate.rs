//! `svcspec evaluate SPEC --results FILE`: one milestone's score, grade and tranche decisions.
//!
//! The spec must check clean and the results must hold no error; both files' diagnostics go to
//! stderr. A held tranche is a result, not a fault: exit 0, or 3 with `--fail-on-hold`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};

use crate::check::FileReport;
use crate::cli::{EvaluateArgs, EvaluateFormat};
use crate::commands::build::renderers;
use crate::commands::check::check_one;
use crate::commands::{exit, usage_error};
use crate::fsutil::write_atomic;
use crate::limits::Limits;
use crate::render::{Renderer, html};
use crate::report::{self, Style};
use crate::results::decision::Status;
use crate::results::evaluation::{Evaluation, Method, evaluate};
use crate::results::{self, report as view};
use crate::spec::values::Comparator;

/// The report's file name stem: `evaluation-report.zh.md`.
const REPORT: &str = "evaluation-report";

pub fn run(args: &EvaluateArgs, style: Style) -> u8 {
    let renderers = match renderers(&args.lang, args.templates.as_deref(), &Limits::default()) {
        Ok(r) => r,
        Err(code) => return code,
    };

    let spec_report = match check_one(&args.spec, args.config.as_deref(), &args.limits, style) {
        Ok(report) => report,
        Err(code) => return code,
    };
    let spec = spec_report
        .spec
        .as_deref()
        .filter(|_| !spec_report.has_errors());
    let limits = Limits {
        max_file_bytes: args.limits.max_file_size,
        max_depth: usize::from(args.limits.max_depth),
        ..Limits::default()
    };
    let checked = results::read(&args.results, &limits, spec);
    let _ = std::io::stderr().write_all(report::human(&checked.report, style).as_bytes());
    if spec_report.unreadable || checked.report.unreadable {
        return exit::USAGE;
    }
    let (Some(spec), Some(results), Some(milestone)) =
        (spec, checked.results.as_ref(), checked.milestone)
    else {
        return not_evaluated(&spec_report, &checked.report);
    };
    if checked.report.has_errors() {
        return not_evaluated(&spec_report, &checked.report);
    }

    let evaluation = evaluate(spec, results, milestone);
    let text = match args.format {
        EvaluateFormat::Human => human(&evaluation),
        EvaluateFormat::Json => json(&evaluation, &args.spec, &args.results),
    };
    let written = match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| usage_error(&format!("cannot write `{}`: {e}", path.display()))),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    };
    if let Err(code) = written {
        return code;
    }

    if let Some(out) = &args.out
        && let Err(code) = write_report(out, &renderers, spec, results, &evaluation, style)
    {
        return code;
    }

    let all_released = evaluation
        .tranches
        .iter()
        .all(|t| t.status == Status::Released);
    if args.fail_on_hold && !all_released {
        exit::HELD
    } else {
        exit::OK
    }
}

/// Says why nothing was evaluated; exit 1.
fn not_evaluated(spec: &FileReport, results: &FileReport) -> u8 {
    let mut why = Vec::new();
    if spec.spec.is_none() || spec.has_errors() {
        why.push(format!("{} does not check clean", spec.name));
    }
    if results.has_errors() {
        why.push(format!("{} has errors", results.name));
    }
    if why.is_empty() {
        why.push(format!("{} names no evaluation milestone", results.name));
    }
    eprintln!("not evaluated: {}", why.join("; "));
    exit::CONTENT
}

/// Renders the report in each language and writes `.md` and `.html` files into `out`.
fn write_report(
    out: &Path,
    renderers: &[Renderer],
    spec: &crate::spec::Spec,
    results: &results::model::Results,
    evaluation: &Evaluation,
    style: Style,
) -> Result<(), u8> {
    let mut files = Vec::new();
    for renderer in renderers {
        let lang = renderer.lang();
        let ctx = view::context(spec, results, evaluation, lang);
        let markdown = match renderer.render(&format!("{REPORT}.md.j2"), &ctx) {
            Ok(md) => md,
            Err((source, diag)) => {
                let template_report = FileReport::single(source, diag);
                let _ =
                    std::io::stderr().write_all(report::human(&template_report, style).as_bytes());
                eprintln!("not written: the evaluation report");
                return Err(exit::CONTENT);
            }
        };
        let base = format!("{REPORT}.{}", lang.code());
        files.push((format!("{base}.html"), html::page(&markdown, lang)));
        files.push((format!("{base}.md"), markdown));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| usage_error(&format!("cannot create `{}`: {e}", out.display())))?;
    for (name, text) in &files {
        let path = out.join(name);
        write_atomic(&path, text.as_bytes())
            .map_err(|e| usage_error(&format!("cannot write `{}`: {e}", path.display())))?;
    }
    eprintln!(
        "wrote the evaluation report into {}/: {} files",
        out.display().to_string().trim_end_matches('/'),
        files.len()
    );
    Ok(())
}

/// The JSON document: the spec and results paths, then the evaluation.
fn json(evaluation: &Evaluation, spec: &Path, results: &Path) -> String {
    let mut doc = Map::new();
    doc.insert("spec".into(), Value::from(spec.display().to_string()));
    doc.insert("results".into(), Value::from(results.display().to_string()));
    if let Ok(Value::Object(fields)) = serde_json::to_value(evaluation) {
        doc.extend(fields);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "at least",
        Comparator::MoreThan => "more than",
        Comparator::AtMost => "at most",
        Comparator::FewerThan => "fewer than",
        Comparator::Exactly => "exactly",
    }
}

/// `90,000.00`: figures with separators, as the documents write money.
fn money(amount: rust_decimal::Decimal) -> String {
    crate::render::filters::money(&minijinja::Value::from(amount.to_string())).unwrap_or_default()
}

/// The summary for people.
fn human(e: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} at {} ({}, {})",
        e.project, e.milestone.id, e.milestone.name, e.milestone.date
    );
    let how = match e.method {
        Method::WeightedMean => "weighted mean",
        Method::Mean => "mean",
    };
    let grade = e.grade.as_ref().map_or_else(
        || "no grade (the score falls in no band)".to_owned(),
        |g| format!("grade {} ({})", g.id, g.name),
    );
    let _ = writeln!(
        out,
        "score {:.2} ({how} of {} evaluator{}): {grade}",
        e.score,
        e.evaluators.len(),
        if e.evaluators.len() == 1 { "" } else { "s" }
    );
    let width = e
        .evaluators
        .iter()
        .map(|x| x.id.as_str().len())
        .max()
        .unwrap_or(0);
    for x in &e.evaluators {
        let weight = x
            .weight
            .map_or_else(String::new, |w| format!("weight {}%  ", w.normalize()));
        let _ = writeln!(
            out,
            "  {:<width$}  {weight}total {}",
            x.id.as_str(),
            x.total.normalize()
        );
    }
    let recorded: Vec<_> = e.targets.iter().filter(|t| t.met.is_some()).collect();
    let met = recorded.iter().filter(|t| t.met == Some(true)).count();
    let _ = writeln!(
        out,
        "targets: {met} of {} recorded met ({} not recorded)",
        recorded.len(),
        e.targets.len() - recorded.len()
    );
    let width = recorded
        .iter()
        .map(|t| t.id.as_str().len())
        .max()
        .unwrap_or(0);
    for t in &recorded {
        let Some(actual) = t.actual else { continue };
        let status = if t.met == Some(true) {
            "met    "
        } else {
            "NOT MET"
        };
        let mut line = format!(
            "  {status} {:<width$}  {} of {} {}",
            t.id.as_str(),
            actual.normalize(),
            comparator(t.comparator),
            t.value.normalize()
        );
        if t.distinct {
            line.push_str(" distinct");
        }
        if !t.repeated.is_empty() {
            let _ = write!(
                line,
                " ({} repeated code{} counted once)",
                t.repeated.len(),
                if t.repeated.len() == 1 { "" } else { "s" }
            );
        }
        let _ = writeln!(out, "{line}");
    }
    if e.tranches.is_empty() {
        let _ = writeln!(out, "tranches: none is gated by {}", e.milestone.id);
        return out;
    }
    let _ = writeln!(out, "tranches gated by {}:", e.milestone.id);
    for t in &e.tranches {
        let status = match t.status {
            Status::Released => "RELEASED",
            Status::Reduced => "REDUCED",
            Status::Held => "HELD",
        };
        let _ = writeln!(
            out,
            "  {status} {} {}% of {}: {} released, {} held",
            t.id,
            t.share,
            money(t.amount),
            money(t.released),
            money(t.held)
        );
        let _ = writeln!(out, "      {}", t.reason);
    }
    let _ = writeln!(
        out,
        "released {}, held {}",
        money(e.released),
        money(e.held)
    );
    out
}
