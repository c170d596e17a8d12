//! The results chain: outcomes and outputs have indicators; indicators have targets, units and
//! evidence; targets respect their parents and populations.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::Spec;
use crate::spec::indicator::{IndicatorLevel, Target};
use crate::spec::values::{Comparator, Id};

pub static RESULT_WITHOUT_INDICATOR: Rule = Rule {
    code: "SV401",
    name: "result-without-indicator",
    severity: Severity::Error,
    origin: Origin::Semantic(result_without_indicator),
    summary: "an outcome or output lists no indicator",
    docs: RuleDocs {
        what: "Every item of `outcomes` and of `outputs` lists at least one indicator id under `indicators`.",
        why: "A logframe measures each level: outcomes (成效) and outputs (产出) are what the evaluation scores and what staged payment depends on (民政部/财政部 2012 guidance: payment tied to service quality). A result with no indicator cannot be evaluated, so nobody can say whether it was delivered.",
        example: "outputs:\n  - id: out-visits\n    statement: 完成入户探访\n    outcome: less-lonely\n    # no `indicators`",
        fix: "Add `indicators: [...]` with the ids of the indicators that measure it; define the indicator under `indicators` if it does not exist yet.",
    },
};

pub static INDICATOR_WITHOUT_TARGET: Rule = Rule {
    code: "SV402",
    name: "indicator-without-target",
    severity: Severity::Error,
    origin: Origin::Semantic(indicator_without_target),
    summary: "no target is set on an indicator",
    docs: RuleDocs {
        what: "Every indicator has at least one target that names it in `targets[].indicator`.",
        why: "An indicator nobody commits to is not a commitment: the contract must state the quantity and quality of the service (财政部令第102号 第二十三条), and the evaluator scores against target values such as the lecture's 240 visits, 35 cases and 5 special cases in Zhuzhou.",
        example: "indicators:\n  - id: ind-lectures\n    name: 讲座次数\n    unit: 次\ntargets: []   # nothing sets `indicator: ind-lectures`",
        fix: "Add a target with `indicator: <id>`, a comparator and a value (e.g. `comparator: at_least`, `value: 2`), or remove the indicator if it measures nothing the project promises.",
    },
};

pub static INDICATOR_WITHOUT_UNIT: Rule = Rule {
    code: "SV403",
    name: "indicator-without-unit",
    severity: Severity::Warning,
    origin: Origin::Semantic(indicator_without_unit),
    summary: "an indicator has no unit",
    docs: RuleDocs {
        what: "Every indicator has a non-empty `unit` (人, 人次, 个, 次, %…).",
        why: "A number without a unit is ambiguous where it matters most: the lecture's Zhuzhou target is 240 elders visited, none counted twice (人), which is a very different promise from 240 visits (人次). The indicator's unit is also the default unit of the targets set on it.",
        example: "indicators:\n  - id: ind-visits\n    name: 入户探访老人数\n    # no `unit`",
        fix: "Add `unit:` to the indicator: 人 for people counted once, 人次 for attendances, 个 or 例 for cases, 次 for events, % for rates.",
    },
};

pub static INDICATOR_WITHOUT_VERIFICATION: Rule = Rule {
    code: "SV404",
    name: "indicator-without-verification",
    severity: Severity::Warning,
    origin: Origin::Semantic(indicator_without_verification),
    summary: "an indicator names no means of verification",
    docs: RuleDocs {
        what: "Every indicator lists at least one means of verification (佐证材料) under `verification`.",
        why: "The evaluator must know what evidence to ask for: in the lecture's Zhuzhou case the third-party evaluator reviews the register forms, documents and activities. An indicator without evidence is scored on the provider's word.",
        example: "indicators:\n  - id: ind-cases\n    name: 个案数\n    unit: 个\n    # no `verification`",
        fix: "Add `verification: [...]` with the documents that prove it, e.g. 个案档案, 签到表, 项目登记表, 活动照片.",
    },
};

