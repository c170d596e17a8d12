//! Hostile specs and templates, as a tender submission checked by CI could hold them: each ends
//! with exit 1 or 2, a message naming the file and the fault, no panic, no hang, and no write
//! outside `--out`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn hostile() -> PathBuf {
    root().join("tests/fixtures/hostile")
}

fn svcspec(dir: &Path) -> Command {
    let mut cmd = crate::common::svcspec_in(dir);
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// Runs svcspec and checks the exit code, that stderr holds every needle, and that nothing
/// panicked. Returns stderr.
fn expect(cmd: &mut Command, code: i32, needles: &[&str]) -> String {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked at"), "a panic:\n{stderr}");
    // Messages are wrapped to the terminal: compare with the lines joined again, at a space
    // or (for a break after a hyphen) without one.
    let joined = |sep: &str| {
        stderr
            .lines()
            .map(|l| l.trim_start().trim_start_matches('│').trim_start())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (spaced, tight) = (joined(" "), joined(""));
    for needle in needles {
        assert!(
            spaced.contains(needle) || tight.contains(needle),
            "`{needle}` missing from:\n{stderr}"
        );
    }
    stderr
}

/// Every hostile spec of tests/fixtures/hostile: its exit code and what the message says.
#[test]
fn hostile_specs_are_refused_with_a_clear_message() {
    let cases: &[(&str, i32, &[&str])] = &[
        (
            "billion-laughs.yaml",
            1,
            &[
                "SV004",
                "billion-laughs.yaml:5:",
                "more than 10000 nodes",
                "--max-alias-nodes",
            ],
        ),
        ("alias-fanout.yaml", 1, &["SV004", "alias-fanout.yaml:3:"]),
        (
            "alias-depth.yaml",
            1,
            &[
                "SV003",
                "alias-depth.yaml:3:",
                "too deep through this alias",
                "--max-depth",
            ],
        ),
        (
            "alias-self.yaml",
            1,
            &["SV001", "alias-self.yaml:2:", "anchor that is not defined"],
        ),
        (
            "alias-as-key.yaml",
            1,
            &[
                "SV009",
                "alias-as-key.yaml:3:1",
                "an alias to a mapping cannot be a mapping key",
            ],
        ),
        (
            "deep-block.yaml",
            1,
            &[
                "SV003",
                "deep-block.yaml:66:",
                "deeper than 64 levels",
                "--max-depth",
            ],
        ),
        (
            "deep-flow-256.yaml",
            1,
            &[
                "SV003",
                "deep-flow-256.yaml:2:",
                "deeper than the YAML parser allows",
            ],
        ),
        (
            "gbk.yaml",
            1,
            &["SV006", "gbk.yaml:2:10", "invalid byte 0xD6", "GBK"],
        ),
        (
            "overlong-utf8.yaml",
            1,
            &["SV006", "overlong-utf8.yaml:2:", "invalid byte 0xC0"],
        ),
        (
            "nul-byte.yaml",
            1,
            &["SV006", "nul-byte.yaml:2:1", "NUL byte"],
        ),
        (
            "bom-inside.yaml",
            1,
            &["SV001", "bom-inside.yaml:2:", "byte order mark"],
        ),
        (
            "unterminated.yaml",
            1,
            &["SV001", "unterminated.yaml:3:", "quoted scalar"],
        ),
        (
            "many-documents.yaml",
            1,
            &[
                "SV009",
                "many-documents.yaml:2:1",
                "more than one YAML document",
            ],
        ),
        ("control-chars.yaml", 1, &["SV022", "control-chars.yaml"]),
        (
            "huge-amount.yaml",
            1,
            &[
                "SV020",
                "huge-amount.yaml:505:11",
                "`contract.amount`: an amount is held exactly",
            ],
        ),
        (
            "decimal-overflow.yaml",
            1,
            &[
                "SV020",
                "decimal-overflow.yaml:505:11",
                "too large or too precise",
            ],
        ),
    ];
    for (file, code, needles) in cases {
        let stderr = expect(svcspec(&hostile()).args(["check", file]), *code, needles);
        assert!(
            !stderr.contains("$serde_json"),
            "{file}: an internal name leaks:\n{stderr}"
        );
    }
    // Nothing in the folder is left unchecked by this table.
    let listed: Vec<&str> = cases.iter().map(|c| c.0).collect();
    for entry in std::fs::read_dir(hostile()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && !["bom.yaml", "crlf.yaml"].contains(&name.as_str()) {
            assert!(listed.contains(&name.as_str()), "{name} has no expectation");
        }
    }
}

/// A byte order mark and CRLF line ends are what Windows editors write: the spec checks clean
/// and builds the same documents as the original.
#[test]
fn bom_and_crlf_are_read_as_the_original() {
    let out = tempfile::tempdir().unwrap();
    for file in ["bom.yaml", "crlf.yaml"] {
        expect(
            svcspec(&hostile()).args(["check", file]),
            0,
            &["checked 1 spec: no problems"],
        );
        expect(
            svcspec(&hostile())
                .args(["build", file, "--to", "md", "--out"])
                .arg(out.path()),
            0,
            &["built 1 of 1 specs"],
        );
    }
    let original = tempfile::tempdir().unwrap();
    expect(
        svcspec(&root())
            .args(["build", "specs/zhuzhou-elderly.yaml", "--to", "md", "--out"])
            .arg(original.path()),
        0,
        &[],
    );
    let contract = |dir: &Path, stem: &str| {
        std::fs::read_to_string(dir.join(stem).join("contract.zh.md")).unwrap()
    };
    let want = contract(original.path(), "zhuzhou-elderly");
    assert_eq!(contract(out.path(), "bom"), want);
    assert_eq!(contract(out.path(), "crlf"), want);
}

/// Limits reached by files generated here (too large to commit): each names its flag.
#[test]
fn oversized_inputs_name_the_flag_to_raise() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse 5 MiB file: refused before it is read.
    let big = std::fs::File::create(dir.path().join("big.yaml")).unwrap();
    big.set_len(5 * 1024 * 1024).unwrap();
    expect(
        svcspec(dir.path()).args(["check", "big.yaml"]),
        1,
        &["SV005", "big.yaml", "5242880 bytes", "--max-file-size"],
    );
    std::fs::write(
        dir.path().join("scalar.yaml"),
        format!("spec_version: 1\nproject: \"{}\"\n", "x".repeat(300_000)),
    )
    .unwrap();
    expect(
        svcspec(dir.path()).args(["check", "scalar.yaml"]),
        1,
        &[
            "SV010",
            "scalar.yaml:2:10",
            "300000 bytes",
            "--max-scalar-size",
        ],
    );
    std::fs::write(
        dir.path().join("nodes.yaml"),
        format!("spec_version: 1\nlist: [{}]\n", "1,".repeat(200_001)),
    )
    .unwrap();
    expect(
        svcspec(dir.path()).args(["check", "nodes.yaml"]),
        1,
        &[
            "SV010",
            "nodes.yaml:2:",
            "more than 200000 nodes",
            "--max-nodes",
        ],
    );
}

/// Each template of tests/fixtures/hostile/templates fails at its own line with SV050, exit 1:
/// loops run out of fuel, recursion stops at its limit, nothing outside the set is included,
/// and nothing reads the environment.
#[test]
fn hostile_templates_fail_at_their_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("loop-forever", "plan.md.j2:2:", "--template-fuel"),
        ("recurse-forever", "plan.md.j2:2:", "--template-recursion"),
        ("recursive-loop", "plan.md.j2:2:", "--template-recursion"),
        ("include-self", "plan.md.j2:2:", "--template-recursion"),
        (
            "extends-self",
            "plan.md.j2:2:",
            "cycle in template inheritance",
        ),
        (
            "include-parent",
            "plan.md.j2:2:",
            "only templates of the set",
        ),
        (
            "include-absolute",
            "plan.md.j2:2:",
            "only templates of the set",
        ),
        ("import-file", "plan.md.j2:2:", "only templates of the set"),
        (
            "env-access",
            "plan.md.j2:2:",
            "none reads the environment or a file",
        ),
        ("memory-bomb", "plan.md.j2:2:", "--template-fuel"),
    ];
    let out = tempfile::tempdir().unwrap();
    for (case, at, needle) in cases {
        let stderr = expect(
            svcspec(&root())
                .args([
                    "build",
                    "specs/zhuzhou-elderly.yaml",
                    "--doc",
                    "plan",
                    "--templates",
                ])
                .arg(hostile().join("templates").join(case))
                .arg("--out")
                .arg(out.path()),
            1,
            &["SV050", at, needle, "not built"],
        );
        assert!(
            !stderr.contains("root:"),
            "{case}: /etc/passwd leaked:\n{stderr}"
        );
    }
    // Nothing was written for a spec whose template failed.
    assert_eq!(std::fs::read_dir(out.path()).map_or(0, Iterator::count), 0);
    let all: Vec<String> = std::fs::read_dir(hostile().join("templates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for case in &all {
        assert!(
            cases.iter().any(|c| c.0 == case),
            "{case} has no expectation"
        );
    }
}

