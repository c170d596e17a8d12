//! `svcspec evaluate`: the score, grade and tranche decisions of the example results files,
//! exactly; weighted means and half-open band boundaries; located diagnostics for broken
//! results files (each file in tests/fixtures/results is a case); exit codes and the report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;
use svcspec::check::{Options, check_path};
use svcspec::limits::Limits;
use svcspec::report::{self, Style};
use svcspec::results;
use svcspec::spec::Spec;

use crate::common::svcspec;

const ZHUZHOU: &str = "specs/zhuzhou-elderly.yaml";
const SHANGHAI: &str = "specs/shanghai-hospice.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `evaluate --format json` and returns the document; the exit code must be 0.
fn evaluate(spec: &str, results: &str) -> Value {
    evaluate_with(spec, results, None)
}

/// [`evaluate`] with a re-evaluation after rectification (`--reevaluation FILE`).
fn evaluate_with(spec: &str, results: &str, reevaluation: Option<&Path>) -> Value {
    let mut cmd = svcspec();
    cmd.args(["evaluate", spec, "--results", results, "--format", "json"]);
    if let Some(path) = reevaluation {
        cmd.arg("--reevaluation").arg(path);
    }
    let out = cmd.assert().code(0).get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is one JSON document")
}

/// A JSON number as its exact text (`90000.00`), for exact comparison.
fn num(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => panic!("not a number: {other}"),
    }
}

fn tranche<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["tranches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no tranche {id}"))
}

fn target<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no target {id}"))
}

const YOUTH: &str = "specs/youth-services.yaml";

/// The totals of the evaluators as `id=total/points`.
fn totals(doc: &Value) -> Vec<String> {
    doc["evaluators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}={}/{}",
                e["id"].as_str().unwrap(),
                num(&e["total"]),
                num(&e["points"])
            )
        })
        .collect()
}

/// Youth services, mid-term, scoped scoring: each item is the weighted mean of the evaluators
/// that score it (satisfaction 20:20 of 9 and 9.5 is 9.25; the register 20:60 of 5 and 4 is
/// 4.25; outputs and outcomes by the third party alone), 85.50 in all, good. The mid-term judges
/// interim values: 13 cases of the 15 due is 2 short × 2,000 = 4,000 off the mid-term payment.
#[test]
fn youth_mid_term_scores_in_scope_and_judges_interim_values() {
    let doc = evaluate(YOUTH, "specs/results/youth-services-mid-term.yaml");
    assert_eq!(num(&doc["score"]), "85.5");
    assert_eq!(doc["grade"]["id"], "good");
    assert_eq!(
        totals(&doc),
        [
            "by-purchaser=23/25",
            "by-clients=9.5/10",
            "by-evaluator=76/90"
        ]
    );
    let cases = target(&doc, "cases");
    assert_eq!(cases["judged"], "interim");
    assert_eq!(
        (num(&cases["value"]), num(&cases["target_value"])),
        ("15".into(), "30".into())
    );
    assert_eq!(
        (num(&cases["actual"]), &cases["met"]),
        ("13".into(), &Value::Bool(false))
    );
    let later = target(&doc, "parent-classes");
    assert_eq!(
        (&later["judged"], &later["met"]),
        (&Value::from("not_due"), &Value::Null)
    );
    let t = tranche(&doc, "mid-payment");
    assert_eq!(t["status"], "reduced");
    assert_eq!(num(&t["deducted"]), "4000.00");
    let d = &t["deductions"][0];
    assert_eq!(
        (num(&d["shortfall"]), num(&d["amount"])),
        ("2".into(), "4000.00".into())
    );
    assert_eq!(
        (num(&t["released"]), num(&t["held"])),
        ("104000.00".into(), "4000.00".into())
    );
    assert_eq!(doc["tranches"].as_array().unwrap().len(), 1);
}

