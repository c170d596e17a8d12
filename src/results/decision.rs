//! The decision on one tranche: the share its grade earns by the release table or the minimum
//! grade, held when a target it requires is missed; the amounts released and held, and the
//! reason in words.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::render::i18n::{self, Lang};
use crate::results::evaluation::{TargetResult, number};
use crate::spec::contract::Tranche;
use crate::spec::evaluation::GradeBand;
use crate::spec::values::{Comparator, Id};

/// What happens to one tranche.
#[derive(Debug, Clone, Serialize)]
pub struct TrancheDecision {
    pub id: Id,
    pub name: String,
    /// The tranche's amount in yuan.
    #[serde(with = "number")]
    pub amount: Decimal,
    /// The share the release table (or the minimum grade) gives the grade, before targets.
    #[serde(with = "number")]
    pub grade_share: Decimal,
    /// The share released, in percent: the grade's share, or 0 when a required target is missed.
    #[serde(with = "number")]
    pub share: Decimal,
    #[serde(with = "number")]
    pub released: Decimal,
    #[serde(with = "number")]
    pub held: Decimal,
    pub status: Status,
    /// What set the grade's share.
    pub basis: Basis,
    /// Required targets (`requires_targets`) that are not met.
    pub missed_targets: Vec<Id>,
    /// The decision in words (English); the report words it in its own language.
    pub reason: String,
    /// What the words are made of.
    #[serde(skip)]
    pub why: Why,
}

/// The facts a tranche's reason names.
#[derive(Debug, Clone, Default)]
pub struct Why {
    /// The grade's name and id.
    pub grade: Option<(String, Id)>,
    /// The tranche's minimum grade's name and id.
    pub min_grade: Option<(String, Id)>,
    /// The project score, rounded.
    pub score: Decimal,
    pub missed: Vec<Missed>,
}

/// A required target that is not met.
#[derive(Debug, Clone)]
pub struct Missed {
    pub id: Id,
    pub name: String,
    pub actual: Option<Decimal>,
    pub comparator: Comparator,
    pub value: Decimal,
}

/// Released in full, in part, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Released,
    Reduced,
    Held,
}

/// Where the grade's share of a tranche comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The tranche's release table names the grade.
    ReleaseTable,
    /// The grade is below the tranche's minimum grade.
    BelowMinGrade,
    /// No release table; the grade reaches the minimum grade.
    MinGrade,
    /// The release table does not name the grade.
    GradeNotInTable,
    /// The score falls in no grade band.
    NoGrade,
    /// The tranche has neither a release table nor a minimum grade.
    Ungraded,
}

/// The rank of a grade band: its lower bound.
fn rank(grades: &[GradeBand], id: &Id) -> Option<Decimal> {
    grades.iter().find(|g| &g.id == id).map(|g| g.min.decimal())
}

/// Decides one tranche from the grade and the required targets.
pub(crate) fn decide(
    tranche: &Tranche,
    band: Option<&GradeBand>,
    grades: &[GradeBand],
    targets: &[TargetResult],
    score: Decimal,
) -> TrancheDecision {
    let hundred = Decimal::ONE_HUNDRED;
    let graded = !tranche.release.is_empty() || tranche.min_grade.is_some();
    let (grade_share, basis) = match band {
        _ if !graded => (hundred, Basis::Ungraded),
        None => (Decimal::ZERO, Basis::NoGrade),
        Some(g) => {
            let below_min = tranche
                .min_grade
                .as_ref()
                .and_then(|m| rank(grades, m))
                .is_some_and(|min| g.min.decimal() < min);
            let in_table = tranche.release.iter().find(|r| r.grade == g.id);
            match (below_min, in_table) {
                (true, _) => (Decimal::ZERO, Basis::BelowMinGrade),
                (false, Some(r)) => (r.share.decimal(), Basis::ReleaseTable),
                (false, None) if tranche.release.is_empty() => (hundred, Basis::MinGrade),
                (false, None) => (Decimal::ZERO, Basis::GradeNotInTable),
            }
        }
    };
    let missed_targets: Vec<Id> = tranche
        .requires_targets
        .iter()
        .filter(|id| {
            targets
                .iter()
                .find(|t| &t.id == *id)
                .is_none_or(|t| t.met != Some(true))
        })
        .cloned()
        .collect();
    let share = if missed_targets.is_empty() {
        grade_share
    } else {
        Decimal::ZERO
    };
    let amount = tranche.amount.decimal();
    let released = amount
        .checked_mul(share)
        .and_then(|x| x.checked_div(hundred))
        .map_or(Decimal::ZERO, |x| {
            x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        });
    let held = amount.checked_sub(released).unwrap_or(Decimal::ZERO);
    let status = if share >= hundred {
        Status::Released
    } else if share.is_zero() {
        Status::Held
    } else {
        Status::Reduced
    };
    let grade_named = |id: &Id| {
        grades.iter().find(|g| &g.id == id).map_or_else(
            || (id.to_string(), id.clone()),
            |g| (g.name.clone(), g.id.clone()),
        )
    };
    let why = Why {
        grade: band.map(|g| (g.name.clone(), g.id.clone())),
        min_grade: tranche.min_grade.as_ref().map(grade_named),
        score,
        missed: missed_targets
            .iter()
            .filter_map(|id| targets.iter().find(|t| &t.id == id))
            .map(|t| Missed {
                id: t.id.clone(),
                name: t.name.clone(),
                actual: t.actual,
                comparator: t.comparator,
                value: t.value,
            })
            .collect(),
    };
    let mut decision = TrancheDecision {
        id: tranche.id.clone(),
        name: tranche.name.clone(),
        amount: with_cents(amount),
        grade_share: grade_share.normalize(),
        share: share.normalize(),
        released: with_cents(released),
        held: with_cents(held),
        status,
        basis,
        missed_targets,
        reason: String::new(),
        why,
    };
    decision.reason = decision.reason_in(Lang::En);
    decision
}

