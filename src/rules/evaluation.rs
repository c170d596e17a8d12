//! The evaluation scheme: points add up, grade bands cover 0–100, clients are heard, the register
//! form is complete.
//!
//! A spec without an `evaluation` section gets one finding, from SV504 (no client contact): the
//! 2012 guidance asks for evaluation by the buyer, the clients and a third party together, and
//! the clients are the voice a missing evaluation loses first. SV501–SV503 and SV505 stay silent
//! then, so one omission is not reported five times.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::integrity::for_each_item;
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::evaluation::{GradeBand, RegisterPartKind};
use crate::spec::indicator::IndicatorKind;

pub static SCHEME_POINTS_MISMATCH: Rule = Rule {
    code: "SV501",
    name: "scheme-points-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(scheme_points_mismatch),
    summary: "evaluation points do not add up: children to their parent, the top level to 100",
    docs: RuleDocs {
        what: "In `evaluation.scheme`, the `points` of each item's `children` add up to the item's own `points`, and the points of the top-level items add up to 100. One finding per item whose children do not add up, and one for the top level. An empty scheme is not checked.",
        why: "An indicator table (评估指标体系) gives each level (一级/二级/三级指标) its points (分值), and the children share out their parent's points; the total is 100 so that the score falls into the grade bands that release payment (民政部/财政部 2012 guidance: payment tied to service quality). Points that do not add up make every grade, and every payment tied to it, wrong.",
        example: "scheme:\n  - id: outputs\n    points: 50\n    children:\n      - {id: s-visits, name: 入户探访, points: 15}\n      - {id: s-cases, name: 个案, points: 30}   # 45, not 50",
        fix: "Change the children's points so that they add up to the parent's (or the parent's to their sum), and the top-level items' to 100.",
    },
};

pub static GRADE_BANDS_GAP_OR_OVERLAP: Rule = Rule {
    code: "SV502",
    name: "grade-bands-gap-or-overlap",
    severity: Severity::Error,
    origin: Origin::Semantic(grade_bands_gap_or_overlap),
    summary: "the grade bands leave a gap or overlap within 0–100",
    docs: RuleDocs {
        what: "`evaluation.grades` are half-open ranges [min, max): `min` is included, `max` excluded, except that a band ending at 100 includes 100. Each band has `min` below `max` and lies within 0–100, and together they cover 0–100 with no gap and no overlap. The finding says which scores fall in no band or in two. Specs without grade bands are not checked.",
        why: "Grades such as Shenzhen's (优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 ≤ 59) decide how much of a tranche is paid. Scores can be fractional, so a band written as 80–89 leaves 89.5 without a grade; a score in no band, or in two, leaves the payment to argument.",
        example: "grades:\n  - {id: pass, name: 合格, min: 60, max: 80}\n  - {id: fail, name: 不合格, min: 0, max: 59}   # 59 to 60 falls in no band",
        fix: "Let each band start where the one below ends (`fail: [0, 60)`, `pass: [60, 80)`), the lowest start at 0 and the highest end at 100.",
    },
};

pub static NO_SATISFACTION_INDICATOR: Rule = Rule {
    code: "SV503",
    name: "no-satisfaction-indicator",
    severity: Severity::Error,
    origin: Origin::Semantic(no_satisfaction_indicator),
    summary: "no client-satisfaction indicator with a target",
    docs: RuleDocs {
        what: "Some indicator has `kind: satisfaction` (服务对象满意度) and a target refers to it. Checked only when the spec has an `evaluation` section; without one, SV504 reports the missing evaluation once.",
        why: "The 民政部/财政部 2012 guidance on purchasing social-work services has the clients evaluate together with the buyer and a third party; common frameworks give satisfaction its own points (e.g. 10 of 100). Without a satisfaction indicator and a target on it, the clients' judgement has no place in the score.",
        example: "indicators:\n  - {id: ind-visits, name: 入户探访老人数, kind: quantity, unit: 人}\n# no indicator with `kind: satisfaction`",
        fix: "Add an indicator with `kind: satisfaction` (e.g. 服务对象满意度, unit %) and a target on it (e.g. `at_least 90`).",
    },
};

