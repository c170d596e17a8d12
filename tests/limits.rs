//! Every limit on hostile input can be raised by its flag, only up to its cap, and the caps hold
//! on this machine's stacks.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn svcspec(dir: &Path) -> Command {
    let mut cmd = crate::common::svcspec_in(dir);
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// The codes of the findings of `check --format json`.
fn codes(dir: &Path, args: &[&str]) -> Vec<String> {
    let output = svcspec(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A mapping nested `levels` deep in block style, under the key `extra`.
fn nested(levels: usize) -> String {
    let mut text = String::from("extra:\n");
    for i in 1..levels {
        text.push_str(&" ".repeat(i));
        text.push_str("k:\n");
    }
    text.push_str(&" ".repeat(levels));
    text.push_str("v: 1\n");
    text
}

/// Each input-limit flag lifts its own limit: the finding goes away when it is raised.
#[test]
fn each_flag_raises_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write("deep.yaml", format!("spec_version: 1\n{}", nested(80)));
    write(
        "aliases.yaml",
        format!(
            "spec_version: 1\na: &a x\nb: [{}]\n",
            vec!["*a"; 12_000].join(", ")
        ),
    );
    write(
        "nodes.yaml",
        format!("spec_version: 1\nlist: [{}]\n", "1,".repeat(200_001)),
    );
    write(
        "scalar.yaml",
        format!("spec_version: 1\ns: \"{}\"\n", "x".repeat(300_000)),
    );
    write(
        "big.yaml",
        format!("spec_version: 1\n#{}\n", "x".repeat(5 << 20)),
    );
    let cases: &[(&str, &str, &str, &str)] = &[
        ("deep.yaml", "SV003", "--max-depth", "100"),
        ("aliases.yaml", "SV004", "--max-alias-nodes", "20000"),
        ("nodes.yaml", "SV010", "--max-nodes", "300000"),
        ("scalar.yaml", "SV010", "--max-scalar-size", "400000"),
        ("big.yaml", "SV005", "--max-file-size", "6000000"),
    ];
    for (file, code, flag, raised) in cases {
        let before = codes(dir.path(), &[file]);
        assert!(before.contains(&(*code).to_owned()), "{file}: {before:?}");
        let after = codes(dir.path(), &[file, flag, raised]);
        assert!(
            !after.contains(&(*code).to_owned()),
            "{file} {flag}: {after:?}"
        );
        // The file now gets as far as the schema: it lacks the required keys.
        assert!(
            after.contains(&"SV022".to_owned()),
            "{file} {flag}: {after:?}"
        );
    }
}

/// Raising a limit past its cap is refused by the command line, naming the range.
#[test]
fn caps_cannot_be_passed() {
    for (flag, value) in [
        ("--max-depth", "1001"),
        ("--max-file-size", "268435457"),
        ("--max-nodes", "10000001"),
        ("--max-alias-nodes", "10000001"),
        ("--max-files", "0"),
        ("--max-depth", "0"),
    ] {
        svcspec(&root())
            .args(["check", "specs", flag, value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag).and(predicate::str::contains("not in")));
    }
    for (flag, value) in [
        ("--template-recursion", "501"),
        ("--template-fuel", "1000000001"),
    ] {
        svcspec(&root())
            .args(["build", "specs", "--out", "/nonexistent/never", flag, value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag).and(predicate::str::contains("not in")));
    }
}

/// A run may check at most `--max-files` files: more is an invocation fault, before any is read.
#[test]
fn file_count_is_limited() {
    for command in [&["check"][..], &["build", "--out", "/nonexistent/never"]] {
        svcspec(&root())
            .args(command)
            .args(["specs", "--max-files", "3"])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(format!(
                    "{} files, over the limit of 3",
                    crate::common::specs().len()
                ))
                .and(predicate::str::contains("--max-files")),
            );
    }
    svcspec(&root())
        .args(["check", "specs", "--max-files"])
        .arg(crate::common::specs().len().to_string())
        .assert()
        .code(0);
}

