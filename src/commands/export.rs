//! `svcspec export --ocds`: an OCDS 1.1.5 release of a spec's contract.
//!
//! Parties with their roles, the award and the contract with its value and period, each tranche
//! as a `payment` milestone and each evaluation as an `assessment` milestone. The release date
//! and the ocid prefix come from options or the spec, never from the clock, so the same spec
//! and options give the same bytes.

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::cli::ExportArgs;
use crate::commands::check::check_one;
use crate::commands::{exit, usage_error};
use crate::fsutil::write_atomic;
use crate::report::Style;
use crate::spec::Spec;
use crate::spec::party::Party;
use crate::spec::values::{Date, Money};

pub fn run(args: &ExportArgs, style: Style) -> u8 {
    let Some(prefix) = args.ocid_prefix.as_deref() else {
        return usage_error(
            "an ocid needs the publisher's prefix registered with the Open Contracting Partnership: pass `--ocid-prefix ocds-xxxxxx`",
        );
    };
    if prefix.is_empty()
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return usage_error(&format!(
            "`{prefix}` is not an ocid prefix: use ASCII letters, digits and `-`, e.g. `ocds-213czf`"
        ));
    }
    if let Some(date) = args.date.as_deref()
        && !is_release_date(date)
    {
        return usage_error(&format!(
            "`{date}` is not a release date: write it as `YYYY-MM-DDThh:mm:ssZ`, e.g. `2016-01-05T00:00:00Z`"
        ));
    }

    let report = match check_one(&args.spec, args.config.as_deref(), &args.limits, style) {
        Ok(report) => report,
        Err(code) => return code,
    };
    if report.unreadable {
        return exit::USAGE;
    }
    let Some(spec) = report.spec.as_ref().filter(|_| !report.has_errors()) else {
        eprintln!("not exported: {} does not check clean", report.name);
        return exit::CONTENT;
    };

    let date = match (&args.date, spec.contract.as_ref().and_then(|c| c.signed_on)) {
        (Some(date), _) => date.clone(),
        (None, Some(signed)) => midnight(signed),
        (None, None) => {
            return usage_error(
                "the release needs a date: pass `--date YYYY-MM-DDThh:mm:ssZ`, or give the contract a `signed_on` date",
            );
        }
    };
    let release = release(spec, prefix, &date);
    let mut text = serde_json::to_string_pretty(&release).unwrap_or_default();
    text.push('\n');
    match &args.output {
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => exit::OK,
            Err(e) => usage_error(&format!("cannot write `{}`: {e}", path.display())),
        },
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            exit::OK
        }
    }
}

/// Whether a text is a date-time exactly as `YYYY-MM-DDThh:mm:ssZ`.
fn is_release_date(text: &str) -> bool {
    text.len() == 20
        && text.ends_with('Z')
        && text.as_bytes().get(10) == Some(&b'T')
        && text[..19].parse::<jiff::civil::DateTime>().is_ok()
}

fn midnight(date: Date) -> String {
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
    let parties = &spec.parties;
    let project = &spec.project;
    let mut orgs = Vec::new();
    let buyer = &parties.purchaser;
    let buyer_roles: &[&str] = if parties.funder.is_some() {
        &["buyer"]
    } else {
        &["buyer", "payer"]
    };
    orgs.push(organization(
        buyer.id.as_str(),
        &buyer.name,
        buyer_roles,
        Some(buyer),
    ));
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
    if let Some(evaluator) = &parties.evaluator {
        orgs.push(organization(
            evaluator.id.as_str(),
            &evaluator.name,
            &["reviewBody"],
            Some(evaluator),
        ));
    }
    for reviewer in &parties.reviewers {
        orgs.push(organization(
            reviewer.id.as_str(),
            &reviewer.name,
            &["reviewBody"],
            None,
        ));
    }

    let period = json!({
        "startDate": midnight(spec.period.start),
        "endDate": format!("{}T23:59:59Z", spec.period.end),
    });
    let supplier_ref = json!({ "id": supplier.id.as_str(), "name": supplier.name });
    let award_id = format!("{}-award", project.id.as_str());
    let mut award = Map::new();
    award.insert("id".into(), json!(award_id));
    award.insert("title".into(), json!(project.name));
    award.insert("status".into(), json!("active"));
    award.insert("suppliers".into(), json!([supplier_ref]));
    award.insert("contractPeriod".into(), period.clone());

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
    contract.insert("period".into(), period);
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
    if let Some(c) = &spec.contract {
        if let Some(amount) = c.amount {
            contract.insert("value".into(), value(amount));
            award.insert("value".into(), value(amount));
        }
        if let Some(signed) = c.signed_on {
            contract.insert("dateSigned".into(), json!(midnight(signed)));
            award.insert("date".into(), json!(midnight(signed)));
        }
        for t in &c.tranches {
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
    }
    if !milestones.is_empty() {
        contract.insert("milestones".into(), Value::Array(milestones));
    }

    json!({
        "ocid": format!("{prefix}-{}", project.id.as_str()),
        "id": format!("{}-{date}", project.id.as_str()),
        "date": date,
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "zh",
        "parties": orgs,
        "buyer": { "id": buyer.id.as_str(), "name": buyer.name },
        "awards": [Value::Object(award)],
        "contracts": [Value::Object(contract)],
    })
}
