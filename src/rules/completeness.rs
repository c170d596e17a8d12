//! Completeness: every declaration is used, the contract has its clauses, the parties are of
//! allowed kinds, the project has a future.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::contract::Subcontracting;
use crate::spec::party::{Party, PartyKind};
use crate::spec::safeguarding::Checked;
use crate::spec::values::Id;

pub static UNUSED_DECLARATION: Rule = Rule {
    code: "SV701",
    name: "unused-declaration",
    severity: Severity::Warning,
    origin: Origin::Semantic(unused_declaration),
    summary: "a declared theory, method or client group is used nowhere",
    docs: RuleDocs {
        what: "Every theory is named by a method (`methods[].theories`) or an activity (`activities[].theories`); every method by an activity (`activities[].methods`); every client group by an activity (`activities[].client_groups`), a target (`distinct_individuals_of`), a finding of the needs assessment or its sample. One finding per unused item.",
        why: "In a results framework, theories (理论依据) and methods (服务方法) justify activities, and activities serve client groups. The lecture's Shanghai case shows the chain: ecological systems theory as macro guidance, logotherapy in practice, carried out through casework, groups and art therapy for two client groups. A theory no work draws on, or a client group no activity serves, is decoration: the plan promises it and the evaluation cannot find it.",
        example: "theories:\n  - {id: logotherapy, name: 意义治疗}\nmethods:\n  - {id: casework, kind: casework, name: 个案工作}   # names no theory\nactivities:\n  - {id: visits, name: 入户探访, methods: [casework]}   # nor does any activity",
        fix: "Name the item where it is used (a method's or an activity's `theories`, an activity's `methods` or `client_groups`), or remove it.",
    },
};

fn unused_declaration(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let mut report =
        |noun: &str, pointer: String, id: &Id, name: &str, label: &str, help: String| {
            let id_pointer = format!("{pointer}/id");
            out.push(
                UNUSED_DECLARATION
                    .diag(format!("{noun} `{id}` ({name}) is declared but never used"))
                    .label_opt(cx.value(&id_pointer), label)
                    .help(help)
                    .pointer(id_pointer),
            );
        };
    for (i, t) in spec.theories.iter().enumerate() {
        let used = spec.methods.iter().any(|m| m.theories.contains(&t.id))
            || spec.activities.iter().any(|a| a.theories.contains(&t.id));
        if !used {
            report(
                "theory",
                format!("/theories/{i}"),
                &t.id,
                &t.name,
                "named by no method or activity",
                format!(
                    "name `{}` in the `theories` of the methods or activities it guides, or remove it",
                    t.id
                ),
            );
        }
    }
    for (i, m) in spec.methods.iter().enumerate() {
        if !spec.activities.iter().any(|a| a.methods.contains(&m.id)) {
            report(
                "method",
                format!("/methods/{i}"),
                &m.id,
                &m.name,
                "used by no activity",
                format!(
                    "name `{}` in the `methods` of the activities that use it, or remove it",
                    m.id
                ),
            );
        }
    }
    let needs = spec.needs_assessment.as_ref();
    for (i, g) in spec.client_groups.iter().enumerate() {
        let used = spec
            .activities
            .iter()
            .any(|a| a.client_groups.contains(&g.id))
            || spec
                .targets
                .iter()
                .any(|t| t.distinct_individuals_of.as_ref() == Some(&g.id))
            || needs.is_some_and(|n| {
                n.findings.iter().any(|f| f.client_groups.contains(&g.id))
                    || n.sample
                        .as_ref()
                        .is_some_and(|s| s.client_groups.contains(&g.id))
            });
        if !used {
            report(
                "client group",
                format!("/client_groups/{i}"),
                &g.id,
                &g.name,
                "served by no activity, counted by no target, assessed nowhere",
                format!(
                    "name `{}` in the `client_groups` of the activities that serve it, or remove it",
                    g.id
                ),
            );
        }
    }
}