pub static NO_CLIENT_CONTACT: Rule = Rule {
    code: "SV504",
    name: "no-client-contact",
    severity: Severity::Error,
    origin: Origin::Semantic(no_client_contact),
    summary: "the evaluation does not contact clients, or there is no evaluation",
    docs: RuleDocs {
        what: "`evaluation.methods` includes a method that reaches clients directly: `client_phone_calls`, `client_interviews` or `surveys`. A spec with no `evaluation` section at all gets this finding once, as the missing evaluation (SV501–SV503 and SV505 stay silent then).",
        why: "In the lecture's Zhuzhou case the third-party evaluator does not stop at the register forms and documents: it phones and interviews clients to check the real effects. The 民政部/财政部 2012 guidance has the clients evaluate together with the buyer and a third party. An evaluation that only reads the provider's papers checks the papers.",
        example: "evaluation:\n  methods: [document_review, site_visit]",
        fix: "Add `client_phone_calls`, `client_interviews` or `surveys` to `evaluation.methods`; if the spec has no `evaluation`, add one with its subjects, scheme, grades and methods.",
    },
};

pub static REGISTER_FORM_INCOMPLETE: Rule = Rule {
    code: "SV505",
    name: "register-form-incomplete",
    severity: Severity::Warning,
    origin: Origin::Semantic(register_form_incomplete),
    summary: "the register form is missing, or lacks or repeats one of its four parts",
    docs: RuleDocs {
        what: "`evaluation.register_form` exists and has each of its four parts exactly once: `client_basics` (探访对象基本情况), `visit_process` (探访经过), `assessment` (评估) and `future_plan` (未来计划). Checked only when the spec has an `evaluation` section; without one, SV504 reports the missing evaluation once.",
        why: "In the lecture's Zhuzhou case a project register form (项目登记表) is opened at approval with these four parts, and the third-party evaluator reviews the forms. A form that lacks a part leaves the evaluator without the record of that step; a repeated part splits one record in two.",
        example: "register_form:\n  title: 项目登记表\n  parts:\n    - {kind: client_basics, title: 探访对象基本情况}\n    - {kind: assessment, title: 评估}",
        fix: "Add the missing parts (and merge repeated ones) so that the form has `client_basics`, `visit_process`, `assessment` and `future_plan`, once each.",
    },
};

pub static EVALUATOR_WEIGHTS_INCOMPLETE: Rule = Rule {
    code: "SV506",
    name: "evaluator-weights-incomplete",
    severity: Severity::Error,
    origin: Origin::Semantic(evaluator_weights_incomplete),
    summary: "some evaluation subjects have a weight and others not, or the weights do not add up to 100",
    docs: RuleDocs {
        what: "In `evaluation.subjects`, either no subject has a `weight` (the project score is then the plain mean of the evaluators' totals) or every subject has one and the weights add up to 100 (the score is their weighted mean). `svcspec evaluate` computes the score this way.",
        why: "The buyer, the clients and a third party evaluate together (民政部/财政部 2012 guidance), and the contract states how much each counts. A subject without a weight beside weighted ones has no defined share of the score, and weights that do not add up to 100 give a different score from the one the contract's percentages promise.",
        example: "subjects:\n  - {id: by-purchaser, kind: purchaser, party: buyer, scope: 过程监督, weight: 20}\n  - {id: by-clients, kind: clients, scope: 满意度}   # no weight\n  - {id: by-evaluator, kind: third_party, party: eval, scope: 综合评估, weight: 60}",
        fix: "Give every subject a `weight` in percent so that they add up to 100 (e.g. 20, 20, 60), or remove all weights for a plain mean.",
    },
};