/// Youth services, final evaluation: the balance is gated by the acceptance, which rests on the
/// final evaluation, so the final evaluation decides it. 91.75, excellent (100%); 1 high-risk
/// case short (9,000), 1 case short (3,000) and 3 of 48 sessions short (108,000 × 3/48 =
/// 6,750): 18,750 withheld, pending rectification until 2026-12-27. 7 of 10 participants
/// improved by 5 points or more: 70% of at least 60%.
#[test]
fn youth_final_deducts_and_holds_for_rectification() {
    let doc = evaluate(YOUTH, "specs/results/youth-services-final.yaml");
    assert_eq!(num(&doc["score"]), "91.75");
    assert_eq!(doc["grade"]["id"], "excellent");
    let resilience = target(&doc, "resilience-up");
    assert_eq!(
        (
            resilience["improved"].clone(),
            resilience["entries"].clone()
        ),
        (7.into(), 10.into())
    );
    assert_eq!(
        (num(&resilience["actual"]), &resilience["met"]),
        ("70".into(), &Value::Bool(true))
    );
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["status"], "pending");
    let amounts: Vec<String> = t["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}", d["target"].as_str().unwrap(), num(&d["amount"])))
        .collect();
    assert_eq!(
        amounts,
        [
            "high-risk:9000.00",
            "cases:3000.00",
            "group-sessions:6750.00"
        ]
    );
    assert_eq!(num(&t["deducted"]), "18750.00");
    assert_eq!(
        (num(&t["released"]), num(&t["pending"])),
        ("89250.00".into(), "18750.00".into())
    );
    assert_eq!(t["rectification"]["status"], "pending");
    assert_eq!(t["rectification"]["by"], "2026-12-27");
    assert_eq!(num(&doc["pending"]), "18750.00");
}

/// Youth services, re-evaluation within the period: cases and high-risk cases now met, 46 of
/// 48 sessions: 108,000 × 2/48 = 4,500 forfeited, 14,250 of the 18,750 released.
#[test]
fn youth_reevaluation_releases_what_is_rectified() {
    let doc = evaluate_with(
        YOUTH,
        "specs/results/youth-services-final.yaml",
        Some(Path::new(
            "specs/results/youth-services-final-reevaluation.yaml",
        )),
    );
    assert_eq!(doc["reevaluated_on"], "2026-12-18");
    let high_risk = target(&doc, "high-risk");
    assert_eq!(
        (num(&high_risk["actual"]), num(&high_risk["first_actual"])),
        ("8".into(), "7".into())
    );
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["status"], "reduced");
    assert_eq!(t["rectification"]["status"], "partly");
    assert_eq!(num(&t["rectification"]["recovered"]), "14250.00");
    assert_eq!(
        (num(&t["released"]), num(&t["held"]), num(&t["pending"])),
        ("103500.00".into(), "4500.00".into(), "0.00".into())
    );
}

