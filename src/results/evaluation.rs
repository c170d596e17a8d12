//! The evaluation of one milestone: each target judged as the milestone judges it, each
//! evaluator's total, the project score and grade, and the decision on every tranche the
//! milestone decides; with a re-evaluation after rectification, the tranches decided again.
//!
//! Pure arithmetic over a spec and results that checked clean; exact decimals throughout. The
//! grade is decided on the exact score (a fraction compared with the band's bounds), never on a
//! rounded one, so 89.996 is `good`, not `excellent`.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::results::decision::{Decide, TrancheDecision, decide};
use crate::results::model::Results;
use crate::results::scoring::{EvaluatorTotal, ItemRow, score};
use crate::results::targets::{TargetResult, judge, merged};
use crate::rules::payment::deciding_milestone;
use crate::spec::Spec;
use crate::spec::evaluation::GradeBand;
use crate::spec::values::{Date, Id};
use crate::spec::workplan::Milestone;

pub use crate::results::scoring::Method;

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
    /// The day of the re-evaluation after rectification, when one was given.
    pub reevaluated_on: Option<Date>,
    /// How the evaluators' scores are combined.
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
    /// Every target of the spec, as this milestone judges it.
    pub targets: Vec<TargetResult>,
    /// The tranches the milestone decides (gated by it, or by an acceptance that rests on it),
    /// in contract order.
    pub tranches: Vec<TrancheDecision>,
    /// The sum released over these tranches, in yuan.
    #[serde(with = "number")]
    pub released: Decimal,
    /// The sum held over these tranches, in yuan.
    #[serde(with = "number")]
    pub held: Decimal,
    /// The part of `held` pending rectification.
    #[serde(with = "number")]
    pub pending: Decimal,
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

#[derive(Debug, Clone, Serialize)]
pub struct GradeRef {
    pub id: Id,
    pub name: String,
    #[serde(with = "number")]
    pub min: Decimal,
    #[serde(with = "number")]
    pub max: Decimal,
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

/// Evaluates results that checked clean against their spec, and a re-evaluation after
/// rectification of the same milestone when one is given. Ids the spec does not know are
/// skipped (the checks report them first), so this never fails on input.
pub fn evaluate(
    spec: &Spec,
    results: &Results,
    milestone: &Milestone,
    reevaluation: Option<&Results>,
) -> Evaluation {
    let ev = spec.evaluation.as_ref();
    let grades = ev.map_or(&[][..], |e| e.grades.as_slice());
    let scored = score(ev, results);
    let (numerator, denominator) = (scored.numerator, scored.denominator);
    let score_unrounded = numerator
        .checked_div(denominator)
        .unwrap_or(Decimal::ZERO)
        .normalize();
    let score = score_unrounded.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let band = (denominator > Decimal::ZERO)
        .then(|| grade_of(grades, numerator, denominator))
        .flatten();

    let first = judge(spec, &results.actuals, &milestone.id);
    let second = reevaluation.map(|r| judge(spec, &merged(results, r), &milestone.id));
    let reevaluated_on = reevaluation.and_then(|r| r.evaluated_on);
    let evaluated_on = results.evaluated_on.unwrap_or(milestone.date);
    let tranches: Vec<TrancheDecision> = spec
        .contract
        .iter()
        .flat_map(|c| c.tranches.iter())
        .filter(|t| deciding_milestone(spec, t).is_some_and(|m| m.id == milestone.id))
        .map(|tranche| {
            decide(&Decide {
                tranche,
                band,
                grades,
                targets: &first,
                reevaluation: second.as_deref().zip(reevaluated_on),
                score,
                evaluated_on,
            })
        })
        .collect();
    let total = |f: fn(&TrancheDecision) -> Decimal| {
        tranches
            .iter()
            .fold(Decimal::ZERO, |a, t| a.saturating_add(f(t)))
    };
    let (released, held, pending) = (
        total(|t| t.released),
        total(|t| t.held),
        total(|t| t.pending),
    );

    Evaluation {
        project: spec.project.id.clone(),
        milestone: MilestoneRef {
            id: milestone.id.clone(),
            name: milestone.name.clone(),
            date: milestone.date,
        },
        evaluated_on: results.evaluated_on,
        reevaluated_on,
        method: scored.method,
        evaluators: scored.evaluators,
        score,
        score_unrounded,
        grade: band.map(|g| GradeRef {
            id: g.id.clone(),
            name: g.name.clone(),
            min: g.min.decimal(),
            max: g.max.decimal(),
        }),
        targets: reevaluation_view(first, second),
        tranches,
        released,
        held,
        pending,
        items: scored.items,
    }
}

/// The targets as reported: after a re-evaluation its values, with the evaluation's own beside
/// each that changed.
fn reevaluation_view(
    first: Vec<TargetResult>,
    second: Option<Vec<TargetResult>>,
) -> Vec<TargetResult> {
    let Some(second) = second else {
        return first;
    };
    second
        .into_iter()
        .zip(first)
        .map(|(mut after, before)| {
            if after.actual != before.actual {
                after.first_actual = before.actual;
            }
            after
        })
        .collect()
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
