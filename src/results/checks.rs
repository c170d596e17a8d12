//! Faults of a results file against its spec (SV8xx): ids the spec does not know, scores out of
//! range or missing, counts that contradict each other. Each finding sits at its line in the
//! results file; `evaluate` computes nothing while one of the errors stands.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::results::model::{Actual, Results};
use crate::results::targets::{Measure, measure};
use crate::rules::payment::deciding_milestone;
use crate::rules::{Origin, Rule, RuleDocs};
use crate::span_index::SpanIndex;
use crate::spec::Spec;
use crate::spec::evaluation::{SchemeItem, leaves};
use crate::spec::indicator::Target;
use crate::spec::values::Id;
use crate::spec::workplan::Milestone;
use crate::suggest::did_you_mean;

pub static RESULTS_FOR_ANOTHER_PROJECT: Rule = Rule {
    code: "SV801",
    name: "results-for-another-project",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "the results file names another project than the spec",
    docs: RuleDocs {
        what: "The results file's `project` is the `project.id` of the spec it is evaluated against.",
        why: "Scores and counts of one project read against another's targets and tranches would release money on the wrong contract.",
        example: "# svcspec evaluate specs/zhuzhou-elderly.yaml --results r.yaml\nproject: shanghai-hospice",
        fix: "Evaluate the results against the spec they were written for, or correct `project`.",
    },
};

pub static UNKNOWN_MILESTONE: Rule = Rule {
    code: "SV802",
    name: "unknown-milestone",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "the milestone is not an evaluation milestone of the spec",
    docs: RuleDocs {
        what: "`milestone` is the id of a milestone of the spec whose kind is an evaluation (`periodic_evaluation`, `mid_term_evaluation` or `final_evaluation`).",
        why: "Tranches are gated by evaluation milestones (分批支付 by evaluation result, in the lecture's Zhuzhou case); results for a milestone the spec does not have, or for one that is no evaluation, gate nothing.",
        example: "milestone: midterm   # the spec's id is `mid-term`",
        fix: "Write the id of one of the spec's evaluation milestones.",
    },
};

pub static UNKNOWN_TARGET: Rule = Rule {
    code: "SV803",
    name: "unknown-target",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "an actual value is given for a target the spec does not have",
    docs: RuleDocs {
        what: "Every key of `actuals` is the id of a target of the spec.",
        why: "A count filed under a misspelt id is silently lost, and the target it was meant for reads as not recorded, which can hold a tranche.",
        example: "actuals:\n  visit: 240   # the target is `visits`",
        fix: "Use the target's id as the spec writes it under `targets`.",
    },
};

pub static UNKNOWN_EVALUATOR: Rule = Rule {
    code: "SV804",
    name: "unknown-evaluator",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "scores are given by an evaluator the spec does not name",
    docs: RuleDocs {
        what: "Every key of `scores` is the id of an evaluation subject of the spec (`evaluation.subjects`).",
        why: "The project score combines the evaluators the contract names, with the weights it gives them (evaluation by the buyer, the clients and a third party together, 民政部/财政部 2012 guidance). Scores from anyone else have no weight and no standing.",
        example: "scores:\n  third-party: {...}   # the subject's id is `by-evaluator`",
        fix: "Use the id of the evaluation subject as the spec writes it under `evaluation.subjects`.",
    },
};

pub static UNKNOWN_SCHEME_ITEM: Rule = Rule {
    code: "SV805",
    name: "unknown-scheme-item",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a score is given for an item the evaluation scheme does not have",
    docs: RuleDocs {
        what: "Every item scored under `scores.<evaluator>` is the id of an item of the spec's `evaluation.scheme`.",
        why: "A score filed under a misspelt id is lost from the total, and the item it was meant for reads as unscored.",
        example: "scores:\n  by-evaluator:\n    s-visit: 15   # the item is `s-visits`",
        fix: "Use the item's id as the spec writes it under `evaluation.scheme`.",
    },
};

pub static SCORE_ON_PARENT_ITEM: Rule = Rule {
    code: "SV806",
    name: "score-on-parent-item",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a score is given for an item that has children, not for its leaf items",
    docs: RuleDocs {
        what: "Scores are given for leaf items of the evaluation scheme only (三级指标 where there are three levels); a parent's score is the sum of its leaves'.",
        why: "A score on a parent would count its points twice, or replace the leaf scores that the indicator table (评估指标体系) asks for, with their evidence (需提供材料).",
        example: "scores:\n  by-evaluator:\n    outputs: 48   # `outputs` has children: score `s-visits`, `s-cases`…",
        fix: "Score each leaf item under the parent instead; svcspec adds them up.",
    },
};

