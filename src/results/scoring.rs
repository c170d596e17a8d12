//! The score of one evaluation: each evaluator's total over the items in its scope, each leaf
//! item's score as the (weighted) mean of the evaluators that score it, and the project score as
//! the sum of the leaves, kept as an exact fraction so that the grade is decided on it.
//!
//! When every evaluator scores every item, the project score is the (weighted) mean of the
//! evaluators' totals, as before scoped scoring: Σ items Σ evaluators w·x / Σ w is
//! Σ evaluators w·total / Σ w.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::results::evaluation::number;
use crate::results::model::Results;
use crate::spec::evaluation::{Evaluation as Scheme, SchemeItem, Subject, SubjectKind, leaves};
use crate::spec::values::Id;

/// How the evaluators' scores make the project score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Every evaluator has a weight in the spec: on each item, Σ weight × score / Σ weight over
    /// the evaluators that score it.
    WeightedMean,
    /// No weights: on each item, the plain mean of the evaluators that score it.
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
    /// The points of the leaf items in its scope (100 when it scores every item).
    #[serde(with = "number")]
    pub points: Decimal,
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
    /// Per evaluator (in the order of the totals): the leaf's score, or the sum of the leaves
    /// under a parent that are in its scope; `None` when none is in its scope.
    pub scores: Vec<Option<Decimal>>,
    /// The item's score: for a leaf, the (weighted) mean of the evaluators that score it; for a
    /// parent, the sum of its leaves.
    pub combined: Decimal,
}

/// The score as computed.
#[derive(Debug, Clone)]
pub struct Score {
    pub method: Method,
    pub evaluators: Vec<EvaluatorTotal>,
    /// The project score as `numerator / denominator` exactly (denominator > 0 when anyone
    /// scored).
    pub numerator: Decimal,
    pub denominator: Decimal,
    pub items: Vec<ItemRow>,
}

/// A fraction of decimals, added without rounding: leaves with the same denominator (the same
/// evaluators score them) are summed first, so only a few distinct denominators multiply.
#[derive(Debug, Default)]
struct Sum {
    by_denominator: BTreeMap<Decimal, Decimal>,
}

impl Sum {
    fn add(&mut self, numerator: Decimal, denominator: Decimal) {
        if denominator <= Decimal::ZERO {
            return;
        }
        let n = self.by_denominator.entry(denominator).or_default();
        *n = n.saturating_add(numerator);
    }

    /// The sum as one fraction; (0, 0) when nothing was added.
    fn total(&self) -> (Decimal, Decimal) {
        let mut numerator = Decimal::ZERO;
        let mut denominator = Decimal::ZERO;
        for (&d, &n) in &self.by_denominator {
            if denominator.is_zero() {
                (numerator, denominator) = (n, d);
                continue;
            }
            // a/b + c/d = (a·d + c·b) / (b·d)
            let cross = numerator
                .checked_mul(d)
                .zip(n.checked_mul(denominator))
                .and_then(|(x, y)| x.checked_add(y));
            match (cross, denominator.checked_mul(d)) {
                (Some(x), Some(y)) => (numerator, denominator) = (x, y),
                // Beyond 28 digits: add the rounded quotient instead (never met by real weights).
                _ => {
                    let quotient = |a: Decimal, b: Decimal| a.checked_div(b).unwrap_or_default();
                    let q = quotient(numerator, denominator).saturating_add(quotient(n, d));
                    (numerator, denominator) = (q, Decimal::ONE);
                }
            }
        }
        (numerator, denominator)
    }
}

