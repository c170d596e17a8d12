//! Dates: everything happens inside the service period, the term respects the limits, the contract is published in time.

use jiff::Unit;

use crate::calendar;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::Spec;
use crate::spec::values::{Date, Id};
use crate::spec::workplan::MilestoneKind;

pub static DATE_OUTSIDE_PERIOD: Rule = Rule {
    code: "SV101",
    name: "date-outside-period",
    severity: Severity::Error,
    origin: Origin::Semantic(date_outside_period),
    summary: "a date of the plan falls outside the service period",
    docs: RuleDocs {
        what: "Every dated thing of the plan falls inside `period`, both ends included: the start and end of activities, phases and target periods, milestone dates, and tranche due dates. Acceptance (履约验收) follows the service, so an `acceptance` milestone and a tranche it gates (the balance, 尾款) may fall after the period, never before it. Each date outside is reported on its own.",
        why: "财政部令第102号 第二十三条 makes the term part of the contract: work, evaluations and payments dated outside it are not covered by the contract, and an evaluation or payment after the term cannot be enforced under it.",
        example: "period: {start: 2016-01-01, end: 2016-12-31}\nmilestones:\n  - id: final\n    kind: final_evaluation\n    name: 末期评估\n    date: 2017-01-15",
        fix: "Move the date inside the period, or, if the service really runs longer, extend `period` (within the term limits).",
    },
};

pub static TERM_TOO_LONG: Rule = Rule {
    code: "SV102",
    name: "term-too-long",
    severity: Severity::Error,
    origin: Origin::Semantic(term_too_long),
    summary: "the service period is longer than one year without a justification, or longer than three years",
    docs: RuleDocs {
        what: "The service period lasts at most one year; up to three years only when `contract.term_justification` is given. One year from a start date ends the day before the same date a year later (2016-01-01 to 2016-12-31, 2011-03-01 to 2012-02-29; from a 29 February, on 28 February). Over three years is always a fault.",
        why: "财政部令第102号 (政府购买服务管理办法, 2020): a purchase contract's term is normally at most one year; it may run up to three years when the service content is fixed and continuous and the budget is secured. The lecture's 项目的持续性困境 is the reason for the exception, not a licence to exceed it.",
        example: "period: {start: 2016-01-01, end: 2017-06-30}\ncontract:\n  amount: 300000   # no term_justification",
        fix: "End the period within one year of its start; or, where the content is fixed and continuous and the budget secured, state so in `contract.term_justification` and keep within three years; split longer work into successive contracts.",
    },
};

pub static FINAL_EVALUATION_MISSING_OR_LATE: Rule = Rule {
    code: "SV103",
    name: "final-evaluation-missing-or-late",
    severity: Severity::Error,
    origin: Origin::Semantic(final_evaluation_missing_or_late),
    summary: "there is no final evaluation, or it is not before the end of the service period",
    docs: RuleDocs {
        what: "`milestones` has a `final_evaluation`, dated before the last day of `period`. The rule asks only for \"before the end\"; Shenzhen's practice, which the help suggests, is one month before the contract ends.",
        why: "The 民政部/财政部 guidance of 2012 ties payment to evaluated service quality; the final tranche and the acceptance (履约验收) depend on the final evaluation, so it must take place while the contract still runs. Shenzhen holds it one month before the contract ends.",
        example: "period: {start: 2016-01-01, end: 2016-12-31}\nmilestones:\n  - id: final\n    kind: final_evaluation\n    name: 末期评估\n    date: 2016-12-31",
        fix: "Add a `final_evaluation` milestone, or move it before the end of the period; about one month before the end leaves time to pay and accept.",
    },
};