pub static SCORE_ABOVE_POINTS: Rule = Rule {
    code: "SV807",
    name: "score-above-points",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a score is above the points of its item",
    docs: RuleDocs {
        what: "Each score lies between 0 and the item's `points` (分值). A negative score is refused by the schema (SV020).",
        why: "The items' points add up to 100 so that the score falls into the grade bands that release payment; a score above an item's points inflates the grade and the money released.",
        example: "scores:\n  by-evaluator:\n    s-visits: 17   # the item has 15 points",
        fix: "Give a score from 0 to the item's points.",
    },
};

pub static MISSING_SCORE: Rule = Rule {
    code: "SV808",
    name: "missing-score",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "an evaluator gives no score for a leaf item, or no evaluator scores at all",
    docs: RuleDocs {
        what: "`scores` has at least one evaluator, and each evaluator scores every leaf item of the evaluation scheme in its scope (every leaf, unless the spec's subject names the `items` it scores; 0 is a score; leaving the item out is not).",
        why: "A missing score would count as 0 and lower the grade without anyone deciding so; an evaluator who did not assess an item must say so with a score.",
        example: "scores:\n  by-clients:\n    satisfaction-score: 9\n    # no score for s-visits, s-cases, …",
        fix: "Add the missing items with their scores (0 where nothing was delivered).",
    },
};

pub static REPEATED_PERSON: Rule = Rule {
    code: "SV809",
    name: "repeated-person",
    severity: Severity::Warning,
    origin: Origin::Results,
    summary: "a person code is listed twice for a target of distinct individuals: counted once",
    docs: RuleDocs {
        what: "In the list of person codes of a target with `distinct_individuals_of`, each code appears once. A repeat is counted once and reported at its line.",
        why: "The lecture's Zhuzhou target is 240 elders visited in a year, and no elder visited twice counts twice (不能重复): repeats are how a register form overstates the count, and the evaluator checks them by phoning clients.",
        example: "actuals:\n  visits: [ZZ-0001, ZZ-0002, ZZ-0001]   # 2 distinct elders, not 3",
        fix: "Remove the repeated entries, or correct a mistyped code; the count already ignores repeats.",
    },
};

pub static SUBSET_ACTUAL_EXCEEDS_PARENT: Rule = Rule {
    code: "SV810",
    name: "subset-actual-exceeds-parent",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a subset target's actual value exceeds its parent's, or lists people its parent does not",
    docs: RuleDocs {
        what: "For a target with `subset_of`, its actual value is at most the parent target's actual value; where both are lists of person codes, every code of the subset is in the parent's list.",
        why: "Special-service cases are part of the cases (5例以上 within 35位以上, in the lecture's Zhuzhou case): more special cases than cases, or a special case that is not a case, means one of the two counts is wrong.",
        example: "actuals:\n  cases: 30\n  special-cases: 34   # part of `cases`",
        fix: "Correct the count that is wrong, or add the missing people to the parent's list.",
    },
};

pub static MISSING_REQUIRED_ACTUAL: Rule = Rule {
    code: "SV811",
    name: "missing-required-actual",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a target that a tranche of this milestone requires has no actual value",
    docs: RuleDocs {
        what: "Every target named in `requires_targets` of a tranche gated by the milestone has an entry under `actuals`.",
        why: "Whether the tranche is paid depends on that target; without its actual value the decision would rest on a guess.",
        example: "# tranche final-payment: milestone: final, requires_targets: [visits, cases]\nmilestone: final\nactuals:\n  cases: 36   # no `visits`",
        fix: "Add the target's actual value under `actuals`: a number, or the list of person codes.",
    },
};

pub static FRACTIONAL_PERSON_COUNT: Rule = Rule {
    code: "SV812",
    name: "fractional-person-count",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a count of distinct individuals is not a whole number",
    docs: RuleDocs {
        what: "The actual value of a target with `distinct_individuals_of`, when given as a number, is a whole number.",
        why: "People are counted once each: 219.5 elders visited is a typing error, and comparing it with the target would hide it.",
        example: "actuals:\n  visits: 219.5",
        fix: "Write the whole count, or the list of person codes.",
    },
};