pub static MISSING_CONTRACT_CLAUSE: Rule = Rule {
    code: "SV702",
    name: "missing-contract-clause",
    severity: Severity::Error,
    origin: Origin::Semantic(missing_contract_clause),
    summary: "the contract lacks a clause that regulations or usual practice require",
    docs: RuleDocs {
        what: "The contract states the service content (`activities`, `outputs` or `targets`), its quantity and quality (`targets`), the price (`amount`), the settlement method and payment schedule (`tranches`), rights and duties (`obligations` of both sides), liability for breach (`breach`), both parties' addresses (`parties.purchaser.address`, `parties.provider.address`), the place and manner of performance, acceptance (`acceptance`), dispute resolution, change and termination, force majeure, confidentiality, intellectual property and attachments. The term is the required `period`. One finding per missing clause; a spec with no `contract` gets one finding that lists them all.",
        why: "财政部令第102号 政府购买服务管理办法 第二十三条: a written contract states the service's content, term, quantity, quality, price, settlement method, rights and duties, and liability for breach. Procurement rules add the parties' names and addresses, the place and manner of performance, acceptance requirements (履约验收), dispute resolution and the payment schedule; published purchase contracts for social-work services also carry change and termination, force majeure, confidentiality (client privacy and case files), intellectual property and attachments.",
        example: "contract:\n  amount: 300000\n  tranches: [...]\n  # no dispute_resolution, no force_majeure, ...",
        fix: "Add the key the finding names, e.g. `dispute_resolution: {method: litigation, venue: 甲方所在地人民法院}` under `contract`.",
    },
};

/// One clause a contract must have, and whether the spec states it.
struct Clause {
    /// English and Chinese name, for the list of a spec without a contract.
    name: &'static str,
    /// The finding when it is missing from a contract.
    message: &'static str,
    /// Where it is written.
    pointer: &'static str,
    help: &'static str,
    present: bool,
}