pub static SUBSET_EXCEEDS_PARENT: Rule = Rule {
    code: "SV405",
    name: "subset-exceeds-parent",
    severity: Severity::Error,
    origin: Origin::Semantic(subset_exceeds_parent),
    summary: "a subset target promises more than the target it is part of",
    docs: RuleDocs {
        what: "A target with `subset_of` promises no more than its parent target. The comparators are read exactly: `at_least` (以上, 不少于) is inclusive, `more_than` (多于) strict. A subset's floor may not lie above the parent's floor (`at_least 40` of `at_least 35` is a fault; `at_least 35` of `at_least 35` is not) nor above a ceiling the parent sets (`at_most`, `fewer_than`, `exactly`). Subsets that only set a ceiling promise nothing and are not checked. When the two targets have different units (the target's `unit`, else its indicator's) the help says so, since the comparison may then be meaningless.",
        why: "The lecture's Zhuzhou targets are at least 35 cases (35位以上) of which at least 5 are special-service cases (5例以上): the special cases are counted within the cases. A part larger than its whole cannot be delivered, and an evaluator who finds it would have to decide which promise counts.",
        example: "targets:\n  - id: cases\n    comparator: at_least\n    value: 35\n  - id: special-cases\n    comparator: at_least\n    value: 40\n    subset_of: cases",
        fix: "Lower the subset's value to at most the parent's, or raise the parent's; if the two do not count the same things, remove `subset_of`.",
    },
};

pub static DISTINCT_EXCEEDS_POPULATION: Rule = Rule {
    code: "SV406",
    name: "distinct-exceeds-population",
    severity: Severity::Error,
    origin: Origin::Semantic(distinct_exceeds_population),
    summary: "a target counts more distinct people than the client group holds",
    docs: RuleDocs {
        what: "A target with `distinct_individuals_of` counts each member of that client group once, so its floor cannot exceed the group's `population` when the population is given (`more_than` a value equal to the population is a fault too). Groups without a population are not checked.",
        why: "In the lecture's Zhuzhou case the provider visits 240 elders a year and no elder visited twice counts twice (不能重复). If the service area holds fewer people than that, the target cannot be met honestly: it invites counting visits (人次) as people (人).",
        example: "client_groups:\n  - id: isolated-elders\n    population: 200\ntargets:\n  - id: visits\n    comparator: at_least\n    value: 240\n    distinct_individuals_of: isolated-elders",
        fix: "Lower the target to at most the population, correct the group's `population`, or, if the same person may count again, remove `distinct_individuals_of` and count in 人次.",
    },
};

pub static TARGET_UNIT_MISMATCH: Rule = Rule {
    code: "SV407",
    name: "target-unit-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(target_unit_mismatch),
    summary: "a target's unit differs from the unit of the indicator it is set on",
    docs: RuleDocs {
        what: "A target that names a `unit` and an `indicator` with a `unit` uses the same unit (compared as written, without surrounding spaces; `％` is `%`). A target without a unit takes its indicator's.",
        why: "The unit says what is counted: 人 (people, each once) and 人次 (person-times, every visit) differ by the repeat visits the lecture's Zhuzhou case forbids counting twice (不能重复). A target in 人次 on an indicator in 人 promises something other than what is measured, and the evaluator cannot compare them.",
        example: "indicators:\n  - {id: ind-visits, name: 入户探访老人数, unit: 人, ...}\ntargets:\n  - {id: visits, indicator: ind-visits, comparator: at_least, value: 240, unit: 人次}",
        fix: "Use the indicator's unit in the target (or leave the target's `unit` out), or set the target on an indicator that counts in its unit.",
    },
};