pub static ACTUAL_EXCEEDS_POPULATION: Rule = Rule {
    code: "SV813",
    name: "actual-exceeds-population",
    severity: Severity::Warning,
    origin: Origin::Results,
    summary: "more distinct people are counted than the client group holds",
    docs: RuleDocs {
        what: "The actual value of a target with `distinct_individuals_of` is at most the `population` of that client group, where the spec gives one.",
        why: "Counting more distinct elders than live in the service area means people from outside the group are counted, or the population estimate is stale; either way the target's achievement is in doubt.",
        example: "# client group isolated-elders: population 620\nactuals:\n  visits: 650",
        fix: "Check the list for people outside the client group; if the population has grown, update it in the spec.",
    },
};

pub static UNSCORED_EVALUATOR: Rule = Rule {
    code: "SV814",
    name: "unscored-evaluator",
    severity: Severity::Warning,
    origin: Origin::Results,
    summary: "an evaluator the spec names gives no scores: the score combines the others",
    docs: RuleDocs {
        what: "Every evaluation subject of the spec has an entry under `scores`. One that has none is left out: the score is the mean (or weighted mean, over the remaining weights) of the others.",
        why: "The 民政部/财政部 2012 guidance has the buyer, the clients and a third party evaluate together; a score without one of them is not the score the contract describes.",
        example: "# subjects: by-purchaser (20), by-clients (20), by-evaluator (60)\nscores:\n  by-evaluator: {...}",
        fix: "Add the missing evaluator's scores; if it truly did not take part, record why in `opinion`.",
    },
};

pub static SCORE_OUTSIDE_SCOPE: Rule = Rule {
    code: "SV815",
    name: "score-outside-scope",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "an evaluator scores an item outside its scope",
    docs: RuleDocs {
        what: "Where an evaluation subject names the `items` it scores (scoped scoring), its scores in the results file are for leaf items within them only.",
        why: "Scoped scoring is part of the contract: clients score satisfaction and the services they received, not the provider's finances. A score outside an evaluator's scope would enter the weighted mean of an item the contract does not let it judge.",
        example: "# by-clients scores [satisfaction]\nscores:\n  by-clients: {satisfaction: 9, s-finance: 4}",
        fix: "Remove the score, or, if the evaluator does score the item, add it to the subject's `items` in the spec.",
    },
};

pub static ACTUAL_OF_WRONG_KIND: Rule = Rule {
    code: "SV816",
    name: "actual-of-wrong-kind",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "an actual value has a form the target cannot take: scores for a count, or a list of people for a change from baseline",
    docs: RuleDocs {
        what: "Pre-test and post-test scores by person code (`CODE: [pre, post]`) are the actual of a target with `change`; such a target otherwise takes a number (the share improved). A list of person codes is the actual of a target that counts people, not of a change target.",
        why: "A change target counts the share of participants who improved by the stated points: svcspec computes it from each participant's two scores. Scores given for a count, or a list of names for a change, cannot be read as what the target promises, and the payment that depends on it would rest on a guess.",
        example: "# target cases counts people\nactuals:\n  cases: {Y-001: [40, 48]}",
        fix: "Give a count or a list of person codes for a count; pre/post scores (or the share improved) for a change target.",
    },
};

pub static REEVALUATION_MISMATCH: Rule = Rule {
    code: "SV817",
    name: "reevaluation-mismatch",
    severity: Severity::Error,
    origin: Origin::Results,
    summary: "a re-evaluation after rectification does not match the evaluation it re-evaluates",
    docs: RuleDocs {
        what: "A results file given with `--reevaluation` names the evaluation it re-evaluates (`reevaluation_of`, the `evaluated_on` date of the file given with `--results`), is for the same milestone, is dated (`evaluated_on`) after it, and has no `scores` (the grade stands). A file with `reevaluation_of` is not itself the evaluation given with `--results`.",
        why: "Rectification (整改) holds what missed targets withheld until a re-evaluation (复评) within the period: only the re-evaluation of that very evaluation, after it, can release or forfeit it.",
        example: "# evaluate --results final.yaml (evaluated_on: 2026-11-28) --reevaluation recheck.yaml\nreevaluation_of: 2026-11-20",
        fix: "Write `reevaluation_of:` with the first evaluation's date and the same `milestone`, date the re-evaluation after it, and leave `scores` out.",
    },
};

