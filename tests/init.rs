//! `svcspec init`: every kind's starting spec checks with only its placeholders, one warning per
//! `!fill` at its line; it refuses to overwrite a file unless `--force`.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::svcspec_in as svcspec;

const KINDS: &[&str] = &[
    "hospice",
    "integration",
    "elderly",
    "assistance",
    "youth",
    "family",
    "volunteer",
];

/// The 1-based lines of the file that hold a `!fill` tag, once per tag (comments excluded).
fn fill_lines(text: &str) -> Vec<u64> {
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split(" #").next().unwrap_or(line);
        if code.trim_start().starts_with('#') {
            continue;
        }
        for _ in code.matches("!fill ") {
            lines.push(i as u64 + 1);
        }
    }
    lines
}

/// For every kind, `init` then `check` gives exactly one SV060 warning per `!fill`, each at the
/// line of its tag, and exits 0; `--deny-warnings` refuses the same spec with exit 1.
#[test]
fn every_kind_checks_with_only_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let file = format!("{kind}.yaml");
        svcspec(dir.path())
            .args(["init", "--kind", kind, &file])
            .assert()
            .code(0);
        let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema="),
            "{kind}: no modeline"
        );
        let expected = fill_lines(&text);
        assert!(
            expected.len() > 20,
            "{kind}: only {} placeholders",
            expected.len()
        );

        let out = svcspec(dir.path())
            .args(["check", "--format", "json", &file])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let json: Value = serde_json::from_slice(&out).unwrap();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        for d in diagnostics {
            assert_eq!(d["code"], "SV060", "{kind}: {d}");
            assert_eq!(d["severity"], "warning", "{kind}: {d}");
        }
        let mut found: Vec<u64> = diagnostics
            .iter()
            .map(|d| d["line"].as_u64().unwrap())
            .collect();
        found.sort_unstable();
        assert_eq!(
            found, expected,
            "{kind}: findings are not one per `!fill` line"
        );

        svcspec(dir.path())
            .args(["check", "--deny-warnings", &file])
            .assert()
            .code(1);
    }
}

/// The starting specs with their tags removed check clean: the placeholders alone are findings.
#[test]
fn filled_starting_specs_check_clean() {
    let dir = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let file = format!("{kind}.yaml");
        svcspec(dir.path())
            .args(["init", "--kind", kind, &file])
            .assert()
            .code(0);
        let path = dir.path().join(&file);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("!fill ", "");
        std::fs::write(&path, text).unwrap();
        svcspec(dir.path())
            .args(["check", "--deny-warnings", &file])
            .assert()
            .code(0);
    }
}

/// An existing file is refused with exit 2 and left as it was; `--force` overwrites it.
#[test]
fn existing_file_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, "mine\n").unwrap();
    svcspec(dir.path())
        .args(["init", "--kind", "youth", "spec.yaml"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine\n");
    svcspec(dir.path())
        .args(["init", "--kind", "youth", "spec.yaml", "--force"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("field: youth"));
}

/// A folder that does not exist is an invocation fault (exit 2), not a panic.
#[test]
fn unwritable_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    svcspec(dir.path())
        .args(["init", "--kind", "family", "no/such/dir/spec.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}
