//! Staged payment: every tranche after the first is gated by an evaluation and falls due after it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::contract::Tranche;
use crate::spec::evaluation::GradeBand;
use crate::spec::values::{Date, Id};
use crate::spec::workplan::Milestone;

pub static UNGATED_TRANCHE: Rule = Rule {
    code: "SV301",
    name: "ungated-tranche",
    severity: Severity::Error,
    origin: Origin::Semantic(ungated_tranche),
    summary: "a tranche after the first is not gated by an evaluation and a minimum grade",
    docs: RuleDocs {
        what: "Every tranche after the first (in list order) names a `milestone` that is an evaluation (`periodic_evaluation`, `mid_term_evaluation` or `final_evaluation`) and a `min_grade`, and is not paid `on_signing`. The first tranche may be an advance on signing or gated.",
        why: "The 民政部/财政部 guidance of 2012 ties payment to service quality, and the lecture's Zhuzhou case pays in stages by evaluation result (分批支付), not at once: a tranche that no evaluation releases is paid whatever the service was.",
        example: "tranches:\n  - {id: first, name: 首期款, share: 30, amount: 90000, due: 2016-01-15, on_signing: true}\n  - {id: second, name: 二期款, share: 70, amount: 210000, due: 2016-07-15}",
        fix: "Gate the tranche: `milestone:` the id of the evaluation that releases it, and `min_grade:` the lowest grade that does.",
    },
};

pub static TRANCHE_DUE_BEFORE_MILESTONE: Rule = Rule {
    code: "SV302",
    name: "tranche-due-before-milestone",
    severity: Severity::Error,
    origin: Origin::Semantic(tranche_due_before_milestone),
    summary: "a gated tranche falls due on or before the milestone that releases it",
    docs: RuleDocs {
        what: "A tranche that names a `milestone` falls due strictly after that milestone's date.",
        why: "A tranche gated by an evaluation is paid according to its grade (分批支付 in the lecture's Zhuzhou case; payment tied to quality in the 2012 guidance); due on or before the evaluation, it would be paid before the grade is known.",
        example: "milestones:\n  - {id: mid-term, kind: mid_term_evaluation, name: 中期评估, date: 2016-06-30}\ncontract:\n  tranches:\n    - {id: second, ..., due: 2016-06-15, milestone: mid-term, min_grade: pass}",
        fix: "Make the tranche fall due after the evaluation (a week or two, to grade and approve), or gate it by an earlier evaluation.",
    },
};

pub static RELEASE_TABLE_INCOMPLETE: Rule = Rule {
    code: "SV303",
    name: "release-table-incomplete",
    severity: Severity::Error,
    origin: Origin::Semantic(release_table_incomplete),
    summary: "a tranche's release table misses or repeats a grade, or contradicts its minimum grade",
    docs: RuleDocs {
        what: "Where a tranche has a `release` table, it lists every grade band of `evaluation.grades` exactly once; the tranche's `min_grade` releases more than 0%; and every grade below `min_grade` (grades ordered by their `min`) releases 0%.",
        why: "The release table is the payment clause that turns an evaluation grade into money (the 2012 guidance ties payment to quality; the Zhuzhou case pays by result). A grade it leaves out has no payment rule, a repeated grade has two, and a table that pays below the minimum grade, or nothing at it, contradicts the tranche's own condition.",
        example: "min_grade: pass\nrelease:\n  - {grade: excellent, share: 100}\n  - {grade: pass, share: 0}\n  - {grade: fail, share: 50}   # `good` is missing",
        fix: "List each grade once; give the minimum grade a share above 0 and every grade below it 0.",
    },
};

pub static RULES: &[&Rule] = &[
    &UNGATED_TRANCHE,
    &TRANCHE_DUE_BEFORE_MILESTONE,
    &RELEASE_TABLE_INCOMPLETE,
];

/// The milestone an id names, with its index.
fn milestone<'s>(cx: &Context<'s>, id: &Id) -> Option<(usize, &'s Milestone)> {
    cx.spec
        .milestones
        .iter()
        .enumerate()
        .find(|(_, m)| m.id == *id)
}

/// The grade bands of the evaluation, possibly none.
fn grades<'s>(cx: &Context<'s>) -> &'s [GradeBand] {
    cx.spec
        .evaluation
        .as_ref()
        .map_or(&[], |e| e.grades.as_slice())
}

/// The evaluation milestone to suggest for a tranche: the latest one before it falls due, or
/// the first one at all.
fn suggested_evaluation<'s>(cx: &Context<'s>, due: Date) -> Option<&'s Milestone> {
    let evaluations = || cx.spec.milestones.iter().filter(|m| m.kind.is_evaluation());
    evaluations()
        .filter(|m| m.date < due)
        .max_by_key(|m| m.date)
        .or_else(|| evaluations().next())
}