pub static UNSCORED_SCHEME_ITEM: Rule = Rule {
    code: "SV507",
    name: "unscored-scheme-item",
    severity: Severity::Error,
    origin: Origin::Semantic(unscored_scheme_item),
    summary: "with scoped scoring, a leaf item of the scheme is in no evaluation subject's scope",
    docs: RuleDocs {
        what: "When evaluation subjects name the `items` they score (scoped scoring: clients do not score finance), every leaf item of `evaluation.scheme` is scored by at least one subject: named itself, or through an item above it, or by a subject that names no items (and so scores all).",
        why: "The scheme's points add up to 100, and each item's score is the weighted mean of the subjects that score it: an item no one scores has no score, so the project score could not reach 100 and the grade that pays the tranche would be wrong.",
        example: "subjects:\n  - {id: by-clients, kind: clients, scope: 满意度, items: [satisfaction]}\n  - {id: by-evaluator, kind: third_party, scope: 产出与成效, items: [outputs, outcomes]}\nscheme: [outputs, outcomes, satisfaction, finance]   # finance: no one scores it",
        fix: "Add the item (or an item above it) to a subject's `items`, e.g. finance to the purchaser's or the third party's scope.",
    },
};

pub static RULES: &[&Rule] = &[
    &SCHEME_POINTS_MISMATCH,
    &GRADE_BANDS_GAP_OR_OVERLAP,
    &NO_SATISFACTION_INDICATOR,
    &NO_CLIENT_CONTACT,
    &REGISTER_FORM_INCOMPLETE,
    &EVALUATOR_WEIGHTS_INCOMPLETE,
    &UNSCORED_SCHEME_ITEM,
];

/// A number as written, without trailing zeros.
fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The snake_case key of an enum value, as the spec writes it.
fn key(value: impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Adds up points; `None` on overflow.
fn sum(mut points: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    points.try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// "2 short" or "3 over", for the help.
fn shortfall(sum: Decimal, target: Decimal) -> String {
    if sum < target {
        format!("{} short", num(target - sum))
    } else {
        format!("{} over", num(sum - target))
    }
}

fn scheme_points_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        return;
    };
    if ev.scheme.is_empty() {
        return;
    }
    let hundred = Decimal::ONE_HUNDRED;
    if let Some(total) = sum(ev.scheme.iter().map(|item| item.points.decimal()))
        && total != hundred
    {
        let mut diag = SCHEME_POINTS_MISMATCH
            .diag(format!(
                "the top-level items of the evaluation scheme add up to {} points, not 100",
                num(total)
            ))
            .label_opt(
                cx.node("/evaluation/scheme"),
                format!("top level: {} points", num(total)),
            );
        for (k, item) in ev.scheme.iter().enumerate() {
            diag = diag.label_opt(
                cx.value(&format!("/evaluation/scheme/{k}/points")),
                num(item.points.decimal()),
            );
        }
        out.push(
                diag.help(format!(
                    "make the top-level points add up to 100 (they are {}): the total score decides the grade",
                    shortfall(total, hundred)
                ))
                .pointer("/evaluation/scheme"),
            );
    }
    for_each_item(&ev.scheme, "/evaluation/scheme", &mut |item, pointer| {
        if item.children.is_empty() {
            return;
        }
        let Some(total) = sum(item.children.iter().map(|c| c.points.decimal())) else {
            return;
        };
        let points = item.points.decimal();
        if total == points {
            return;
        }
        let points_ptr = format!("{pointer}/points");
        let mut diag = SCHEME_POINTS_MISMATCH
            .diag(format!(
                "the children of `{}` add up to {} points, not its {}",
                item.id,
                num(total),
                num(points)
            ))
            .label_opt(
                cx.value(&points_ptr),
                format!("`{}`: {} points", item.id, num(points)),
            );
        for (k, child) in item.children.iter().enumerate() {
            diag = diag.label_opt(
                cx.value(&format!("{pointer}/children/{k}/points")),
                num(child.points.decimal()),
            );
        }
        out.push(
            diag.help(format!(
                "the children are {}: change their points to add up to {}, or give `{}` {} points",
                shortfall(total, points),
                num(points),
                item.id,
                num(total)
            ))
            .pointer(points_ptr),
        );
    });
}

