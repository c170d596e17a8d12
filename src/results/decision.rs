//! The decision on one tranche at the evaluation that decides it:
//!
//! 1. the share its grade earns, by the release table or the minimum grade: the base;
//! 2. what missed targets withhold from the base: all of it when a required target
//!    (`requires_targets`) is missed; otherwise the tranche's deductions, each per unit short or
//!    in proportion to the shortfall, capped, and never below the tranche's floor;
//! 3. with a rectification period, what the targets withhold is held, not forfeited: a
//!    re-evaluation within the period decides it again on what it finds;
//!
//! then the amounts released and held, and the reasons in words. Every amount is rounded to the
//! fen (half away from zero) where it is computed.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::render::filters::grouped;
use crate::render::i18n::{self, Lang};
use crate::results::evaluation::number;
use crate::results::targets::TargetResult;
use crate::spec::contract::Tranche;
use crate::spec::evaluation::GradeBand;
use crate::spec::values::{Comparator, Date, Id, fen, percent_of};

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
    /// The share of the amount released, in percent (two decimals).
    #[serde(with = "number")]
    pub share: Decimal,
    #[serde(with = "number")]
    pub released: Decimal,
    /// The amount not released: what the grade does not earn, what missed targets withhold, and
    /// what is pending rectification.
    #[serde(with = "number")]
    pub held: Decimal,
    /// The part of `held` pending rectification, until the re-evaluation decides it.
    #[serde(with = "number")]
    pub pending: Decimal,
    /// The deductions taken, after caps and the floor.
    #[serde(with = "number")]
    pub deducted: Decimal,
    pub status: Status,
    /// What set the grade's share.
    pub basis: Basis,
    /// Required targets (`requires_targets`) that are not met.
    pub missed_targets: Vec<Id>,
    /// Each deduction of the tranche, as computed.
    pub deductions: Vec<DeductionResult>,
    /// The rectification period and its outcome, where missed targets withheld money from a
    /// tranche that allows one.
    pub rectification: Option<RectificationResult>,
    /// The decision in words (English); the report words it in its own language.
    pub reason: String,
    /// What the words are made of.
    #[serde(skip)]
    pub why: Why,
}

/// One deduction as computed.
#[derive(Debug, Clone, Serialize)]
pub struct DeductionResult {
    pub target: Id,
    pub name: String,
    pub unit: Option<String>,
    /// How far the target is missed, in its unit; 0 when met.
    #[serde(with = "number")]
    pub shortfall: Decimal,
    /// Yuan per unit short, for a per-unit deduction.
    #[serde(with = "number::option")]
    pub per_unit: Option<Decimal>,
    pub proportional: bool,
    /// The deduction, after its cap.
    #[serde(with = "number")]
    pub amount: Decimal,
    /// Whether the cap limited it.
    pub capped: bool,
}

/// The rectification period of a tranche, and what came of it.
#[derive(Debug, Clone, Serialize)]
pub struct RectificationResult {
    /// The last day of the period.
    pub by: Date,
    pub status: Rectified,
    /// The day of the re-evaluation, where there was one.
    pub reevaluated_on: Option<Date>,
    /// What the evaluation withheld for the targets.
    #[serde(with = "number")]
    pub withheld: Decimal,
    /// What the re-evaluation released of it.
    #[serde(with = "number")]
    pub recovered: Decimal,
}

/// How a rectification ended, or that it has not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rectified {
    /// Held until a re-evaluation within the period.
    Pending,
    /// The re-evaluation found every withholding target met: all of it released.
    Rectified,
    /// The re-evaluation released part of it.
    Partly,
    /// The re-evaluation found the targets still missed: forfeited.
    NotRectified,
    /// The re-evaluation came after the period: forfeited.
    Late,
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
    /// The floor of the tranche, when it limited the deductions: (percent, amount).
    pub floor: Option<(Decimal, Decimal)>,
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