pub static LATE_PUBLICATION: Rule = Rule {
    code: "SV104",
    name: "late-publication",
    severity: Severity::Error,
    origin: Origin::Semantic(late_publication),
    summary: "the contract is published more than 2 working days after signing, or before it",
    docs: RuleDocs {
        what: "`contract.published_on` is no earlier than `contract.signed_on` and no later than the second working day after it. Working days follow the Chinese public-holiday calendar (holidays off, make-up weekend days worked) for 2004–2026; for dates outside those years the rule falls back to Monday–Friday and says so in the help. The rule is silent when either date is missing.",
        why: "The government procurement rules require a purchase contract to be published within 2 working days of signing (财政部令第102号 第二十三条 asks for the contract to be published); publication before signing would publish a contract that does not yet exist.",
        example: "contract:\n  signed_on: 2016-02-05      # Friday before the Spring Festival\n  published_on: 2016-02-16   # the 4th working day after",
        fix: "Publish the contract by the second working day after signing (the help gives the date), or correct the dates.",
    },
};

pub static DATES_REVERSED: Rule = Rule {
    code: "SV105",
    name: "dates-reversed",
    severity: Severity::Error,
    origin: Origin::Semantic(dates_reversed),
    summary: "something ends before it starts",
    docs: RuleDocs {
        what: "The end is not before the start in the service period, phases, activities, target periods, and reviewers' declared relations (`from`/`to`). A one-day span (end = start) is fine.",
        why: "A reversed span is a typing error that empties the span: a phase or target period with no days, or a relation whose dates cannot be compared for a conflict of interest.",
        example: "phases:\n  - id: prep\n    stage: preparation\n    name: 前期准备\n    start: 2016-03-01\n    end: 2016-02-01",
        fix: "Swap the two dates, or correct the one that is wrong.",
    },
};

pub static EVALUATIONS_OUT_OF_ORDER: Rule = Rule {
    code: "SV106",
    name: "evaluations-out-of-order",
    severity: Severity::Error,
    origin: Origin::Semantic(evaluations_out_of_order),
    summary: "an evaluation milestone is out of order: a mid-term or periodic evaluation not before the final one, or an acceptance not after it",
    docs: RuleDocs {
        what: "Every `mid_term_evaluation` and `periodic_evaluation` milestone is dated before every `final_evaluation`, and every `acceptance` after every `final_evaluation` (and after every other evaluation).",
        why: "Payment follows evaluation in stages (分批支付, the lecture's Zhuzhou case): the mid-term grade releases the mid-term payment, the final grade the last one, and acceptance (履约验收) rests on the final evaluation's result. A mid-term dated after the final, or an acceptance before it, makes the payment schedule say something other than what is meant, and a reviewer checks these dates by hand.",
        example: "milestones:\n  - {id: mid-term, kind: mid_term_evaluation, name: 中期评估, date: 2016-12-05}\n  - {id: final, kind: final_evaluation, name: 末期评估, date: 2016-11-30}",
        fix: "Correct the dates (or the kinds): mid-term and periodic evaluations before the final evaluation, acceptance after it.",
    },
};

pub static RULES: &[&Rule] = &[
    &DATE_OUTSIDE_PERIOD,
    &TERM_TOO_LONG,
    &FINAL_EVALUATION_MISSING_OR_LATE,
    &LATE_PUBLICATION,
    &DATES_REVERSED,
    &EVALUATIONS_OUT_OF_ORDER,
];

/// A date of the plan, with what it is the date of.
struct Dated {
    /// e.g. "activity `visits`".
    what: String,
    /// e.g. "starts on", "falls due on".
    verb: &'static str,
    date: Date,
    pointer: String,
    /// Whether the date may fall after the period: acceptance, and a payment it gates.
    after_service: bool,
}