/// A band as used for coverage: its index, and its range clipped to 0–100.
struct Band<'a> {
    index: usize,
    band: &'a GradeBand,
    min: Decimal,
    max: Decimal,
}

fn grade_bands_gap_or_overlap(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        return;
    };
    if ev.grades.is_empty() {
        return;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let min_ptr = |i: usize| format!("/evaluation/grades/{i}/min");
    let max_ptr = |i: usize| format!("/evaluation/grades/{i}/max");

    // Each band on its own: not empty, within 0–100.
    let mut bands = Vec::new();
    for (i, g) in ev.grades.iter().enumerate() {
        let (min, max) = (g.min.decimal(), g.max.decimal());
        if min >= max {
            out.push(
                GRADE_BANDS_GAP_OR_OVERLAP
                    .diag(format!(
                        "grade band `{}` is empty: its `min` {} is not below its `max` {}",
                        g.id,
                        num(min),
                        num(max)
                    ))
                    .label_opt(cx.value(&min_ptr(i)), format!("min {}", num(min)))
                    .label_opt(cx.value(&max_ptr(i)), format!("max {}", num(max)))
                    .help("a band covers [min, max): write the lower score as `min` and the higher as `max`")
                    .pointer(min_ptr(i)),
            );
            continue;
        }
        if max > hundred {
            let mut diag = GRADE_BANDS_GAP_OR_OVERLAP
                .diag(format!(
                    "grade band `{}` reaches past 100, to {}",
                    g.id,
                    num(max)
                ))
                .label_opt(cx.value(&max_ptr(i)), "above 100");
            if min >= hundred {
                diag = diag.label_opt(cx.value(&min_ptr(i)), "above 100 too");
            }
            out.push(
                diag.help(
                    "scores run from 0 to 100: end the top band at `max: 100` (it includes 100)",
                )
                .pointer(max_ptr(i)),
            );
            if min >= hundred {
                continue;
            }
        }
        bands.push(Band {
            index: i,
            band: g,
            min,
            max: max.min(hundred),
        });
    }

    // Together: walk up from 0, remembering the band that reaches furthest.
    bands.sort_by_key(|b| (b.min, b.max, b.index));
    let mut cursor = Decimal::ZERO;
    let mut reach: Option<&Band<'_>> = None;
    for b in &bands {
        if b.min > cursor {
            let mut diag = GRADE_BANDS_GAP_OR_OVERLAP.diag(format!(
                "scores from {} to {} fall in no band",
                num(cursor),
                num(b.min)
            ));
            let help = match reach {
                Some(r) => {
                    diag = diag
                        .label_opt(
                            cx.value(&max_ptr(r.index)),
                            format!("`{}` ends at {}", r.band.id, num(r.max)),
                        )
                        .label_opt(
                            cx.value(&min_ptr(b.index)),
                            format!("`{}` starts at {}", b.band.id, num(b.min)),
                        );
                    format!(
                        "bands are half-open [min, max): let `{}` end where `{}` starts (`max: {}`), or `{}` start where `{}` ends (`min: {}`)",
                        r.band.id,
                        b.band.id,
                        num(b.min),
                        b.band.id,
                        r.band.id,
                        num(r.max)
                    )
                }
                None => {
                    diag = diag.label_opt(
                        cx.value(&min_ptr(b.index)),
                        format!("the lowest band starts at {}", num(b.min)),
                    );
                    format!("let the lowest band `{}` start at `min: 0`", b.band.id)
                }
            };
            let pointer = reach.map_or_else(|| min_ptr(b.index), |r| max_ptr(r.index));
            out.push(diag.help(help).pointer(pointer));
        } else if b.min < cursor
            && let Some(r) = reach
        {
            let end = cursor.min(b.max);
            out.push(
                    GRADE_BANDS_GAP_OR_OVERLAP
                        .diag(format!(
                            "scores from {} to {} fall in two bands, `{}` and `{}`",
                            num(b.min),
                            num(end),
                            r.band.id,
                            b.band.id
                        ))
                        .label_opt(
                            cx.value(&min_ptr(b.index)),
                            format!("`{}` starts at {}", b.band.id, num(b.min)),
                        )
                        .label_opt(
                            cx.value(&max_ptr(r.index)),
                            format!("`{}` ends at {}", r.band.id, num(r.max)),
                        )
                        .help(if b.max <= r.max {
                            format!(
                                "`{}` lies wholly inside `{}`: split `{}` around it, or remove one of the two",
                                b.band.id, r.band.id, r.band.id
                            )
                        } else {
                            format!(
                                "bands are half-open [min, max), so one may start exactly where the other ends: let `{}` end at {} or `{}` start at {}",
                                r.band.id,
                                num(b.min),
                                b.band.id,
                                num(r.max)
                            )
                        })
                        .pointer(min_ptr(b.index)),
                );
        }
        if b.max > cursor {
            cursor = b.max;
            reach = Some(b);
        }
    }
    if cursor < hundred {
        let mut diag = GRADE_BANDS_GAP_OR_OVERLAP.diag(format!(
            "scores from {} to 100 fall in no band",
            num(cursor)
        ));
        let (help, pointer) = match reach {
            Some(r) => {
                diag = diag.label_opt(
                    cx.value(&max_ptr(r.index)),
                    format!("the highest band `{}` ends at {}", r.band.id, num(r.max)),
                );
                (
                    format!(
                        "let the highest band `{}` end at `max: 100` (a band ending at 100 includes 100)",
                        r.band.id
                    ),
                    max_ptr(r.index),
                )
            }
            None => {
                diag = diag.label_opt(cx.node("/evaluation/grades"), "no band covers a score");
                (
                    "give the bands ranges within 0–100 that cover it, e.g. `[0, 60)`, `[60, 80)`, `[80, 90)`, `[90, 100]`".to_owned(),
                    "/evaluation/grades".to_owned(),
                )
            }
        };
        out.push(diag.help(help).pointer(pointer));
    }
}

