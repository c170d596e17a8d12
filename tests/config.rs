//! svcspec.toml: severities, suppressions, located faults, and --deny-warnings.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SPEC: &str = "spec_version: 1
project: {id: demo, name: 示例项目}
parties:
  purchaser: {id: buyer, name: 某区民政局}
  provider: {id: agency, name: 某社会工作服务中心}
period: {start: 2024-01-01, end: 2024-12-31}
contract:
  amount: 100000
  subcontracting: allowed
";

fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("specs")).unwrap();
    std::fs::write(dir.path().join("specs/a.yaml"), SPEC).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join("svcspec.toml"), config).unwrap();
    }
    dir
}

fn check(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("svcspec")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--select", "SV703"])
        .args(args)
        .assert()
}

fn codes(output: &[u8]) -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_slice(output).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Without a config the rule is an error: exit 1.
#[test]
fn default_severity_applies() {
    let dir = project(None);
    check(dir.path(), &["specs"])
        .code(1)
        .stderr(predicate::str::contains("SV703"));
}

/// A severity set by name turns the error into a warning: exit 0, or 1 with --deny-warnings.
#[test]
fn severity_can_be_lowered() {
    let dir = project(Some("[rules]\nsubcontracting-allowed = \"warning\"\n"));
    let out = check(dir.path(), &["specs", "--format", "json"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        codes(&out),
        vec![(
            "SV703".to_owned(),
            "warning".to_owned(),
            "specs/a.yaml".to_owned()
        )]
    );
    check(dir.path(), &["specs", "--deny-warnings"]).code(1);
}

/// `off` turns a rule off; the config is found from the spec's directory upward.
#[test]
fn rule_can_be_turned_off() {
    let dir = project(Some("[rules]\nSV703 = \"off\"\n"));
    let out = check(dir.path(), &["specs/a.yaml", "--format", "json"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(codes(&out).is_empty());
}

/// A suppression with path glob, pointer and reason drops the finding; one that matches nothing warns.
#[test]
fn suppressions_apply_and_unused_ones_warn() {
    let config = "[[allow]]\nrule = \"SV703\"\npath = \"specs/*.yaml\"\npointer = \"/contract/subcontracting\"\nreason = \"allowed by the 2024 amendment\"\n\n[[allow]]\nrule = \"SV703\"\npath = \"other/*.yaml\"\nreason = \"nothing there\"\n";
    let dir = project(Some(config));
    let out = check(dir.path(), &["specs", "--format", "json"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    let found = codes(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (
            found[0].0.as_str(),
            found[0].1.as_str(),
            found[0].2.as_str()
        ),
        ("SV041", "warning", "svcspec.toml")
    );
    check(dir.path(), &["specs"]).code(0).stderr(
        predicate::str::contains("matches nothing")
            .and(predicate::str::contains("svcspec.toml:7:1")),
    );
}

/// A wrong config is a located content fault with a suggestion.
#[test]
fn invalid_config_is_located() {
    let dir = project(Some(
        "[rules]\nSV703 = \"warn\"\nsubcontracting-alowed = \"off\"\nSV020 = \"off\"\n",
    ));
    check(dir.path(), &["specs"]).code(1).stderr(
        predicate::str::contains("svcspec.toml:2:9")
            .and(predicate::str::contains("did you mean `warning`?"))
            .and(predicate::str::contains(
                "did you mean `subcontracting-allowed`?",
            ))
            .and(predicate::str::contains("cannot be configured")),
    );
}

/// A suppression without a reason is refused.
#[test]
fn suppression_needs_a_reason() {
    let dir = project(Some("[[allow]]\nrule = \"SV703\"\n"));
    check(dir.path(), &["specs"])
        .code(1)
        .stderr(predicate::str::contains("reason"));
}

/// `--config` names the config explicitly; a missing one is an invocation fault.
#[test]
fn explicit_config() {
    let dir = project(None);
    std::fs::write(dir.path().join("strict.toml"), "[rules]\nSV703 = \"off\"\n").unwrap();
    check(dir.path(), &["specs", "--config", "strict.toml"]).code(0);
    check(dir.path(), &["specs", "--config", "missing.toml"]).code(2);
}

/// `rules` lists every code; `explain` prints the docs by code or name, and refuses an unknown one.
#[test]
fn rules_and_explain() {
    let mut cmd = Command::cargo_bin("svcspec").unwrap();
    cmd.arg("rules").assert().code(0).stdout(
        predicate::str::contains("SV703").and(predicate::str::contains("subcontracting-allowed")),
    );
    let mut cmd = Command::cargo_bin("svcspec").unwrap();
    cmd.args(["explain", "subcontracting-allowed"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Why it matters").and(predicate::str::contains("严禁转包")),
        );
    let mut cmd = Command::cargo_bin("svcspec").unwrap();
    cmd.args(["explain", "sv703"]).assert().code(0);
    let mut cmd = Command::cargo_bin("svcspec").unwrap();
    cmd.args(["explain", "SV7033"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean"));
}
