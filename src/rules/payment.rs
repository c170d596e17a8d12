//! Staged payment: every tranche after the first is gated by an evaluation and falls due after it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::Spec;
use crate::spec::contract::{Deduction, Tranche};
use crate::spec::evaluation::GradeBand;
use crate::spec::indicator::Target;
use crate::spec::values::{Comparator, Date, Id};
use crate::spec::workplan::{Milestone, MilestoneKind};

pub static UNGATED_TRANCHE: Rule = Rule {
    code: "SV301",
    name: "ungated-tranche",
    severity: Severity::Error,
    origin: Origin::Semantic(ungated_tranche),
    summary: "a tranche other than the advance is not gated by an evaluation (and a minimum grade) or an acceptance",
    docs: RuleDocs {
        what: "The advance is the tranche paid `on_signing` (at most one, falling due first), or, when none is marked, the tranche that falls due first; the order of the list does not matter. Every other tranche names a `milestone` that is an evaluation (`periodic_evaluation`, `mid_term_evaluation` or `final_evaluation`) with a `min_grade`, or an `acceptance` (履约验收) that follows an evaluation (the balance paid on acceptance, 尾款; a `min_grade` then applies to the grade of the last evaluation before it).",
        why: "The 民政部/财政部 guidance of 2012 ties payment to service quality, and the lecture's Zhuzhou case pays in stages by evaluation result (分批支付), not at once: a tranche that no evaluation releases is paid whatever the service was.",
        example: "tranches:\n  - {id: first, name: 首期款, share: 30, amount: 90000, due: 2016-01-15, on_signing: true}\n  - {id: second, name: 二期款, share: 70, amount: 210000, due: 2016-07-15}",
        fix: "Gate the tranche: `milestone:` the id of the evaluation that releases it, and `min_grade:` the lowest grade that does; or the acceptance milestone, for the balance paid on acceptance. Mark only the advance `on_signing`.",
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

pub static GRADUATED_PAYMENT_INCONSISTENT: Rule = Rule {
    code: "SV304",
    name: "graduated-payment-inconsistent",
    severity: Severity::Error,
    origin: Origin::Semantic(graduated_payment_inconsistent),
    summary: "a tranche's deductions, floor or rectification cannot be applied as written",
    docs: RuleDocs {
        what: "Each of a tranche's `deductions` gives exactly one way to deduct: `per_unit` (yuan per unit short) or `proportional: true`; a per-unit deduction is set on an `at_least`, `at_most` or `exactly` target, a proportional one on an `at_least` target; a target is deducted once, and not both deducted and required (`requires_targets`, which holds the whole tranche); a `floor` goes with deductions, and `rectification` with deductions or required targets.",
        why: "Graduated payment is the contract's breach clause in numbers (扣减, not withholding the whole tranche): \"每少 1 例扣减 3,000 元\" needs a number of units short, which only a bound target has; a target both required and deducted would be punished twice; a floor or a rectification period that nothing can trigger is a clause without effect. The evaluator must be able to work out every deduction by hand from the contract alone.",
        example: "deductions:\n  - {target: satisfaction, per_unit: 2000, proportional: true}\nrequires_targets: [satisfaction]",
        fix: "Give each deduction one way to deduct, on a target bound from below (or above, per unit); drop the target from `requires_targets` if it is deducted; remove a floor or rectification that nothing triggers.",
    },
};

pub static TARGET_NOT_JUDGED_AT_GATE: Rule = Rule {
    code: "SV305",
    name: "target-not-judged-at-gate",
    severity: Severity::Error,
    origin: Origin::Semantic(target_not_judged_at_gate),
    summary: "a tranche requires or deducts a target that the milestone deciding it does not judge",
    docs: RuleDocs {
        what: "Every target in a tranche's `requires_targets` and `deductions` is judged at the milestone that decides the tranche: the tranche's evaluation milestone (or, for a tranche gated by acceptance, the last evaluation before it), as the target's own `milestone` (by default the final evaluation) or through an `interim` value for it.",
        why: "A target is judged at the evaluation it belongs to: the mid-term shows an interim value, not the annual one. A mid-term payment held for a yearly target that the mid-term does not judge would be decided on half a year's work against a year's target, or never decided at all.",
        example: "targets:\n  - {id: cases, name: 个案, comparator: at_least, value: 30}      # judged at the final evaluation\ncontract:\n  tranches:\n    - {id: mid, ..., milestone: mid-term, min_grade: pass, requires_targets: [cases]}",
        fix: "Give the target an interim value for that milestone (`interim: [{milestone: mid-term, value: 15}]`), or require it of the tranche its own milestone decides.",
    },
};

pub static RULES: &[&Rule] = &[
    &UNGATED_TRANCHE,
    &TRANCHE_DUE_BEFORE_MILESTONE,
    &RELEASE_TABLE_INCOMPLETE,
    &GRADUATED_PAYMENT_INCONSISTENT,
    &TARGET_NOT_JUDGED_AT_GATE,
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

/// The index of the advance: the tranche paid on signing that falls due first, else the one
/// that falls due first (the earlier listed on a tie).
fn advance(tranches: &[Tranche]) -> Option<usize> {
    let first_due = |on_signing: bool| {
        tranches
            .iter()
            .enumerate()
            .filter(|(_, t)| t.on_signing || !on_signing)
            .min_by_key(|(i, t)| (t.due, *i))
            .map(|(i, _)| i)
    };
    first_due(true).or_else(|| first_due(false))
}

fn ungated_tranche(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let tranches = &contract.tranches;
    let Some(advance) = advance(tranches) else {
        return;
    };
    let first_due = tranches.iter().map(|t| t.due).min();
    for (i, t) in tranches.iter().enumerate() {
        let base = format!("/contract/tranches/{i}");
        if i == advance {
            if let Some(first) = first_due.filter(|first| t.due > *first) {
                out.push(
                    UNGATED_TRANCHE
                        .diag(format!(
                            "tranche `{}` is paid on signing but falls due on `{}`, after another tranche falls due on `{first}`",
                            t.id, t.due
                        ))
                        .label_opt(cx.value(&format!("{base}/on_signing")), "paid on signing")
                        .label_opt(cx.value(&format!("{base}/due")), "not the first to fall due")
                        .help("the advance on signing falls due first: correct its due date, or gate the tranche that falls due before it")
                        .pointer(format!("{base}/due")),
                );
            }
            continue;
        }
        if t.on_signing {
            out.push(
                UNGATED_TRANCHE
                    .diag(format!(
                        "tranche `{}` is paid on signing, but tranche `{}` is the advance",
                        t.id,
                        tranches.get(advance).map_or("", |a| a.id.as_str())
                    ))
                    .label_opt(cx.value(&format!("{base}/on_signing")), "a second advance")
                    .label_opt(
                        cx.value(&format!("/contract/tranches/{advance}/on_signing")),
                        "the advance",
                    )
                    .help("only one tranche is paid on signing: remove `on_signing` and gate this one by an evaluation (`milestone`, `min_grade`)")
                    .pointer(format!("{base}/on_signing")),
            );
        }
        let gate = t.milestone.as_ref().and_then(|id| milestone(cx, id));
        match gate {
            Some((_, m)) if m.kind.is_evaluation() && t.min_grade.is_some() => continue,
            Some((_, m))
                if m.kind == MilestoneKind::Acceptance
                    && evaluation_before(cx.spec, m).is_some() =>
            {
                continue;
            }
            Some((j, m)) if m.kind == MilestoneKind::Acceptance => {
                out.push(
                    UNGATED_TRANCHE
                        .diag(format!(
                            "tranche `{}` is gated by acceptance `{}`, which no evaluation precedes",
                            t.id, m.id
                        ))
                        .label_opt(cx.value(&format!("{base}/milestone")), "gated here")
                        .label_opt(
                            cx.value(&format!("/milestones/{j}/date")),
                            "no evaluation before this date",
                        )
                        .help("acceptance rests on the final evaluation's result: add a `final_evaluation` milestone before the acceptance")
                        .pointer(format!("{base}/milestone")),
                );
                continue;
            }
            _ => out.push(gating_finding(cx, t, &base, gate)),
        }
    }
}

/// The evaluation that an acceptance relies on: the last one dated before it.
fn evaluation_before<'s>(spec: &'s Spec, acceptance: &Milestone) -> Option<&'s Milestone> {
    spec.milestones
        .iter()
        .filter(|m| m.kind.is_evaluation() && m.date < acceptance.date)
        .max_by_key(|m| m.date)
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

/// The target an id names, with its index.
fn target<'s>(spec: &'s Spec, id: &Id) -> Option<(usize, &'s Target)> {
    spec.targets.iter().enumerate().find(|(_, t)| t.id == *id)
}

fn graduated_payment_inconsistent(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    for (i, t) in contract.tranches.iter().enumerate() {
        let base = format!("/contract/tranches/{i}");
        for (j, d) in t.deductions.iter().enumerate() {
            deduction_faults(cx, t, &base, j, d, out);
        }
        if t.floor.is_some() && t.deductions.is_empty() {
            out.push(
                GRADUATED_PAYMENT_INCONSISTENT
                    .diag(format!(
                        "tranche `{}` has a `floor` but no deductions",
                        t.id
                    ))
                    .label_opt(cx.node(&format!("{base}/floor")), "nothing to stop at")
                    .help("a floor limits deductions: add `deductions`, or remove the floor")
                    .pointer(format!("{base}/floor")),
            );
        }
        if t.rectification.is_some() && t.deductions.is_empty() && t.requires_targets.is_empty() {
            out.push(
                GRADUATED_PAYMENT_INCONSISTENT
                    .diag(format!(
                        "tranche `{}` has a rectification period but neither required targets nor deductions",
                        t.id
                    ))
                    .label_opt(cx.node(&format!("{base}/rectification")), "nothing to rectify")
                    .help("rectification holds what missed targets withhold: add `requires_targets` or `deductions`, or remove it")
                    .pointer(format!("{base}/rectification")),
            );
        }
    }
}

/// The faults of one deduction of a tranche: no way or two ways to deduct, a target without a
/// shortfall to count, a target also required, or deducted twice.
fn deduction_faults(
    cx: &Context<'_>,
    t: &Tranche,
    base: &str,
    j: usize,
    d: &Deduction,
    out: &mut Vec<Diagnostic>,
) {
    let at = format!("{base}/deductions/{j}");
    let ways = usize::from(d.per_unit.is_some()) + usize::from(d.proportional);
    if ways != 1 {
        let (message, help) = if ways == 0 {
            (
                "says neither how much per unit (`per_unit`) nor `proportional: true`",
                "add `per_unit: <yuan per unit short>`, or `proportional: true`",
            )
        } else {
            (
                "gives both `per_unit` and `proportional`",
                "keep one of the two ways to deduct",
            )
        };
        out.push(
            GRADUATED_PAYMENT_INCONSISTENT
                .diag(format!(
                    "the deduction for target `{}` of tranche `{}` {message}",
                    d.target, t.id
                ))
                .label_opt(cx.node(&at), "how much?")
                .help(help)
                .pointer(at.clone()),
        );
    }
    if let Some((k, target)) = target(cx.spec, &d.target) {
        let allowed = if d.proportional {
            matches!(target.comparator, Comparator::AtLeast)
        } else {
            matches!(
                target.comparator,
                Comparator::AtLeast | Comparator::AtMost | Comparator::Exactly
            )
        };
        if !allowed {
            let way = if d.proportional {
                "in proportion to its shortfall"
            } else {
                "per unit short"
            };
            out.push(
                    GRADUATED_PAYMENT_INCONSISTENT
                        .diag(format!(
                            "target `{}` cannot be deducted {way}: its comparator has no shortfall to count",
                            d.target
                        ))
                        .label_opt(cx.value(&format!("{at}/target")), "deducted here")
                        .label_opt(cx.value(&format!("/targets/{k}/comparator")), "this comparator")
                        .help(if d.proportional {
                            "deduct in proportion only for an `at_least` target; use `per_unit` otherwise"
                        } else {
                            "deduct per unit for an `at_least`, `at_most` or `exactly` target"
                        })
                        .pointer(format!("{at}/target")),
                );
        }
    }
    if let Some(r) = t.requires_targets.iter().position(|x| *x == d.target) {
        out.push(
                GRADUATED_PAYMENT_INCONSISTENT
                    .diag(format!(
                        "tranche `{}` both requires and deducts target `{}`",
                        t.id, d.target
                    ))
                    .label_opt(cx.value(&format!("{at}/target")), "deducted")
                    .label_opt(cx.value(&format!("{base}/requires_targets/{r}")), "and required")
                    .help("a required target holds the whole tranche when missed; a deducted one takes only its deduction: keep one")
                    .pointer(format!("{at}/target")),
            );
    }
    if let Some(first) = t
        .deductions
        .iter()
        .take(j)
        .position(|x| x.target == d.target)
    {
        out.push(
            GRADUATED_PAYMENT_INCONSISTENT
                .diag(format!(
                    "tranche `{}` deducts target `{}` twice",
                    t.id, d.target
                ))
                .label_opt(cx.value(&format!("{at}/target")), "again")
                .label_opt(
                    cx.value(&format!("{base}/deductions/{first}/target")),
                    "first here",
                )
                .help("keep one deduction per target")
                .pointer(format!("{at}/target")),
        );
    }
}

/// The evaluation milestone that decides a tranche: its own, or for a tranche gated by
/// acceptance, the last evaluation before the acceptance.
pub fn deciding_milestone<'s>(spec: &'s Spec, tranche: &Tranche) -> Option<&'s Milestone> {
    let gate = spec
        .milestones
        .iter()
        .find(|m| Some(&m.id) == tranche.milestone.as_ref())?;
    if gate.kind.is_evaluation() {
        return Some(gate);
    }
    if gate.kind != MilestoneKind::Acceptance {
        return None;
    }
    evaluation_before(spec, gate)
}

