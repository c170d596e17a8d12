//! The evaluation as `evaluate` prints it: a summary for people, or one JSON document.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use crate::results::decision::{Rectified, Status};
use rust_decimal::Decimal;

use crate::render::filters::grouped;
use crate::results::evaluation::{Evaluation, Method};
use crate::results::targets::Judgement;
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
    if let Some(on) = e.reevaluated_on {
        let _ = writeln!(out, "re-evaluated after rectification on {on}");
    }
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
        let scope = if x.points == Decimal::ONE_HUNDRED {
            String::new()
        } else {
            format!(" of {} points in scope", x.points.normalize())
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {weight}total {}{scope}",
            x.id.as_str(),
            x.total.normalize()
        );
    }
}

fn targets(out: &mut String, e: &Evaluation) {
    let due: Vec<_> = e
        .targets
        .iter()
        .filter(|t| t.judged != Judgement::NotDue)
        .collect();
    let recorded: Vec<_> = due.iter().filter(|t| t.met.is_some()).collect();
    let met = recorded.iter().filter(|t| t.met == Some(true)).count();
    let not_due = e.targets.len() - due.len();
    let _ = writeln!(
        out,
        "targets judged at {}: {met} of {} recorded met ({} not recorded; {not_due} judged later)",
        e.milestone.id,
        recorded.len(),
        due.len() - recorded.len()
    );
    let width = e
        .targets
        .iter()
        .filter(|t| t.actual.is_some())
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
        if t.judged == Judgement::Interim {
            let _ = write!(
                line,
                " (interim; {} at {})",
                t.target_value.normalize(),
                t.target_milestone.as_ref().map_or("", |m| m.as_str())
            );
        }
        if t.distinct {
            line.push_str(" distinct");
        }
        if let (Some(k), Some(n)) = (t.improved, t.entries) {
            let _ = write!(line, " ({k} of {n} participants improved)");
        }
        if let Some(first) = t.first_actual {
            let _ = write!(line, " (re-evaluated; was {})", first.normalize());
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
    for t in e.targets.iter().filter(|t| t.judged == Judgement::NotDue) {
        let Some(actual) = t.actual else { continue };
        let _ = writeln!(
            out,
            "  later   {:<width$}  {} so far; judged at {}: {} {}",
            t.id.as_str(),
            actual.normalize(),
            t.target_milestone.as_ref().map_or("", |m| m.as_str()),
            comparator(t.comparator),
            t.target_value.normalize()
        );
    }
}

fn tranches(out: &mut String, e: &Evaluation) {
    if e.tranches.is_empty() {
        let _ = writeln!(out, "tranches: none is gated by {}", e.milestone.id);
        return;
    }
    let _ = writeln!(out, "tranches decided at {}:", e.milestone.id);
    for t in &e.tranches {
        let status = match t.status {
            Status::Released => "RELEASED",
            Status::Reduced => "REDUCED",
            Status::Held => "HELD",
            Status::Pending => "PENDING",
        };
        let _ = writeln!(
            out,
            "  {status} {} {}% of {}: {} released, {} held",
            t.id,
            t.share,
            grouped(t.amount),
            grouped(t.released),
            grouped(t.held)
        );
        for d in t.deductions.iter().filter(|d| d.amount > Decimal::ZERO) {
            let how = match d.per_unit {
                Some(rate) => format!("{} short × {}", d.shortfall.normalize(), grouped(rate)),
                None => format!("{} short, in proportion", d.shortfall.normalize()),
            };
            let capped = if d.capped { " (capped)" } else { "" };
            let _ = writeln!(
                out,
                "      − {} for {}: {how}{capped}",
                grouped(d.amount),
                d.target
            );
        }
        if let Some(r) = &t.rectification {
            let outcome = match r.status {
                Rectified::Pending => format!(
                    "{} held until a re-evaluation by {}",
                    grouped(r.withheld),
                    r.by
                ),
                Rectified::Late => format!(
                    "re-evaluated after {}: {} forfeited",
                    r.by,
                    grouped(r.withheld)
                ),
                _ => format!(
                    "re-evaluated by {}: {} of {} withheld released",
                    r.by,
                    grouped(r.recovered),
                    grouped(r.withheld)
                ),
            };
            let _ = writeln!(out, "      rectification: {outcome}");
        }
        let _ = writeln!(out, "      {}", t.reason);
    }
    let pending = if e.pending > Decimal::ZERO {
        format!(" ({} pending rectification)", grouped(e.pending))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "released {}, held {}{pending}",
        grouped(e.released),
        grouped(e.held)
    );
}