/// A re-evaluation after the period forfeits what was withheld; one that names another
/// evaluation, or gives scores, is refused (SV817) and nothing is evaluated.
#[test]
fn youth_late_or_mismatched_reevaluation() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(
        root().join("specs/results/youth-services-final-reevaluation.yaml"),
    )
    .unwrap();
    let late = dir.path().join("late.yaml");
    std::fs::write(
        &late,
        base.replace("evaluated_on: 2026-12-18", "evaluated_on: 2026-12-28"),
    )
    .unwrap();
    let doc = evaluate_with(
        YOUTH,
        "specs/results/youth-services-final.yaml",
        Some(&late),
    );
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["rectification"]["status"], "late");
    assert_eq!(
        (num(&t["released"]), num(&t["held"])),
        ("89250.00".into(), "18750.00".into())
    );

    let other = dir.path().join("other.yaml");
    std::fs::write(
        &other,
        base.replace("reevaluation_of: 2026-11-27", "reevaluation_of: 2026-11-20"),
    )
    .unwrap();
    svcspec()
        .args([
            "evaluate",
            YOUTH,
            "--results",
            "specs/results/youth-services-final.yaml",
            "--reevaluation",
        ])
        .arg(&other)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SV817").and(predicate::str::contains("not evaluated")));
    // The re-evaluation given as the evaluation itself.
    svcspec()
        .args([
            "evaluate",
            YOUTH,
            "--results",
            "specs/results/youth-services-final-reevaluation.yaml",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SV817"));
}

/// Zhuzhou, final evaluation, every target met: 92.70 (20% × 93 + 20% × 90 + 60% × 93.5),
/// excellent, and the final payment of 90,000 released in full.
#[test]
fn zhuzhou_final_is_released() {
    let doc = evaluate(ZHUZHOU, "specs/results/zhuzhou-elderly-final.yaml");
    assert_eq!(num(&doc["score"]), "92.7");
    assert_eq!(doc["method"], "weighted_mean");
    assert_eq!(doc["grade"]["id"], "excellent");
    let totals: Vec<String> = doc["evaluators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}={}@{}",
                e["id"].as_str().unwrap(),
                num(&e["total"]),
                num(&e["weight"])
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            "by-purchaser=93@20",
            "by-clients=90@20",
            "by-evaluator=93.5@60"
        ]
    );
    let visits = target(&doc, "visits");
    assert_eq!(
        (num(&visits["actual"]), &visits["met"]),
        ("246".into(), &Value::Bool(true))
    );
    assert!(
        doc["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["met"] == true)
    );
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["status"], "released");
    assert_eq!(num(&t["share"]), "100");
    assert_eq!(num(&t["released"]), "90000.00");
    assert_eq!(num(&t["held"]), "0.00");
    assert_eq!(doc["tranches"].as_array().unwrap().len(), 1);
    assert_eq!(
        (num(&doc["released"]), num(&doc["held"])),
        ("90000.00".into(), "0.00".into())
    );
}

/// Zhuzhou, final evaluation, 232 visits listed of which 12 repeat: 220 distinct elders of 240.
/// The grade (good, 88.90) would release 100%, but the final payment requires `visits`: held.
#[test]
fn zhuzhou_final_missed_visits_is_held() {
    let doc = evaluate(ZHUZHOU, "specs/results/zhuzhou-elderly-final-missed.yaml");
    assert_eq!(num(&doc["score"]), "88.9");
    assert_eq!(doc["grade"]["id"], "good");
    let visits = target(&doc, "visits");
    assert_eq!(num(&visits["actual"]), "220");
    assert_eq!(visits["entries"], 232);
    assert_eq!(visits["repeated"].as_array().unwrap().len(), 12);
    assert_eq!(visits["met"], false);
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["status"], "held");
    assert_eq!(num(&t["grade_share"]), "100");
    assert_eq!(num(&t["share"]), "0");
    assert_eq!(num(&t["released"]), "0.00");
    assert_eq!(num(&t["held"]), "90000.00");
    assert_eq!(t["missed_targets"], serde_json::json!(["visits"]));
    assert!(
        t["reason"]
            .as_str()
            .unwrap()
            .contains("220, target at least 240"),
        "{}",
        t["reason"]
    );
}

/// The twelve repeats are reported as warnings at their lines; the run still exits 0.
#[test]
fn repeats_are_warned_at_their_lines() {
    let assert = svcspec()
        .args([
            "evaluate",
            ZHUZHOU,
            "--results",
            "specs/results/zhuzhou-elderly-final-missed.yaml",
        ])
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("SV809(repeated-person)").count(), 12);
    assert!(
        stderr.contains("zhuzhou-elderly-final-missed.yaml:17:23"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("HELD final-payment 0% of 90,000.00"),
        "{stdout}"
    );
}

/// Shanghai, final evaluation: 90.90, excellent, the final payment of 54,000 released; the
/// cases are listed by code and all among the elders served.
#[test]
fn shanghai_final_is_released() {
    let doc = evaluate(SHANGHAI, "specs/results/shanghai-hospice-final.yaml");
    assert_eq!(num(&doc["score"]), "90.9");
    assert_eq!(doc["grade"]["id"], "excellent");
    assert_eq!(num(&target(&doc, "elder-cases")["actual"]), "22");
    let t = tranche(&doc, "final-payment");
    assert_eq!(
        (t["status"].as_str(), num(&t["released"])),
        (Some("released"), "54000.00".into())
    );
}