pub static RULES: &[&Rule] = &[
    &RESULTS_FOR_ANOTHER_PROJECT,
    &UNKNOWN_MILESTONE,
    &UNKNOWN_TARGET,
    &UNKNOWN_EVALUATOR,
    &UNKNOWN_SCHEME_ITEM,
    &SCORE_ON_PARENT_ITEM,
    &SCORE_ABOVE_POINTS,
    &MISSING_SCORE,
    &REPEATED_PERSON,
    &SUBSET_ACTUAL_EXCEEDS_PARENT,
    &MISSING_REQUIRED_ACTUAL,
    &FRACTIONAL_PERSON_COUNT,
    &ACTUAL_EXCEEDS_POPULATION,
    &UNSCORED_EVALUATOR,
    &SCORE_OUTSIDE_SCOPE,
    &ACTUAL_OF_WRONG_KIND,
    &REEVALUATION_MISMATCH,
];

/// What the checks read: the spec, the results and where each node of the results file is.
struct Cx<'a> {
    spec: &'a Spec,
    results: &'a Results,
    index: &'a SpanIndex,
}

/// Every fault of results against their spec, collected; the milestone, when it is a known
/// evaluation milestone.
pub fn check<'s>(
    spec: &'s Spec,
    results: &Results,
    index: &SpanIndex,
) -> (Vec<Diagnostic>, Option<&'s Milestone>) {
    let cx = Cx {
        spec,
        results,
        index,
    };
    let mut out = Vec::new();
    project(&cx, &mut out);
    let milestone = milestone(spec, &cx, &mut out);
    actuals(&cx, milestone, &mut out);
    if results.reevaluation_of.is_some() {
        reevaluation_scores(&cx, &mut out);
    } else {
        scores(&cx, &mut out);
    }
    (out, milestone)
}

/// The faults of a re-evaluation against the evaluation it re-evaluates (`first`), placed in
/// the re-evaluation's file; and of a file with `reevaluation_of` given as the evaluation.
pub fn check_reevaluation(
    first: &Results,
    first_index: &SpanIndex,
    second: Option<(&Results, &SpanIndex)>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut in_first = Vec::new();
    let mut in_second = Vec::new();
    if let Some(date) = first.reevaluation_of {
        in_first.push(
            REEVALUATION_MISMATCH
                .diag(format!(
                    "this file re-evaluates the evaluation of `{date}`: it is not an evaluation itself"
                ))
                .label_opt(first_index.node("/reevaluation_of"), "a re-evaluation")
                .help("give the evaluation with `--results` and this file with `--reevaluation`")
                .pointer("/reevaluation_of"),
        );
    }
    let Some((second, index)) = second else {
        return (in_first, in_second);
    };
    let mut fault = |pointer: &str, message: String, help: String| {
        in_second.push(
            REEVALUATION_MISMATCH
                .diag(message)
                .label_opt(
                    index
                        .node(pointer)
                        .or_else(|| index.key("/results_version")),
                    "here",
                )
                .help(help)
                .pointer(pointer),
        );
    };
    let first_date = first
        .evaluated_on
        .map_or_else(|| "its `evaluated_on`".to_owned(), |d| format!("`{d}`"));
    match (second.reevaluation_of, first.evaluated_on) {
        (None, _) => fault(
            "/reevaluation_of",
            "a re-evaluation does not say which evaluation it re-evaluates".to_owned(),
            format!("add `reevaluation_of:` with the date of the evaluation, {first_date}"),
        ),
        (Some(of), Some(first_on)) if of != first_on => fault(
            "/reevaluation_of",
            format!(
                "this re-evaluates the evaluation of `{of}`, but the evaluation given is of `{first_on}`"
            ),
            format!(
                "write `reevaluation_of: {first_on}`, or give the evaluation of `{of}` with `--results`"
            ),
        ),
        (Some(_), None) => fault(
            "/reevaluation_of",
            "the evaluation given with `--results` has no `evaluated_on` date to re-evaluate"
                .to_owned(),
            "date the evaluation (`evaluated_on`): the rectification period runs from it"
                .to_owned(),
        ),
        _ => {}
    }
    if second.milestone != first.milestone {
        fault(
            "/milestone",
            format!(
                "this re-evaluates milestone `{}`, but the evaluation is of `{}`",
                second.milestone, first.milestone
            ),
            format!(
                "a re-evaluation is of the same milestone: `milestone: {}`",
                first.milestone
            ),
        );
    }
    match (second.evaluated_on, first.evaluated_on) {
        (None, _) => fault(
            "/evaluated_on",
            "the re-evaluation has no `evaluated_on` date".to_owned(),
            "date it: the rectification period decides whether it counts".to_owned(),
        ),
        (Some(on), Some(first_on)) if on <= first_on => fault(
            "/evaluated_on",
            format!("the re-evaluation is dated `{on}`, not after the evaluation on `{first_on}`"),
            "a re-evaluation follows the rectification: correct the date".to_owned(),
        ),
        _ => {}
    }
    (in_first, in_second)
}