fn target_not_judged_at_gate(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    for (i, t) in contract.tranches.iter().enumerate() {
        let base = format!("/contract/tranches/{i}");
        let decided = deciding_milestone(cx.spec, t);
        let required = t
            .requires_targets
            .iter()
            .enumerate()
            .map(|(j, id)| (id, format!("{base}/requires_targets/{j}"), "requires"));
        let deducted = t.deductions.iter().enumerate().map(|(j, d)| {
            (
                &d.target,
                format!("{base}/deductions/{j}/target"),
                "deducts",
            )
        });
        for (id, pointer, verb) in required.chain(deducted) {
            let Some((k, target)) = target(cx.spec, id) else {
                continue;
            };
            let Some(m) = decided else {
                out.push(
                    TARGET_NOT_JUDGED_AT_GATE
                        .diag(format!(
                            "tranche `{}` {verb} target `{id}`, but no evaluation decides the tranche",
                            t.id
                        ))
                        .label_opt(cx.value(&pointer), "judged when?")
                        .help("gate the tranche by the evaluation that judges the target (`milestone`), or drop the target from it")
                        .pointer(pointer),
                );
                continue;
            };
            if cx.spec.judged_at(target, &m.id).is_some() {
                continue;
            }
            let own = cx
                .spec
                .target_milestone(target)
                .map_or_else(|| "no evaluation".to_owned(), |o| format!("`{o}`"));
            out.push(
                TARGET_NOT_JUDGED_AT_GATE
                    .diag(format!(
                        "tranche `{}` {verb} target `{id}`, which `{}` does not judge (it is judged at {own})",
                        t.id, m.id
                    ))
                    .label_opt(cx.value(&pointer), format!("not judged at `{}`", m.id))
                    .label_opt(cx.value(&format!("/targets/{k}/id")), "no value for that milestone")
                    .help(format!(
                        "give target `{id}` an interim value for `{}` (`interim: [{{milestone: {}, value: …}}]`), or require it of the tranche {own} decides",
                        m.id, m.id
                    ))
                    .pointer(pointer),
            );
        }
    }
}
