//! Ids are unique within their kind, and every reference resolves to an id of the right kind.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Origin, Rule, RuleDocs};
use crate::span_index::SpanIndex;
use crate::spec::Spec;
use crate::spec::evaluation::SchemeItem;
use crate::spec::values::Id;
use crate::suggest::did_you_mean;

pub static DUPLICATE_ID: Rule = Rule {
    code: "SV030",
    name: "duplicate-id",
    severity: Severity::Error,
    origin: Origin::Integrity,
    summary: "two items of the same kind share an id",
    docs: RuleDocs {
        what: "Within each kind (parties, client groups, targets, milestones, tranches…) every id is used once. Both places are shown.",
        why: "References name items by id; with two items behind one id, a tranche could be gated by the wrong evaluation or a target counted twice.",
        example: "targets:\n  - id: cases\n    ...\n  - id: cases\n    ...",
        fix: "Rename one of the two, and update the references that meant it.",
    },
};

pub static DANGLING_REFERENCE: Rule = Rule {
    code: "SV031",
    name: "dangling-reference",
    severity: Severity::Error,
    origin: Origin::Integrity,
    summary: "a reference names an id that does not exist",
    docs: RuleDocs {
        what: "Every reference (a target's client group, a subset's parent target, a tranche's milestone and grade, an activity's methods…) names an id defined in the spec, of the right kind.",
        why: "A dangling reference makes a payment condition or a target meaningless, and the documents would print a name that refers to nothing.",
        example: "targets:\n  - id: visits\n    distinct_individuals_of: eldrs   # the group is `elders`",
        fix: "Correct the id (the help suggests the closest one), or define the item it refers to.",
    },
};

pub static RULES: &[&Rule] = &[&DUPLICATE_ID, &DANGLING_REFERENCE];

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Party,
    Reviewer,
    ClientGroup,
    Finding,
    Theory,
    Method,
    Outcome,
    Output,
    Activity,
    Indicator,
    Target,
    Phase,
    Milestone,
    BudgetLine,
    Tranche,
    Subject,
    SchemeItem,
    Grade,
    Risk,
}

impl Kind {
    /// The noun used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Reviewer => "reviewer",
            Self::ClientGroup => "client group",
            Self::Finding => "finding",
            Self::Theory => "theory",
            Self::Method => "method",
            Self::Outcome => "outcome",
            Self::Output => "output",
            Self::Activity => "activity",
            Self::Indicator => "indicator",
            Self::Target => "target",
            Self::Phase => "phase",
            Self::Milestone => "milestone",
            Self::BudgetLine => "budget line",
            Self::Tranche => "tranche",
            Self::Subject => "evaluation subject",
            Self::SchemeItem => "evaluation item",
            Self::Grade => "grade band",
            Self::Risk => "risk",
        }
    }

    /// Where items of this kind are defined, for the help text.
    pub fn home(self) -> &'static str {
        match self {
            Self::Party => "parties",
            Self::Reviewer => "parties.reviewers",
            Self::ClientGroup => "client_groups",
            Self::Finding => "needs_assessment.findings",
            Self::Theory => "theories",
            Self::Method => "methods",
            Self::Outcome => "outcomes",
            Self::Output => "outputs",
            Self::Activity => "activities",
            Self::Indicator => "indicators",
            Self::Target => "targets",
            Self::Phase => "phases",
            Self::Milestone => "milestones",
            Self::BudgetLine => "budget.lines",
            Self::Tranche => "contract.tranches",
            Self::Subject => "evaluation.subjects",
            Self::SchemeItem => "evaluation.scheme",
            Self::Grade => "evaluation.grades",
            Self::Risk => "risks",
        }
    }
}