/// At the depth cap, a spec nested 1000 levels deep (half of it through an alias) is checked,
/// in parallel on worker threads and alone on the main thread, and refused by `build`, without
/// overflowing a stack of this debug build: the deepest recursions (serde, the schema validator,
/// dropping the tree) fit.
#[test]
fn depth_cap_fits_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = std::fs::read_to_string(root().join("specs/zhuzhou-elderly.yaml")).unwrap();
    spec.push_str(&nested(999));
    std::fs::write(dir.path().join("deep.yaml"), &spec).unwrap();
    // An anchor 500 deep repeated 499 levels down: 999 levels through the alias.
    let anchor = nested(500).replacen("extra:", "anchor: &deep", 1);
    let mut aliased = String::from("spec_version: 1\n");
    aliased.push_str(&anchor);
    aliased.push_str("b:\n");
    for i in 1..499 {
        aliased.push_str(&" ".repeat(i));
        aliased.push_str("k:\n");
    }
    aliased.push_str(&" ".repeat(499));
    aliased.push_str("k: *deep\n");
    std::fs::write(dir.path().join("aliased.yaml"), &aliased).unwrap();

    let found = codes(
        dir.path(),
        &[
            "deep.yaml",
            "aliased.yaml",
            "--max-depth",
            "1000",
            "--max-alias-nodes",
            "1000",
        ],
    );
    assert!(found.contains(&"SV021".to_owned()), "{found:?}");
    assert!(!found.contains(&"SV003".to_owned()), "{found:?}");
    // One file at a time runs on the main thread.
    for file in ["deep.yaml", "aliased.yaml"] {
        let found = codes(dir.path(), &[file, "--max-depth", "1000"]);
        assert!(!found.contains(&"SV003".to_owned()), "{file}: {found:?}");
    }
    // One level less, and the alias is refused for the depth it reaches.
    let found = codes(dir.path(), &["aliased.yaml", "--max-depth", "998"]);
    assert!(found.contains(&"SV003".to_owned()), "{found:?}");
    svcspec(dir.path())
        .args(["build", "deep.yaml", "--max-depth", "1000", "--out", "out"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("not built").and(predicate::str::contains("panicked").not()),
        );
}

/// Template fuel and recursion are limits of their own: too little fuel stops the built-in
/// templates with a message naming the flag; the defaults build every bundled spec.
#[test]
fn template_limits_have_flags() {
    let out = tempfile::tempdir().unwrap();
    svcspec(&root())
        .args([
            "build",
            "specs/zhuzhou-elderly.yaml",
            "--template-fuel",
            "1000",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("SV050")
                .and(predicate::str::contains("out of fuel"))
                .and(predicate::str::contains("--template-fuel")),
        );
    svcspec(&root())
        .args([
            "build",
            "specs/zhuzhou-elderly.yaml",
            "--template-recursion",
            "1",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("recursion limit")
                .and(predicate::str::contains("--template-")),
        );
    svcspec(&root())
        .args(["build", "specs", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
}

/// Every command that reads files honours every input-limit flag alike: given a value that its
/// input exceeds, `check`, `build`, `export`, `evaluate` and `diff` each stop, with the
/// limit's code (exit 1) or, for the count of files, an invocation fault (exit 2), each naming
/// the flag.
#[test]
fn every_command_honours_every_limit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(root().join("specs/zhuzhou-elderly.yaml")).unwrap();
    std::fs::write(dir.path().join("spec.yaml"), &spec).unwrap();
    std::fs::write(
        dir.path().join("alias.yaml"),
        "spec_version: 1\na: &a [1, 2, 3]\nb: *a\n",
    )
    .unwrap();
    // Larger than the smallest memory budget, so reading it alone exceeds the budget.
    let mut huge = spec.clone();
    huge.push_str(&format!("# {}\n", "x".repeat(70 << 20)));
    std::fs::write(dir.path().join("huge.yaml"), huge).unwrap();
    std::fs::copy(
        root().join("specs/results/zhuzhou-elderly-final.yaml"),
        dir.path().join("results.yaml"),
    )
    .unwrap();

    // (flag, value, the spec to give, what the run must say, exit code)
    let cases: [(&str, &str, &str, &str, i32); 7] = [
        ("--max-file-size", "10000", "spec.yaml", "SV005", 1),
        ("--max-depth", "3", "spec.yaml", "SV003", 1),
        ("--max-nodes", "100", "spec.yaml", "SV010", 1),
        ("--max-scalar-size", "50", "spec.yaml", "SV010", 1),
        ("--max-alias-nodes", "2", "alias.yaml", "SV004", 1),
        (
            "--max-memory",
            "64",
            "huge.yaml",
            "more memory than its budget",
            1,
        ),
        (
            "--max-files",
            "1",
            "spec.yaml",
            "over the limit of 1 files",
            2,
        ),
    ];
    for (flag, value, file, says, code) in cases {
        // `--max-memory` is reached only with the file size limit raised to let the file in.
        let raise: &[&str] = if flag == "--max-memory" {
            &["--max-file-size", "100000000"]
        } else {
            &[]
        };
        let commands: Vec<Vec<&str>> = vec![
            // Two files for `check` and `build`, so that one file over `--max-files 1` shows.
            vec!["check", file, "spec.yaml"],
            vec!["build", file, "spec.yaml", "--out", "out"],
            vec!["evaluate", file, "--results", "results.yaml"],
            vec!["diff", file, "spec.yaml"],
            vec!["export", "--ocds", "--ocid-prefix", "ocds-test", file],
        ];
        for command in commands {
            // `export` reads one file, which no `--max-files` (at least 1) is below.
            if command[0] == "export" && flag == "--max-files" {
                continue;
            }
            let output = svcspec(dir.path())
                .args(&command)
                .args([flag, value])
                .args(raise)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(code),
                "{command:?} {flag} {value}: {stderr}"
            );
            assert!(
                stderr.contains(says) && stderr.contains(flag),
                "{command:?} {flag} {value} does not say `{says}` and `{flag}`: {stderr}"
            );
        }
    }
}