/// Released in full, in part, not at all, or partly pending rectification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Released,
    Reduced,
    Held,
    /// Part of it is held until the re-evaluation after rectification.
    Pending,
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

/// What one tranche is decided on.
pub struct Decide<'a> {
    pub tranche: &'a Tranche,
    /// The grade band of the score, if any.
    pub band: Option<&'a GradeBand>,
    pub grades: &'a [GradeBand],
    /// The targets as the evaluation judged them.
    pub targets: &'a [TargetResult],
    /// The targets as the re-evaluation judged them, and its date.
    pub reevaluation: Option<(&'a [TargetResult], Date)>,
    /// The project score, rounded.
    pub score: Decimal,
    /// The day the rectification period runs from: the evaluation's date, else the milestone's.
    pub evaluated_on: Date,
}

/// `amount × percent / 100`, to the fen.
fn percent_to_fen(amount: Decimal, percent: Decimal) -> Decimal {
    percent_of(amount, percent).map_or(Decimal::ZERO, fen)
}

/// The rank of a grade band: its lower bound.
fn rank(grades: &[GradeBand], id: &Id) -> Option<Decimal> {
    grades.iter().find(|g| &g.id == id).map(|g| g.min.decimal())
}

/// The share the grade earns, and why.
fn grade_share(
    tranche: &Tranche,
    band: Option<&GradeBand>,
    grades: &[GradeBand],
) -> (Decimal, Basis) {
    let hundred = Decimal::ONE_HUNDRED;
    let graded = !tranche.release.is_empty() || tranche.min_grade.is_some();
    match band {
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
    }
}

/// What missed targets withhold from the base.
struct Withheld {
    missed: Vec<Id>,
    deductions: Vec<DeductionResult>,
    /// The deductions after the floor.
    deducted: Decimal,
    /// What the targets withhold in all: the base when a required target is missed, else the
    /// deductions.
    amount: Decimal,
    /// The floor, when it limited the deductions.
    floor: Option<(Decimal, Decimal)>,
}

fn withheld(tranche: &Tranche, base: Decimal, targets: &[TargetResult]) -> Withheld {
    let result = |id: &Id| targets.iter().find(|t| &t.id == id);
    let missed: Vec<Id> = tranche
        .requires_targets
        .iter()
        .filter(|id| result(id).is_none_or(|t| t.met != Some(true)))
        .cloned()
        .collect();
    let deductions: Vec<DeductionResult> = tranche
        .deductions
        .iter()
        .filter_map(|d| {
            let t = result(&d.target)?;
            let shortfall = t.shortfall().unwrap_or(Decimal::ZERO);
            let raw = match (d.per_unit, d.proportional) {
                (Some(rate), _) => rate.decimal().checked_mul(shortfall),
                (None, true) => base
                    .checked_mul(shortfall)
                    .and_then(|x| x.checked_div(t.value)),
                (None, false) => Some(Decimal::ZERO),
            }
            .map_or(Decimal::ZERO, fen);
            let cap = d.cap.map(|c| c.decimal());
            let amount = cap.map_or(raw, |c| raw.min(c));
            Some(DeductionResult {
                target: d.target.clone(),
                name: t.name.clone(),
                unit: t.unit.clone(),
                shortfall,
                per_unit: d.per_unit.map(|m| with_cents(m.decimal())),
                proportional: d.proportional,
                amount: with_cents(amount),
                capped: cap.is_some_and(|c| raw > c),
            })
        })
        .collect();
    let total = deductions
        .iter()
        .fold(Decimal::ZERO, |a, d| a.saturating_add(d.amount));
    let floor_amount = tranche.floor.map(|f| {
        (
            f.decimal(),
            percent_to_fen(tranche.amount.decimal(), f.decimal()),
        )
    });
    let room = floor_amount.map_or(base, |(_, f)| {
        base.checked_sub(f).unwrap_or_default().max(Decimal::ZERO)
    });
    let deducted = total.min(room);
    Withheld {
        amount: if missed.is_empty() { deducted } else { base },
        floor: floor_amount.filter(|_| total > room),
        missed,
        deductions,
        deducted,
    }
}