pub static SUBGROUP_OUTSIDE_GROUP: Rule = Rule {
    code: "SV408",
    name: "subgroup-outside-group",
    severity: Severity::Error,
    origin: Origin::Semantic(subgroup_outside_group),
    summary: "a client group within another is larger, or of other ages, than the group it is part of, or the groups contain each other",
    docs: RuleDocs {
        what: "A client group with `part_of` lies within that group: its `population` is not larger than the group's, its ages (`min_age`, `max_age`) lie within the group's, and following `part_of` never leads back to the group itself.",
        why: "Nested groups carry the counts a reviewer checks: 8 high-risk adolescents within the 30 served, left-behind children within the children of the district. A subgroup larger or older than its group, or two groups each within the other, makes the distinct-individual targets counted over them meaningless.",
        example: "client_groups:\n  - {id: youth, name: 辖区青少年, population: 300, min_age: 12, max_age: 18}\n  - {id: high-risk, name: 高风险青少年, part_of: youth, population: 400, min_age: 10, max_age: 18}",
        fix: "Correct the subgroup's population or ages (or the group's), or take `part_of` away if it is not a part.",
    },
};

pub static INTERIM_TARGET_INCONSISTENT: Rule = Rule {
    code: "SV409",
    name: "interim-target-inconsistent",
    severity: Severity::Error,
    origin: Origin::Semantic(interim_target_inconsistent),
    summary: "a target's milestone is not an evaluation, or an interim value is not at an earlier evaluation or goes past the target itself",
    docs: RuleDocs {
        what: "A target's `milestone` is an evaluation milestone; each `interim` value is set at a distinct evaluation milestone dated before the target's own, and for a target bound from below (`at_least`, `more_than`) is not above the target's value.",
        why: "Interim targets say what the mid-term must show (阶段目标), and `evaluate` judges each target at the milestone it belongs to. An interim value at the final evaluation or after it would never be an interim; one above the annual value would ask more of half the year than of the whole.",
        example: "targets:\n  - id: cases\n    comparator: at_least\n    value: 30\n    interim: [{milestone: mid-term, value: 40}]",
        fix: "Set interim values at evaluations before the target's own milestone, and not past the target's value.",
    },
};

pub static CHANGE_TARGET_NOT_A_SHARE: Rule = Rule {
    code: "SV410",
    name: "change-target-not-a-share",
    severity: Severity::Error,
    origin: Origin::Semantic(change_target_not_a_share),
    summary: "a target of change from baseline is not a share of participants in percent",
    docs: RuleDocs {
        what: "A target with `change` (pre-test and post-test) counts the share of participants who improve: its unit, where given (its own or its indicator's), is `%`, and its value is at most 100.",
        why: "\"At least 60% of participants improve by at least 5 points\" is how outcome targets of youth work are written (前后测). The value is a share of participants and `evaluate` computes it from each participant's two scores; a value of 120, or a unit of 人, cannot be that share.",
        example: "targets:\n  - {id: resilience, comparator: at_least, value: 60, unit: 人, change: {instrument: 心理韧性量表, improvement: 5}}",
        fix: "Write the value as a percentage of participants (`unit: \"%\"`, at most 100), or drop `change` and count people.",
    },
};

pub static RULES: &[&Rule] = &[
    &RESULT_WITHOUT_INDICATOR,
    &INDICATOR_WITHOUT_TARGET,
    &INDICATOR_WITHOUT_UNIT,
    &INDICATOR_WITHOUT_VERIFICATION,
    &SUBSET_EXCEEDS_PARENT,
    &DISTINCT_EXCEEDS_POPULATION,
    &TARGET_UNIT_MISMATCH,
    &SUBGROUP_OUTSIDE_GROUP,
    &INTERIM_TARGET_INCONSISTENT,
    &CHANGE_TARGET_NOT_A_SHARE,
];