/// Shanghai, final evaluation, 36 distinct elders of 40: the final payment is held (54,000).
#[test]
fn shanghai_final_missed_is_held() {
    let doc = evaluate(SHANGHAI, "specs/results/shanghai-hospice-final-missed.yaml");
    assert_eq!(num(&doc["score"]), "83.6");
    assert_eq!(doc["grade"]["id"], "good");
    let elders = target(&doc, "elders-served");
    assert_eq!(
        (num(&elders["actual"]), &elders["entries"]),
        ("36".into(), &Value::from(38))
    );
    let t = tranche(&doc, "final-payment");
    assert_eq!(t["status"], "held");
    assert_eq!(
        (num(&t["released"]), num(&t["held"])),
        ("0.00".into(), "54000.00".into())
    );
    assert_eq!(t["missed_targets"], serde_json::json!(["elders-served"]));
}

/// Shanghai, mid-term evaluation graded pass (75.20): the release table pays 80% of 72,000.
#[test]
fn shanghai_mid_term_pass_is_reduced() {
    let doc = evaluate(SHANGHAI, "specs/results/shanghai-hospice-mid-term.yaml");
    assert_eq!(num(&doc["score"]), "75.2");
    assert_eq!(doc["grade"]["id"], "pass");
    let t = tranche(&doc, "mid-payment");
    assert_eq!(t["status"], "reduced");
    assert_eq!(num(&t["share"]), "80");
    assert_eq!(
        (num(&t["released"]), num(&t["held"])),
        ("57600.00".into(), "14400.00".into())
    );
    assert_eq!(t["basis"], "release_table");
    assert_eq!(target(&doc, "satisfaction")["met"], Value::Null);
}

// ---------------------------------------------------------------------------------------------
// Scores built to order: weighted means and band boundaries.

/// The leaf items of the Zhuzhou scheme with their points, in order.
const LEAVES: &[(&str, u32)] = &[
    ("s-visits", 15),
    ("s-cases", 10),
    ("s-special", 5),
    ("s-large", 5),
    ("s-small", 8),
    ("s-lectures", 2),
    ("s-register", 5),
    ("s-loneliness", 15),
    ("s-support", 15),
    ("satisfaction-score", 10),
    ("s-execution", 5),
    ("s-compliance", 5),
];

/// Leaf scores that add up to `total` (at most 100): items filled in order.
fn scores_for(total: &str) -> String {
    let mut left: rust_decimal::Decimal = total.parse().unwrap();
    let mut parts = Vec::new();
    for (id, points) in LEAVES {
        let give = left.min(rust_decimal::Decimal::from(*points));
        left -= give;
        parts.push(format!("{id}: {}", give.normalize()));
    }
    assert!(left.is_zero(), "{total} is over 100");
    format!("{{{}}}", parts.join(", "))
}

/// A results file for Zhuzhou at `milestone` with each evaluator's total as given.
fn results_yaml(milestone: &str, totals: &[(&str, &str)], visits: u32) -> String {
    let mut text = format!(
        "results_version: 1\nproject: zhuzhou-elderly\nmilestone: {milestone}\nactuals:\n  visits: {visits}\n  cases: 35\nscores:\n"
    );
    for (evaluator, total) in totals {
        text.push_str(&format!("  {evaluator}: {}\n", scores_for(total)));
    }
    text
}