/// Every date of the plan that must fall inside the service period, in document order.
fn plan_dates(spec: &Spec) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut add = |what: &str, verb, date, pointer: String, after_service| {
        out.push(Dated {
            what: what.to_owned(),
            verb,
            date,
            pointer,
            after_service,
        });
    };
    for (i, a) in spec.activities.iter().enumerate() {
        let what = format!("activity `{}`", a.id);
        if let Some(start) = a.start {
            add(
                &what,
                "starts on",
                start,
                format!("/activities/{i}/start"),
                false,
            );
        }
        if let Some(end) = a.end {
            add(&what, "ends on", end, format!("/activities/{i}/end"), false);
        }
    }
    for (i, t) in spec.targets.iter().enumerate() {
        if let Some(period) = &t.period {
            let what = format!("the period of target `{}`", t.id);
            let p = format!("/targets/{i}/period");
            add(
                &what,
                "starts on",
                period.start,
                format!("{p}/start"),
                false,
            );
            add(&what, "ends on", period.end, format!("{p}/end"), false);
        }
    }
    for (i, p) in spec.phases.iter().enumerate() {
        let what = format!("phase `{}`", p.id);
        add(
            &what,
            "starts on",
            p.start,
            format!("/phases/{i}/start"),
            false,
        );
        add(&what, "ends on", p.end, format!("/phases/{i}/end"), false);
    }
    let is_acceptance = |id: Option<&Id>| {
        id.and_then(|id| spec.milestones.iter().find(|m| &m.id == id))
            .is_some_and(|m| m.kind == MilestoneKind::Acceptance)
    };
    for (i, m) in spec.milestones.iter().enumerate() {
        let what = format!("milestone `{}`", m.id);
        let pointer = format!("/milestones/{i}/date");
        add(
            &what,
            "is dated",
            m.date,
            pointer,
            m.kind == MilestoneKind::Acceptance,
        );
    }
    for (i, t) in spec
        .contract
        .iter()
        .flat_map(|c| c.tranches.iter())
        .enumerate()
    {
        let what = format!("tranche `{}`", t.id);
        let pointer = format!("/contract/tranches/{i}/due");
        add(
            &what,
            "falls due on",
            t.due,
            pointer,
            is_acceptance(t.milestone.as_ref()),
        );
    }
    out
}

fn date_outside_period(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let period = cx.spec.period;
    if period.end < period.start {
        return; // SV105 reports it; every date would be outside an empty period.
    }
    for d in plan_dates(cx.spec) {
        let (side, bound, bound_pointer, bound_label) = if d.date < period.start {
            (
                "before",
                period.start,
                "/period/start",
                "the service period starts here",
            )
        } else if d.date > period.end && !d.after_service {
            (
                "after",
                period.end,
                "/period/end",
                "the service period ends here",
            )
        } else {
            continue;
        };
        let edge = if side == "before" { "starts" } else { "ends" };
        out.push(
            DATE_OUTSIDE_PERIOD
                .diag(format!(
                    "{} {} `{}`, {side} the service period {edge} on `{bound}`",
                    d.what, d.verb, d.date
                ))
                .label_opt(cx.value(&d.pointer), format!("{side} `{bound}`"))
                .label_opt(cx.value(bound_pointer), bound_label)
                .help(format!(
                    "the service period (`period`) runs from `{}` to `{}`: move the date inside it, or extend the period if the service really runs longer",
                    period.start, period.end
                ))
                .pointer(d.pointer),
        );
    }
}

/// The last day of a term of `years` years from `start`: the day before the same date `years`
/// later (a term from 29 February ends on 28 February). `None` when that lies past the last
/// representable date, so no real end can exceed it.
pub fn last_day_of_term(start: Date, years: i16) -> Option<Date> {
    let s = start.0;
    let year = s.year().checked_add(years)?;
    let last = match jiff::civil::Date::new(year, s.month(), s.day()) {
        Ok(anniversary) => anniversary.yesterday().ok()?,
        // Only 29 February lacks its anniversary: the term ends on 28 February.
        Err(_) => jiff::civil::Date::new(year, 2, 28).ok()?,
    };
    Some(Date(last))
}