/// What the targets withhold in the end: at once, or, with a rectification period, pending
/// until the re-evaluation, then decided again on its actuals (or forfeited when it is late).
struct Settled<'a> {
    /// The withholding that stands, and the targets it was decided on.
    decided: Withheld,
    targets: &'a [TargetResult],
    /// What the targets withhold from the base.
    withheld: Decimal,
    /// The part of it pending rectification.
    pending: Decimal,
    rectification: Option<RectificationResult>,
}

fn settle<'a>(d: &Decide<'a>, base: Decimal) -> Settled<'a> {
    let first = withheld(d.tranche, base, d.targets);
    let amount = first.amount;
    let at_once = |first: Withheld| Settled {
        decided: first,
        targets: d.targets,
        withheld: amount,
        pending: Decimal::ZERO,
        rectification: None,
    };
    let Some(period) = d
        .tranche
        .rectification
        .as_ref()
        .filter(|_| amount > Decimal::ZERO)
    else {
        return at_once(first);
    };
    let by = d
        .evaluated_on
        .0
        .checked_add(jiff::Span::new().days(i64::from(period.days)))
        .map_or(d.evaluated_on, Date);
    match d.reevaluation {
        None => Settled {
            rectification: Some(rectified(
                by,
                Rectified::Pending,
                None,
                amount,
                Decimal::ZERO,
            )),
            pending: amount,
            ..at_once(first)
        },
        Some((_, on)) if on > by => Settled {
            rectification: Some(rectified(
                by,
                Rectified::Late,
                Some(on),
                amount,
                Decimal::ZERO,
            )),
            ..at_once(first)
        },
        Some((targets, on)) => {
            let second = withheld(d.tranche, base, targets);
            let still = second.amount.min(amount);
            let recovered = amount.checked_sub(still).unwrap_or_default();
            let status = if still.is_zero() {
                Rectified::Rectified
            } else if recovered.is_zero() {
                Rectified::NotRectified
            } else {
                Rectified::Partly
            };
            Settled {
                decided: second,
                targets,
                withheld: still,
                pending: Decimal::ZERO,
                rectification: Some(rectified(by, status, Some(on), amount, recovered)),
            }
        }
    }
}

/// Decides one tranche.
pub(crate) fn decide(d: &Decide<'_>) -> TrancheDecision {
    let tranche = d.tranche;
    let amount = tranche.amount.decimal();
    let (grade_share, basis) = grade_share(tranche, d.band, d.grades);
    let base = percent_to_fen(amount, grade_share);
    let Settled {
        decided,
        targets,
        withheld: withheld_amount,
        pending,
        rectification,
    } = settle(d, base);

    let released = base
        .checked_sub(withheld_amount)
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let held = amount.checked_sub(released).unwrap_or_default();
    let status = if pending > Decimal::ZERO {
        Status::Pending
    } else if released >= amount {
        Status::Released
    } else if released.is_zero() {
        Status::Held
    } else {
        Status::Reduced
    };
    let share = released
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(amount))
        .map_or(grade_share, |s| {
            s.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        });
    let grade_named = |id: &Id| {
        d.grades.iter().find(|g| &g.id == id).map_or_else(
            || (id.to_string(), id.clone()),
            |g| (g.name.clone(), g.id.clone()),
        )
    };
    let why = Why {
        grade: d.band.map(|g| (g.name.clone(), g.id.clone())),
        min_grade: tranche.min_grade.as_ref().map(grade_named),
        score: d.score,
        missed: decided
            .missed
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
        floor: decided.floor,
    };
    let mut decision = TrancheDecision {
        id: tranche.id.clone(),
        name: tranche.name.clone(),
        amount: with_cents(amount),
        grade_share: grade_share.normalize(),
        share: share.normalize(),
        released: with_cents(released),
        held: with_cents(held),
        pending: with_cents(pending),
        deducted: with_cents(if decided.missed.is_empty() {
            decided.deducted
        } else {
            Decimal::ZERO
        }),
        status,
        basis,
        missed_targets: decided.missed,
        deductions: decided.deductions,
        rectification,
        reason: String::new(),
        why,
    };
    decision.reason = decision.reason_in(Lang::En);
    decision
}