/// Evaluates generated results against a spec (a path relative to the crate, or absolute).
fn evaluate_text(spec: &Path, results: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.yaml");
    std::fs::write(&path, results).unwrap();
    let out = svcspec()
        .arg("evaluate")
        .arg(spec)
        .arg("--results")
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The three Zhuzhou evaluators, each with the same total.
fn all(total: &str) -> Vec<(&'static str, String)> {
    ["by-purchaser", "by-clients", "by-evaluator"]
        .into_iter()
        .map(|e| (e, total.to_owned()))
        .collect()
}

/// Evaluates Zhuzhou's mid-term with each evaluator's total as given.
fn mid_term(totals: &[(&str, String)]) -> Value {
    let totals: Vec<(&str, &str)> = totals.iter().map(|(e, t)| (*e, t.as_str())).collect();
    evaluate_text(Path::new(ZHUZHOU), &results_yaml("mid-term", &totals, 130))
}

fn grade_at(totals: &[(&str, String)]) -> (String, String) {
    let doc = mid_term(totals);
    (
        num(&doc["score"]),
        doc["grade"]["id"].as_str().unwrap().to_owned(),
    )
}

/// A score exactly at a band's lower bound is in that band ([min, max)); a hair below is not;
/// 100 is in the top band; 0 in the bottom one.
#[test]
fn band_boundaries_are_half_open() {
    assert_eq!(grade_at(&all("80")), ("80".into(), "good".into()));
    assert_eq!(grade_at(&all("79.99")), ("79.99".into(), "pass".into()));
    assert_eq!(grade_at(&all("90")), ("90".into(), "excellent".into()));
    assert_eq!(grade_at(&all("60")), ("60".into(), "pass".into()));
    assert_eq!(grade_at(&all("59.99")), ("59.99".into(), "fail".into()));
    assert_eq!(grade_at(&all("100")), ("100".into(), "excellent".into()));
    assert_eq!(grade_at(&all("0")), ("0".into(), "fail".into()));
}

/// The spec's weights (20/20/60) decide: 100, 100 and 75 make 85 (good), where the plain
/// mean, 91.67, would be excellent.
#[test]
fn weighted_mean_follows_the_spec_weights() {
    let totals = [
        ("by-purchaser", "100".to_owned()),
        ("by-clients", "100".to_owned()),
        ("by-evaluator", "75".to_owned()),
    ];
    assert_eq!(grade_at(&totals), ("85".into(), "good".into()));
}

/// Without weights in the spec the score is the plain mean, and the grade is decided on the
/// exact mean: 90, 90 and 89.99 average 89.9966…, shown as 90.00 but graded good.
#[test]
fn plain_mean_without_weights_grades_the_exact_score() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(ZHUZHOU)).unwrap();
    let unweighted: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("weight:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(text.lines().count() - unweighted.lines().count(), 3);
    let spec = dir.path().join("zhuzhou-unweighted.yaml");
    std::fs::write(&spec, unweighted).unwrap();

    let doc = evaluate_text(
        &spec,
        &results_yaml(
            "mid-term",
            &[
                ("by-purchaser", "100"),
                ("by-clients", "100"),
                ("by-evaluator", "75"),
            ],
            130,
        ),
    );
    assert_eq!(doc["method"], "mean");
    assert_eq!(num(&doc["score"]), "91.67");
    assert_eq!(doc["grade"]["id"], "excellent");

    let doc = evaluate_text(
        &spec,
        &results_yaml(
            "mid-term",
            &[
                ("by-purchaser", "90"),
                ("by-clients", "90"),
                ("by-evaluator", "89.99"),
            ],
            130,
        ),
    );
    assert_eq!(num(&doc["score"]), "90.00");
    assert!(num(&doc["score_unrounded"]).starts_with("89.99666"));
    assert_eq!(doc["grade"]["id"], "good");
}

/// The grade's share of a tranche comes from its release table: pass pays 80% of the
/// mid-term 120,000, fail pays nothing.
#[test]
fn release_table_sets_the_share() {
    let doc = mid_term(&all("70"));
    let t = tranche(&doc, "mid-payment");
    assert_eq!(
        (t["status"].as_str(), num(&t["released"]), num(&t["held"])),
        (Some("reduced"), "96000.00".into(), "24000.00".into())
    );
    let doc = mid_term(&all("50"));
    let t = tranche(&doc, "mid-payment");
    assert_eq!(
        (t["status"].as_str(), num(&t["released"]), num(&t["held"])),
        (Some("held"), "0.00".into(), "120000.00".into())
    );
    assert_eq!(t["basis"], "below_min_grade");
    assert!(
        t["reason"]
            .as_str()
            .unwrap()
            .contains("below the minimum grade")
    );
}