/// `a`, `b` and `c` as a list of ticked ids.
fn ticked<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "did you mean `x`?", or the list of the ids that are allowed.
fn suggest(wrong: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(wrong, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => format!("the spec has no {what}"),
        None => format!(
            "the {what} of the spec are: {}",
            ticked(known.iter().copied())
        ),
    }
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn project(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let (wanted, found) = (&cx.spec.project.id, &cx.results.project);
    if wanted != found {
        out.push(
            RESULTS_FOR_ANOTHER_PROJECT
                .diag(format!(
                    "these results are for project `{found}`, but the spec is project `{wanted}`"
                ))
                .label_opt(
                    cx.index.value("/project"),
                    format!("the spec is `{wanted}`"),
                )
                .help(format!(
                    "evaluate them against the spec of `{found}`, or write `project: {wanted}`"
                ))
                .pointer("/project"),
        );
    }
}

fn milestone<'s>(spec: &'s Spec, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) -> Option<&'s Milestone> {
    let id = &cx.results.milestone;
    let evaluations: Vec<&str> = spec
        .milestones
        .iter()
        .filter(|m| m.kind.is_evaluation())
        .map(|m| m.id.as_str())
        .collect();
    let span = cx.index.value("/milestone");
    match spec.milestones.iter().find(|m| &m.id == id) {
        Some(m) if m.kind.is_evaluation() => Some(m),
        Some(m) => {
            let kind = serde_json::to_value(m.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            out.push(
                UNKNOWN_MILESTONE
                    .diag(format!(
                        "milestone `{id}` is not an evaluation (its kind is `{kind}`)"
                    ))
                    .label_opt(span, "not an evaluation")
                    .help(suggest("", &evaluations, "evaluation milestones"))
                    .pointer("/milestone"),
            );
            None
        }
        None => {
            out.push(
                UNKNOWN_MILESTONE
                    .diag(format!("the spec has no milestone `{id}`"))
                    .label_opt(span, "no such milestone")
                    .help(suggest(id.as_str(), &evaluations, "evaluation milestones"))
                    .pointer("/milestone"),
            );
            None
        }
    }
}

fn actuals(cx: &Cx<'_>, milestone: Option<&Milestone>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let known: Vec<&str> = spec.targets.iter().map(|t| t.id.as_str()).collect();
    let mut measured: BTreeMap<&Id, (&Target, &Actual, Measure)> = BTreeMap::new();
    for (id, actual) in &cx.results.actuals {
        let pointer = format!("/actuals/{id}");
        let Some(target) = spec.targets.iter().find(|t| &t.id == id) else {
            out.push(
                UNKNOWN_TARGET
                    .diag(format!("the spec has no target `{id}`"))
                    .label_opt(cx.index.key(&pointer), "no such target")
                    .help(suggest(id.as_str(), &known, "targets"))
                    .pointer(pointer),
            );
            continue;
        };
        if let Some(diag) = wrong_kind(cx, target, actual, &pointer) {
            out.push(diag);
            continue;
        }
        let m = measure(target, actual);
        distinct_counts(cx, target, actual, &m, &pointer, out);
        measured.insert(id, (target, actual, m));
    }
    for (id, (target, actual, m)) in &measured {
        let Some(parent_id) = &target.subset_of else {
            continue;
        };
        let Some((_, parent_actual, parent)) = measured.get(parent_id) else {
            continue;
        };
        subset(cx, (id, actual, m), (parent_id, parent_actual, parent), out);
    }
    // A re-evaluation gives the actuals of what was rectified only.
    let Some(milestone) = milestone.filter(|_| cx.results.reevaluation_of.is_none()) else {
        return;
    };
    let mut reported = HashSet::new();
    let tranches = spec.contract.iter().flat_map(|c| c.tranches.iter());
    for tranche in
        tranches.filter(|t| deciding_milestone(spec, t).is_some_and(|m| m.id == milestone.id))
    {
        let deducted = tranche.deductions.iter().map(|d| &d.target);
        for required in tranche.requires_targets.iter().chain(deducted) {
            if cx.results.actuals.contains_key(required) || !reported.insert(required) {
                continue;
            }
            let (at, span) = cx.index.nearest("/actuals");
            out.push(
                MISSING_REQUIRED_ACTUAL
                    .diag(format!(
                        "no actual value for `{required}`, on which tranche `{}` depends",
                        tranche.id
                    ))
                    .label_opt(
                        span,
                        if at == "/actuals" {
                            format!("`{required}` is missing here")
                        } else {
                            "no `actuals`".to_owned()
                        },
                    )
                    .label_opt(
                        cx.index.value("/milestone"),
                        format!("`{}` gates tranche `{}`", milestone.id, tranche.id),
                    )
                    .help(format!(
                        "add `{required}:` under `actuals`, with the count or the list of person codes"
                    ))
                    .pointer("/actuals"),
            );
        }
    }
}

