//! Each target at one evaluation milestone: what it is judged by there (its value, an interim
//! value, or nothing yet), what was done, and whether it is met.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::results::evaluation::number;
use crate::results::model::{Actual, Results};
use crate::spec::indicator::Target;
use crate::spec::values::{Comparator, Id};
use crate::spec::{Judged, Spec};

/// A target's actual value as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub value: Decimal,
    /// For a list: how many entries; for pre/post scores: how many participants.
    pub entries: Option<usize>,
    /// For pre/post scores: how many participants improved, of `entries`.
    pub improved: Option<usize>,
    /// For a distinct-individuals list: each repeat, as (code, index of its first entry,
    /// index of the repeat).
    pub repeats: Vec<(String, usize, usize)>,
}

impl Measure {
    /// Whether the measure meets `value` under `comparator`. A share of participants is
    /// compared exactly, as improved × 100 against value × participants, so 2 of 3 (66.66…%)
    /// never meets 66.67 by rounding.
    pub fn meets(&self, comparator: Comparator, value: Decimal) -> bool {
        match (self.improved, self.entries) {
            (Some(k), Some(n)) => {
                let exact = Decimal::from(k).checked_mul(Decimal::ONE_HUNDRED);
                let bound = value.checked_mul(Decimal::from(n));
                match (exact, bound) {
                    (Some(a), Some(b)) => comparator.holds(a, b),
                    _ => false,
                }
            }
            _ => comparator.holds(self.value, value),
        }
    }
}

/// Counts an actual value: a number as written; a list by its entries, or by its distinct
/// codes for a target of distinct individuals; pre/post scores as the share (%) of participants
/// who improved as the target's `change` says.
pub fn measure(target: &Target, actual: &Actual) -> Measure {
    match actual {
        Actual::Count(q) => Measure {
            value: q.decimal(),
            entries: None,
            improved: None,
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
            let distinct = target.distinct_individuals_of.is_some();
            if !distinct {
                repeats.clear();
            }
            Measure {
                value: Decimal::from(if distinct { first.len() } else { codes.len() }),
                entries: Some(codes.len()),
                improved: None,
                repeats,
            }
        }
        Actual::Scores(scores) => {
            let n = scores.len();
            let k = target.change.as_ref().map_or(0, |change| {
                scores
                    .values()
                    .filter(|p| change.improved(p.pre().decimal(), p.post().decimal()))
                    .count()
            });
            let value = Decimal::from(k)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(Decimal::from(n)))
                .unwrap_or(Decimal::ZERO);
            Measure {
                value,
                entries: Some(n),
                improved: Some(k),
                repeats: Vec::new(),
            }
        }
    }
}

/// How a milestone judges a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// The milestone is the target's own: judged by its value.
    Final,
    /// The milestone judges an interim value of the target.
    Interim,
    /// The target belongs to a later milestone and has no interim value for this one.
    NotDue,
}

/// One target at one milestone: what was promised, what was done, and whether it is met.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    pub id: Id,
    pub name: String,
    pub comparator: Comparator,
    /// The value judged at this milestone: the target's, or its interim value.
    #[serde(with = "number")]
    pub value: Decimal,
    /// The target's own value, judged at its own milestone.
    #[serde(with = "number")]
    pub target_value: Decimal,
    /// The milestone that judges the target in full.
    pub target_milestone: Option<Id>,
    pub judged: Judgement,
    pub unit: Option<String>,
    /// Whether people are counted once each (不重复计数).
    pub distinct: bool,
    /// The id of the target it is part of.
    pub subset_of: Option<Id>,
    /// Whether it counts the share of participants who improve (前后测).
    pub change: bool,
    /// The actual value: a number as written, the people counted, or the share improved;
    /// `None` when not recorded. After a re-evaluation, the re-evaluation's value.
    #[serde(with = "number::option")]
    pub actual: Option<Decimal>,
    /// The evaluation's own actual value, where a re-evaluation changed it.
    #[serde(with = "number::option")]
    pub first_actual: Option<Decimal>,
    /// For a list of person codes: how many entries; for pre/post scores: how many participants.
    pub entries: Option<usize>,
    /// For pre/post scores: how many participants improved.
    pub improved: Option<usize>,
    /// Codes listed more than once in a distinct-individuals list (each counted once).
    pub repeated: Vec<String>,
    /// Whether the actual value meets the value judged; `None` when not recorded or not due.
    pub met: Option<bool>,
}

impl TargetResult {
    /// How far the actual falls short of the value judged, in the target's unit, for a target
    /// bound from below (`value − actual`) or above (`actual − value`); `None` when met, not
    /// recorded or not due.
    pub fn shortfall(&self) -> Option<Decimal> {
        if self.met != Some(false) {
            return None;
        }
        let actual = self.actual?;
        let gap = match self.comparator {
            Comparator::AtLeast | Comparator::MoreThan => self.value.checked_sub(actual),
            Comparator::AtMost | Comparator::FewerThan => actual.checked_sub(self.value),
            Comparator::Exactly => self.value.checked_sub(actual).map(|d| d.abs()),
        };
        gap.filter(|g| *g > Decimal::ZERO)
    }
}

/// Every target of the spec at `milestone`, measured from `actuals`.
pub fn judge(spec: &Spec, actuals: &BTreeMap<Id, Actual>, milestone: &Id) -> Vec<TargetResult> {
    spec.targets
        .iter()
        .map(|t| {
            let measured = actuals.get(&t.id).map(|a| measure(t, a));
            let mut repeated: Vec<String> = Vec::new();
            for (code, _, _) in measured.iter().flat_map(|m| m.repeats.iter()) {
                if !repeated.contains(code) {
                    repeated.push(code.clone());
                }
            }
            let judged = spec.judged_at(t, milestone);
            let (judgement, value) = match judged {
                Some(Judged::Final(v)) => (Judgement::Final, v),
                Some(Judged::Interim(v)) => (Judgement::Interim, v),
                None => (Judgement::NotDue, t.value.decimal()),
            };
            TargetResult {
                id: t.id.clone(),
                name: t.name.clone(),
                comparator: t.comparator,
                value,
                target_value: t.value.decimal(),
                target_milestone: spec.target_milestone(t).cloned(),
                judged: judgement,
                unit: spec.unit_of(t).map(str::to_owned),
                distinct: t.distinct_individuals_of.is_some(),
                subset_of: t.subset_of.clone(),
                change: t.change.is_some(),
                actual: measured.as_ref().map(|m| m.value),
                first_actual: None,
                entries: measured.as_ref().and_then(|m| m.entries),
                improved: measured.as_ref().and_then(|m| m.improved),
                repeated,
                met: measured
                    .as_ref()
                    .filter(|_| judged.is_some())
                    .map(|m| m.meets(t.comparator, value)),
            }
        })
        .collect()
}

/// The actuals after a re-evaluation: the evaluation's, with each target the re-evaluation
/// measured again replaced.
pub fn merged(first: &Results, second: &Results) -> BTreeMap<Id, Actual> {
    let mut actuals = first.actuals.clone();
    for (id, actual) in &second.actuals {
        actuals.insert(id.clone(), actual.clone());
    }
    actuals
}
