//! The Open Contracting Data Standard (OCDS 1.1.5) release of a spec's contract: parties with
//! their roles, the award, and the contract with its value and period, each tranche as a
//! `payment` milestone and each evaluation as an `assessment` milestone. The same spec, prefix
//! and date give the same bytes.

use serde_json::{Map, Value, json};

use crate::spec::Spec;
use crate::spec::party::Party;
use crate::spec::values::{Date, Money};

/// The name published for a reviewer who names no organisation: the panel, not the person.
const REVIEWER_WITHOUT_ORGANIZATION: &str = "评审专家";

/// A date as an OCDS date-time at the start of the day, in UTC.
pub fn midnight(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// An OCDS value in yuan: the exact decimal as a JSON number, currency CNY.
fn value(money: Money) -> Value {
    let amount = money.decimal().normalize().to_string();
    let amount = serde_json::from_str::<Value>(&amount).unwrap_or(Value::Null);
    json!({ "amount": amount, "currency": "CNY" })
}

fn organization(id: &str, name: &str, roles: &[&str], party: Option<&Party>) -> Value {
    let mut org = Map::new();
    org.insert("id".into(), json!(id));
    org.insert("name".into(), json!(name));
    if let Some(party) = party {
        if let Some(address) = &party.address {
            org.insert("address".into(), json!({ "streetAddress": address }));
        }
        if let Some(contact) = &party.contact {
            let mut point = Map::new();
            point.insert("name".into(), json!(contact.name));
            if let Some(phone) = &contact.phone {
                point.insert("telephone".into(), json!(phone));
            }
            org.insert("contactPoint".into(), Value::Object(point));
        }
    }
    org.insert("roles".into(), json!(roles));
    Value::Object(org)
}

/// The release of a spec that checks clean.
pub fn release(spec: &Spec, prefix: &str, date: &str) -> Value {
    let project = &spec.project;
    let buyer = &spec.parties.purchaser;
    let award_id = format!("{}-award", project.id.as_str());
    json!({
        "ocid": format!("{prefix}-{}", project.id.as_str()),
        "id": format!("{}-{date}", project.id.as_str()),
        "date": date,
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "zh",
        "parties": parties(spec),
        "buyer": { "id": buyer.id.as_str(), "name": buyer.name },
        "awards": [award(spec, &award_id)],
        "contracts": [contract(spec, &award_id)],
    })
}

/// Every party with its OCDS roles: the buyer pays unless a funder does.
fn parties(spec: &Spec) -> Vec<Value> {
    let parties = &spec.parties;
    let buyer = &parties.purchaser;
    let buyer_roles: &[&str] = if parties.funder.is_some() {
        &["buyer"]
    } else {
        &["buyer", "payer"]
    };
    let mut orgs = vec![organization(
        buyer.id.as_str(),
        &buyer.name,
        buyer_roles,
        Some(buyer),
    )];
    if let Some(funder) = &parties.funder {
        orgs.push(organization(
            funder.id.as_str(),
            &funder.name,
            &["funder", "payer"],
            Some(funder),
        ));
    }
    let supplier = &parties.provider;
    orgs.push(organization(
        supplier.id.as_str(),
        &supplier.name,
        &["supplier", "payee"],
        Some(supplier),
    ));
    for partner in &parties.partners {
        orgs.push(organization(
            partner.id.as_str(),
            &partner.name,
            &["interestedParty"],
            Some(partner),
        ));
    }
    // The third-party evaluator assesses the contract's implementation for the buyer, and its
    // grades release the payments: OCDS's contract implementation manager (docs/ocds.md).
    if let Some(evaluator) = &parties.evaluator {
        orgs.push(organization(
            evaluator.id.as_str(),
            &evaluator.name,
            &["contractImplementationManager"],
            Some(evaluator),
        ));
    }
    // Reviewers are people: only their id and the organisation they come from are published,
    // never their names.
    for reviewer in &parties.reviewers {
        orgs.push(organization(
            reviewer.id.as_str(),
            reviewer
                .organization
                .as_deref()
                .unwrap_or(REVIEWER_WITHOUT_ORGANIZATION),
            &["reviewBody"],
            None,
        ));
    }
    orgs
}

/// The contract period: from the first day's start to the last day's end.
fn period(spec: &Spec) -> Value {
    json!({
        "startDate": midnight(spec.period.start),
        "endDate": format!("{}T23:59:59Z", spec.period.end),
    })
}

/// The award to the provider, with the contract's value and signing date.
fn award(spec: &Spec, award_id: &str) -> Value {
    let supplier = &spec.parties.provider;
    let mut award = Map::new();
    award.insert("id".into(), json!(award_id));
    award.insert("title".into(), json!(spec.project.name));
    award.insert("status".into(), json!("active"));
    award.insert(
        "suppliers".into(),
        json!([{ "id": supplier.id.as_str(), "name": supplier.name }]),
    );
    award.insert("contractPeriod".into(), period(spec));
    if let Some(c) = &spec.contract {
        if let Some(amount) = c.amount {
            award.insert("value".into(), value(amount));
        }
        if let Some(signed) = c.signed_on {
            award.insert("date".into(), json!(midnight(signed)));
        }
    }
    Value::Object(award)
}

/// The contract: value, period, signing date, and its milestones.
fn contract(spec: &Spec, award_id: &str) -> Value {
    let project = &spec.project;
    let mut contract = Map::new();
    let contract_id = spec
        .contract
        .as_ref()
        .and_then(|c| c.number.clone())
        .unwrap_or_else(|| format!("{}-contract", project.id.as_str()));
    contract.insert("id".into(), json!(contract_id));
    contract.insert("awardID".into(), json!(award_id));
    contract.insert("title".into(), json!(project.name));
    if let Some(summary) = &project.summary {
        contract.insert("description".into(), json!(summary));
    }
    contract.insert("period".into(), period(spec));
    if let Some(c) = &spec.contract {
        if let Some(amount) = c.amount {
            contract.insert("value".into(), value(amount));
        }
        if let Some(signed) = c.signed_on {
            contract.insert("dateSigned".into(), json!(midnight(signed)));
        }
    }
    let milestones = milestones(spec);
    if !milestones.is_empty() {
        contract.insert("milestones".into(), Value::Array(milestones));
    }
    Value::Object(contract)
}

/// Each evaluation as an `assessment` milestone, then each tranche as a `payment` milestone.
fn milestones(spec: &Spec) -> Vec<Value> {
    let mut milestones = Vec::new();
    for m in spec.milestones.iter().filter(|m| m.kind.is_evaluation()) {
        let mut milestone = Map::new();
        milestone.insert("id".into(), json!(m.id.as_str()));
        milestone.insert("title".into(), json!(m.name));
        milestone.insert("type".into(), json!("assessment"));
        if let Some(description) = &m.description {
            milestone.insert("description".into(), json!(description));
        }
        milestone.insert("dueDate".into(), json!(midnight(m.date)));
        milestone.insert("status".into(), json!("scheduled"));
        milestones.push(Value::Object(milestone));
    }
    for t in spec.contract.iter().flat_map(|c| c.tranches.iter()) {
        let mut milestone = Map::new();
        milestone.insert("id".into(), json!(format!("payment-{}", t.id.as_str())));
        milestone.insert("title".into(), json!(t.name));
        milestone.insert("type".into(), json!("payment"));
        if let Some(gate) = &t.milestone {
            milestone.insert(
                "description".into(),
                json!(format!("按评估里程碑 {} 的评估等级拨付", gate.as_str())),
            );
        }
        milestone.insert("dueDate".into(), json!(midnight(t.due)));
        milestone.insert("status".into(), json!("scheduled"));
        milestone.insert("value".into(), value(t.amount));
        milestones.push(Value::Object(milestone));
    }
    milestones
}