/// Every field that refers to an id, as `path[].field`, with the kind it refers to.
pub const REFERENCE_FIELDS: &[(&str, Kind)] = &[
    ("parties.reviewers[].relations[].with", Kind::Party),
    ("client_groups[].part_of", Kind::ClientGroup),
    ("needs_assessment.sample.client_groups[]", Kind::ClientGroup),
    (
        "needs_assessment.methods[].sample.client_groups[]",
        Kind::ClientGroup,
    ),
    (
        "needs_assessment.findings[].client_groups[]",
        Kind::ClientGroup,
    ),
    ("methods[].theories[]", Kind::Theory),
    ("goal.indicators[]", Kind::Indicator),
    ("outcomes[].indicators[]", Kind::Indicator),
    ("outputs[].outcome", Kind::Outcome),
    ("outputs[].indicators[]", Kind::Indicator),
    ("activities[].output", Kind::Output),
    ("activities[].methods[]", Kind::Method),
    ("activities[].theories[]", Kind::Theory),
    ("activities[].client_groups[]", Kind::ClientGroup),
    ("targets[].indicator", Kind::Indicator),
    ("targets[].distinct_individuals_of", Kind::ClientGroup),
    ("targets[].subset_of", Kind::Target),
    ("targets[].milestone", Kind::Milestone),
    ("targets[].interim[].milestone", Kind::Milestone),
    ("phases[].activities[]", Kind::Activity),
    ("supervision.supervisors[]", Kind::Party),
    ("budget.lines[].activities[]", Kind::Activity),
    ("contract.tranches[].milestone", Kind::Milestone),
    ("contract.tranches[].min_grade", Kind::Grade),
    ("contract.tranches[].release[].grade", Kind::Grade),
    ("contract.tranches[].requires_targets[]", Kind::Target),
    ("contract.tranches[].deductions[].target", Kind::Target),
    ("contract.acceptance.milestone", Kind::Milestone),
    ("evaluation.subjects[].party", Kind::Party),
    ("evaluation.subjects[].items[]", Kind::SchemeItem),
    ("evaluation.scheme[].indicator", Kind::Indicator),
    ("evaluation.register_form.opened_at", Kind::Milestone),
    ("evaluation.register_form.roster", Kind::Target),
    ("referral.referrers[]", Kind::Party),
];

/// An id defined in the spec.
#[derive(Debug, Clone)]
pub struct Definition<'s> {
    pub kind: Kind,
    pub id: &'s Id,
    /// Pointer of the item (its `id` key is below it).
    pub pointer: String,
}

/// A reference to an id.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Which field, as in [`REFERENCE_FIELDS`].
    pub field: &'static str,
    pub kind: Kind,
    pub id: Id,
    /// Pointer of the referring value.
    pub pointer: String,
}

/// Every id the spec defines, in document order.
pub fn definitions(spec: &Spec) -> Vec<Definition<'_>> {
    let mut out = Vec::new();
    let mut def = |kind, id, pointer: String| out.push(Definition { kind, id, pointer });
    for (pointer, party) in spec.parties.all() {
        def(Kind::Party, &party.id, pointer);
    }
    for (i, r) in spec.parties.reviewers.iter().enumerate() {
        def(Kind::Reviewer, &r.id, format!("/parties/reviewers/{i}"));
    }
    for (i, g) in spec.client_groups.iter().enumerate() {
        def(Kind::ClientGroup, &g.id, format!("/client_groups/{i}"));
    }
    if let Some(na) = &spec.needs_assessment {
        for (i, f) in na.findings.iter().enumerate() {
            def(
                Kind::Finding,
                &f.id,
                format!("/needs_assessment/findings/{i}"),
            );
        }
    }
    for (i, t) in spec.theories.iter().enumerate() {
        def(Kind::Theory, &t.id, format!("/theories/{i}"));
    }
    for (i, m) in spec.methods.iter().enumerate() {
        def(Kind::Method, &m.id, format!("/methods/{i}"));
    }
    for (i, o) in spec.outcomes.iter().enumerate() {
        def(Kind::Outcome, &o.id, format!("/outcomes/{i}"));
    }
    for (i, o) in spec.outputs.iter().enumerate() {
        def(Kind::Output, &o.id, format!("/outputs/{i}"));
    }
    for (i, a) in spec.activities.iter().enumerate() {
        def(Kind::Activity, &a.id, format!("/activities/{i}"));
    }
    for (i, x) in spec.indicators.iter().enumerate() {
        def(Kind::Indicator, &x.id, format!("/indicators/{i}"));
    }
    for (i, t) in spec.targets.iter().enumerate() {
        def(Kind::Target, &t.id, format!("/targets/{i}"));
    }
    for (i, p) in spec.phases.iter().enumerate() {
        def(Kind::Phase, &p.id, format!("/phases/{i}"));
    }
    for (i, m) in spec.milestones.iter().enumerate() {
        def(Kind::Milestone, &m.id, format!("/milestones/{i}"));
    }
    if let Some(budget) = &spec.budget {
        for (i, l) in budget.lines.iter().enumerate() {
            def(Kind::BudgetLine, &l.id, format!("/budget/lines/{i}"));
        }
    }
    if let Some(contract) = &spec.contract {
        for (i, t) in contract.tranches.iter().enumerate() {
            def(Kind::Tranche, &t.id, format!("/contract/tranches/{i}"));
        }
    }
    if let Some(ev) = &spec.evaluation {
        for (i, s) in ev.subjects.iter().enumerate() {
            def(Kind::Subject, &s.id, format!("/evaluation/subjects/{i}"));
        }
        for_each_item(&ev.scheme, "/evaluation/scheme", &mut |item, pointer| {
            def(Kind::SchemeItem, &item.id, pointer.to_owned());
        });
        for (i, g) in ev.grades.iter().enumerate() {
            def(Kind::Grade, &g.id, format!("/evaluation/grades/{i}"));
        }
    }
    for (i, r) in spec.risks.iter().enumerate() {
        def(Kind::Risk, &r.id, format!("/risks/{i}"));
    }
    out
}