/// "At least 240" is inclusive: exactly 240 distinct elders release the final payment; 239 hold it.
#[test]
fn at_least_is_inclusive() {
    let totals = [
        ("by-purchaser", "95"),
        ("by-clients", "95"),
        ("by-evaluator", "95"),
    ];
    let doc = evaluate_text(Path::new(ZHUZHOU), &results_yaml("final", &totals, 240));
    assert_eq!(tranche(&doc, "final-payment")["status"], "released");
    let doc = evaluate_text(Path::new(ZHUZHOU), &results_yaml("final", &totals, 239));
    assert_eq!(tranche(&doc, "final-payment")["status"], "held");
}

// ---------------------------------------------------------------------------------------------
// Broken results files.

fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
}

/// The spec a results fixture is evaluated against, as its first line names it
/// (`# Results evaluated against specs/youth-services.yaml: …`); the Zhuzhou spec otherwise.
fn spec_of(fixture: &Path) -> Spec {
    let text = std::fs::read_to_string(fixture).unwrap_or_default();
    let spec = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# Results evaluated against "))
        .and_then(|l| l.split(':').next())
        .unwrap_or(ZHUZHOU);
    let report = check_path(Path::new(spec), &Options::default());
    assert!(!report.has_errors(), "{spec} does not check clean");
    *report.spec.unwrap()
}

/// Each broken results file gets located diagnostics, rendered without colour at a fixed width.
#[test]
fn broken_results_fixtures() {
    insta::glob!("fixtures/results/*.yaml", |path| {
        let spec = spec_of(path);
        let checked = results::read(relative(path), &Limits::default(), Some(&spec));
        assert!(
            !checked.report.diagnostics.is_empty(),
            "{} should give a finding",
            path.display()
        );
        insta::assert_snapshot!(report::human(&checked.report, Style::default()));
    });
}

/// Every results rule (SV8xx) is given by some fixture, and each error fixture is refused by the
/// command with exit 1.
#[test]
fn every_results_rule_has_a_fixture() {
    let dir = root().join("tests/fixtures/results");
    let mut codes = BTreeSet::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in &paths {
        let spec = spec_of(path);
        let checked = results::read(relative(path), &Limits::default(), Some(&spec));
        codes.extend(checked.report.diagnostics.iter().map(|d| d.code));
        let expected = if checked.report.has_errors() { 1 } else { 0 };
        let spec_path = format!("specs/{}.yaml", spec.project.id);
        svcspec()
            .arg("evaluate")
            .arg(spec_path)
            .arg("--results")
            .arg(relative(path))
            .assert()
            .code(expected);
    }
    for rule in results::checks::RULES {
        assert!(codes.contains(rule.code), "no fixture gives {}", rule.code);
    }
}

// ---------------------------------------------------------------------------------------------
// The command.