/// The grade to suggest as a minimum: the lowest band that does not start at 0.
fn suggested_grade<'s>(cx: &Context<'s>) -> Option<&'s GradeBand> {
    grades(cx)
        .iter()
        .filter(|g| !g.min.decimal().is_zero())
        .min_by_key(|g| g.min)
}

fn ungated_tranche(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    for (i, t) in contract.tranches.iter().enumerate().skip(1) {
        let base = format!("/contract/tranches/{i}");
        let id_pointer = format!("{base}/id");
        if t.on_signing {
            out.push(
                UNGATED_TRANCHE
                    .diag(format!(
                        "tranche `{}` is paid on signing, but only the first tranche may be",
                        t.id
                    ))
                    .label_opt(cx.value(&format!("{base}/on_signing")), "only the first tranche")
                    .label_opt(cx.value(&id_pointer), format!("tranche {} of {}", i + 1, contract.tranches.len()))
                    .help("remove `on_signing` and gate the tranche by an evaluation (`milestone`, `min_grade`), or make it the first tranche")
                    .pointer(format!("{base}/on_signing")),
            );
        }
        let gate = t.milestone.as_ref().and_then(|id| milestone(cx, id));
        let gate_is_evaluation = gate.is_some_and(|(_, m)| m.kind.is_evaluation());
        if gate_is_evaluation && t.min_grade.is_some() {
            continue;
        }
        out.push(gating_finding(cx, t, &base, gate));
    }
}

/// The finding for a later tranche that lacks an evaluation milestone or a minimum grade.
fn gating_finding(
    cx: &Context<'_>,
    t: &Tranche,
    base: &str,
    gate: Option<(usize, &Milestone)>,
) -> Diagnostic {
    let id_pointer = format!("{base}/id");
    let no_grade = t.min_grade.is_none();
    let grade_hint = suggested_grade(cx).map_or_else(
        || "`min_grade:` the lowest grade that releases it".to_owned(),
        |g| {
            format!(
                "`min_grade:` the lowest grade that releases it (e.g. `{}`)",
                g.id
            )
        },
    );
    let milestone_hint = suggested_evaluation(cx, t.due).map_or_else(
        || "`milestone:` the id of an evaluation milestone (add one under `milestones`)".to_owned(),
        |m| {
            format!(
                "`milestone:` the evaluation that releases it (e.g. `{}`)",
                m.id
            )
        },
    );
    let and_grade = if no_grade { ", no `min_grade`" } else { "" };
    match (t.milestone.as_ref(), gate) {
        (Some(mid), Some((j, m))) if !m.kind.is_evaluation() => {
            let kind = kind_name(cx, j);
            UNGATED_TRANCHE
                .diag(format!(
                    "tranche `{}` is gated by `{mid}`, which is not an evaluation",
                    t.id
                ))
                .label_opt(
                    cx.value(&id_pointer),
                    format!("gated by no evaluation{and_grade}"),
                )
                .label_opt(cx.value(&format!("{base}/milestone")), "gated here")
                .label_opt(
                    cx.value(&format!("/milestones/{j}/kind")),
                    format!("kind `{kind}`, not an evaluation"),
                )
                .help(if no_grade {
                    format!("name {milestone_hint}, and {grade_hint}")
                } else {
                    format!("name {milestone_hint}")
                })
                .pointer(id_pointer)
        }
        (Some(_), Some(_)) => UNGATED_TRANCHE
            .diag(format!("tranche `{}` names no minimum grade", t.id))
            .label_opt(cx.value(&id_pointer), "no `min_grade`")
            .label_opt(
                cx.value(&format!("{base}/milestone")),
                "evaluated here, but at which grade is it paid?",
            )
            .help(format!("add {grade_hint}"))
            .pointer(id_pointer),
        _ => UNGATED_TRANCHE
            .diag(format!("tranche `{}` is not gated by an evaluation", t.id))
            .label_opt(cx.value(&id_pointer), format!("no `milestone`{and_grade}"))
            .help(if no_grade {
                format!("add {milestone_hint}, and {grade_hint}")
            } else {
                format!("add {milestone_hint}")
            })
            .pointer(id_pointer),
    }
}