/// Calls `f` on every item of an evaluation scheme tree, parents before children.
pub fn for_each_item<'s>(
    items: &'s [SchemeItem],
    pointer: &str,
    f: &mut dyn FnMut(&'s SchemeItem, &str),
) {
    for (i, item) in items.iter().enumerate() {
        let p = format!("{pointer}/{i}");
        f(item, &p);
        for_each_item(&item.children, &format!("{p}/children"), f);
    }
}

/// Every reference in the spec, in document order.
pub fn references(spec: &Spec) -> Vec<Reference> {
    let mut out = Vec::new();
    each_reference(spec, &mut |field, kind, id, pointer| {
        out.push(Reference {
            field,
            kind,
            id: id.clone(),
            pointer: pointer(),
        });
    });
    out
}

/// Writes the JSON pointer of a reference.
type Pointer<'a> = &'a dyn Fn() -> String;

/// What [`each_reference`] calls on each reference: its field, the kind it refers to, the id,
/// and its pointer.
type OnReference<'a> = dyn FnMut(&'static str, Kind, &Id, Pointer<'_>) + 'a;

/// Calls `f` on every reference in the spec, in document order, with the field, the kind it
/// refers to, the id, and a function that writes its pointer (only a dangling reference needs
/// one, and a spec holds hundreds of references).
fn each_reference(spec: &Spec, f: &mut OnReference<'_>) {
    let mut add = |field: &'static str, id: &'_ Id, pointer: Pointer<'_>| {
        let kind = REFERENCE_FIELDS
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(Kind::Party, |(_, k)| *k);
        f(field, kind, id, pointer);
    };
    for (i, r) in spec.parties.reviewers.iter().enumerate() {
        for (j, rel) in r.relations.iter().enumerate() {
            add("parties.reviewers[].relations[].with", &rel.with, &|| {
                format!("/parties/reviewers/{i}/relations/{j}/with")
            });
        }
    }
    for (i, g) in spec.client_groups.iter().enumerate() {
        if let Some(parent) = &g.part_of {
            add("client_groups[].part_of", parent, &|| {
                format!("/client_groups/{i}/part_of")
            });
        }
    }
    if let Some(na) = &spec.needs_assessment {
        if let Some(sample) = &na.sample {
            for (j, g) in sample.client_groups.iter().enumerate() {
                add("needs_assessment.sample.client_groups[]", g, &|| {
                    format!("/needs_assessment/sample/client_groups/{j}")
                });
            }
        }
        for (i, step) in na.methods.iter().enumerate() {
            for (j, g) in step
                .sample
                .iter()
                .flat_map(|s| s.client_groups.iter())
                .enumerate()
            {
                add(
                    "needs_assessment.methods[].sample.client_groups[]",
                    g,
                    &|| format!("/needs_assessment/methods/{i}/sample/client_groups/{j}"),
                );
            }
        }
        for (i, f) in na.findings.iter().enumerate() {
            for (j, g) in f.client_groups.iter().enumerate() {
                add("needs_assessment.findings[].client_groups[]", g, &|| {
                    format!("/needs_assessment/findings/{i}/client_groups/{j}")
                });
            }
        }
    }
    for (i, m) in spec.methods.iter().enumerate() {
        for (j, t) in m.theories.iter().enumerate() {
            add("methods[].theories[]", t, &|| {
                format!("/methods/{i}/theories/{j}")
            });
        }
    }
    if let Some(goal) = &spec.goal {
        for (j, x) in goal.indicators.iter().enumerate() {
            add("goal.indicators[]", x, &|| format!("/goal/indicators/{j}"));
        }
    }
    for (i, o) in spec.outcomes.iter().enumerate() {
        for (j, x) in o.indicators.iter().enumerate() {
            add("outcomes[].indicators[]", x, &|| {
                format!("/outcomes/{i}/indicators/{j}")
            });
        }
    }
    for (i, o) in spec.outputs.iter().enumerate() {
        if let Some(oc) = &o.outcome {
            add("outputs[].outcome", oc, &|| format!("/outputs/{i}/outcome"));
        }
        for (j, x) in o.indicators.iter().enumerate() {
            add("outputs[].indicators[]", x, &|| {
                format!("/outputs/{i}/indicators/{j}")
            });
        }
    }
    for (i, a) in spec.activities.iter().enumerate() {
        if let Some(o) = &a.output {
            add("activities[].output", o, &|| {
                format!("/activities/{i}/output")
            });
        }
        for (j, m) in a.methods.iter().enumerate() {
            add("activities[].methods[]", m, &|| {
                format!("/activities/{i}/methods/{j}")
            });
        }
        for (j, t) in a.theories.iter().enumerate() {
            add("activities[].theories[]", t, &|| {
                format!("/activities/{i}/theories/{j}")
            });
        }
        for (j, g) in a.client_groups.iter().enumerate() {
            add("activities[].client_groups[]", g, &|| {
                format!("/activities/{i}/client_groups/{j}")
            });
        }
    }
    for (i, t) in spec.targets.iter().enumerate() {
        if let Some(x) = &t.indicator {
            add("targets[].indicator", x, &|| {
                format!("/targets/{i}/indicator")
            });
        }
        if let Some(g) = &t.distinct_individuals_of {
            add("targets[].distinct_individuals_of", g, &|| {
                format!("/targets/{i}/distinct_individuals_of")
            });
        }
        if let Some(p) = &t.subset_of {
            add("targets[].subset_of", p, &|| {
                format!("/targets/{i}/subset_of")
            });
        }
        if let Some(m) = &t.milestone {
            add("targets[].milestone", m, &|| {
                format!("/targets/{i}/milestone")
            });
        }
        for (j, interim) in t.interim.iter().enumerate() {
            add("targets[].interim[].milestone", &interim.milestone, &|| {
                format!("/targets/{i}/interim/{j}/milestone")
            });
        }
    }
    for (i, p) in spec.phases.iter().enumerate() {
        for (j, a) in p.activities.iter().enumerate() {
            add("phases[].activities[]", a, &|| {
                format!("/phases/{i}/activities/{j}")
            });
        }
    }
    if let Some(s) = &spec.supervision {
        for (j, p) in s.supervisors.iter().enumerate() {
            add("supervision.supervisors[]", p, &|| {
                format!("/supervision/supervisors/{j}")
            });
        }
    }
    if let Some(budget) = &spec.budget {
        for (i, l) in budget.lines.iter().enumerate() {
            for (j, a) in l.activities.iter().enumerate() {
                add("budget.lines[].activities[]", a, &|| {
                    format!("/budget/lines/{i}/activities/{j}")
                });
            }
        }
    }
    if let Some(c) = &spec.contract {
        for (i, t) in c.tranches.iter().enumerate() {
            if let Some(m) = &t.milestone {
                add("contract.tranches[].milestone", m, &|| {
                    format!("/contract/tranches/{i}/milestone")
                });
            }
            if let Some(g) = &t.min_grade {
                add("contract.tranches[].min_grade", g, &|| {
                    format!("/contract/tranches/{i}/min_grade")
                });
            }
            for (j, r) in t.release.iter().enumerate() {
                add("contract.tranches[].release[].grade", &r.grade, &|| {
                    format!("/contract/tranches/{i}/release/{j}/grade")
                });
            }
            for (j, x) in t.requires_targets.iter().enumerate() {
                add("contract.tranches[].requires_targets[]", x, &|| {
                    format!("/contract/tranches/{i}/requires_targets/{j}")
                });
            }
            for (j, d) in t.deductions.iter().enumerate() {
                add(
                    "contract.tranches[].deductions[].target",
                    &d.target,
                    &|| format!("/contract/tranches/{i}/deductions/{j}/target"),
                );
            }
        }
        if let Some(m) = c.acceptance.as_ref().and_then(|a| a.milestone.as_ref()) {
            add("contract.acceptance.milestone", m, &|| {
                "/contract/acceptance/milestone".to_owned()
            });
        }
    }
    if let Some(ev) = &spec.evaluation {
        for (i, s) in ev.subjects.iter().enumerate() {
            if let Some(p) = &s.party {
                add("evaluation.subjects[].party", p, &|| {
                    format!("/evaluation/subjects/{i}/party")
                });
            }
            for (j, item) in s.items.iter().enumerate() {
                add("evaluation.subjects[].items[]", item, &|| {
                    format!("/evaluation/subjects/{i}/items/{j}")
                });
            }
        }
        for_each_item(&ev.scheme, "/evaluation/scheme", &mut |item, pointer| {
            if let Some(x) = &item.indicator {
                add("evaluation.scheme[].indicator", x, &|| {
                    format!("{pointer}/indicator")
                });
            }
        });
        if let Some(form) = &ev.register_form {
            if let Some(m) = &form.opened_at {
                add("evaluation.register_form.opened_at", m, &|| {
                    "/evaluation/register_form/opened_at".to_owned()
                });
            }
            if let Some(t) = &form.roster {
                add("evaluation.register_form.roster", t, &|| {
                    "/evaluation/register_form/roster".to_owned()
                });
            }
        }
    }
    if let Some(r) = &spec.referral {
        for (j, p) in r.referrers.iter().enumerate() {
            add("referral.referrers[]", p, &|| {
                format!("/referral/referrers/{j}")
            });
        }
    }
}