/// Indicators of a level that no outcome or output lists yet, as candidates for the help.
fn unused_indicators(spec: &Spec, level: IndicatorLevel) -> Vec<&Id> {
    spec.indicators
        .iter()
        .filter(|x| x.level == Some(level))
        .filter(|x| {
            !spec
                .outcomes
                .iter()
                .flat_map(|o| &o.indicators)
                .chain(spec.outputs.iter().flat_map(|o| &o.indicators))
                .any(|id| *id == x.id)
        })
        .map(|x| &x.id)
        .collect()
}

fn result_without_indicator(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let outcomes = cx
        .spec
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| ("outcome", "outcomes", i, &o.id, o.indicators.is_empty()));
    let outputs = cx
        .spec
        .outputs
        .iter()
        .enumerate()
        .map(|(i, o)| ("output", "outputs", i, &o.id, o.indicators.is_empty()));
    for (noun, home, i, id, empty) in outcomes.chain(outputs) {
        if !empty {
            continue;
        }
        let level = if home == "outcomes" {
            IndicatorLevel::Outcome
        } else {
            IndicatorLevel::Output
        };
        let candidates = unused_indicators(cx.spec, level);
        let help = if candidates.is_empty() {
            format!(
                "add `indicators: [...]` to {noun} `{id}` with the ids of the indicators that measure it, defining them under `indicators`"
            )
        } else {
            format!(
                "add `indicators: [...]` to {noun} `{id}`; {noun}-level indicators that no result lists yet: {}",
                backticked(&candidates)
            )
        };
        let id_ptr = format!("/{home}/{i}/id");
        out.push(
            RESULT_WITHOUT_INDICATOR
                .diag(format!("{noun} `{id}` has no indicator"))
                .label_opt(cx.value(&id_ptr), "measured by nothing")
                .label_opt(
                    cx.node(&format!("/{home}/{i}/indicators")),
                    "the list is empty",
                )
                .help(help)
                .pointer(id_ptr),
        );
    }
}

fn indicator_without_target(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, x) in cx.spec.indicators.iter().enumerate() {
        if cx
            .spec
            .targets
            .iter()
            .any(|t| t.indicator.as_ref() == Some(&x.id))
        {
            continue;
        }
        let id_ptr = format!("/indicators/{i}/id");
        out.push(
            INDICATOR_WITHOUT_TARGET
                .diag(format!("no target is set on indicator `{}`", x.id))
                .label_opt(cx.value(&id_ptr), "no target names this indicator")
                .help(format!(
                    "add a target under `targets` with `indicator: {}`, a `comparator` and a `value` (e.g. `comparator: at_least`)",
                    x.id
                ))
                .pointer(id_ptr),
        );
    }
}

fn indicator_without_unit(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    const HELP: &str = "人 for people counted once, 人次 for attendances, 个 or 例 for cases, 次 for events, % for rates";
    for (i, x) in cx.spec.indicators.iter().enumerate() {
        let id_ptr = format!("/indicators/{i}/id");
        let unit_ptr = format!("/indicators/{i}/unit");
        match &x.unit {
            Some(unit) if !unit.trim().is_empty() => {}
            Some(_) => out.push(
                INDICATOR_WITHOUT_UNIT
                    .diag(format!("indicator `{}` has an empty unit", x.id))
                    .label_opt(cx.value(&unit_ptr), "empty")
                    .label_opt(cx.value(&id_ptr), "this indicator")
                    .help(format!("write the unit: {HELP}"))
                    .pointer(unit_ptr),
            ),
            None => out.push(
                INDICATOR_WITHOUT_UNIT
                    .diag(format!("indicator `{}` has no unit", x.id))
                    .label_opt(cx.value(&id_ptr), "no `unit`")
                    .help(format!("add `unit:` to the indicator: {HELP}"))
                    .pointer(id_ptr),
            ),
        }
    }
}

