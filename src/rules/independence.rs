//! Independence: the evaluator and the reviewers have no tie to the provider.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::party::{Party, RelationKind};

pub static EVALUATOR_NOT_INDEPENDENT: Rule = Rule {
    code: "SV601",
    name: "evaluator-not-independent",
    severity: Severity::Error,
    origin: Origin::Semantic(evaluator_not_independent),
    summary: "the evaluator is the provider or the purchaser, or shares a person with one of them",
    docs: RuleDocs {
        what: "`parties.evaluator` is neither the provider, the purchaser nor the funder (compared by name, and by credit code where both have one), and has no legal representative, controller or staff member whose name is also the legal representative, a controller or a staff member of one of them. Each shared person is one finding, with every place the name is written.",
        why: "The 2012 guidance of 民政部 and 财政部 asks for evaluation by a third party (第三方评估) beside the buyer and the clients, and payment follows its grade; in Shenzhen practice evaluators must recuse themselves where they are related (回避). The lecture lists 专家评审无法确保公正 (expert review cannot ensure fairness) among the problems of government purchase: an evaluator that shares people with the provider grades its own work.",
        example: "parties:\n  provider: {id: agency, name: 某社工中心, staff: [张伟, 李娜]}\n  evaluator: {id: eval, name: 某评估中心, staff: [张伟]}",
        fix: "Appoint an evaluator with no tie to the provider or the purchaser; if two people merely share a name, tell them apart in the spec (e.g. 张伟(评估中心)).",
    },
};

pub static REVIEWER_CONFLICT_OF_INTEREST: Rule = Rule {
    code: "SV602",
    name: "reviewer-conflict-of-interest",
    severity: Severity::Error,
    origin: Origin::Semantic(reviewer_conflict_of_interest),
    summary: "a reviewer has a tie with the provider that is current or ended less than 3 years before signing",
    docs: RuleDocs {
        what: "No reviewer declares a relation with the provider (employment, role, control, family, drafted_requirements or other) that has no `to` date or that ended less than 3 years before the contract's `signed_on` (the period's start when the contract has no date). A tie that began after signing still counts.",
        why: "政府采购法实施条例 第九条 and 政府采购评审专家管理办法 (财库〔2016〕198号) 第十六条: a reviewer who in the 3 years before the procurement worked for the supplier, sat on its board, or controlled it, who is close family of its legal representative, or who has any other tie that may affect fairness (hence `other` counts too), must recuse. The lecture lists 专家评审无法确保公正 (expert review cannot ensure fairness) among the problems of government purchase.",
        example: "parties:\n  reviewers:\n    - id: wang\n      name: 王明\n      relations:\n        - {kind: employment, with: agency, from: 2019-01-01}   # no `to`: still employed",
        fix: "Replace the reviewer on the panel; if the tie ended earlier than the spec says, correct its `to` date.",
    },
};

pub static RULES: &[&Rule] = &[&EVALUATOR_NOT_INDEPENDENT, &REVIEWER_CONFLICT_OF_INTEREST];

/// A name compared without its spaces, so that `张 伟` and `张伟` are one person.
fn same_name(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (a, b) = (squeeze(a), squeeze(b));
    !a.is_empty() && a == b
}

/// Every person written on a party, with the pointer of the entry and the role it names.
fn people<'p>(party: &'p Party, pointer: &str) -> Vec<(&'p str, String, &'static str)> {
    let mut out = Vec::new();
    if let Some(rep) = &party.legal_representative {
        out.push((
            rep.as_str(),
            format!("{pointer}/legal_representative"),
            "legal representative",
        ));
    }
    for (i, c) in party.controllers.iter().enumerate() {
        out.push((
            c.as_str(),
            format!("{pointer}/controllers/{i}"),
            "controller",
        ));
    }
    for (i, s) in party.staff.iter().enumerate() {
        out.push((s.as_str(), format!("{pointer}/staff/{i}"), "staff member"));
    }
    out
}

fn evaluator_not_independent(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let parties = &cx.spec.parties;
    let Some(evaluator) = &parties.evaluator else {
        return;
    };
    let eval_ptr = "/parties/evaluator";
    let mut others = vec![("purchaser", "/parties/purchaser", &parties.purchaser)];
    if let Some(funder) = &parties.funder {
        others.push(("funder", "/parties/funder", funder));
    }
    others.push(("provider", "/parties/provider", &parties.provider));

    for (role, ptr, other) in others {
        if same_name(&evaluator.name, &other.name) {
            out.push(
                EVALUATOR_NOT_INDEPENDENT
                    .diag(format!(
                        "the evaluator is the {role}: both are named `{}`",
                        other.name
                    ))
                    .label_opt(cx.value(&format!("{eval_ptr}/name")), "evaluator")
                    .label_opt(cx.value(&format!("{ptr}/name")), role)
                    .help(format!(
                        "appoint a third party (第三方) that is neither the provider nor the purchaser; the {role} cannot evaluate this project"
                    ))
                    .pointer(format!("{eval_ptr}/name")),
            );
            continue;
        }
        if let (Some(a), Some(b)) = (&evaluator.credit_code, &other.credit_code)
            && !a.trim().is_empty()
            && a.trim().eq_ignore_ascii_case(b.trim())
        {
            out.push(
                    EVALUATOR_NOT_INDEPENDENT
                        .diag(format!(
                            "the evaluator `{}` is the {role} `{}`: both have credit code `{}`",
                            evaluator.name,
                            other.name,
                            a.trim()
                        ))
                        .label_opt(cx.value(&format!("{eval_ptr}/credit_code")), "evaluator")
                        .label_opt(cx.value(&format!("{ptr}/credit_code")), role)
                        .help("appoint a third party (第三方) that is neither the provider nor the purchaser; if one of the two codes is mistyped, correct it")
                        .pointer(format!("{eval_ptr}/credit_code")),
                );
            continue;
        }
        shared_people(cx, evaluator, role, ptr, other, out);
    }
}