/// The kind of milestone `j` as the spec writes it (`acceptance`).
fn kind_name(cx: &Context<'_>, j: usize) -> String {
    cx.spec
        .milestones
        .get(j)
        .and_then(|m| serde_json::to_value(m.kind).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "non-evaluation".to_owned())
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn tranche_due_before_milestone(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    for (i, t) in contract.tranches.iter().enumerate() {
        let Some((j, m)) = t.milestone.as_ref().and_then(|id| milestone(cx, id)) else {
            continue;
        };
        if t.due > m.date {
            continue;
        }
        let when = if t.due == m.date {
            format!("on the day of its milestone `{}`", m.id)
        } else {
            format!("before its milestone `{}` on `{}`", m.id, m.date)
        };
        let due_pointer = format!("/contract/tranches/{i}/due");
        out.push(
            TRANCHE_DUE_BEFORE_MILESTONE
                .diag(format!("tranche `{}` falls due on `{}`, {when}", t.id, t.due))
                .label_opt(cx.value(&due_pointer), "due before the grade is known")
                .label_opt(
                    cx.value(&format!("/milestones/{j}/date")),
                    format!("`{}` is held here", m.id),
                )
                .help(format!(
                    "make the tranche fall due after `{}`, once the grade is known, or gate it by an earlier evaluation",
                    m.date
                ))
                .pointer(due_pointer),
        );
    }
}

fn release_table_incomplete(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let bands = grades(cx);
    if bands.is_empty() {
        return;
    }
    let band = |id: &Id| bands.iter().enumerate().find(|(_, g)| g.id == *id);
    for (i, t) in contract.tranches.iter().enumerate() {
        if t.release.is_empty() {
            continue;
        }
        let base = format!("/contract/tranches/{i}");
        // Each grade once.
        for (j, entry) in t.release.iter().enumerate() {
            let Some(k) = t
                .release
                .iter()
                .take(j)
                .position(|e| e.grade == entry.grade)
            else {
                continue;
            };
            let pointer = format!("{base}/release/{j}/grade");
            out.push(
                RELEASE_TABLE_INCOMPLETE
                    .diag(format!(
                        "the release table of tranche `{}` lists grade `{}` twice",
                        t.id, entry.grade
                    ))
                    .label_opt(cx.value(&pointer), "listed again")
                    .label_opt(
                        cx.value(&format!("{base}/release/{k}/grade")),
                        "first listed here",
                    )
                    .help("keep one entry per grade: remove one of the two")
                    .pointer(pointer),
            );
        }
        // Every grade.
        let missing: Vec<(usize, &GradeBand)> = bands
            .iter()
            .enumerate()
            .filter(|(_, g)| !t.release.iter().any(|e| e.grade == g.id))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|(_, g)| format!("`{}`", g.id)).collect();
            let noun = if missing.len() == 1 {
                "grade"
            } else {
                "grades"
            };
            let mut diag = RELEASE_TABLE_INCOMPLETE
                .diag(format!(
                    "the release table of tranche `{}` does not list {noun} {}",
                    t.id,
                    and_list(&names)
                ))
                .label_opt(
                    cx.node(&format!("{base}/release")),
                    format!("no {}", and_list(&names)),
                );
            for (g, _) in &missing {
                diag = diag.label_opt(
                    cx.value(&format!("/evaluation/grades/{g}/id")),
                    "not in the release table",
                );
            }
            out.push(
                diag.help(format!(
                    "add an entry for each grade, e.g. `- {{grade: {}, share: 0}}` for a grade that releases nothing",
                    missing.first().map_or("", |(_, g)| g.id.as_str())
                ))
                .pointer(format!("{base}/release")),
            );
        }
        // Consistent with the minimum grade.
        let Some(min_id) = &t.min_grade else {
            continue;
        };
        let Some((_, min_band)) = band(min_id) else {
            continue;
        };
        let min_pointer = format!("{base}/min_grade");
        for (j, entry) in t.release.iter().enumerate() {
            let Some((_, g)) = band(&entry.grade) else {
                continue;
            };
            let share_pointer = format!("{base}/release/{j}/share");
            let zero = entry.share.decimal().is_zero();
            if g.id == min_band.id && zero {
                out.push(
                    RELEASE_TABLE_INCOMPLETE
                        .diag(format!(
                            "tranche `{}` releases nothing at its minimum grade `{}`",
                            t.id, g.id
                        ))
                        .label_opt(cx.value(&share_pointer), "0%")
                        .label_opt(cx.value(&min_pointer), "the lowest grade that releases it")
                        .help(format!(
                            "give `{}` a share above 0, or raise `min_grade` to the lowest grade that does release money",
                            g.id
                        ))
                        .pointer(share_pointer),
                );
            } else if g.min < min_band.min && !zero {
                out.push(
                    RELEASE_TABLE_INCOMPLETE
                        .diag(format!(
                            "tranche `{}` releases {} at grade `{}`, below its minimum grade `{}`",
                            t.id, entry.share, g.id, min_band.id
                        ))
                        .label_opt(
                            cx.value(&share_pointer),
                            format!("{} below the minimum grade", entry.share),
                        )
                        .label_opt(cx.value(&min_pointer), "the lowest grade that releases it")
                        .help(format!(
                            "set the share of `{}` to 0, or lower `min_grade` to `{}`",
                            g.id, g.id
                        ))
                        .pointer(share_pointer),
                );
            }
        }
    }
}