fn rectified(
    by: Date,
    status: Rectified,
    reevaluated_on: Option<Date>,
    withheld: Decimal,
    recovered: Decimal,
) -> RectificationResult {
    RectificationResult {
        by,
        status,
        reevaluated_on,
        withheld: with_cents(withheld),
        recovered: with_cents(recovered),
    }
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
        let sep = i18n::message("list.sep", lang).unwrap_or(", ");
        if !why.missed.is_empty() {
            let missed: Vec<String> = why.missed.iter().map(|m| m.describe(lang)).collect();
            reason.push_str(&message(
                "evalreport.reason.missed",
                lang,
                &[("targets", &missed.join(sep))],
            ));
        } else if self.deductions.iter().any(|d| d.amount > Decimal::ZERO) {
            let taken: Vec<String> = self
                .deductions
                .iter()
                .filter(|d| d.amount > Decimal::ZERO)
                .map(|d| d.describe(lang))
                .collect();
            reason.push_str(&message(
                "evalreport.reason.deducted",
                lang,
                &[("deductions", &taken.join(sep))],
            ));
            if let Some((percent, amount)) = why.floor {
                reason.push_str(&message(
                    "evalreport.reason.floor",
                    lang,
                    &[
                        ("floor", &percent.normalize().to_string()),
                        ("amount", &grouped(amount)),
                        ("deducted", &grouped(self.deducted)),
                    ],
                ));
            }
        }
        if let Some(r) = &self.rectification {
            let key = match r.status {
                Rectified::Pending => "evalreport.reason.rectify.pending",
                Rectified::Rectified => "evalreport.reason.rectify.rectified",
                Rectified::Partly => "evalreport.reason.rectify.partly",
                Rectified::NotRectified => "evalreport.reason.rectify.not_rectified",
                Rectified::Late => "evalreport.reason.rectify.late",
            };
            let date = |d: Date| {
                crate::render::filters::date(&minijinja::Value::from(d.to_string()), lang)
                    .unwrap_or_else(|_| d.to_string())
            };
            let on = r.reevaluated_on.map(date).unwrap_or_default();
            reason.push_str(&message(
                key,
                lang,
                &[
                    ("by", &date(r.by)),
                    ("on", &on),
                    ("withheld", &grouped(r.withheld)),
                    ("recovered", &grouped(r.recovered)),
                ],
            ));
        }
        reason
    }
}

impl DeductionResult {
    /// `高风险个案少 1 例，每例扣减 9,000.00 元，扣减 9,000.00 元` / `high-risk cases: 1 short × 9,000.00 = 9,000.00`.
    fn describe(&self, lang: Lang) -> String {
        let name = named(&self.name, &self.target, lang);
        let unit = self.unit.clone().unwrap_or_default();
        let shortfall = self.shortfall.normalize().to_string();
        let amount = grouped(self.amount);
        let mut text = match self.per_unit {
            Some(rate) => message(
                "evalreport.deduction.per_unit",
                lang,
                &[
                    ("name", &name),
                    ("shortfall", &shortfall),
                    ("unit", &unit),
                    ("rate", &grouped(rate)),
                    ("amount", &amount),
                ],
            ),
            None => message(
                "evalreport.deduction.proportional",
                lang,
                &[
                    ("name", &name),
                    ("shortfall", &shortfall),
                    ("unit", &unit),
                    ("amount", &amount),
                ],
            ),
        };
        if self.capped {
            text.push_str(&message("evalreport.deduction.capped", lang, &[]));
        }
        text
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