/// Whether an optional text has something in it.
fn filled(text: Option<&String>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

/// Whether a list of texts has a line with something in it.
fn any_filled(lines: &[String]) -> bool {
    lines.iter().any(|l| !l.trim().is_empty())
}

/// Every mandatory clause, in the order of 第二十三条, then the procurement rules, then practice.
fn clauses(cx: &Context<'_>) -> Vec<Clause> {
    let spec = cx.spec;
    let c = spec.contract.as_ref();
    let has = |f: &dyn Fn(&crate::spec::contract::Contract) -> bool| c.is_some_and(f);
    vec![
        Clause {
            name: "service content (服务内容)",
            message: "the contract has no service content (服务内容): the spec has no activities, outputs or targets",
            pointer: "/activities",
            help: "describe the service in `activities` (or `outputs` and `targets`); the contract's content comes from them",
            present: !spec.activities.is_empty()
                || !spec.outputs.is_empty()
                || !spec.targets.is_empty(),
        },
        Clause {
            name: "service quantity and quality (服务数量和质量)",
            message: "the contract states no service quantity or quality (服务数量和质量): the spec sets no targets",
            pointer: "/targets",
            help: "set `targets`: the numbers the provider commits to, each on an indicator with its standard",
            present: !spec.targets.is_empty(),
        },
        Clause {
            name: "price (合同金额)",
            message: "the contract has no price (合同金额)",
            pointer: "/contract/amount",
            help: "add `amount` under `contract`, in yuan, and `amount_in_words` in capitals (大写)",
            present: has(&|c| c.amount.is_some()),
        },
        Clause {
            name: "settlement method and payment schedule (结算方式和付款进度)",
            message: "the contract has no settlement method or payment schedule (结算方式和付款进度)",
            pointer: "/contract/tranches",
            help: "add `tranches` under `contract`: each with its share, amount, due date and the evaluation milestone that releases it",
            present: has(&|c| !c.tranches.is_empty()),
        },
        Clause {
            name: "rights and duties (双方权利义务)",
            message: "the contract has no clause on the rights and duties of both sides (双方权利义务)",
            pointer: "/contract/obligations",
            help: "add `obligations` under `contract`, with at least one duty under `purchaser` and one under `provider`",
            present: has(&|c| {
                c.obligations
                    .as_ref()
                    .is_some_and(|o| any_filled(&o.purchaser) && any_filled(&o.provider))
            }),
        },
        Clause {
            name: "liability for breach (违约责任)",
            message: "the contract has no clause on liability for breach (违约责任)",
            pointer: "/contract/breach",
            help: "add `breach` under `contract`: what each side owes if it does not perform",
            present: has(&|c| any_filled(&c.breach)),
        },
        Clause {
            name: "purchaser's address (甲方地址)",
            message: "the contract cannot state the purchaser's address (甲方地址): the purchaser has none",
            pointer: "/parties/purchaser/address",
            help: "add `address` to `parties.purchaser`, as the contract states it",
            present: filled(spec.parties.purchaser.address.as_ref()),
        },
        Clause {
            name: "provider's address (乙方地址)",
            message: "the contract cannot state the provider's address (乙方地址): the provider has none",
            pointer: "/parties/provider/address",
            help: "add `address` to `parties.provider`, its registered address",
            present: filled(spec.parties.provider.address.as_ref()),
        },
        Clause {
            name: "place of performance (履行地点)",
            message: "the contract has no place of performance (履行地点)",
            pointer: "/contract/place_of_performance",
            help: "add `place_of_performance` under `contract`: the street, community or site where the service is delivered",
            present: has(&|c| filled(c.place_of_performance.as_ref())),
        },
        Clause {
            name: "manner of performance (履行方式)",
            message: "the contract has no manner of performance (履行方式)",
            pointer: "/contract/manner_of_performance",
            help: "add `manner_of_performance` under `contract`: how the provider delivers the service (staff stationed, methods)",
            present: has(&|c| filled(c.manner_of_performance.as_ref())),
        },
        Clause {
            name: "acceptance (履约验收)",
            message: "the contract has no acceptance clause (履约验收)",
            pointer: "/contract/acceptance",
            help: "add `acceptance` under `contract`, with its `method`, `criteria` and `milestone`",
            present: has(&|c| {
                c.acceptance
                    .as_ref()
                    .is_some_and(|a| !a.method.trim().is_empty())
            }),
        },
        Clause {
            name: "dispute resolution (争议解决)",
            message: "the contract has no dispute-resolution clause (争议解决)",
            pointer: "/contract/dispute_resolution",
            help: "add `dispute_resolution: {method: litigation, venue: ...}` under `contract` (or `method: arbitration` with the commission as venue)",
            present: has(&|c| {
                c.dispute_resolution
                    .as_ref()
                    .is_some_and(|d| !d.venue.trim().is_empty())
            }),
        },
        Clause {
            name: "change and termination (合同变更与解除)",
            message: "the contract has no clause on change and termination (合同变更与解除)",
            pointer: "/contract/change_and_termination",
            help: "add `change_and_termination` under `contract`: how the contract is changed, and when either side may end it",
            present: has(&|c| any_filled(&c.change_and_termination)),
        },
        Clause {
            name: "force majeure (不可抗力)",
            message: "the contract has no force-majeure clause (不可抗力)",
            pointer: "/contract/force_majeure",
            help: "add `force_majeure` under `contract`",
            present: has(&|c| filled(c.force_majeure.as_ref())),
        },
        Clause {
            name: "confidentiality (保密)",
            message: "the contract has no confidentiality clause for client privacy and case files (保密)",
            pointer: "/contract/confidentiality",
            help: "add `confidentiality` under `contract`, with `client_privacy` and `case_files`",
            present: has(&|c| {
                c.confidentiality.as_ref().is_some_and(|k| {
                    !k.client_privacy.trim().is_empty() && !k.case_files.trim().is_empty()
                })
            }),
        },
        Clause {
            name: "intellectual property (知识产权)",
            message: "the contract has no intellectual-property clause (知识产权)",
            pointer: "/contract/intellectual_property",
            help: "add `intellectual_property` under `contract`: who owns the case materials, reports and manuals the project produces",
            present: has(&|c| filled(c.intellectual_property.as_ref())),
        },
        Clause {
            name: "attachments (合同附件)",
            message: "the contract lists no attachments (合同附件)",
            pointer: "/contract/attachments",
            help: "list the `attachments` under `contract`: the service plan, the indicator table, the budget",
            present: has(&|c| !c.attachments.is_empty()),
        },
    ]
}

fn missing_contract_clause(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let missing: Vec<Clause> = clauses(cx).into_iter().filter(|c| !c.present).collect();
    if missing.is_empty() {
        return;
    }
    if cx.spec.contract.is_none() {
        let names: Vec<&str> = missing.iter().map(|c| c.name).collect();
        out.push(
            MISSING_CONTRACT_CLAUSE
                .diag(format!(
                    "the spec has no `contract`, so it lacks {} mandatory clauses: {}",
                    names.len(),
                    names.join(", ")
                ))
                .label_opt(cx.node("/parties"), "no contract between these parties")
                .help("add a `contract` section with every clause (`svcspec explain SV702` lists them); 财政部令第102号 第二十三条 requires a written contract")
                .pointer("/parties"),
        );
        return;
    }
    for clause in missing {
        let (found, span) = cx.index.nearest(clause.pointer);
        let key = clause.pointer.rsplit('/').next().unwrap_or_default();
        let (pointer, span, label) = if found == clause.pointer {
            (found, span, "empty or incomplete".to_owned())
        } else if found.is_empty() {
            // A top-level key such as `targets`: the root is no place to point at.
            (
                "/contract".to_owned(),
                cx.node("/contract"),
                format!("no `{key}` in the spec"),
            )
        } else {
            (found, span, format!("no `{key}` here"))
        };
        out.push(
            MISSING_CONTRACT_CLAUSE
                .diag(clause.message)
                .label_opt(span, label)
                .help(clause.help)
                .pointer(pointer),
        );
    }
}

pub static SUBCONTRACTING_ALLOWED: Rule = Rule {
    code: "SV703",
    name: "subcontracting-allowed",
    severity: Severity::Error,
    origin: Origin::Semantic(subcontracting_allowed),
    summary: "the contract allows subcontracting, or does not forbid it",
    docs: RuleDocs {
        what: "`contract.subcontracting` is `forbidden`.",
        why: "The 2012 guidance of 民政部 and 财政部 on purchasing social-work services forbids subcontracting (严禁转包): the agency chosen for its qualifications must be the one that serves the clients.",
        example: "contract:\n  subcontracting: allowed",
        fix: "Write `subcontracting: forbidden` under `contract`.",
    },
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

pub static INELIGIBLE_PARTY_KIND: Rule = Rule {
    code: "SV704",
    name: "ineligible-party-kind",
    severity: Severity::Error,
    origin: Origin::Semantic(ineligible_party_kind),
    summary: "the purchaser is not a state organ, or the provider is of a kind that may not provide",
    docs: RuleDocs {
        what: "`parties.purchaser.kind` is `state_organ`, or `mass_organization` (a 群团组织 such as a district Youth League committee buying youth work); `parties.provider.kind` is one of `enterprise`, `social_organization`, `public_institution`, `village_collective`, `grassroots_organization` or `individual`, never `state_organ` or `mass_organization`. A party without a `kind` is a finding too: it cannot be verified.",
        why: "财政部令第102号 政府购买服务管理办法: the buyer (购买主体) is a state organ (国家机关), and the organs of mass organisations staffed as civil servants buy under the same rules (第六条, 参照执行); providers (承接主体) are enterprises, social organisations (not including mass organisations funded by the budget), public institutions that may provide, village collective economic organisations, grassroots self-governing organisations and individuals (第八条). A state organ cannot sell services to the government, and a body that is neither cannot sign as the buyer: in the lecture's Chaoyang case the residents' committee signed the agreement while a district department paid, so the department is the purchaser and the committee a partner. A Youth League committee that takes part in a youth project without buying it is a partner.",
        example: "parties:\n  purchaser: {id: rc, name: 康营一社区居民委员会, kind: grassroots_organization}",
        fix: "Make the state organ that buys the service the `purchaser` (list others as `funder` or `partners`), and give each party its `kind`.",
    },
};

/// A party kind as the spec writes it.
fn kind_key(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::StateOrgan => "state_organ",
        PartyKind::PublicInstitution => "public_institution",
        PartyKind::SocialOrganization => "social_organization",
        PartyKind::Enterprise => "enterprise",
        PartyKind::VillageCollective => "village_collective",
        PartyKind::GrassrootsOrganization => "grassroots_organization",
        PartyKind::Individual => "individual",
        PartyKind::MassOrganization => "mass_organization",
    }
}

fn ineligible_party_kind(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let parties = &cx.spec.parties;
    check_kind(cx, out, "purchaser", &parties.purchaser);
    check_kind(cx, out, "provider", &parties.provider);
}

fn check_kind(cx: &Context<'_>, out: &mut Vec<Diagnostic>, role: &str, party: &Party) {
    let ptr = format!("/parties/{role}");
    let kind_ptr = format!("{ptr}/kind");
    let buyer = role == "purchaser";
    let Some(kind) = party.kind else {
        let (message, help) = if buyer {
            (
                format!(
                    "the purchaser `{}` has no `kind`: cannot verify that it is a state organ (国家机关)",
                    party.name
                ),
                "add `kind: state_organ` to the purchaser: only a state organ may buy (财政部令第102号)".to_owned(),
            )
        } else {
            (
                format!(
                    "the provider `{}` has no `kind`: cannot verify that it may provide the service",
                    party.name
                ),
                "add its `kind`, e.g. `social_organization` for a social-work agency; 财政部令第102号 allows `enterprise`, `social_organization`, `public_institution`, `village_collective`, `grassroots_organization` and `individual`".to_owned(),
            )
        };
        out.push(
            INELIGIBLE_PARTY_KIND
                .diag(message)
                .label_opt(cx.node(&ptr), "no `kind`")
                .help(help)
                .pointer(ptr),
        );
        return;
    };
    let allowed = if buyer {
        matches!(kind, PartyKind::StateOrgan | PartyKind::MassOrganization)
    } else {
        !matches!(kind, PartyKind::StateOrgan | PartyKind::MassOrganization)
    };
    if allowed {
        return;
    }
    let (message, label, help) = if buyer {
        (
            format!(
                "the purchaser `{}` is of kind `{}` ({}), not a state organ (国家机关) or a mass organisation (群团组织)",
                party.name,
                kind_key(kind),
                kind.zh()
            ),
            "must be `state_organ` or `mass_organization`",
            "make the state organ that buys and signs the `purchaser` (财政部令第102号); list the body that pays as `funder` and others as `partners`",
        )
    } else {
        (
            format!(
                "the provider `{}` is a {} ({}), which may not provide a purchased service",
                party.name,
                if kind == PartyKind::StateOrgan {
                    "state organ"
                } else {
                    "mass organisation"
                },
                kind.zh()
            ),
            "cannot provide",
            "财政部令第102号 lets enterprises, social organisations, public institutions, village collectives, grassroots self-governing organisations and individuals provide (a mass organisation funded by the budget does not, 第八条); correct the `kind`, list the body as a partner, or contract a body that may provide",
        )
    };
    out.push(
        INELIGIBLE_PARTY_KIND
            .diag(message)
            .label_opt(cx.value(&kind_ptr), label)
            .label_opt(cx.value(&format!("{ptr}/name")), role)
            .help(help)
            .pointer(kind_ptr),
    );
}

pub static NO_SUSTAINABILITY_PLAN: Rule = Rule {
    code: "SV705",
    name: "no-sustainability-plan",
    severity: Severity::Warning,
    origin: Origin::Semantic(no_sustainability_plan),
    summary: "the spec says nothing of what happens to the service when the contract ends",
    docs: RuleDocs {
        what: "The spec has `sustainability` with a `continuation` plan (how the service goes on after the term) or an `exit` plan (how clients are handed over if it stops), or both.",
        why: "The lecture names project continuity (项目的持续性困境) among the problems of government purchase: contracts run a year, and when one ends the clients of a hospice or an elderly-care project are left without the worker they trusted. Planning the continuation or the exit before signing is the remedy.",
        example: "sustainability:\n  funding: 争取下一年度财政预算   # neither continuation nor exit",
        fix: "Add `sustainability` with `continuation` (and the `funding` it relies on) and an `exit` plan for handing clients over.",
    },
};

fn no_sustainability_plan(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    match &cx.spec.sustainability {
        Some(s) if filled(s.continuation.as_ref()) || filled(s.exit.as_ref()) => {}
        Some(_) => out.push(
            NO_SUSTAINABILITY_PLAN
                .diag("the sustainability section has neither a continuation nor an exit plan")
                .label_opt(cx.node("/sustainability"), "no `continuation` or `exit` here")
                .help("add `continuation` (how the service goes on after the term) or `exit` (how clients are handed over if it stops) under `sustainability`")
                .pointer("/sustainability"),
        ),
        None => out.push(
            NO_SUSTAINABILITY_PLAN
                .diag(format!(
                    "the spec has no sustainability plan: nothing says what happens to the clients after {}",
                    cx.spec.period.end
                ))
                .label_opt(cx.value("/period/end"), "the service ends here")
                .help("add `sustainability` with `continuation` or `exit`: the lecture names project continuity (项目的持续性困境) as a problem")
                .pointer("/period/end"),
        ),
    }
}

pub static MINORS_WITHOUT_SAFEGUARDING: Rule = Rule {
    code: "SV706",
    name: "minors-without-safeguarding",
    severity: Severity::Error,
    origin: Origin::Semantic(minors_without_safeguarding),
    summary: "a client group has members under 18, but background checks, mandatory reporting or guardian consent is not arranged",
    docs: RuleDocs {
        what: "When a client group's ages reach below 18 (`min_age` under 18, or, without a `min_age`, a `max_age` under 18), `safeguarding` has `background_checks` covering the staff (and the volunteers, when the project has any), `mandatory_reporting` with a named `duty_officer`, and `guardian_consent`.",
        why: "The Minors Protection Law (《未成年人保护法》, revised 2020) makes a body in close contact with minors look up the criminal records of those it takes on (入职查询, 第六十二条) and report harm or suspected harm at once (强制报告, 第十一条; the 2020 强制报告制度 opinions name the responsible person); social work with minors also needs their guardians' informed consent. A youth project that does not say how it does these cannot be contracted safely.",
        example: "client_groups:\n  - {id: youth, name: 辖区青少年, min_age: 12, max_age: 18}\n# no safeguarding",
        fix: "Add `safeguarding:` with `background_checks: {covers: [staff, volunteers], method: …}`, `mandatory_reporting: {duty_officer: …, report_to: [公安机关, 民政部门]}` and `guardian_consent: {form: 监护人知情同意书}`.",
    },
};

pub static NEEDS_ASSESSMENT_WITHOUT_METHOD: Rule = Rule {
    code: "SV707",
    name: "needs-assessment-without-method",
    severity: Severity::Error,
    origin: Origin::Semantic(needs_assessment_without_method),
    summary: "the needs assessment names no method, or names one both as `method` and as a list of `methods`",
    docs: RuleDocs {
        what: "`needs_assessment` gives its method either as `method` (one method, with `sample`) or as `methods` (several, each with its own sample), not both and not neither.",
        why: "The needs assessment is the baseline of the indicators (基线), and the lecture's Chaoyang case reports its survey of \"500多\" residents: how the needs were found, and from how many, is what a reviewer weighs. An assessment without a method cannot be weighed; one with both forms says two different things.",
        example: "needs_assessment:\n  method: survey\n  methods:\n    - {method: interview, sample: {comparator: exactly, size: 12, unit: 人}}",
        fix: "Write one method as `method` and `sample`, or several under `methods`, each with its own `sample`.",
    },
};

pub static RULES: &[&Rule] = &[
    &UNUSED_DECLARATION,
    &MISSING_CONTRACT_CLAUSE,
    &SUBCONTRACTING_ALLOWED,
    &INELIGIBLE_PARTY_KIND,
    &NO_SUSTAINABILITY_PLAN,
    &MINORS_WITHOUT_SAFEGUARDING,
    &NEEDS_ASSESSMENT_WITHOUT_METHOD,
];

fn minors_without_safeguarding(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let Some((g, group)) = spec.minors().next() else {
        return;
    };
    let age_key = if group.min_age.is_some() {
        "min_age"
    } else {
        "max_age"
    };
    let age_pointer = format!("/client_groups/{g}/{age_key}");
    let ages = format!("client group `{}` has members under 18", group.id);
    let safeguarding = spec.safeguarding.as_ref();
    let mut missing: Vec<(&str, String, &str)> = Vec::new();
    match safeguarding.and_then(|s| s.background_checks.as_ref()) {
        None => missing.push((
            "background checks (入职查询)",
            "background_checks: {covers: [staff, volunteers], method: 入职前向公安机关查询违法犯罪记录}".to_owned(),
            "/safeguarding/background_checks",
        )),
        Some(checks) => {
            let mut uncovered = Vec::new();
            if !checks.covers.contains(&Checked::Staff) {
                uncovered.push("staff");
            }
            if spec.volunteers.is_some() && !checks.covers.contains(&Checked::Volunteers) {
                uncovered.push("volunteers");
            }
            if !uncovered.is_empty() {
                missing.push((
                    "background checks of everyone working with the minors",
                    format!("add {} to `covers`", uncovered.join(" and ")),
                    "/safeguarding/background_checks/covers",
                ));
            }
        }
    }
    match safeguarding.and_then(|s| s.mandatory_reporting.as_ref()) {
        None => missing.push((
            "mandatory reporting (强制报告)",
            "mandatory_reporting: {duty_officer: <the responsible person>, report_to: [公安机关, 民政部门]}".to_owned(),
            "/safeguarding/mandatory_reporting",
        )),
        Some(r) if r.duty_officer.trim().is_empty() => missing.push((
            "a named duty officer for mandatory reporting (强制报告责任人)",
            "name the person in `duty_officer`".to_owned(),
            "/safeguarding/mandatory_reporting/duty_officer",
        )),
        Some(_) => {}
    }
    if safeguarding
        .and_then(|s| s.guardian_consent.as_ref())
        .is_none()
    {
        missing.push((
            "guardian consent (监护人知情同意)",
            "guardian_consent: {form: 监护人知情同意书}".to_owned(),
            "/safeguarding/guardian_consent",
        ));
    }
    for (what, fix, pointer) in missing {
        // Where the arrangement is written but incomplete, label it; where it is missing, label
        // the `safeguarding` that lacks it.
        let (at, label) = match cx.value(pointer) {
            Some(span) => (Some(span), "incomplete"),
            None => (
                cx.nearest(pointer).filter(|_| safeguarding.is_some()),
                "not arranged here",
            ),
        };
        out.push(
            MINORS_WITHOUT_SAFEGUARDING
                .diag(format!("{ages}, but the spec does not arrange {what}"))
                .label_opt(cx.value(&age_pointer), "under 18")
                .label_opt(at, label)
                .help(format!(
                    "《未成年人保护法》 requires it of a body in close contact with minors: {fix}"
                ))
                .pointer(pointer),
        );
    }
}

fn needs_assessment_without_method(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(na) = &cx.spec.needs_assessment else {
        return;
    };
    match (na.method.is_some(), na.methods.is_empty()) {
        (false, true) => out.push(
            NEEDS_ASSESSMENT_WITHOUT_METHOD
                .diag("the needs assessment names no method")
                .label_opt(cx.node("/needs_assessment"), "how were the needs found?")
                .help("add `method:` (e.g. `survey`) and its `sample`, or list several under `methods`")
                .pointer("/needs_assessment"),
        ),
        (true, false) => out.push(
            NEEDS_ASSESSMENT_WITHOUT_METHOD
                .diag("the needs assessment names a `method` and a list of `methods`")
                .label_opt(cx.node("/needs_assessment/method"), "one method")
                .label_opt(cx.node("/needs_assessment/methods"), "and several")
                .help("move the one method into the list under `methods` (with its sample), or keep only `method`")
                .pointer("/needs_assessment/method"),
        ),
        _ => {}
    }
}