/// At their caps, the recursion limits still hold on this machine's stack: a template recursing
/// without end at `--template-recursion 500` fails cleanly.
#[test]
fn template_recursion_cap_fits_the_stack() {
    let out = tempfile::tempdir().unwrap();
    for case in ["recurse-forever", "recursive-loop", "include-self"] {
        expect(
            svcspec(&root())
                .args(["build", "specs/zhuzhou-elderly.yaml", "--doc", "plan"])
                .args(["--template-recursion", "500", "--templates"])
                .arg(hostile().join("templates").join(case))
                .arg("--out")
                .arg(out.path()),
            1,
            &["SV050", "recursion limit exceeded"],
        );
    }
}

/// Fuel charges for the bytes a template makes, so at the default fuel the memory bomb runs out
/// of fuel (above). With fuel raised to its cap, the memory budget stops it: exit 1, a message
/// naming `--max-memory`, the earlier output untouched and no temporary folder left.
#[test]
fn memory_budget_stops_a_template_with_fuel_to_spare() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("zhuzhou-elderly")).unwrap();
    std::fs::write(out.join("zhuzhou-elderly/plan.zh.md"), "old").unwrap();
    expect(
        svcspec(&root())
            .args(["build", "specs/zhuzhou-elderly.yaml", "--doc", "plan"])
            .args([
                "--template-fuel",
                "1000000000",
                "--max-memory",
                "256",
                "--templates",
            ])
            .arg(hostile().join("templates/memory-bomb"))
            .arg("--out")
            .arg(&out),
        1,
        &["more memory than its budget", "--max-memory"],
    );
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["zhuzhou-elderly"]);
    assert_eq!(
        std::fs::read_to_string(out.join("zhuzhou-elderly/plan.zh.md")).unwrap(),
        "old"
    );
}