/// A finding when an actual's form does not fit its target: scores for a target without
/// `change`, a list of people for one with it.
fn wrong_kind(cx: &Cx<'_>, target: &Target, actual: &Actual, pointer: &str) -> Option<Diagnostic> {
    let id = &target.id;
    let (message, help) = match (actual, target.change.is_some()) {
        (Actual::Scores(_), false) => (
            format!("`{id}` is not a change from baseline, but pre/post scores are given"),
            "give the count, or the list of person codes; pre/post scores go with a target that has `change`".to_owned(),
        ),
        (Actual::Persons(_), true) => (
            format!("`{id}` counts the share of participants who improve, but a list of people is given"),
            "give each participant's scores as `CODE: [pre, post]`, or the share improved as a number".to_owned(),
        ),
        _ => return None,
    };
    Some(
        ACTUAL_OF_WRONG_KIND
            .diag(message)
            .label_opt(cx.index.value(pointer), "this form")
            .help(help)
            .pointer(pointer),
    )
}

/// A re-evaluation keeps the grade: it has no scores.
fn reevaluation_scores(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.results.scores.is_empty() {
        return;
    }
    out.push(
        REEVALUATION_MISMATCH
            .diag("a re-evaluation after rectification gives scores, but the grade of the evaluation stands")
            .label_opt(cx.index.key("/scores"), "not read")
            .help("leave `scores` out: the re-evaluation records the actual values of what was rectified")
            .pointer("/scores"),
    );
}

/// Repeats, whole counts and the population, for a target of distinct individuals.
fn distinct_counts(
    cx: &Cx<'_>,
    target: &Target,
    actual: &Actual,
    m: &Measure,
    pointer: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(group_id) = &target.distinct_individuals_of else {
        return;
    };
    let id = &target.id;
    for (code, first, at) in &m.repeats {
        out.push(
            REPEATED_PERSON
                .diag(format!(
                    "`{code}` is listed again for `{id}`: counted once"
                ))
                .label_opt(cx.index.value(&format!("{pointer}/{at}")), "listed again")
                .label_opt(cx.index.value(&format!("{pointer}/{first}")), "first listed here")
                .help(format!(
                    "`{id}` counts distinct people (不重复计数): remove the repeat, or correct the code if it stands for someone else"
                ))
                .pointer(format!("{pointer}/{at}")),
        );
    }
    if matches!(actual, Actual::Count(_)) && m.value.fract() != Decimal::ZERO {
        out.push(
            FRACTIONAL_PERSON_COUNT
                .diag(format!(
                    "`{id}` counts distinct people, but {} is not a whole number",
                    num(m.value)
                ))
                .label_opt(cx.index.value(pointer), "not a whole count")
                .help("write the whole number of people, or the list of their codes")
                .pointer(pointer),
        );
    }
    let group = cx.spec.client_groups.iter().find(|g| &g.id == group_id);
    if let Some((group, population)) = group.and_then(|g| g.population.map(|p| (g, p)))
        && m.value > Decimal::from(population)
    {
        out.push(
            ACTUAL_EXCEEDS_POPULATION
                .diag(format!(
                    "`{id}` counts {} distinct people, more than the {population} of client group `{}`",
                    num(m.value),
                    group.id
                ))
                .label_opt(cx.index.value(pointer), format!("{} people", num(m.value)))
                .help("check the list for people outside the client group; if the group has grown, update its `population` in the spec")
                .pointer(pointer),
        );
    }
}