fn no_satisfaction_indicator(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    if spec.evaluation.is_none() {
        return;
    }
    let satisfaction: Vec<(usize, _)> = spec
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == Some(IndicatorKind::Satisfaction))
        .collect();
    let targeted = |id| {
        spec.targets
            .iter()
            .any(|t| t.indicator.as_ref() == Some(id))
    };
    if satisfaction.iter().any(|(_, x)| targeted(&x.id)) {
        return;
    }
    if satisfaction.is_empty() {
        let (span, text) = match cx.node("/indicators") {
            Some(span) => (Some(span), "none of these has `kind: satisfaction`"),
            None => (cx.node("/evaluation"), "the spec has no `indicators`"),
        };
        out.push(
            NO_SATISFACTION_INDICATOR
                .diag("no indicator measures client satisfaction")
                .label_opt(span, text)
                .help("add an indicator with `kind: satisfaction` (服务对象满意度, unit %) and a target on it, e.g. `comparator: at_least`, `value: 90`")
                .pointer("/indicators"),
        );
        return;
    }
    let mut diag = NO_SATISFACTION_INDICATOR.diag(format!(
        "no target is set on the satisfaction indicator{} {}",
        if satisfaction.len() > 1 { "s" } else { "" },
        satisfaction
            .iter()
            .map(|(_, x)| format!("`{}`", x.id))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for (i, _) in &satisfaction {
        diag = diag.label_opt(
            cx.value(&format!("/indicators/{i}/kind")),
            "no target refers to it",
        );
    }
    let first = satisfaction.first().map(|(i, x)| (*i, &x.id));
    if let Some((i, id)) = first {
        out.push(
            diag.help(format!(
                "add a target with `indicator: {id}`, e.g. `comparator: at_least`, `value: 90`, `unit: \"%\"`"
            ))
            .pointer(format!("/indicators/{i}/kind")),
        );
    }
}

fn no_client_contact(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        out.push(
            NO_CLIENT_CONTACT
                .diag("the spec has no evaluation, so nobody asks the clients")
                .label_opt(cx.node("/spec_version"), "the spec lacks `evaluation`")
                .help("add `evaluation:` with its subjects (purchaser, clients, third party), scheme, grades and `methods`, including `client_phone_calls`, `client_interviews` or `surveys`")
                .pointer(""),
        );
        return;
    };
    if ev.methods.iter().any(|m| m.contacts_clients()) {
        return;
    }
    const HELP: &str = "`client_phone_calls`, `client_interviews` or `surveys`: the lecture's Zhuzhou evaluator phones and interviews clients to check real effects";
    if ev.methods.is_empty() {
        out.push(
            NO_CLIENT_CONTACT
                .diag("the evaluation names no method, so none contacts clients")
                .label_opt(
                    cx.nearest("/evaluation/methods"),
                    "no `methods` that reach clients",
                )
                .help(format!("add `methods:` with {HELP}"))
                .pointer("/evaluation/methods"),
        );
        return;
    }
    let names: Vec<String> = ev
        .methods
        .iter()
        .map(|m| format!("`{}`", key(*m)))
        .collect();
    out.push(
        NO_CLIENT_CONTACT
            .diag(format!(
                "no evaluation method contacts clients: the methods are {}",
                names.join(", ")
            ))
            .label_opt(
                cx.value("/evaluation/methods"),
                "none of these reaches clients",
            )
            .help(format!("add {HELP}"))
            .pointer("/evaluation/methods"),
    );
}