fn indicator_without_verification(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, x) in cx.spec.indicators.iter().enumerate() {
        if x.verification.iter().any(|v| !v.trim().is_empty()) {
            continue;
        }
        let id_ptr = format!("/indicators/{i}/id");
        out.push(
            INDICATOR_WITHOUT_VERIFICATION
                .diag(format!(
                    "indicator `{}` names no means of verification",
                    x.id
                ))
                .label_opt(cx.value(&id_ptr), "no evidence named")
                .label_opt(
                    cx.node(&format!("/indicators/{i}/verification")),
                    "nothing listed",
                )
                .help("add `verification: [...]` with the evidence the evaluator should ask for (佐证材料), e.g. 个案档案, 签到表, 项目登记表")
                .pointer(id_ptr),
        );
    }
}

/// A bound on a value: the number, and whether it is strict.
#[derive(Debug, Clone, Copy)]
struct Bound {
    value: Decimal,
    strict: bool,
}

/// The floor a comparator puts under the counted value, if any.
fn floor(comparator: Comparator, value: Decimal) -> Option<Bound> {
    match comparator {
        Comparator::AtLeast | Comparator::Exactly => Some(Bound {
            value,
            strict: false,
        }),
        Comparator::MoreThan => Some(Bound {
            value,
            strict: true,
        }),
        Comparator::AtMost | Comparator::FewerThan => None,
    }
}

/// The ceiling a comparator puts over the counted value, if any.
fn ceiling(comparator: Comparator, value: Decimal) -> Option<Bound> {
    match comparator {
        Comparator::AtMost | Comparator::Exactly => Some(Bound {
            value,
            strict: false,
        }),
        Comparator::FewerThan => Some(Bound {
            value,
            strict: true,
        }),
        Comparator::AtLeast | Comparator::MoreThan => None,
    }
}

/// Whether no value can lie above `floor` and below `ceiling`.
fn floor_above_ceiling(floor: Bound, ceiling: Bound) -> bool {
    floor.value > ceiling.value
        || (floor.value == ceiling.value && (floor.strict || ceiling.strict))
}

/// Whether floor `a` promises more than floor `b`.
fn floor_above_floor(a: Bound, b: Bound) -> bool {
    a.value > b.value || (a.value == b.value && a.strict && !b.strict)
}

/// The comparator and value in words, e.g. `at least 35`.
fn promise(t: &Target) -> String {
    let words = match t.comparator {
        Comparator::AtLeast => "at least",
        Comparator::MoreThan => "more than",
        Comparator::AtMost => "at most",
        Comparator::FewerThan => "fewer than",
        Comparator::Exactly => "exactly",
    };
    format!("{words} {}", t.value)
}

fn subset_exceeds_parent(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, t) in spec.targets.iter().enumerate() {
        let Some(parent_id) = &t.subset_of else {
            continue;
        };
        let Some((j, parent)) = spec
            .targets
            .iter()
            .enumerate()
            .find(|(_, p)| p.id == *parent_id)
        else {
            continue;
        };
        let Some(sub_floor) = floor(t.comparator, t.value.decimal()) else {
            continue;
        };
        let parent_ceiling = ceiling(parent.comparator, parent.value.decimal())
            .filter(|c| floor_above_ceiling(sub_floor, *c));
        let parent_floor = floor(parent.comparator, parent.value.decimal())
            .filter(|f| floor_above_floor(sub_floor, *f));
        // Whether the subset may keep its comparator and take the parent's value exactly.
        let equal_ok = match (parent_ceiling, parent_floor) {
            (Some(c), _) => !sub_floor.strict && !c.strict,
            (None, Some(f)) => !sub_floor.strict || f.strict,
            (None, None) => continue,
        };
        let message = if parent_ceiling.is_some() {
            format!(
                "subset target `{}` ({}) promises more than its parent `{}` allows ({})",
                t.id,
                promise(t),
                parent.id,
                promise(parent)
            )
        } else {
            format!(
                "subset target `{}` ({}) promises more than its parent `{}` ({})",
                t.id,
                promise(t),
                parent.id,
                promise(parent)
            )
        };
        let limit = if equal_ok {
            format!("to {} or less", parent.value)
        } else {
            format!("below {}", parent.value)
        };
        let mut help = format!(
            "a part cannot be larger than its whole: lower `{}` {limit}, or raise `{}`",
            t.id, parent.id
        );
        match (spec.unit_of(t), spec.unit_of(parent)) {
            (Some(a), Some(b)) if a != b => help.push_str(&format!(
                "; note that the units differ (`{a}` here, `{b}` in `{}`): if the two count different things, `subset_of` is wrong",
                parent.id
            )),
            _ => {}
        }
        let value_ptr = format!("/targets/{i}/value");
        out.push(
            SUBSET_EXCEEDS_PARENT
                .diag(message)
                .label_opt(cx.value(&value_ptr), promise(t))
                .label_opt(
                    cx.value(&format!("/targets/{j}/value")),
                    format!("parent `{}`: {}", parent.id, promise(parent)),
                )
                .help(help)
                .pointer(value_ptr),
        );
    }
}