/// Scores one evaluation: the evaluation subjects that gave scores, in the spec's order.
pub fn score(scheme: Option<&Scheme>, results: &Results) -> Score {
    let (subjects, items) = scheme.map_or((&[][..], &[][..]), |e| {
        (e.subjects.as_slice(), e.scheme.as_slice())
    });
    let scoring: Vec<&Subject> = subjects
        .iter()
        .filter(|s| results.scores.contains_key(&s.id))
        .collect();
    let weights: Option<Vec<Decimal>> = scoring
        .iter()
        .map(|s| s.weight.map(|w| w.decimal()))
        .collect();
    let (method, weights) = match weights {
        Some(w) if w.iter().any(|x| *x > Decimal::ZERO) => (Method::WeightedMean, w),
        _ => (Method::Mean, vec![Decimal::ONE; scoring.len()]),
    };
    let in_scope = |s: &Subject, leaf: &Id| scheme.is_some_and(|e| e.scores(s, leaf));
    let score_of = |s: &Subject, leaf: &Id| {
        results
            .scores
            .get(&s.id)
            .and_then(|x| x.get(leaf))
            .map_or(Decimal::ZERO, |q| q.decimal())
    };

    let leaf_items = leaves(items);
    let evaluators = scoring
        .iter()
        .map(|s| {
            let scope: Vec<&&SchemeItem> =
                leaf_items.iter().filter(|l| in_scope(s, &l.id)).collect();
            EvaluatorTotal {
                id: s.id.clone(),
                kind: s.kind,
                weight: s.weight.map(|w| w.decimal()),
                total: scope
                    .iter()
                    .fold(Decimal::ZERO, |a, l| a.saturating_add(score_of(s, &l.id))),
                points: scope
                    .iter()
                    .fold(Decimal::ZERO, |a, l| a.saturating_add(l.points.decimal())),
            }
        })
        .collect();

    // Each leaf: Σ w·x over the evaluators that score it, over Σ w of those.
    let leaf_fraction = |leaf: &Id| {
        scoring
            .iter()
            .zip(&weights)
            .filter(|(s, _)| in_scope(s, leaf))
            .fold((Decimal::ZERO, Decimal::ZERO), |(n, d), (s, w)| {
                (
                    n.saturating_add(score_of(s, leaf).saturating_mul(*w)),
                    d.saturating_add(*w),
                )
            })
    };
    let mut sum = Sum::default();
    for leaf in &leaf_items {
        let (n, d) = leaf_fraction(&leaf.id);
        sum.add(n, d);
    }
    let (numerator, denominator) = sum.total();

    let mut rows = Vec::new();
    let cx = RowCx {
        scoring: &scoring,
        in_scope: &in_scope,
        score_of: &score_of,
        leaf_fraction: &leaf_fraction,
    };
    item_rows(items, 1, &cx, &mut rows);
    Score {
        method,
        evaluators,
        numerator,
        denominator,
        items: rows,
    }
}

/// What the rows of the scheme are computed from.
struct RowCx<'a> {
    scoring: &'a [&'a Subject],
    in_scope: &'a dyn Fn(&Subject, &Id) -> bool,
    score_of: &'a dyn Fn(&Subject, &Id) -> Decimal,
    leaf_fraction: &'a dyn Fn(&Id) -> (Decimal, Decimal),
}

/// Appends the rows of `items` and their children, depth first.
fn item_rows(items: &[SchemeItem], depth: usize, cx: &RowCx<'_>, out: &mut Vec<ItemRow>) {
    for item in items {
        let under = leaves(std::slice::from_ref(item));
        let scores = cx
            .scoring
            .iter()
            .map(|s| {
                let scope: Vec<&&SchemeItem> =
                    under.iter().filter(|l| (cx.in_scope)(s, &l.id)).collect();
                (!scope.is_empty()).then(|| {
                    scope.iter().fold(Decimal::ZERO, |a, l| {
                        a.saturating_add((cx.score_of)(s, &l.id))
                    })
                })
            })
            .collect();
        let combined = under.iter().fold(Decimal::ZERO, |a, l| {
            let (n, d) = (cx.leaf_fraction)(&l.id);
            a.saturating_add(n.checked_div(d).unwrap_or(Decimal::ZERO))
        });
        out.push(ItemRow {
            id: item.id.clone(),
            name: item.name.clone(),
            depth,
            points: item.points.decimal(),
            leaf: item.children.is_empty(),
            scores,
            combined,
        });
        item_rows(&item.children, depth + 1, cx, out);
    }
}
