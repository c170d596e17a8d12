//! The evaluation report's view for templates: the evaluation with its numbers as text (the
//! templates' filters read text) and its reasons in the report's language.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::render::i18n::Lang;
use crate::results::decision::Status;
use crate::results::evaluation::{Evaluation, Method, MilestoneRef};
use crate::results::model::Results;
use crate::results::targets::Judgement;
use crate::spec::Spec;
use crate::spec::evaluation::SubjectKind;
use crate::spec::values::{Comparator, Date, Id};

/// What templates/evaluation-report.md.j2 sees.
#[derive(Debug, Serialize)]
pub struct ReportContext<'a> {
    pub spec: &'a Spec,
    pub milestone: &'a MilestoneRef,
    pub evaluated_on: Option<Date>,
    pub method: Method,
    pub evaluators: Vec<EvaluatorView>,
    /// Two decimals: `89.83`.
    pub score: String,
    pub grade: Option<GradeView>,
    pub items: Vec<ItemView>,
    pub targets: Vec<TargetView>,
    pub tranches: Vec<TrancheView>,
    pub released: String,
    pub held: String,
    pub pending: String,
    pub reevaluated_on: Option<Date>,
    pub opinion: Option<&'a str>,
    pub tool: &'static str,
}

#[derive(Debug, Serialize)]
pub struct EvaluatorView {
    pub id: Id,
    pub kind: SubjectKind,
    /// The name of the party that evaluates, where the spec names one.
    pub party: Option<String>,
    pub weight: Option<String>,
    pub total: String,
}

#[derive(Debug, Serialize)]
pub struct GradeView {
    pub id: Id,
    pub name: String,
    pub min: String,
    pub max: String,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    /// `1`, `1.2`, `1.2.3`.
    pub number: String,
    pub depth: usize,
    pub name: String,
    pub points: String,
    pub leaf: bool,
    pub scores: Vec<String>,
    pub combined: String,
}

#[derive(Debug, Serialize)]
pub struct TargetView {
    pub id: Id,
    pub name: String,
    pub comparator: Comparator,
    pub value: String,
    pub unit: Option<String>,
    pub distinct: bool,
    /// The name of the target it is part of.
    pub subset_of: Option<String>,
    pub actual: Option<String>,
    /// The evaluation's own actual, where a re-evaluation changed it.
    pub first_actual: Option<String>,
    pub entries: Option<usize>,
    /// For pre/post scores: how many participants improved.
    pub improved: Option<usize>,
    pub repeated: Vec<String>,
    pub met: Option<bool>,
    /// `final`, `interim` or `not_due`.
    pub judged: Judgement,
    /// For an interim value: the target's own value and the milestone's name.
    pub target_value: String,
    pub target_milestone: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TrancheView {
    pub id: Id,
    pub name: String,
    pub amount: String,
    pub share: String,
    pub released: String,
    pub held: String,
    pub pending: String,
    pub deducted: String,
    pub status: Status,
    pub reason: String,
}

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A whole number as it is, anything else to two decimals: a share improved of 5 in 8 is
/// `62.5`, of 2 in 3 `66.67`.
fn two_or_whole(d: Decimal) -> String {
    let rounded = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    rounded.normalize().to_string()
}

/// Two decimals, half away from zero, as the score is shown.
fn two(d: Decimal) -> String {
    let rounded = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.2}")
}

/// The view of an evaluation for one language.
pub fn context<'a>(
    spec: &'a Spec,
    results: &'a Results,
    evaluation: &'a Evaluation,
    lang: Lang,
) -> ReportContext<'a> {
    let subjects = spec.evaluation.iter().flat_map(|e| e.subjects.iter());
    let party_name = |id: &Id| {
        spec.parties
            .all()
            .into_iter()
            .find(|(_, p)| &p.id == id)
            .map(|(_, p)| p.name.clone())
    };
    let evaluators = evaluation
        .evaluators
        .iter()
        .map(|e| EvaluatorView {
            id: e.id.clone(),
            kind: e.kind,
            party: subjects
                .clone()
                .find(|s| s.id == e.id)
                .and_then(|s| s.party.as_ref())
                .and_then(party_name),
            weight: e.weight.map(text),
            total: text(e.total),
        })
        .collect();
    let mut counters: Vec<usize> = Vec::new();
    let items = evaluation
        .items
        .iter()
        .map(|row| {
            counters.truncate(row.depth);
            while counters.len() < row.depth {
                counters.push(0);
            }
            if let Some(last) = counters.last_mut() {
                *last += 1;
            }
            ItemView {
                number: counters
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("."),
                depth: row.depth,
                name: row.name.clone(),
                points: text(row.points),
                leaf: row.leaf,
                scores: row
                    .scores
                    .iter()
                    .map(|s| s.map_or_else(String::new, text))
                    .collect(),
                combined: text(row.combined.round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                )),
            }
        })
        .collect();
    let targets = evaluation
        .targets
        .iter()
        .map(|t| TargetView {
            id: t.id.clone(),
            name: t.name.clone(),
            comparator: t.comparator,
            value: text(t.value),
            unit: t.unit.clone(),
            distinct: t.distinct,
            subset_of: t.subset_of.as_ref().map(|p| {
                spec.targets
                    .iter()
                    .find(|x| &x.id == p)
                    .map_or_else(|| p.to_string(), |x| x.name.clone())
            }),
            actual: t.actual.map(two_or_whole),
            first_actual: t.first_actual.map(two_or_whole),
            entries: t.entries,
            improved: t.improved,
            repeated: t.repeated.clone(),
            met: t.met,
            judged: t.judged,
            target_value: text(t.target_value),
            target_milestone: t.target_milestone.as_ref().map(|id| {
                spec.milestones
                    .iter()
                    .find(|m| &m.id == id)
                    .map_or_else(|| id.to_string(), |m| m.name.clone())
            }),
        })
        .collect();
    let tranches = evaluation
        .tranches
        .iter()
        .map(|t| TrancheView {
            id: t.id.clone(),
            name: t.name.clone(),
            amount: t.amount.to_string(),
            share: text(t.share),
            released: t.released.to_string(),
            held: t.held.to_string(),
            pending: t.pending.to_string(),
            deducted: t.deducted.to_string(),
            status: t.status,
            reason: t.reason_in(lang),
        })
        .collect();
    ReportContext {
        spec,
        milestone: &evaluation.milestone,
        evaluated_on: evaluation.evaluated_on,
        method: evaluation.method,
        evaluators,
        score: two(evaluation.score),
        grade: evaluation.grade.as_ref().map(|g| GradeView {
            id: g.id.clone(),
            name: g.name.clone(),
            min: text(g.min),
            max: text(g.max),
        }),
        items,
        targets,
        tranches,
        released: evaluation.released.to_string(),
        held: evaluation.held.to_string(),
        pending: evaluation.pending.to_string(),
        reevaluated_on: evaluation.reevaluated_on,
        opinion: results.opinion.as_deref(),
        tool: concat!("svcspec ", env!("CARGO_PKG_VERSION")),
    }
}