fn distinct_exceeds_population(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, t) in spec.targets.iter().enumerate() {
        let Some(group_id) = &t.distinct_individuals_of else {
            continue;
        };
        let Some((g, group)) = spec
            .client_groups
            .iter()
            .enumerate()
            .find(|(_, g)| g.id == *group_id)
        else {
            continue;
        };
        let Some(population) = group.population else {
            continue;
        };
        let Some(target_floor) = floor(t.comparator, t.value.decimal()) else {
            continue;
        };
        let cap = Bound {
            value: Decimal::from(population),
            strict: false,
        };
        if !floor_above_ceiling(target_floor, cap) {
            continue;
        }
        let limit = if target_floor.strict {
            format!("below {population}")
        } else {
            format!("to {population} or less")
        };
        let value_ptr = format!("/targets/{i}/value");
        out.push(
            DISTINCT_EXCEEDS_POPULATION
                .diag(format!(
                    "target `{}` counts {} distinct people of `{}`, but the group holds {population}",
                    t.id,
                    promise(t),
                    group.id
                ))
                .label_opt(cx.value(&value_ptr), format!("{}, each counted once", promise(t)))
                .label_opt(
                    cx.value(&format!("/client_groups/{g}/population")),
                    format!("population {population}"),
                )
                .help(format!(
                    "each person counts once (不能重复): lower `{}` {limit}, or correct the `population` of `{}`; to count repeat visits, drop `distinct_individuals_of` and count in 人次",
                    t.id, group.id
                ))
                .pointer(value_ptr),
        );
    }
}

fn backticked(ids: &[&Id]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn target_unit_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, t) in cx.spec.targets.iter().enumerate() {
        let Some(unit) = t.unit.as_deref().map(str::trim) else {
            continue;
        };
        // A full-width ％ is the same unit as %.
        let same = |a: &str, b: &str| a.replace('％', "%") == b.replace('％', "%");
        let Some((k, indicator)) = t.indicator.as_ref().and_then(|id| {
            cx.spec
                .indicators
                .iter()
                .enumerate()
                .find(|(_, x)| x.id == *id)
        }) else {
            continue;
        };
        let Some(expected) = indicator.unit.as_deref().map(str::trim) else {
            continue;
        };
        if same(unit, expected) {
            continue;
        }
        let pointer = format!("/targets/{i}/unit");
        out.push(
            TARGET_UNIT_MISMATCH
                .diag(format!(
                    "target `{}` counts in `{unit}`, but its indicator `{}` counts in `{expected}`",
                    t.id, indicator.id
                ))
                .label_opt(cx.value(&pointer), format!("`{unit}`"))
                .label_opt(
                    cx.value(&format!("/indicators/{k}/unit")),
                    format!("`{expected}`"),
                )
                .help(format!(
                    "write `unit: {expected}` (or leave the target's unit out), or set the target on an indicator that counts in `{unit}`"
                ))
                .pointer(pointer),
        );
    }
}

