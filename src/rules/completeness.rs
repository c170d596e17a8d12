//! Completeness: every declaration is used, the contract has its clauses, the parties are of
//! allowed kinds, the project has a future.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Rule, RuleDocs, Stage};
use crate::spec::contract::Subcontracting;

pub static SUBCONTRACTING_ALLOWED: Rule = Rule {
    code: "SV703",
    name: "subcontracting-allowed",
    severity: Severity::Error,
    stage: Stage::Semantic,
    summary: "the contract allows subcontracting, or does not forbid it",
    docs: RuleDocs {
        what: "`contract.subcontracting` is `forbidden`.",
        why: "The 2012 guidance of 民政部 and 财政部 on purchasing social-work services forbids subcontracting (严禁转包): the agency chosen for its qualifications must be the one that serves the clients.",
        example: "contract:\n  subcontracting: allowed",
        fix: "Write `subcontracting: forbidden` under `contract`.",
    },
    check: Some(subcontracting_allowed),
};

fn subcontracting_allowed(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    match contract.subcontracting {
        Some(Subcontracting::Forbidden) => {}
        Some(Subcontracting::Allowed) => out.push(
            SUBCONTRACTING_ALLOWED
                .diag("the contract allows subcontracting")
                .label_opt(cx.value("/contract/subcontracting"), "must be `forbidden`")
                .help("write `subcontracting: forbidden`: social-work services may not be subcontracted (严禁转包)")
                .pointer("/contract/subcontracting"),
        ),
        None => out.push(
            SUBCONTRACTING_ALLOWED
                .diag("the contract does not forbid subcontracting")
                .label_opt(cx.nearest("/contract"), "no `subcontracting` here")
                .help("add `subcontracting: forbidden` under `contract` (严禁转包)")
                .pointer("/contract"),
        ),
    }
}

pub static RULES: &[&Rule] = &[&SUBCONTRACTING_ALLOWED];