fn register_form_incomplete(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        return;
    };
    let all = || {
        RegisterPartKind::ALL
            .iter()
            .map(|k| format!("`{}` ({})", key(*k), k.zh()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(form) = &ev.register_form else {
        out.push(
            REGISTER_FORM_INCOMPLETE
                .diag("the evaluation has no register form (项目登记表)")
                .label_opt(cx.node("/evaluation"), "no `register_form` here")
                .help(format!(
                    "add `register_form:` with a `title` and the four `parts`: {}",
                    all()
                ))
                .pointer("/evaluation"),
        );
        return;
    };
    let parts_ptr = "/evaluation/register_form/parts";
    let missing: Vec<RegisterPartKind> = RegisterPartKind::ALL
        .into_iter()
        .filter(|k| !form.parts.iter().any(|p| p.kind == *k))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|k| format!("`{}` ({})", key(*k), k.zh()))
            .collect();
        let present = RegisterPartKind::ALL.len() - missing.len();
        out.push(
            REGISTER_FORM_INCOMPLETE
                .diag(format!(
                    "the register form lacks {}: {}",
                    if missing.len() == 1 {
                        "a part"
                    } else {
                        "parts"
                    },
                    names.join(", ")
                ))
                .label_opt(cx.nearest(parts_ptr), format!("{present} of the 4 parts"))
                .help(format!(
                    "add {} under `parts`, {} a `title` and its `fields`",
                    names.join(", "),
                    if missing.len() == 1 {
                        "with"
                    } else {
                        "each with"
                    }
                ))
                .pointer(parts_ptr),
        );
    }
    for kind in RegisterPartKind::ALL {
        let at: Vec<usize> = form
            .parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == kind)
            .map(|(i, _)| i)
            .collect();
        if at.len() < 2 {
            continue;
        }
        let kind_ptr = |i: usize| format!("{parts_ptr}/{i}/kind");
        let mut diag = REGISTER_FORM_INCOMPLETE.diag(format!(
            "the register form has the part `{}` ({}) {} times",
            key(kind),
            kind.zh(),
            at.len()
        ));
        for i in at.iter().skip(1) {
            diag = diag.label_opt(cx.value(&kind_ptr(*i)), "again");
        }
        let (first, second) = (at.first().copied(), at.get(1).copied());
        diag = diag.label_opt(first.and_then(|i| cx.value(&kind_ptr(i))), "first");
        let second = second.unwrap_or_default();
        out.push(
            diag.help(format!(
                "merge the `{}` parts into one, with all their fields",
                key(kind)
            ))
            .pointer(kind_ptr(second)),
        );
    }
}