fn subgroup_outside_group(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let groups = &cx.spec.client_groups;
    let find = |id: &Id| groups.iter().enumerate().find(|(_, g)| g.id == *id);
    for (i, g) in groups.iter().enumerate() {
        let Some((p, parent)) = g.part_of.as_ref().and_then(&find) else {
            continue;
        };
        let part_of = format!("/client_groups/{i}/part_of");
        // Follow the chain upward; a group met twice closes a cycle through this one.
        let mut seen = vec![i];
        let mut at = Some((p, parent));
        while let Some((j, up)) = at {
            if seen.contains(&j) {
                if j == i {
                    out.push(
                        SUBGROUP_OUTSIDE_GROUP
                            .diag(format!(
                                "client group `{}` is, through `part_of`, a part of itself",
                                g.id
                            ))
                            .label_opt(cx.value(&part_of), "leads back here")
                            .help("a group lies within a larger one: remove one `part_of` of the cycle")
                            .pointer(part_of.clone()),
                    );
                }
                break;
            }
            seen.push(j);
            at = up.part_of.as_ref().and_then(&find);
        }
        if let (Some(n), Some(m)) = (g.population, parent.population)
            && n > m
        {
            let pointer = format!("/client_groups/{i}/population");
            out.push(
                SUBGROUP_OUTSIDE_GROUP
                    .diag(format!(
                        "client group `{}` holds {n} people, more than the {m} of `{}` it is part of",
                        g.id, parent.id
                    ))
                    .label_opt(cx.value(&pointer), format!("{n}"))
                    .label_opt(cx.value(&format!("/client_groups/{p}/population")), format!("{m}"))
                    .help(format!(
                        "a part is not larger than the whole: correct one of the populations (`{}` counts its subgroups too)",
                        parent.id
                    ))
                    .pointer(pointer),
            );
        }
        // Ages a subgroup leaves out are its group's: only ages both give are compared.
        let below = matches!((g.min_age, parent.min_age), (Some(a), Some(b)) if a < b);
        let above = matches!((g.max_age, parent.max_age), (Some(a), Some(b)) if a > b);
        if below || above {
            let key = if below { "min_age" } else { "max_age" };
            let pointer = format!("/client_groups/{i}/{key}");
            let ages = |x: &crate::spec::client_group::ClientGroup| match (x.min_age, x.max_age) {
                (Some(a), Some(b)) => format!("{a} to {b}"),
                (Some(a), None) => format!("{a} and over"),
                (None, Some(b)) => format!("up to {b}"),
                (None, None) => "of any age".to_owned(),
            };
            out.push(
                SUBGROUP_OUTSIDE_GROUP
                    .diag(format!(
                        "client group `{}` ({}) reaches outside the ages of `{}` ({}) it is part of",
                        g.id,
                        ages(g),
                        parent.id,
                        ages(parent)
                    ))
                    .label_opt(cx.value(&pointer), "outside")
                    .label_opt(cx.value(&format!("/client_groups/{p}/{key}")), "the group's ages")
                    .help(format!(
                        "give `{}` ages within those of `{}`",
                        g.id, parent.id
                    ))
                    .pointer(pointer),
            );
        }
    }
}