/// A subset's count against its parent's, and its codes against the parent's list.
fn subset(
    cx: &Cx<'_>,
    (id, actual, m): (&Id, &Actual, &Measure),
    (parent_id, parent_actual, parent): (&Id, &Actual, &Measure),
    out: &mut Vec<Diagnostic>,
) {
    let pointer = format!("/actuals/{id}");
    let parent_pointer = format!("/actuals/{parent_id}");
    if let (Actual::Persons(codes), Actual::Persons(parent_codes)) = (actual, parent_actual) {
        let among: HashSet<&str> = parent_codes.iter().map(|c| c.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, code) in codes.iter().enumerate() {
            if among.contains(code.as_str()) || !seen.insert(code.as_str()) {
                continue;
            }
            out.push(
                SUBSET_ACTUAL_EXCEEDS_PARENT
                    .diag(format!(
                        "`{code}` is counted for `{id}` but is not among `{parent_id}`, which `{id}` is part of"
                    ))
                    .label_opt(cx.index.value(&format!("{pointer}/{i}")), "not in the parent's list")
                    .label_opt(cx.index.key(&parent_pointer), format!("`{parent_id}` does not list it"))
                    .help(format!(
                        "add `{code}` to `{parent_id}`, or correct the code in `{id}`"
                    ))
                    .pointer(format!("{pointer}/{i}")),
            );
        }
    }
    if m.value > parent.value {
        out.push(
            SUBSET_ACTUAL_EXCEEDS_PARENT
                .diag(format!(
                    "`{id}` counts {}, more than the {} of `{parent_id}`, which it is part of",
                    num(m.value),
                    num(parent.value)
                ))
                .label_opt(cx.index.value(&pointer), num(m.value))
                .label_opt(cx.index.value(&parent_pointer), format!("`{parent_id}`: {}", num(parent.value)))
                .help(format!(
                    "`{id}` is a part of `{parent_id}` (subset_of): correct whichever count is wrong"
                ))
                .pointer(pointer),
        );
    }
}

