//! The evaluation of one milestone: each target's achievement, each evaluator's total, the
//! project score and grade, and the decision on every tranche the milestone gates.
//!
//! Pure arithmetic over a spec and results that checked clean; exact decimals throughout. The
//! grade is decided on the exact score (a weighted sum compared with the band's bounds times
//! the sum of weights), never on a rounded one, so 89.996 is `good`, not `excellent`.

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::results::decision::{TrancheDecision, decide};
use crate::results::model::{Actual, Results};
use crate::spec::Spec;
use crate::spec::evaluation::{GradeBand, SchemeItem, Subject, SubjectKind};
use crate::spec::indicator::Target;
use crate::spec::values::{Comparator, Date, Id};
use crate::spec::workplan::Milestone;

/// Serde helpers: decimals as exact JSON numbers.
pub(crate) mod number {
    pub use rust_decimal::serde::arbitrary_precision::serialize;

    pub mod option {
        pub use rust_decimal::serde::arbitrary_precision_option::serialize;
    }
}

/// What the evaluation of one milestone decides.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The spec's `project.id`.
    pub project: Id,
    pub milestone: MilestoneRef,
    pub evaluated_on: Option<Date>,
    /// How the evaluators' totals are combined.
    pub method: Method,
    pub evaluators: Vec<EvaluatorTotal>,
    /// The project score rounded to two decimals (half away from zero), for display.
    #[serde(with = "number")]
    pub score: Decimal,
    /// The score before rounding (28 significant digits at most).
    #[serde(with = "number")]
    pub score_unrounded: Decimal,
    /// The grade band the exact score falls in; `None` when it falls in none (or there are none).
    pub grade: Option<GradeRef>,
    pub targets: Vec<TargetResult>,
    /// The tranches gated by the milestone, in contract order.
    pub tranches: Vec<TrancheDecision>,
    /// The sum released over these tranches, in yuan.
    #[serde(with = "number")]
    pub released: Decimal,
    /// The sum held over these tranches, in yuan.
    #[serde(with = "number")]
    pub held: Decimal,
    /// The scheme as scored: one row per item, depth first (for the report; not in the JSON).
    #[serde(skip)]
    pub items: Vec<ItemRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRef {
    pub id: Id,
    pub name: String,
    pub date: Date,
}

/// How the evaluators' totals make the project score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Every evaluator has a weight in the spec: Σ weight × total / Σ weight.
    WeightedMean,
    /// No weights: the plain mean of the totals.
    Mean,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluatorTotal {
    /// The evaluation subject's id.
    pub id: Id,
    pub kind: SubjectKind,
    /// Its weight in percent, where the spec gives one.
    #[serde(with = "number::option")]
    pub weight: Option<Decimal>,
    /// The sum of its leaf scores.
    #[serde(with = "number")]
    pub total: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeRef {
    pub id: Id,
    pub name: String,
    #[serde(with = "number")]
    pub min: Decimal,
    #[serde(with = "number")]
    pub max: Decimal,
}

/// One target: what was promised, what was done, and whether it is met.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    pub id: Id,
    pub name: String,
    pub comparator: Comparator,
    /// The target value.
    #[serde(with = "number")]
    pub value: Decimal,
    pub unit: Option<String>,
    /// Whether people are counted once each (不重复计数).
    pub distinct: bool,
    /// The id of the target it is part of.
    pub subset_of: Option<Id>,
    /// The actual value: a number as written, or the people counted; `None` when not recorded.
    #[serde(with = "number::option")]
    pub actual: Option<Decimal>,
    /// For a list of person codes: how many entries it has.
    pub entries: Option<usize>,
    /// Codes listed more than once in a distinct-individuals list (each counted once).
    pub repeated: Vec<String>,
    /// Whether the actual value meets the target under its comparator; `None` when not recorded.
    pub met: Option<bool>,
}

/// One item of the scheme as scored, for the report.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: Id,
    pub name: String,
    /// 1 for top-level items.
    pub depth: usize,
    pub points: Decimal,
    pub leaf: bool,
    /// Per evaluator (in the order of [`Evaluation::evaluators`]): the leaf's score, or the sum
    /// of the leaves under a parent.
    pub scores: Vec<Decimal>,
    /// The evaluators' scores combined as the project score is.
    pub combined: Decimal,
}

/// A target's actual value as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub value: Decimal,
    /// For a list: how many entries.
    pub entries: Option<usize>,
    /// For a distinct-individuals list: each repeat, as (code, index of its first entry,
    /// index of the repeat).
    pub repeats: Vec<(String, usize, usize)>,
}