/// A template that is a link (which could lead anywhere) is refused, not followed.
#[test]
fn linked_template_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", tpl.join("plan.md.j2")).unwrap();
    let stderr = expect(
        svcspec(&root())
            .args(["build", "specs/zhuzhou-elderly.yaml", "--templates"])
            .arg(&tpl)
            .arg("--out")
            .arg(dir.path().join("out")),
        2,
        &["plan.md.j2", "symbolic link"],
    );
    assert!(!stderr.contains("root:"));
    assert!(!dir.path().join("out").exists());
}

/// Links placed in or as the output folder are refused, never written through.
#[test]
fn links_in_the_output_folder_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let spec = root().join("specs/zhuzhou-elderly.yaml");

    // out/zhuzhou-elderly -> elsewhere
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("zhuzhou-elderly")).unwrap();
    expect(
        svcspec(dir.path())
            .arg("build")
            .arg(&spec)
            .arg("--out")
            .arg(&out),
        2,
        &[
            "zhuzhou-elderly",
            "a link or a file",
            "refusing to replace it",
        ],
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(
        std::fs::symlink_metadata(out.join("zhuzhou-elderly"))
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // out itself -> elsewhere
    let linked_out = dir.path().join("linked-out");
    std::os::unix::fs::symlink(&elsewhere, &linked_out).unwrap();
    expect(
        svcspec(dir.path())
            .arg("build")
            .arg(&spec)
            .arg("--out")
            .arg(&linked_out),
        2,
        &[
            "linked-out",
            "symbolic link",
            "refusing to write through it",
        ],
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // A link named like a stale temporary folder, pointing at a folder with a file in it: the
    // sweep removes the link, not the file.
    let out2 = dir.path().join("out2");
    std::fs::create_dir(&out2).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(
        &elsewhere,
        out2.join(".svcspec-tmp-999999999-zhuzhou-elderly"),
    )
    .unwrap();
    expect(
        svcspec(dir.path())
            .arg("build")
            .arg(&spec)
            .arg("--out")
            .arg(&out2),
        0,
        &["built 1 of 1 specs"],
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
        "keep"
    );
    let left: Vec<String> = std::fs::read_dir(&out2)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["zhuzhou-elderly"]);
}

/// Every input the fuzzer stopped on (tests/fixtures/fuzz, see docs/fuzzing.md) is checked
/// without a panic: exit 1 or 2, with a message that names the file.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = root().join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let output = svcspec(&dir).args(["check", &name]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(1 | 2)),
            "{name}: {:?}\n{stderr}",
            output.status
        );
        assert!(stderr.contains(&name), "{name}: {stderr}");
        assert!(!stderr.contains("panicked at"), "{name}: {stderr}");
        seen += 1;
    }
    assert!(seen > 0);
}

