//! The command-line contract of CLI.md: exit codes, streams, JSON shape, which files are checked.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::common::svcspec;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/input/{name}")
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is one JSON document")
}

/// The bundled specs check clean: exit 0, and the summary says so.
#[test]
fn bundled_specs_check_clean() {
    svcspec()
        .args(["check", "specs"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no problems"));
}

/// A spec fault exits 1, on stderr, naming file, line and column.
#[test]
fn spec_fault_exits_1() {
    svcspec()
        .args(["check", &fixture("duplicate-key.yaml")])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("duplicate-key.yaml:5:3"));
}

/// A file that does not exist is an invocation fault: exit 2, and the file is named.
#[test]
fn missing_file_exits_2() {
    svcspec()
        .args(["check", "no/such/spec.yaml"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no/such/spec.yaml")
                .and(predicate::str::contains("no such file")),
        );
}

/// When a missing file and a faulty spec meet in one run, 2 wins.
#[test]
fn usage_fault_wins_over_content_fault() {
    svcspec()
        .args(["check", "no/such/spec.yaml", &fixture("duplicate-key.yaml")])
        .assert()
        .code(2);
}

/// A directory with no spec in it is an invocation fault.
#[test]
fn directory_without_specs_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.yaml"), "name: not a spec\n").unwrap();
    svcspec()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no spec"));
}

/// A walk skips YAML files without a top-level `spec_version`, and hidden ones; `--verbose` lists the skipped.
#[test]
fn walk_skips_non_specs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/zhuzhou-elderly.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("ci.yml"), "jobs: {}\n").unwrap();
    std::fs::create_dir(dir.path().join(".hidden")).unwrap();
    std::fs::write(dir.path().join(".hidden/broken.yaml"), "spec_version: [\n").unwrap();
    let out = svcspec()
        .args(["check", "--format", "json", "--verbose"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipped").and(predicate::str::contains("ci.yml")))
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["files"], 1);
}

/// JSON output is one document with the fields of CLI.md; columns count characters.
#[test]
fn json_output_has_the_documented_shape() {
    let out = svcspec()
        .args(["check", "--format", "json", &fixture("schema-faults.yaml")])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    assert_eq!(doc["files"], 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 8);
    for d in diags {
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "pointer",
            "code",
            "severity",
            "message",
            "help",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
    }
    // `  nmae: 示例项目` — the unknown key sits at line 4, column 3.
    let unknown = diags.iter().find(|d| d["code"] == "SV021").unwrap();
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(unknown["pointer"], "/project/nmae");
    assert_eq!(unknown["help"], "did you mean `name`?");
    // Sorted by position.
    let lines: Vec<u64> = diags.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

/// Columns count code points after Chinese text.
#[test]
fn columns_count_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(
        &path,
        "spec_version: 1\nproject: {id: demo, name: 株洲项目, bad: 1}\n",
    )
    .unwrap();
    let out = svcspec()
        .args(["check", "--format", "json"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    let unknown = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "SV021")
        .unwrap()
        .clone();
    // "project: {id: demo, name: 株洲项目, " is 32 characters (but 40 bytes).
    assert_eq!(unknown["column"], 33);
    assert_eq!(unknown["end_column"], 36);
}

/// `--output` writes the JSON to a file and nothing to stdout.
#[test]
fn output_file_receives_machine_format() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.json");
    svcspec()
        .args(["check", "--format", "json", "specs", "--output"])
        .arg(&out_path)
        .assert()
        .code(0)
        .stdout("");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert!(doc["files"].as_u64().unwrap() >= 1);
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 0);
}

/// `svcspec schema` prints the committed schema.
#[test]
fn schema_command_prints_committed_schema() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/svcspec.schema.json"),
    )
    .unwrap();
    svcspec().arg("schema").assert().code(0).stdout(committed);
}

/// Bad arguments are usage faults.
#[test]
fn bad_arguments_exit_2() {
    svcspec()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    svcspec().args(["frobnicate"]).assert().code(2);
}

fn hostile_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

/// Hostile inputs end with exit 1, a diagnostic naming the file (and line), never a panic.
#[test]
fn hostile_inputs_are_refused_cleanly() {
    let (_guard, dir) = hostile_dir();
    let deep_flow = dir.join("deep-flow.yaml");
    std::fs::write(
        &deep_flow,
        format!(
            "spec_version: 1\nx: {}{}\n",
            "[".repeat(200_000),
            "]".repeat(200_000)
        ),
    )
    .unwrap();
    let deep_block = dir.join("deep-block.yaml");
    std::fs::write(
        &deep_block,
        format!("spec_version: 1\nx:\n  {}1\n", "- ".repeat(200_000)),
    )
    .unwrap();
    let deep_map = dir.join("deep-map.yaml");
    let mut text = String::from("spec_version: 1\n");
    for i in 0..2_000 {
        text.push_str(&" ".repeat(i));
        text.push_str("k:\n");
    }
    std::fs::write(&deep_map, text).unwrap();
    let huge = dir.join("huge.yaml");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&huge).unwrap();
        let line = "# padding padding padding padding padding padding padding padding\n";
        for _ in 0..(30 * 1024 * 1024 / line.len()) {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    for (path, code, needle) in [
        (&deep_flow, "SV003", ":2:"),
        (&deep_block, "SV003", ":3:"),
        (&deep_map, "SV003", ""),
        (&huge, "SV005", "huge.yaml"),
        (&PathBuf::from(fixture("alias-bomb.yaml")), "SV004", ":5:"),
        (&PathBuf::from(fixture("binary-data.yaml")), "SV006", ":2:"),
        (&PathBuf::from(fixture("invalid-utf8.yaml")), "SV006", ":4:"),
        (
            &PathBuf::from(fixture("tab-indentation.yaml")),
            "SV001",
            ":3:",
        ),
    ] {
        svcspec()
            .arg("check")
            .arg(path)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(code).and(predicate::str::contains(needle)));
    }
}

/// `--help` shows each shared option under its own heading, in every command that has it: a
/// flattened group must not carry the previous group's heading over its own options.
#[test]
fn help_groups_shared_options_under_their_headings() {
    let expected = [
        ("--lang", "Rendering"),
        ("--templates", "Rendering"),
        ("--template-fuel", "Limits on templates"),
        ("--template-recursion", "Limits on templates"),
        ("--config", "Input"),
        ("--max-file-size", "Limits on hostile input"),
        ("--max-depth", "Limits on hostile input"),
        ("--max-files", "Limits on hostile input"),
        ("--max-memory", "Limits on hostile input"),
    ];
    for command in ["check", "build", "evaluate", "diff", "export", "lsp"] {
        let output = svcspec().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(output.stdout).unwrap();
        let mut heading = "";
        let mut seen = 0;
        for line in help.lines() {
            if !line.starts_with(' ') && line.ends_with(':') {
                heading = line.trim_end_matches(':');
            }
            let Some(option) = line.trim_start().split([' ', ',']).next() else {
                continue;
            };
            if let Some((_, want)) = expected.iter().find(|(name, _)| *name == option) {
                assert_eq!(heading, *want, "`svcspec {command} --help` shows {option}");
                seen += 1;
            }
        }
        assert!(
            seen >= 4,
            "`svcspec {command} --help` shows the limits:\n{help}"
        );
    }
}