/// One finding per person written on both the evaluator and `other`.
fn shared_people(
    cx: &Context<'_>,
    evaluator: &Party,
    role: &str,
    ptr: &str,
    other: &Party,
    out: &mut Vec<Diagnostic>,
) {
    let mine = people(evaluator, "/parties/evaluator");
    let theirs = people(other, ptr);
    let mut done: Vec<&str> = Vec::new();
    for (name, _, _) in &mine {
        if done.iter().any(|d| same_name(d, name)) {
            continue;
        }
        done.push(name);
        let there: Vec<_> = theirs
            .iter()
            .filter(|(n, _, _)| same_name(n, name))
            .collect();
        if there.is_empty() {
            continue;
        }
        let here: Vec<_> = mine.iter().filter(|(n, _, _)| same_name(n, name)).collect();
        let describe = |entries: &[&(&str, String, &str)]| {
            entries
                .iter()
                .map(|(_, _, what)| *what)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut diag = EVALUATOR_NOT_INDEPENDENT
            .diag(format!(
                "the evaluator `{}` and the {role} `{}` share `{}` (evaluator's {}; {role}'s {})",
                evaluator.name,
                other.name,
                name.trim(),
                describe(&here),
                describe(&there)
            ))
            .help(format!(
                "an evaluator tied to the {role} must recuse itself (回避): appoint another evaluator; if these are two people with one name, tell them apart (e.g. add the organisation in brackets)"
            ));
        for (_, p, what) in &here {
            diag = diag.label_opt(cx.value(p), format!("evaluator's {what}"));
        }
        for (_, p, what) in &there {
            diag = diag.label_opt(cx.value(p), format!("{role}'s {what}"));
        }
        if let Some((_, p, _)) = here.first() {
            diag = diag.pointer(p.clone());
        }
        out.push(diag);
    }
}

/// The relation kind as the spec writes it, with its Chinese name.
fn relation_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Employment => "`employment` (任职)",
        RelationKind::Role => "`role` (担任职务)",
        RelationKind::Control => "`control` (控股或实际控制)",
        RelationKind::Family => "`family` (近亲属)",
        RelationKind::DraftedRequirements => "`drafted_requirements` (参与需求编制)",
        RelationKind::Other => "`other` (其他利害关系)",
    }
}

fn reviewer_conflict_of_interest(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let provider = &spec.parties.provider;
    let signed = spec.contract.as_ref().and_then(|c| c.signed_on);
    let (reference, what) = match signed {
        Some(date) => (date, "the contract was signed on"),
        None => (spec.period.start, "the service began on"),
    };
    let Ok(cutoff) = reference.0.checked_sub(jiff::Span::new().years(3)) else {
        return;
    };
    for (i, reviewer) in spec.parties.reviewers.iter().enumerate() {
        for (j, rel) in reviewer.relations.iter().enumerate() {
            if rel.with != provider.id {
                continue;
            }
            let rel_ptr = format!("/parties/reviewers/{i}/relations/{j}");
            let kind = relation_label(rel.kind);
            let diag = match rel.to {
                None => REVIEWER_CONFLICT_OF_INTEREST
                    .diag(format!(
                        "reviewer `{}` has a current tie with the provider `{}`: {kind}",
                        reviewer.name, provider.name
                    ))
                    .label_opt(cx.value(&format!("{rel_ptr}/kind")), format!("{kind}, no `to`: still current"))
                    .help(format!(
                        "replace `{}` on the review panel: a reviewer tied to the provider must recuse (回避); if the tie has ended, add its `to` date",
                        reviewer.name
                    )),
                Some(to) if to.0 >= cutoff => REVIEWER_CONFLICT_OF_INTEREST
                    .diag(format!(
                        "reviewer `{}` had a tie with the provider `{}` until {to}, less than 3 years before {what} {reference}: {kind}",
                        reviewer.name, provider.name
                    ))
                    .label_opt(cx.value(&format!("{rel_ptr}/kind")), kind)
                    .label_opt(cx.value(&format!("{rel_ptr}/to")), format!("ended {to}, within 3 years of {reference}"))
                    .help(format!(
                        "replace `{}` on the review panel: a tie with the supplier in the 3 years before the procurement calls for recusal (回避, 政府采购法实施条例 第九条); if the tie ended before {cutoff}, correct its `to` date",
                        reviewer.name
                    )),
                Some(_) => continue,
            };
            let diag = diag
                .label_opt(
                    cx.value(&format!("{rel_ptr}/from")),
                    rel.from.map_or(String::new(), |f| format!("since {f}")),
                )
                .label_opt(cx.value(&format!("{rel_ptr}/with")), "the provider")
                .label_opt(
                    cx.value(&format!("/parties/reviewers/{i}/name")),
                    "reviewer",
                )
                .pointer(format!("{rel_ptr}/kind"));
            out.push(diag);
        }
    }
}
