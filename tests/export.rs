//! `svcspec export --ocds`: the release validates against the official OCDS 1.1.5 schema, holds
//! the contract's value, tranches and evaluations, and never takes its date from the clock.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::common::svcspec;

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ocds")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The first column of a codelist, header dropped.
fn codes(csv: &str) -> Vec<String> {
    data(csv)
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_owned)
        .collect()
}

fn export(spec: &str, extra: &[&str]) -> Value {
    let out = svcspec()
        .args(["export", "--ocds", spec, "--ocid-prefix", "ocds-213czf"])
        .args(extra)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is one JSON document")
}

/// Every bundled spec exports a release that the official release schema (draft-04) accepts,
/// with roles and milestone types from the codelists.
#[test]
fn releases_validate_against_the_schema() {
    let schema: Value = serde_json::from_str(&data("release-schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut broken = export("specs/zhuzhou-elderly.yaml", &[]);
    broken["contracts"][0]["milestones"][0]["value"]["amount"] = Value::from("九万");
    assert!(
        !validator.is_valid(&broken),
        "the validator accepts a string amount"
    );
    let roles = codes("partyRole.csv");
    let types = codes("milestoneType.csv");
    for stem in crate::common::specs() {
        let spec = format!("specs/{stem}.yaml");
        let spec = spec.as_str();
        let release = export(spec, &[]);
        let errors: Vec<String> = validator
            .iter_errors(&release)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{spec}: {errors:#?}");
        for party in release["parties"].as_array().unwrap() {
            for role in party["roles"].as_array().unwrap() {
                assert!(
                    roles.contains(&role.as_str().unwrap().to_owned()),
                    "{spec}: {role}"
                );
            }
        }
        let contract = &release["contracts"][0];
        for m in contract["milestones"].as_array().unwrap() {
            assert!(
                types.contains(&m["type"].as_str().unwrap().to_owned()),
                "{spec}: {m}"
            );
        }
        assert_eq!(contract["value"]["currency"], "CNY", "{spec}");
    }
}

/// Zhuzhou: buyer and supplier, amount 300,000 CNY over 2016, three payment milestones with
/// their amounts and due dates, two assessments; the date is the signing day at midnight UTC.
#[test]
fn zhuzhou_release_holds_the_contract() {
    let release = export("specs/zhuzhou-elderly.yaml", &[]);
    assert_eq!(release["ocid"], "ocds-213czf-zhuzhou-elderly");
    assert_eq!(release["date"], "2015-12-21T00:00:00Z");
    assert_eq!(release["buyer"]["id"], "zz-civil-affairs");
    let roles_of = |id: &str| {
        release["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["roles"].clone())
            .unwrap()
    };
    assert_eq!(
        roles_of("zz-civil-affairs"),
        serde_json::json!(["buyer", "payer"])
    );
    assert_eq!(
        roles_of("zz-sunshine"),
        serde_json::json!(["supplier", "payee"])
    );
    assert_eq!(
        roles_of("hn-evaluation"),
        serde_json::json!(["contractImplementationManager"])
    );
    // Reviewers: an id and their organisation, never their names.
    let reviewer = release["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "reviewer-huang")
        .unwrap();
    assert_eq!(reviewer["name"], "湘潭大学社会工作系");
    assert_eq!(reviewer["roles"], serde_json::json!(["reviewBody"]));
    let text = release.to_string();
    for name in ["黄立新", "徐静"] {
        assert!(
            !text.contains(name),
            "the release publishes reviewer {name}"
        );
    }
    let contract = &release["contracts"][0];
    assert_eq!(contract["value"]["amount"].to_string(), "300000");
    assert_eq!(contract["period"]["startDate"], "2016-01-01T00:00:00Z");
    assert_eq!(contract["awardID"], release["awards"][0]["id"]);
    let milestones = contract["milestones"].as_array().unwrap();
    let payments: Vec<(String, String, String)> = milestones
        .iter()
        .filter(|m| m["type"] == "payment")
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_owned(),
                m["value"]["amount"].to_string(),
                m["dueDate"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        payments,
        [
            ("payment-advance", "90000", "2016-01-15T00:00:00Z"),
            ("payment-mid-payment", "120000", "2016-07-15T00:00:00Z"),
            ("payment-final-payment", "90000", "2016-12-20T00:00:00Z"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    let assessments: Vec<&str> = milestones
        .iter()
        .filter(|m| m["type"] == "assessment")
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(assessments, ["mid-term", "final"]);
}

/// Two runs give the same bytes; `--date` sets the date; `--output` writes the same release.
#[test]
fn release_is_deterministic() {
    let run = || {
        svcspec()
            .args(["export", "--ocds", "specs/shanghai-hospice.yaml"])
            .args([
                "--ocid-prefix",
                "ocds-213czf",
                "--date",
                "2011-03-01T08:00:00Z",
            ])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone()
    };
    let first = run();
    assert_eq!(first, run());
    let release: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(release["date"], "2011-03-01T08:00:00Z");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("release.json");
    svcspec()
        .args(["export", "--ocds", "specs/shanghai-hospice.yaml"])
        .args([
            "--ocid-prefix",
            "ocds-213czf",
            "--date",
            "2011-03-01T08:00:00Z",
        ])
        .arg("--output")
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    assert_eq!(std::fs::read(&file).unwrap(), first);
}

/// With neither `--date` nor a signing date, the export is refused (exit 2), not dated today.
#[test]
fn no_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/zhuzhou-elderly.yaml"),
    )
    .unwrap();
    let unsigned: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("signed_on:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let spec = dir.path().join("unsigned.yaml");
    std::fs::write(&spec, unsigned).unwrap();
    svcspec().args(["check"]).arg(&spec).assert().code(0);
    svcspec()
        .args(["export", "--ocds", "--ocid-prefix", "ocds-213czf"])
        .arg(&spec)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--date"));
}

/// A spec that does not check clean is not exported: exit 1 with its diagnostics.
#[test]
fn faulty_spec_is_refused() {
    svcspec()
        .args([
            "export",
            "--ocds",
            "tests/fixtures/input/duplicate-key.yaml",
        ])
        .args(["--ocid-prefix", "ocds-213czf"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("duplicate-key.yaml:5:3")
                .and(predicate::str::contains("not exported")),
        );
}

/// Bad options are invocation faults (exit 2): no prefix, a malformed date, a missing spec.
#[test]
fn bad_options_exit_2() {
    svcspec()
        .args(["export", "--ocds", "specs/zhuzhou-elderly.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ocid-prefix"));
    svcspec()
        .args(["export", "--ocds", "specs/zhuzhou-elderly.yaml"])
        .args([
            "--ocid-prefix",
            "ocds-213czf",
            "--date",
            "2016-02-30T00:00:00Z",
        ])
        .assert()
        .code(2);
    svcspec()
        .args([
            "export",
            "--ocds",
            "no/such.yaml",
            "--ocid-prefix",
            "ocds-213czf",
        ])
        .assert()
        .code(2);
}