fn scores(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let evaluation = cx.spec.evaluation.as_ref();
    let (subjects, scheme) = evaluation.map_or((&[][..], &[][..]), |e| {
        (e.subjects.as_slice(), e.scheme.as_slice())
    });
    let subject_ids: Vec<&str> = subjects.iter().map(|s| s.id.as_str()).collect();
    let leaf_items = leaves(scheme);
    let leaf_ids: Vec<&str> = leaf_items.iter().map(|i| i.id.as_str()).collect();
    let mut all_items = Vec::new();
    collect(scheme, &mut all_items);

    if cx.results.scores.is_empty() {
        let span = cx
            .index
            .node("/scores")
            .or_else(|| cx.index.key("/results_version"));
        out.push(
            MISSING_SCORE
                .diag("no evaluator gives scores")
                .label_opt(span, "no scores")
                .help(if subject_ids.is_empty() {
                    "add `scores:` by evaluator, then by item; the spec names no evaluators under `evaluation.subjects` yet".to_owned()
                } else {
                    format!(
                        "add `scores:` for each evaluator ({}), each with a score for every leaf item",
                        ticked(subject_ids.iter().copied())
                    )
                })
                .pointer("/scores"),
        );
    }

    for (evaluator, items) in &cx.results.scores {
        let pointer = format!("/scores/{evaluator}");
        let Some(subject) = subjects.iter().find(|s| s.id == *evaluator) else {
            out.push(
                UNKNOWN_EVALUATOR
                    .diag(format!("the spec names no evaluator `{evaluator}`"))
                    .label_opt(cx.index.key(&pointer), "no such evaluation subject")
                    .help(suggest(evaluator.as_str(), &subject_ids, "evaluators"))
                    .pointer(pointer),
            );
            continue;
        };
        let in_scope = |leaf: &Id| evaluation.is_some_and(|e| e.scores(subject, leaf));
        let scope: Vec<&str> = leaf_ids
            .iter()
            .copied()
            .filter(|id| in_scope(&Id((*id).to_owned())))
            .collect();
        for (item_id, score) in items {
            let item_pointer = format!("{pointer}/{item_id}");
            match all_items.iter().find(|i| &i.id == item_id) {
                None => out.push(
                    UNKNOWN_SCHEME_ITEM
                        .diag(format!("the evaluation scheme has no item `{item_id}`"))
                        .label_opt(cx.index.key(&item_pointer), "no such item")
                        .help(suggest(item_id.as_str(), &leaf_ids, "leaf items"))
                        .pointer(item_pointer),
                ),
                Some(item) if !item.children.is_empty() => {
                    let under: Vec<&str> = leaves(std::slice::from_ref(*item))
                        .iter()
                        .map(|l| l.id.as_str())
                        .collect();
                    out.push(
                        SCORE_ON_PARENT_ITEM
                            .diag(format!(
                                "`{item_id}` has items under it: score its leaf items instead"
                            ))
                            .label_opt(cx.index.key(&item_pointer), "not a leaf item")
                            .help(format!(
                                "score {} instead; the score of `{item_id}` is their sum",
                                ticked(under)
                            ))
                            .pointer(item_pointer),
                    );
                }
                Some(_) if !in_scope(item_id) => out.push(
                    SCORE_OUTSIDE_SCOPE
                        .diag(format!(
                            "evaluator `{evaluator}` scores `{item_id}`, which is outside its scope"
                        ))
                        .label_opt(cx.index.key(&item_pointer), "not among its items")
                        .help(format!(
                            "remove the score; `{evaluator}` scores {}",
                            ticked(scope.iter().copied())
                        ))
                        .pointer(item_pointer),
                ),
                Some(item) if score.decimal() > item.points.decimal() => out.push(
                    SCORE_ABOVE_POINTS
                        .diag(format!(
                            "score {} for `{item_id}` is above its {} points",
                            num(score.decimal()),
                            num(item.points.decimal())
                        ))
                        .label_opt(
                            cx.index.value(&item_pointer),
                            format!("at most {}", num(item.points.decimal())),
                        )
                        .help(format!(
                            "a score runs from 0 to the item's points: 0 to {}",
                            num(item.points.decimal())
                        ))
                        .pointer(item_pointer),
                ),
                Some(_) => {}
            }
        }
        let missing: Vec<&str> = scope
            .iter()
            .copied()
            .filter(|id| !items.keys().any(|k| k.as_str() == *id))
            .collect();
        if !missing.is_empty() {
            let n = missing.len();
            let of = if scope.len() == leaf_ids.len() {
                format!("{n} of {} leaf items unscored", leaf_ids.len())
            } else {
                format!(
                    "{n} of the {} leaf items in its scope unscored",
                    scope.len()
                )
            };
            out.push(
                MISSING_SCORE
                    .diag(format!(
                        "evaluator `{evaluator}` gives no score for {n} leaf item{}: {}",
                        if n == 1 { "" } else { "s" },
                        ticked(missing.iter().copied())
                    ))
                    .label_opt(cx.index.key(&pointer), of)
                    .help("add a score for each (0 where nothing was delivered)")
                    .pointer(pointer),
            );
        }
    }

    if cx.results.scores.is_empty() {
        return;
    }
    let weighted = subjects.iter().any(|s| s.weight.is_some());
    for subject in subjects {
        if cx.results.scores.contains_key(&subject.id) {
            continue;
        }
        let (weight, rest) = match subject.weight {
            Some(w) if weighted => (format!(" (weight {w}%)"), "the weighted mean of the others"),
            _ => (String::new(), "the mean of the others"),
        };
        out.push(
            UNSCORED_EVALUATOR
                .diag(format!(
                    "evaluator `{}`{weight} gives no scores: the score is {rest}",
                    subject.id
                ))
                .label_opt(cx.index.key("/scores"), format!("no `{}`", subject.id))
                .help(format!(
                    "add `{}:` under `scores` with a score for every leaf item",
                    subject.id
                ))
                .pointer("/scores"),
        );
    }
}

/// Every item of a scheme, parents and leaves.
fn collect<'s>(items: &'s [SchemeItem], out: &mut Vec<&'s SchemeItem>) {
    for item in items {
        out.push(item);
        collect(&item.children, out);
    }
}