/// Counts an actual value: a number as written; a list by its entries, or by its distinct
/// codes for a target of distinct individuals.
pub fn measure(target: &Target, actual: &Actual) -> Measure {
    match actual {
        Actual::Count(q) => Measure {
            value: q.decimal(),
            entries: None,
            repeats: Vec::new(),
        },
        Actual::Persons(codes) => {
            let mut repeats = Vec::new();
            let mut first: HashMap<&str, usize> = HashMap::with_capacity(codes.len());
            for (i, code) in codes.iter().enumerate() {
                match first.get(code.as_str()) {
                    Some(&at) => repeats.push((code.0.clone(), at, i)),
                    None => {
                        first.insert(code.as_str(), i);
                    }
                }
            }
            let counted = if target.distinct_individuals_of.is_some() {
                first.len()
            } else {
                codes.len()
            };
            if target.distinct_individuals_of.is_none() {
                repeats.clear();
            }
            Measure {
                value: Decimal::from(counted),
                entries: Some(codes.len()),
                repeats,
            }
        }
    }
}

/// The leaf items of a scheme, depth first.
pub fn leaves(items: &[SchemeItem]) -> Vec<&SchemeItem> {
    let mut out = Vec::new();
    let mut stack: Vec<&SchemeItem> = items.iter().rev().collect();
    while let Some(item) = stack.pop() {
        if item.children.is_empty() {
            out.push(item);
        } else {
            stack.extend(item.children.iter().rev());
        }
    }
    out
}

/// The evaluation subjects that scored, in the order of the spec.
fn scoring_subjects<'s>(spec: &'s Spec, results: &Results) -> Vec<&'s Subject> {
    spec.evaluation
        .iter()
        .flat_map(|e| e.subjects.iter())
        .filter(|s| results.scores.contains_key(&s.id))
        .collect()
}

/// The grade band that holds a score given as `numerator / denominator` (denominator > 0):
/// `min` included, `max` excluded, except that a band ending at 100 includes 100.
pub fn grade_of(
    grades: &[GradeBand],
    numerator: Decimal,
    denominator: Decimal,
) -> Option<&GradeBand> {
    let scaled = |bound: Decimal| bound.checked_mul(denominator);
    grades.iter().find(|g| {
        let (Some(min), Some(max)) = (scaled(g.min.decimal()), scaled(g.max.decimal())) else {
            return false;
        };
        numerator >= min
            && (numerator < max || (g.max.decimal() == Decimal::ONE_HUNDRED && numerator == max))
    })
}

/// Evaluates results that checked clean against their spec. Ids the spec does not know are
/// skipped (the checks report them first), so this never fails on input.
pub fn evaluate(spec: &Spec, results: &Results, milestone: &Milestone) -> Evaluation {
    let scheme = spec
        .evaluation
        .as_ref()
        .map_or(&[][..], |e| e.scheme.as_slice());
    let grades = spec
        .evaluation
        .as_ref()
        .map_or(&[][..], |e| e.grades.as_slice());
    let subjects = scoring_subjects(spec, results);

    // Each evaluator's total over the scheme's leaves.
    let leaf_items = leaves(scheme);
    let score_of = |subject: &Subject, item: &Id| {
        results
            .scores
            .get(&subject.id)
            .and_then(|s| s.get(item))
            .map_or(Decimal::ZERO, |q| q.decimal())
    };
    let evaluators: Vec<EvaluatorTotal> = subjects
        .iter()
        .map(|s| EvaluatorTotal {
            id: s.id.clone(),
            kind: s.kind,
            weight: s.weight.map(|w| w.decimal()),
            total: leaf_items
                .iter()
                .map(|item| score_of(s, &item.id))
                .fold(Decimal::ZERO, |acc, x| acc.saturating_add(x)),
        })
        .collect();

    // The score as an exact fraction: weighted when every evaluator has a weight.
    let weights: Option<Vec<Decimal>> = evaluators.iter().map(|e| e.weight).collect();
    let weight_sum = weights
        .as_ref()
        .map(|w| w.iter().fold(Decimal::ZERO, |a, x| a.saturating_add(*x)));
    let (method, weights) = match (weights, weight_sum) {
        (Some(w), Some(sum)) if sum > Decimal::ZERO => (Method::WeightedMean, w),
        _ => (Method::Mean, vec![Decimal::ONE; evaluators.len()]),
    };
    let combine = |values: &[Decimal]| -> (Decimal, Decimal) {
        let numerator = values
            .iter()
            .zip(&weights)
            .map(|(v, w)| v.saturating_mul(*w))
            .fold(Decimal::ZERO, |a, x| a.saturating_add(x));
        let denominator = weights
            .iter()
            .fold(Decimal::ZERO, |a, x| a.saturating_add(*x));
        (numerator, denominator)
    };
    let totals: Vec<Decimal> = evaluators.iter().map(|e| e.total).collect();
    let (numerator, denominator) = combine(&totals);
    let ratio = |n: Decimal, d: Decimal| n.checked_div(d).unwrap_or(Decimal::ZERO);
    let score_unrounded = ratio(numerator, denominator).normalize();
    let score = round2(score_unrounded);
    let band = if denominator > Decimal::ZERO {
        grade_of(grades, numerator, denominator)
    } else {
        None
    };
    let grade = band.map(|g| GradeRef {
        id: g.id.clone(),
        name: g.name.clone(),
        min: g.min.decimal(),
        max: g.max.decimal(),
    });

    // The scheme's rows, parents summing their leaves.
    let mut items = Vec::new();
    rows(scheme, 1, &subjects, &|s, id| score_of(s, id), &mut items);
    for row in &mut items {
        let (n, d) = combine(&row.scores);
        row.combined = ratio(n, d);
    }

    let targets: Vec<TargetResult> = spec
        .targets
        .iter()
        .map(|t| {
            let measured = results.actuals.get(&t.id).map(|a| measure(t, a));
            let mut repeated: Vec<String> = Vec::new();
            for (code, _, _) in measured.iter().flat_map(|m| m.repeats.iter()) {
                if !repeated.contains(code) {
                    repeated.push(code.clone());
                }
            }
            TargetResult {
                id: t.id.clone(),
                name: t.name.clone(),
                comparator: t.comparator,
                value: t.value.decimal(),
                unit: t.unit.clone().or_else(|| {
                    t.indicator
                        .as_ref()
                        .and_then(|i| spec.indicators.iter().find(|x| &x.id == i))
                        .and_then(|x| x.unit.clone())
                }),
                distinct: t.distinct_individuals_of.is_some(),
                subset_of: t.subset_of.clone(),
                actual: measured.as_ref().map(|m| m.value),
                entries: measured.as_ref().and_then(|m| m.entries),
                repeated,
                met: measured
                    .as_ref()
                    .map(|m| t.comparator.holds(m.value, t.value.decimal())),
            }
        })
        .collect();

    let tranches: Vec<TrancheDecision> = spec
        .contract
        .iter()
        .flat_map(|c| c.tranches.iter())
        .filter(|t| t.milestone.as_ref() == Some(&milestone.id))
        .map(|t| decide(t, band, grades, &targets, score))
        .collect();
    let released = tranches
        .iter()
        .fold(Decimal::ZERO, |a, t| a.saturating_add(t.released));
    let held = tranches
        .iter()
        .fold(Decimal::ZERO, |a, t| a.saturating_add(t.held));

    Evaluation {
        project: spec.project.id.clone(),
        milestone: MilestoneRef {
            id: milestone.id.clone(),
            name: milestone.name.clone(),
            date: milestone.date,
        },
        evaluated_on: results.evaluated_on,
        method,
        evaluators,
        score,
        score_unrounded,
        grade,
        targets,
        tranches,
        released,
        held,
        items,
    }
}