fn evaluator_weights_incomplete(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        return;
    };
    let subjects = &ev.subjects;
    let weighted: Vec<usize> = (0..subjects.len())
        .filter(|&i| subjects.get(i).is_some_and(|s| s.weight.is_some()))
        .collect();
    if weighted.is_empty() {
        return;
    }
    let weight_ptr = |i: usize| format!("/evaluation/subjects/{i}/weight");
    if weighted.len() < subjects.len() {
        for (i, s) in subjects
            .iter()
            .enumerate()
            .filter(|(_, s)| s.weight.is_none())
        {
            let mut diag = EVALUATOR_WEIGHTS_INCOMPLETE
                .diag(format!(
                    "evaluation subject `{}` has no weight, but {} of {} subjects have one",
                    s.id,
                    weighted.len(),
                    subjects.len()
                ))
                .label_opt(
                    cx.value(&format!("/evaluation/subjects/{i}/id")),
                    "no `weight`",
                );
            if let Some(&first) = weighted.first() {
                diag = diag.label_opt(cx.value(&weight_ptr(first)), "weighted");
            }
            out.push(
                diag.help(format!(
                    "add `weight:` to `{}` so that the weights add up to 100, or remove every weight for a plain mean",
                    s.id
                ))
                .pointer(format!("/evaluation/subjects/{i}")),
            );
        }
        return;
    }
    let Some(total) = sum(subjects
        .iter()
        .filter_map(|s| s.weight.map(|w| w.decimal())))
    else {
        return;
    };
    if total == Decimal::ONE_HUNDRED {
        return;
    }
    let mut diag = EVALUATOR_WEIGHTS_INCOMPLETE
        .diag(format!(
            "the weights of the evaluation subjects add up to {}, not 100",
            num(total)
        ))
        .label_opt(
            cx.node("/evaluation/subjects"),
            format!("{} in all", num(total)),
        );
    for (i, s) in subjects.iter().enumerate() {
        if let Some(w) = s.weight {
            diag = diag.label_opt(cx.value(&weight_ptr(i)), num(w.decimal()));
        }
    }
    out.push(
        diag.help(format!(
            "the weights are percentages of the score: make them add up to 100 (they are {})",
            shortfall(total, Decimal::ONE_HUNDRED)
        ))
        .pointer("/evaluation/subjects"),
    );
}

fn unscored_scheme_item(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ev) = &cx.spec.evaluation else {
        return;
    };
    if !ev.is_scoped() || ev.subjects.is_empty() {
        return;
    }
    for_each_item(&ev.scheme, "/evaluation/scheme", &mut |item, pointer| {
        if !item.children.is_empty() || ev.subjects.iter().any(|s| ev.scores(s, &item.id)) {
            return;
        }
        let id_pointer = format!("{pointer}/id");
        let mut diag = UNSCORED_SCHEME_ITEM
            .diag(format!(
                "evaluation item `{}` ({} points) is in no evaluation subject's scope",
                item.id,
                num(item.points.decimal())
            ))
            .label_opt(cx.value(&id_pointer), "scored by no one");
        for (i, s) in ev.subjects.iter().enumerate() {
            diag = diag.label_opt(
                cx.value(&format!("/evaluation/subjects/{i}/items")),
                format!("`{}` scores these", s.id),
            );
        }
        out.push(
            diag.help(format!(
                "add `{}` (or an item above it) to the `items` of the subject that scores it",
                item.id
            ))
            .pointer(id_pointer),
        );
    });
}