/// A spec with errors is not evaluated: its diagnostics and "not evaluated", exit 1.
#[test]
fn spec_with_errors_is_not_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(ZHUZHOU))
        .unwrap()
        .replace("amount: 120000", "amount: 125000");
    let spec = dir.path().join("zhuzhou.yaml");
    std::fs::write(&spec, text).unwrap();
    svcspec()
        .arg("evaluate")
        .arg(&spec)
        .args(["--results", "specs/results/zhuzhou-elderly-final.yaml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("SV205").and(predicate::str::contains("not evaluated")));
}

/// Missing files are invocation faults (exit 2); so is an unknown report language.
#[test]
fn missing_files_exit_2() {
    svcspec()
        .args([
            "evaluate",
            ZHUZHOU,
            "--results",
            "specs/results/nothing.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    svcspec()
        .args([
            "evaluate",
            "specs/nothing.yaml",
            "--results",
            "specs/results/zhuzhou-elderly-final.yaml",
        ])
        .assert()
        .code(2);
    svcspec()
        .args([
            "evaluate",
            ZHUZHOU,
            "--results",
            "specs/results/zhuzhou-elderly-final.yaml",
            "--lang",
            "fr",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'fr' for '--lang <LIST>'",
        ));
}

/// `--fail-on-hold` turns a held (or reduced) tranche into exit 3; all released stays 0 (and
/// without the flag a held tranche exits 0: `repeats_are_warned_at_their_lines`).
#[test]
fn fail_on_hold_exits_3() {
    let run = |results: &str| {
        svcspec()
            .args(["evaluate", "--fail-on-hold", "--results", results])
            .arg(if results.contains("zhuzhou") {
                ZHUZHOU
            } else {
                SHANGHAI
            })
            .assert()
    };
    run("specs/results/zhuzhou-elderly-final-missed.yaml").code(3);
    run("specs/results/shanghai-hospice-mid-term.yaml").code(3);
    run("specs/results/zhuzhou-elderly-final.yaml").code(0);
}

/// `--out` writes the report in Markdown and HTML for each language, the same bytes on every run;
/// the Markdown is the snapshot.
#[test]
fn report_is_written_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        svcspec()
            .args([
                "evaluate",
                ZHUZHOU,
                "--results",
                "specs/results/zhuzhou-elderly-final-missed.yaml",
                "--lang",
                "zh,en",
                "--out",
            ])
            .arg(out)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("wrote the evaluation report"));
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(&a);
    run(&b);
    let mut names: Vec<String> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "evaluation-report.en.html",
            "evaluation-report.en.md",
            "evaluation-report.zh.html",
            "evaluation-report.zh.md"
        ]
    );
    for name in &names {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
    let zh = std::fs::read_to_string(a.join("evaluation-report.zh.md")).unwrap();
    assert!(
        zh.contains("| 尾款 | 90,000.00 | 0% | 0.00 | 人民币零元整 | 90,000.00 | **暂缓拨付** |"),
        "{zh}"
    );
    assert!(zh.contains("暂缓 90,000.00 元（人民币玖万元整）"));
    insta::assert_snapshot!("report-zhuzhou-final-missed.zh.md", zh);
    insta::assert_snapshot!(
        "report-zhuzhou-final-missed.en.md",
        std::fs::read_to_string(a.join("evaluation-report.en.md")).unwrap()
    );
    let html = std::fs::read_to_string(a.join("evaluation-report.zh.html")).unwrap();
    assert!(html.contains("<title>项目评估结果报告</title>"));
}

/// An output folder that cannot be made is an invocation fault (exit 2).
#[test]
fn unwritable_out_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    svcspec()
        .args([
            "evaluate",
            ZHUZHOU,
            "--results",
            "specs/results/zhuzhou-elderly-final.yaml",
            "--out",
        ])
        .arg(&file)
        .assert()
        .code(2);
}

/// The human summary names the score, the grade and each decision.
#[test]
fn human_summary() {
    let out = svcspec()
        .args([
            "evaluate",
            SHANGHAI,
            "--results",
            "specs/results/shanghai-hospice-mid-term.yaml",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("human-shanghai-mid-term", String::from_utf8(out).unwrap());
}

/// The JSON document of a held tranche, whole: its field names are the documented contract.
#[test]
fn json_document() {
    let out = svcspec()
        .args([
            "evaluate",
            ZHUZHOU,
            "--results",
            "specs/results/zhuzhou-elderly-final-missed.yaml",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("json-zhuzhou-final-missed", String::from_utf8(out).unwrap());
}

/// `svcspec schema --results` prints the committed results schema.
#[test]
fn schema_command_prints_the_results_schema() {
    let committed = std::fs::read_to_string(root().join("schemas/results.schema.json")).unwrap();
    svcspec()
        .args(["schema", "--results"])
        .assert()
        .code(0)
        .stdout(committed);
}

/// A results file named to `check` by mistake is refused with a pointer to `evaluate`.
#[test]
fn check_points_results_files_to_evaluate() {
    svcspec()
        .args(["check", "specs/results/zhuzhou-elderly-final.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "this is a results file, not a spec: evaluate it with `svcspec evaluate SPEC --results",
        ));
}
