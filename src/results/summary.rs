//! The evaluation as `evaluate` prints it: a summary for people, or one JSON document.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use crate::results::decision::Status;
use crate::results::evaluation::{Evaluation, Method};
use crate::spec::values::Comparator;

/// The JSON document: the spec and results paths, then the evaluation.
pub fn json(evaluation: &Evaluation, spec: &Path, results: &Path) -> String {
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

/// The summary for people: the score and grade, the targets, the tranche decisions.
pub fn human(e: &Evaluation) -> String {
    let mut out = String::new();
    scores(&mut out, e);
    targets(&mut out, e);
    tranches(&mut out, e);
    out
}

fn scores(out: &mut String, e: &Evaluation) {
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
}

fn targets(out: &mut String, e: &Evaluation) {
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
}

fn tranches(out: &mut String, e: &Evaluation) {
    if e.tranches.is_empty() {
        let _ = writeln!(out, "tranches: none is gated by {}", e.milestone.id);
        return;
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
}