fn interim_target_inconsistent(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let milestone = |id: &Id| {
        spec.milestones
            .iter()
            .enumerate()
            .find(|(_, m)| m.id == *id)
    };
    for (i, t) in spec.targets.iter().enumerate() {
        if let Some((j, m)) = t.milestone.as_ref().and_then(&milestone)
            && !m.kind.is_evaluation()
        {
            let pointer = format!("/targets/{i}/milestone");
            out.push(
                INTERIM_TARGET_INCONSISTENT
                    .diag(format!(
                        "target `{}` is judged at `{}`, which is not an evaluation",
                        t.id, m.id
                    ))
                    .label_opt(cx.value(&pointer), "not an evaluation")
                    .label_opt(cx.value(&format!("/milestones/{j}/kind")), "this kind")
                    .help("name an evaluation milestone (`mid_term_evaluation`, `final_evaluation`…), or leave `milestone` out for the final evaluation")
                    .pointer(pointer),
            );
        }
        let own = spec
            .target_milestone(t)
            .and_then(&milestone)
            .map(|(_, m)| m);
        for (k, interim) in t.interim.iter().enumerate() {
            let at = format!("/targets/{i}/interim/{k}");
            let Some((j, m)) = milestone(&interim.milestone) else {
                continue;
            };
            let problem = if !m.kind.is_evaluation() {
                Some(format!("`{}` is not an evaluation", m.id))
            } else if let Some(own) = own.filter(|own| m.date >= own.date) {
                Some(format!(
                    "`{}` on `{}` is not before `{}` on `{}`, where the target itself is judged",
                    m.id, m.date, own.id, own.date
                ))
            } else if t
                .interim
                .iter()
                .take(k)
                .any(|x| x.milestone == interim.milestone)
            {
                Some(format!("`{}` has an interim value already", m.id))
            } else {
                None
            };
            if let Some(problem) = problem {
                out.push(
                    INTERIM_TARGET_INCONSISTENT
                        .diag(format!("an interim value of target `{}` is set at {problem}", t.id))
                        .label_opt(cx.value(&format!("{at}/milestone")), "here")
                        .label_opt(cx.value(&format!("/milestones/{j}/date")), "dated here")
                        .help("set each interim value at a different evaluation before the target's own milestone")
                        .pointer(format!("{at}/milestone")),
                );
                continue;
            }
            let bound_below = matches!(t.comparator, Comparator::AtLeast | Comparator::MoreThan);
            if bound_below && interim.value.decimal() > t.value.decimal() {
                let pointer = format!("{at}/value");
                out.push(
                    INTERIM_TARGET_INCONSISTENT
                        .diag(format!(
                            "the interim value {} of target `{}` at `{}` is above the target's own value {}",
                            interim.value, t.id, m.id, t.value
                        ))
                        .label_opt(cx.value(&pointer), "more than the whole")
                        .label_opt(cx.value(&format!("/targets/{i}/value")), "the target")
                        .help("an interim value is what part of the period must show: at most the target's value")
                        .pointer(pointer),
                );
            }
        }
    }
}

fn change_target_not_a_share(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, t) in cx.spec.targets.iter().enumerate() {
        if t.change.is_none() {
            continue;
        }
        if let Some(unit) = cx.spec.unit_of(t).filter(|u| !matches!(*u, "%" | "％")) {
            let pointer = if t.unit.is_some() {
                format!("/targets/{i}/unit")
            } else {
                format!("/targets/{i}/indicator")
            };
            out.push(
                CHANGE_TARGET_NOT_A_SHARE
                    .diag(format!(
                        "target `{}` counts change from baseline but in `{unit}`, not in %",
                        t.id
                    ))
                    .label_opt(cx.value(&pointer), format!("`{unit}`"))
                    .label_opt(
                        cx.node(&format!("/targets/{i}/change")),
                        "a share of participants",
                    )
                    .help("a change target is the share of participants who improve: `unit: \"%\"`")
                    .pointer(pointer),
            );
        }
        if t.value.decimal() > Decimal::ONE_HUNDRED {
            let pointer = format!("/targets/{i}/value");
            out.push(
                CHANGE_TARGET_NOT_A_SHARE
                    .diag(format!(
                        "target `{}` asks {}% of participants to improve, more than all of them",
                        t.id, t.value
                    ))
                    .label_opt(cx.value(&pointer), "over 100%")
                    .help("write the share of participants who must improve, at most 100")
                    .pointer(pointer),
            );
        }
    }
}