/// How long a span of days lasts, both ends included, e.g. "1 year and 2 months".
fn length(start: Date, end: Date) -> String {
    let Ok(after) = end.0.tomorrow() else {
        return format!("from `{start}` to `{end}`");
    };
    let Ok(span) = start.0.until((Unit::Year, after)) else {
        return format!("from `{start}` to `{end}`");
    };
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let parts: Vec<String> = [
        (i64::from(span.get_years()), "year"),
        (i64::from(span.get_months()), "month"),
        (i64::from(span.get_days()), "day"),
    ]
    .into_iter()
    .filter(|&(n, _)| n != 0)
    .map(|(n, unit)| plural(n, unit))
    .collect();
    match parts.as_slice() {
        [] => "0 days".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn term_too_long(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let period = cx.spec.period;
    if period.end < period.start {
        return; // SV105
    }
    let Some(one_year) = last_day_of_term(period.start, 1) else {
        return;
    };
    if period.end <= one_year {
        return;
    }
    let justification = cx
        .spec
        .contract
        .as_ref()
        .and_then(|c| c.term_justification.as_deref())
        .filter(|j| !j.trim().is_empty());
    let three_years = last_day_of_term(period.start, 3);
    let long = length(period.start, period.end);
    match three_years {
        Some(limit) if period.end > limit => out.push(
            TERM_TOO_LONG
                .diag(format!(
                    "the service period lasts {long}, longer than three years"
                ))
                .label_opt(cx.value("/period/end"), format!("three years end on `{limit}`"))
                .label_opt(cx.value("/period/start"), "the term starts here")
                .label_opt(
                    justification.and(cx.value("/contract/term_justification")),
                    "allows at most three years",
                )
                .help(format!(
                    "end the period by `{limit}` at the latest (three years, 财政部令第102号), and buy the rest in a successive contract"
                ))
                .pointer("/period/end"),
        ),
        _ if justification.is_none() => out.push(
            TERM_TOO_LONG
                .diag(format!(
                    "the service period lasts {long}, longer than one year, and no `term_justification` is given"
                ))
                .label_opt(cx.value("/period/end"), format!("one year ends on `{one_year}`"))
                .label_opt(cx.value("/period/start"), "the term starts here")
                .label_opt(
                    cx.spec.contract.as_ref().and(cx.node("/contract")),
                    "no `term_justification` here",
                )
                .help(format!(
                    "end the period by `{one_year}`; or, if the content is fixed and continuous and the budget secured, say so in `contract.term_justification` (up to three years, 财政部令第102号)"
                ))
                .pointer("/period/end"),
        ),
        _ => {}
    }
}

fn final_evaluation_missing_or_late(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let period = cx.spec.period;
    let month_before = period
        .end
        .0
        .checked_sub(jiff::Span::new().months(1))
        .ok()
        .map(Date);
    let practice = match month_before {
        Some(d) => format!("Shenzhen's practice is one month before the end, about `{d}`"),
        None => "Shenzhen's practice is one month before the end".to_owned(),
    };
    let finals: Vec<(usize, Date)> = cx
        .spec
        .milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MilestoneKind::FinalEvaluation)
        .map(|(i, m)| (i, m.date))
        .collect();
    if finals.is_empty() {
        let (span, label) = if cx.spec.milestones.is_empty() {
            (cx.value("/period/end"), "the service period ends here")
        } else {
            (cx.node("/milestones"), "no `final_evaluation` among these")
        };
        out.push(
            FINAL_EVALUATION_MISSING_OR_LATE
                .diag("the plan has no final evaluation")
                .label_opt(span, label)
                .help(format!(
                    "add a milestone of kind `final_evaluation` before `{}`, the end of the service period; {practice}",
                    period.end
                ))
                .pointer(if cx.spec.milestones.is_empty() {
                    "/period/end"
                } else {
                    "/milestones"
                }),
        );
        return;
    }
    for (i, date) in finals {
        if date < period.end {
            continue;
        }
        let id = cx.spec.milestones.get(i).map_or("", |m| m.id.as_str());
        let when = if date == period.end {
            "on the last day of the service period"
        } else {
            "after the service period ends"
        };
        let pointer = format!("/milestones/{i}/date");
        out.push(
            FINAL_EVALUATION_MISSING_OR_LATE
                .diag(format!("final evaluation `{id}` is dated `{date}`, {when}"))
                .label_opt(cx.value(&pointer), "not before the end")
                .label_opt(cx.value("/period/end"), "the service period ends here")
                .help(format!(
                    "hold the final evaluation before `{}` so that the last payment and the acceptance can follow it; {practice}",
                    period.end
                ))
                .pointer(pointer),
        );
    }
}

/// How many working days the procurement rules allow between signing and publication.
const PUBLISH_WITHIN: u32 = 2;

fn late_publication(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let (Some(signed), Some(published)) = (contract.signed_on, contract.published_on) else {
        return;
    };
    if published < signed {
        out.push(
            LATE_PUBLICATION
                .diag(format!(
                    "the contract is published on `{published}`, before it is signed on `{signed}`"
                ))
                .label_opt(cx.value("/contract/published_on"), "before signing")
                .label_opt(cx.value("/contract/signed_on"), "signed here")
                .help("a contract is published after it is signed, within 2 working days: correct one of the dates")
                .pointer("/contract/published_on"),
        );
        return;
    }
    let Some((deadline, deadline_covered)) =
        calendar::nth_working_day_after(signed.0, PUBLISH_WITHIN)
    else {
        return;
    };
    if published.0 <= deadline {
        return;
    }
    let taken = calendar::working_days_after(signed.0, published.0);
    let make_up = if calendar::is_weekday(deadline) {
        ""
    } else {
        " (a make-up working day, 调休)"
    };
    let mut help =
        format!("publish the contract by `{deadline}`, the 2nd working day after signing{make_up}");
    if !(deadline_covered && taken.covered) {
        help.push_str(&format!(
            "; the holiday calendar covers {}–{}, so outside those years Monday to Friday were counted as working days, without public holidays",
            calendar::FIRST_YEAR,
            calendar::LAST_YEAR
        ));
    }
    out.push(
        LATE_PUBLICATION
            .diag(format!(
                "the contract is published {} working days after signing, more than {PUBLISH_WITHIN}",
                taken.count
            ))
            .label_opt(
                cx.value("/contract/published_on"),
                format!("{} working days after signing", taken.count),
            )
            .label_opt(cx.value("/contract/signed_on"), "signed here")
            .help(help)
            .pointer("/contract/published_on"),
    );
}

/// A span of the spec with both ends written.
struct Span2 {
    what: String,
    start: Date,
    end: Date,
    /// Pointer of the mapping that holds the two dates.
    pointer: String,
    start_key: &'static str,
    end_key: &'static str,
}

fn spans(spec: &Spec) -> Vec<Span2> {
    let mut out = Vec::new();
    let mut add =
        |what: String, start, end, pointer: String, keys: (&'static str, &'static str)| {
            out.push(Span2 {
                what,
                start,
                end,
                pointer,
                start_key: keys.0,
                end_key: keys.1,
            });
        };
    let se = ("start", "end");
    for (i, r) in spec.parties.reviewers.iter().enumerate() {
        for (j, rel) in r.relations.iter().enumerate() {
            if let (Some(from), Some(to)) = (rel.from, rel.to) {
                add(
                    format!("the relation of reviewer `{}` with `{}`", r.id, rel.with),
                    from,
                    to,
                    format!("/parties/reviewers/{i}/relations/{j}"),
                    ("from", "to"),
                );
            }
        }
    }
    add(
        "the service period".to_owned(),
        spec.period.start,
        spec.period.end,
        "/period".to_owned(),
        se,
    );
    for (i, a) in spec.activities.iter().enumerate() {
        if let (Some(start), Some(end)) = (a.start, a.end) {
            add(
                format!("activity `{}`", a.id),
                start,
                end,
                format!("/activities/{i}"),
                se,
            );
        }
    }
    for (i, t) in spec.targets.iter().enumerate() {
        if let Some(p) = &t.period {
            add(
                format!("the period of target `{}`", t.id),
                p.start,
                p.end,
                format!("/targets/{i}/period"),
                se,
            );
        }
    }
    for (i, p) in spec.phases.iter().enumerate() {
        add(
            format!("phase `{}`", p.id),
            p.start,
            p.end,
            format!("/phases/{i}"),
            se,
        );
    }
    out
}

fn dates_reversed(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in spans(cx.spec) {
        if s.end >= s.start {
            continue;
        }
        let end_pointer = format!("{}/{}", s.pointer, s.end_key);
        let start_pointer = format!("{}/{}", s.pointer, s.start_key);
        out.push(
            DATES_REVERSED
                .diag(format!(
                    "{} ends on `{}`, before it starts on `{}`",
                    s.what, s.end, s.start
                ))
                .label_opt(cx.value(&end_pointer), "before the start")
                .label_opt(cx.value(&start_pointer), "starts here")
                .help(format!(
                    "`{}` must not be before `{}`: swap the two dates, or correct the wrong one",
                    s.end_key, s.start_key
                ))
                .pointer(end_pointer),
        );
    }
}

fn evaluations_out_of_order(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let milestones = &cx.spec.milestones;
    let of_kind = |kind: MilestoneKind| {
        milestones
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.kind == kind)
    };
    let evaluations = || {
        milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind.is_evaluation())
    };
    for (f, last) in of_kind(MilestoneKind::FinalEvaluation) {
        for (i, m) in evaluations() {
            if m.kind == MilestoneKind::FinalEvaluation || m.date < last.date {
                continue;
            }
            let pointer = format!("/milestones/{i}/date");
            out.push(
                EVALUATIONS_OUT_OF_ORDER
                    .diag(format!(
                        "evaluation `{}` is dated `{}`, not before the final evaluation `{}` on `{}`",
                        m.id, m.date, last.id, last.date
                    ))
                    .label_opt(cx.value(&pointer), "not before the final evaluation")
                    .label_opt(cx.value(&format!("/milestones/{f}/date")), "the final evaluation")
                    .help("a mid-term or periodic evaluation comes before the final one: correct the date, or the kind")
                    .pointer(pointer),
            );
        }
    }
    for (a, acceptance) in of_kind(MilestoneKind::Acceptance) {
        // The latest evaluation that is not before the acceptance, if any.
        let Some((i, m)) = evaluations()
            .filter(|(_, m)| m.date >= acceptance.date)
            .max_by_key(|(_, m)| m.date)
        else {
            continue;
        };
        let pointer = format!("/milestones/{a}/date");
        out.push(
            EVALUATIONS_OUT_OF_ORDER
                .diag(format!(
                    "acceptance `{}` is dated `{}`, not after evaluation `{}` on `{}`",
                    acceptance.id, acceptance.date, m.id, m.date
                ))
                .label_opt(cx.value(&pointer), "not after the evaluation")
                .label_opt(cx.value(&format!("/milestones/{i}/date")), "evaluated here")
                .help("acceptance (履约验收) rests on the final evaluation's result: date it after every evaluation")
                .pointer(pointer),
        );
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date(date(y, m, day))
    }

    /// One year ends the day before the anniversary; from 29 February, on 28 February.
    #[test]
    fn one_year_term() {
        assert_eq!(last_day_of_term(d(2016, 1, 1), 1), Some(d(2016, 12, 31)));
        assert_eq!(last_day_of_term(d(2011, 3, 1), 1), Some(d(2012, 2, 29)));
        assert_eq!(last_day_of_term(d(2010, 3, 1), 1), Some(d(2011, 2, 28)));
        assert_eq!(last_day_of_term(d(2012, 2, 29), 1), Some(d(2013, 2, 28)));
        assert_eq!(last_day_of_term(d(2012, 2, 29), 4), Some(d(2016, 2, 28)));
        assert_eq!(last_day_of_term(d(2016, 4, 1), 3), Some(d(2019, 3, 31)));
        assert_eq!(last_day_of_term(d(9999, 1, 1), 1), None);
    }

    /// Lengths read as a person would say them.
    #[test]
    fn lengths() {
        assert_eq!(length(d(2016, 1, 1), d(2016, 12, 31)), "1 year");
        assert_eq!(length(d(2016, 1, 1), d(2017, 2, 28)), "1 year and 2 months");
        assert_eq!(
            length(d(2016, 1, 1), d(2017, 3, 1)),
            "1 year, 2 months and 1 day"
        );
        assert_eq!(length(d(2016, 1, 1), d(2016, 1, 1)), "1 day");
    }
}
