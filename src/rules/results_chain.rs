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

pub static RULES: &[&Rule] = &[
    &RESULT_WITHOUT_INDICATOR,
    &INDICATOR_WITHOUT_TARGET,
    &INDICATOR_WITHOUT_UNIT,
    &INDICATOR_WITHOUT_VERIFICATION,
    &SUBSET_EXCEEDS_PARENT,
    &DISTINCT_EXCEEDS_POPULATION,
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

/// A target's unit: its own, else its indicator's.
fn unit_of<'s>(spec: &'s Spec, t: &'s Target) -> Option<&'s str> {
    t.unit
        .as_deref()
        .or_else(|| {
            let id = t.indicator.as_ref()?;
            spec.indicators
                .iter()
                .find(|x| x.id == *id)?
                .unit
                .as_deref()
        })
        .map(str::trim)
        .filter(|u| !u.is_empty())
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
        match (unit_of(spec, t), unit_of(spec, parent)) {
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
