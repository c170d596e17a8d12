//! `svcspec diff`: an amendment's changes, matched by id, with derived values under their cause.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::common::svcspec;

const ZHUZHOU: &str = "specs/zhuzhou-elderly.yaml";

fn zhuzhou() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ZHUZHOU)).unwrap()
}

/// Zhuzhou with the contract amount raised to 350,000 (tranches and capitals to match) and its
/// targets listed in reverse order.
fn amended() -> String {
    let text = zhuzhou()
        .replace("  amount: 300000  # illustrative", "  amount: 350000")
        .replace("人民币叁拾万元整", "人民币叁拾伍万元整")
        .replace(
            "      amount: 90000\n      due: 2016-01-15",
            "      amount: 105000\n      due: 2016-01-15",
        )
        .replace("      amount: 120000\n", "      amount: 140000\n")
        .replace(
            "      amount: 90000\n      due: 2016-12-20",
            "      amount: 105000\n      due: 2016-12-20",
        );
    let start = text.find("targets:\n").unwrap() + "targets:\n".len();
    let end = text.find("\nphases:").unwrap();
    let block = &text[start..end];
    let mut items: Vec<String> = block
        .split("  - id: ")
        .filter(|s| !s.trim().is_empty())
        .map(|s| format!("  - id: {}\n", s.trim_end()))
        .collect();
    assert!(items.len() > 3);
    items.reverse();
    format!(
        "{}{}{}",
        &text[..start],
        items.concat().trim_end(),
        &text[end..]
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A changed amount with re-ordered targets is exactly one change, the amount, with each
/// tranche's amount (share × new amount) and the capitals under it.
#[test]
fn amount_change_is_one_change_with_tranches_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let new = write(dir.path(), "amended.yaml", &amended());
    let out = svcspec()
        .args(["diff", ZHUZHOU, &new, "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let amount = &changes[0];
    assert_eq!(amount["path"], "contract.amount");
    assert_eq!(amount["old"], "300000.00");
    assert_eq!(amount["new"], "350000.00");
    let derived: Vec<(&str, &str)> = amount["derived"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["new"].as_str().unwrap()))
        .collect();
    assert_eq!(
        derived,
        [
            ("contract.tranches[advance].amount", "105000.00"),
            ("contract.tranches[mid-payment].amount", "140000.00"),
            ("contract.tranches[final-payment].amount", "105000.00"),
            ("contract.amount_in_words", "人民币叁拾伍万元整"),
        ]
    );

    svcspec()
        .args(["diff", ZHUZHOU, &new])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("1 change\n")
                .and(predicate::str::contains(
                    "contract.amount: 300000.00 → 350000.00",
                ))
                .and(predicate::str::contains(
                    "follows: contract.tranches[mid-payment].amount: 120000.00 → 140000.00",
                )),
        );
    svcspec()
        .args(["diff", ZHUZHOU, &new, "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("补充协议附件")
                .and(predicate::str::contains(
                    "| 1 | `contract.amount` | 300000.00 | 350000.00 |",
                ))
                .and(predicate::str::contains(
                    "↳ 随之变更 `contract.tranches[advance].amount`",
                )),
        );
}

/// A re-ordering alone is no change; a spec against itself is no change.
#[test]
fn reordering_alone_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let text = amended()
        .replace("  amount: 350000", "  amount: 300000  # illustrative")
        .replace("人民币叁拾伍万元整", "人民币叁拾万元整")
        .replace("105000", "90000")
        .replace("140000", "120000");
    let new = write(dir.path(), "reordered.yaml", &text);
    svcspec()
        .args(["diff", ZHUZHOU, &new])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no changes"));
}

/// A tranche amount that does not follow from the new total, a target value, a removed and an
/// added item are each a change of their own, named by id.
#[test]
fn other_changes_are_listed_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let text = zhuzhou()
        .replace("    value: 240\n", "    value: 220\n")
        .replace(
            "  - id: lectures\n    name: 讲座\n",
            "  - id: talks\n    name: 讲座\n",
        )
        .replace("      amount: 120000\n", "      amount: 110000\n");
    let new = write(dir.path(), "changed.yaml", &text);
    let out = svcspec()
        .args(["diff", ZHUZHOU, &new, "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let paths: Vec<(&str, &str)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["path"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        paths,
        [
            ("targets[visits].value", "changed"),
            ("targets[talks]", "added"),
            ("targets[lectures]", "removed"),
            ("contract.tranches[mid-payment].amount", "changed"),
        ]
    );
}

/// A file that is not a spec is a content fault (exit 1); a missing one an invocation fault (2).
#[test]
fn faults_exit_1_or_2() {
    svcspec()
        .args(["diff", ZHUZHOU, "tests/fixtures/input/duplicate-key.yaml"])
        .assert()
        .code(1)
        .stdout("");
    svcspec()
        .args(["diff", ZHUZHOU, "no/such.yaml"])
        .assert()
        .code(2)
        .stdout("");
}