/// Rounds to two decimals, half away from zero (四舍五入).
fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Appends the rows of `items` and their children; returns nothing, fills `out` depth first.
fn rows(
    items: &[SchemeItem],
    depth: usize,
    subjects: &[&Subject],
    score_of: &dyn Fn(&Subject, &Id) -> Decimal,
    out: &mut Vec<ItemRow>,
) {
    for item in items {
        let scores = subjects
            .iter()
            .map(|s| {
                leaves(std::slice::from_ref(item))
                    .iter()
                    .map(|leaf| score_of(s, &leaf.id))
                    .fold(Decimal::ZERO, |a, x| a.saturating_add(x))
            })
            .collect();
        out.push(ItemRow {
            id: item.id.clone(),
            name: item.name.clone(),
            depth,
            points: item.points.decimal(),
            leaf: item.children.is_empty(),
            scores,
            combined: Decimal::ZERO,
        });
        rows(&item.children, depth + 1, subjects, score_of, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::values::Quantity;

    fn band(id: &str, min: i64, max: i64) -> GradeBand {
        GradeBand {
            id: Id(id.to_owned()),
            name: id.to_owned(),
            min: Quantity(Decimal::from(min)),
            max: Quantity(Decimal::from(max)),
        }
    }

    /// Bands are [min, max): a score at a lower bound is in the band above; 100 is in the top
    /// band; a fraction (269.99 / 3 = 89.996…) is graded exactly, not as its rounding.
    #[test]
    fn grades_are_half_open() {
        let grades = [
            band("excellent", 90, 100),
            band("good", 80, 90),
            band("pass", 60, 80),
            band("fail", 0, 60),
        ];
        let of = |n: &str, d: i64| {
            grade_of(&grades, n.parse().unwrap(), Decimal::from(d)).map(|g| g.id.0.clone())
        };
        assert_eq!(of("80", 1).as_deref(), Some("good"));
        assert_eq!(of("79.99", 1).as_deref(), Some("pass"));
        assert_eq!(of("100", 1).as_deref(), Some("excellent"));
        assert_eq!(of("0", 1).as_deref(), Some("fail"));
        assert_eq!(of("269.99", 3).as_deref(), Some("good"));
        assert_eq!(of("270", 3).as_deref(), Some("excellent"));
        assert_eq!(of("100.5", 1), None);
    }
}