/// A named pipe (or a device) given as a spec is refused before it is opened: opening a pipe
/// would wait for a writer for ever.
#[test]
fn pipes_and_devices_are_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    for path in [dir.path().join("pipe.yaml"), PathBuf::from("/dev/zero")] {
        expect(
            svcspec(dir.path()).arg("check").arg(&path),
            2,
            &["SV000", "is not a regular file"],
        );
    }
}

/// In a mapping of more keys than are searched as a list, a duplicate still names the line of
/// its first occurrence; and a mapping of 150,000 keys, each given twice, ends (it was quadratic)
/// after the first hundred duplicates.
#[test]
fn duplicates_in_large_mappings_name_the_first_occurrence() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("spec_version: 1\nextra:\n");
    for i in 0..40 {
        text.push_str(&format!("  k{i}: {i}\n"));
    }
    // `k35` is on line 38 (3 + 35); it comes again on line 43.
    text.push_str("  k35: again\n");
    let path = dir.path().join("large.yaml");
    std::fs::write(&path, &text).unwrap();
    let stderr = expect(
        svcspec(dir.path()).arg("check").arg(&path),
        1,
        &["SV002", "key `k35` appears twice"],
    );
    let first = stderr
        .find("large.yaml:38:3")
        .expect("first occurrence at line 38");
    let second = stderr
        .find("large.yaml:43:3")
        .expect("second occurrence at line 43");
    assert!(
        stderr[first..second].contains("first occurrence"),
        "{stderr}"
    );

    let mut text = String::from("spec_version: 1\nextra:\n");
    for round in 0..2 {
        for i in 0..75_000 {
            text.push_str(&format!("  k{i}: {round}\n"));
        }
    }
    std::fs::write(&path, &text).unwrap();
    let stderr = expect(
        svcspec(dir.path()).arg("check").arg(&path),
        1,
        &["appears twice", "loading stopped after 100 duplicate keys"],
    );
    assert_eq!(stderr.matches("appears twice").count(), 100, "{stderr}");
}
