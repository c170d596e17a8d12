//! The rule table is sound, and every semantic rule is proven by fixtures that fail and pass.
//! tests/fixtures/rules/<CODE>/fail-*.yaml must give that code; pass-*.yaml must give nothing.

use std::collections::HashSet;
use std::path::Path;

use svcspec::check::{Options, check_path};
use svcspec::report::{self, Style};
use svcspec::rules;

fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
}

/// Each fixture, checked with only its rule selected, fails or passes as its name says; its
/// rendered diagnostics are the snapshot `rules__<CODE>-<fixture>`.
#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    for path in &paths {
        let path = path.as_path();
        let code = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap();
        let rule = rules::find(code).unwrap_or_else(|| panic!("no rule {code}"));
        let options = Options {
            select: Some(vec![rule.code]),
            ..Options::default()
        };
        let report = check_path(relative(path), &options);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap();
        if stem.starts_with("fail") {
            assert!(
                report.diagnostics.iter().any(|d| d.code == rule.code),
                "{} should give {code}: {:?}",
                path.display(),
                report.diagnostics
            );
        } else if stem.starts_with("pass") {
            assert!(
                report.diagnostics.is_empty(),
                "{} should be clean: {:?}",
                path.display(),
                report.diagnostics
            );
        } else {
            panic!(
                "{}: fixture names start with `fail` or `pass`",
                path.display()
            );
        }
        insta::assert_snapshot!(
            format!("{code}-{stem}"),
            report::human(&report, Style::default())
        );
    }
}

/// Codes and names are unique and well-formed; every rule has docs; every semantic rule has a
/// failing and a passing fixture.
#[test]
fn rule_table_is_sound() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    let mut semantic = 0;
    for rule in rules::all() {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        assert!(
            rule.code.len() == 5
                && rule.code.starts_with("SV")
                && rule.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "code {}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "name {} is not kebab-case",
            rule.name
        );
        assert!(
            !rule.summary.ends_with('.')
                && rule.summary.chars().next().is_some_and(char::is_lowercase),
            "summary of {}",
            rule.code
        );
        for part in [
            rule.docs.what,
            rule.docs.why,
            rule.docs.example,
            rule.docs.fix,
        ] {
            assert!(
                !part.trim().is_empty(),
                "{} lacks a part of its docs",
                rule.code
            );
        }
        if rule.check().is_some() {
            semantic += 1;
            let dir = root.join(rule.code);
            let files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} has no fixtures in {}", rule.code, dir.display()))
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(
                files.iter().any(|f| f.starts_with("fail")),
                "{} has no failing fixture",
                rule.code
            );
            assert!(
                files.iter().any(|f| f.starts_with("pass")),
                "{} has no passing fixture",
                rule.code
            );
        }
    }
    assert!(semantic >= 25, "only {semantic} semantic rules");
    insta::assert_snapshot!(svcspec::commands::explain::table());
}

/// `explain` finds every rule by code (any case) and by name, and prints all four parts.
#[test]
fn every_rule_can_be_explained() {
    for rule in rules::all() {
        for key in [
            rule.code.to_owned(),
            rule.code.to_lowercase(),
            rule.name.to_owned(),
        ] {
            assert!(
                rules::find(&key).is_some_and(|r| r.code == rule.code),
                "{key}"
            );
        }
        let text = svcspec::commands::explain::docs(rule);
        for part in [
            "What it checks",
            "Why it matters",
            "Example that fails",
            "Fix",
            rule.code,
            rule.name,
        ] {
            assert!(text.contains(part), "{} lacks {part}", rule.code);
        }
    }
}