/// Money with exactly two decimals: `72000.00`.
fn with_cents(amount: Decimal) -> Decimal {
    let mut a = amount;
    a.rescale(2);
    a
}

/// A name as a reader of the language needs it: the spec's own text, and in English also the
/// id, since the spec's text is usually Chinese.
fn named(name: &str, id: &Id, lang: Lang) -> String {
    match lang {
        Lang::Zh => name.to_owned(),
        Lang::En => format!("{name} ({id})"),
    }
}

/// A catalog message with its `{placeholders}` filled.
fn message(key: &str, lang: Lang, values: &[(&str, &str)]) -> String {
    let mut text = i18n::message(key, lang).unwrap_or(key).to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

impl TrancheDecision {
    /// The decision in words, in a language of the catalog (templates/messages.toml).
    pub fn reason_in(&self, lang: Lang) -> String {
        let why = &self.why;
        let grade = why
            .grade
            .as_ref()
            .map_or_else(String::new, |(name, id)| named(name, id, lang));
        let min = why
            .min_grade
            .as_ref()
            .map_or_else(String::new, |(name, id)| named(name, id, lang));
        let share = self.grade_share.normalize().to_string();
        let score = why.score.normalize().to_string();
        let key = match self.basis {
            Basis::ReleaseTable if self.grade_share.is_zero() => {
                "evalreport.reason.release_table_zero"
            }
            Basis::ReleaseTable => "evalreport.reason.release_table",
            Basis::BelowMinGrade => "evalreport.reason.below_min",
            Basis::MinGrade => "evalreport.reason.min_grade",
            Basis::GradeNotInTable => "evalreport.reason.not_in_table",
            Basis::NoGrade => "evalreport.reason.no_grade",
            Basis::Ungraded => "evalreport.reason.ungraded",
        };
        let mut reason = message(
            key,
            lang,
            &[
                ("grade", &grade),
                ("min", &min),
                ("share", &share),
                ("score", &score),
            ],
        );
        if !why.missed.is_empty() {
            let sep = i18n::message("list.sep", lang).unwrap_or(", ");
            let missed: Vec<String> = why.missed.iter().map(|m| m.describe(lang)).collect();
            reason.push_str(&message(
                "evalreport.reason.missed",
                lang,
                &[("targets", &missed.join(sep))],
            ));
        }
        reason
    }
}

impl Missed {
    /// `入户探访老人（实际 220，目标不少于 240）` / `入户探访老人 (visits) (220; target: at least 240)`.
    fn describe(&self, lang: Lang) -> String {
        let name = named(&self.name, &self.id, lang);
        let Some(actual) = self.actual else {
            return message("evalreport.reason.not_recorded", lang, &[("name", &name)]);
        };
        let comparator = serde_json::to_value(self.comparator)
            .ok()
            .and_then(|v| v.as_str().and_then(|c| i18n::label("Comparator", c, lang)))
            .unwrap_or_default();
        let comparator = match lang {
            Lang::Zh => comparator.to_owned(),
            Lang::En => comparator.to_lowercase(),
        };
        message(
            "evalreport.reason.missed_target",
            lang,
            &[
                ("name", &name),
                ("actual", &actual.normalize().to_string()),
                ("comparator", &comparator),
                ("value", &self.value.normalize().to_string()),
            ],
        )
    }
}