/// Checks uniqueness within each kind and that every reference resolves.
pub fn check(spec: &Spec, index: &SpanIndex) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let defs = definitions(spec);
    let mut seen: HashMap<(Kind, &str), &str> = HashMap::new();
    for d in &defs {
        if let Some(first) = seen.get(&(d.kind, d.id.as_str())) {
            let id_pointer = format!("{}/id", d.pointer);
            let first_pointer = format!("{first}/id");
            diagnostics.push(
                DUPLICATE_ID
                    .diag(format!("{} id `{}` is used twice", d.kind.noun(), d.id))
                    .label_opt(index.value(&id_pointer), "second use")
                    .label_opt(index.value(&first_pointer), "first use")
                    .help(format!("rename one of the two {}s", d.kind.noun()))
                    .pointer(id_pointer),
            );
        } else {
            seen.insert((d.kind, d.id.as_str()), &d.pointer);
        }
    }
    let mut dangling = Vec::new();
    each_reference(spec, &mut |field, kind, id, pointer| {
        if !seen.contains_key(&(kind, id.as_str())) {
            dangling.push(Reference {
                field,
                kind,
                id: id.clone(),
                pointer: pointer(),
            });
        }
    });
    for r in dangling {
        let candidates: Vec<&str> = defs
            .iter()
            .filter(|d| d.kind == r.kind)
            .map(|d| d.id.as_str())
            .collect();
        let help = match did_you_mean(r.id.as_str(), candidates.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if candidates.is_empty() => {
                format!(
                    "no {} is defined: add one under `{}`",
                    r.kind.noun(),
                    r.kind.home()
                )
            }
            None => format!(
                "the {}s are: {}",
                r.kind.noun(),
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diagnostics.push(
            DANGLING_REFERENCE
                .diag(format!("no {} has the id `{}`", r.kind.noun(), r.id))
                .label_opt(
                    index.value(&r.pointer),
                    format!("refers to a {}", r.kind.noun()),
                )
                .help(help)
                .pointer(r.pointer),
        );
    }
    diagnostics
}
