//! `svcspec build`: every example yields its documents; outputs can be trusted.

use std::collections::BTreeMap;
use std::path::Path;

use predicates::prelude::*;
use rust_decimal::Decimal;

use crate::common::{root, specs, svcspec_in as svcspec};

/// The documents of a build, by file name stem.
fn docs() -> impl Iterator<Item = &'static str> {
    svcspec::render::DocKind::all().iter().map(|d| d.name())
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for spec in std::fs::read_dir(dir).unwrap() {
        let spec = spec.unwrap().path();
        for file in std::fs::read_dir(&spec).unwrap() {
            let file = file.unwrap().path();
            let key = format!(
                "{}/{}",
                spec.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            );
            out.insert(key, std::fs::read(&file).unwrap());
        }
    }
    out
}

fn build_all(out: &Path) {
    svcspec(&root())
        .args(["build", "specs", "--lang", "zh,en", "--out"])
        .arg(out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            "built {n} of {n} specs",
            n = specs().len()
        )));
}

/// Every example spec yields every document × 2 formats × 2 languages, and two builds are
/// identical.
#[test]
fn every_example_builds_identically_twice() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_all(a.path());
    build_all(b.path());
    let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
    assert_eq!(ta.len(), specs().len() * docs().count() * 2 * 2);
    for spec in specs() {
        for doc in docs() {
            for lang in ["zh", "en"] {
                for ext in ["md", "html"] {
                    let key = format!("{spec}/{doc}.{lang}.{ext}");
                    assert!(ta.contains_key(&key), "missing {key}");
                }
            }
        }
    }
    assert!(ta == tb, "two builds differ");
    // The Markdown of each document is a reviewable snapshot.
    for (name, bytes) in &ta {
        if name.ends_with(".md") {
            insta::assert_snapshot!(name.replace('/', "__"), String::from_utf8_lossy(bytes));
        }
    }
}

/// Every amount in capitals in a contract reads back to the figure printed beside it.
#[test]
fn capitals_read_back_to_their_figures() {
    let out = tempfile::tempdir().unwrap();
    build_all(out.path());
    let mut pairs = 0;
    for spec in specs() {
        let text =
            std::fs::read_to_string(out.path().join(format!("{spec}/contract.zh.md"))).unwrap();
        // Figures are written `¥1,234.00`; the capitals `人民币…元整` follow on the same line.
        for line in text.lines() {
            let figures: Vec<Decimal> = line
                .split('¥')
                .skip(1)
                .filter_map(|s| {
                    let digits: String = s
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                        .collect();
                    digits.replace(',', "").parse().ok()
                })
                .collect();
            let capitals: Vec<&str> = line
                .split(['(', '|', '（'])
                .filter_map(|s| s.find("人民币").map(|i| &s[i..]))
                .filter(|s| {
                    s.chars()
                        .nth(3)
                        .is_some_and(|c| "零壹贰叁肆伍陆柒捌玖".contains(c))
                })
                .map(|s| s.split([')', ' ', '|', '）']).next().unwrap_or(""))
                .collect();
            for (figure, capital) in figures.iter().zip(&capitals) {
                let back = svcspec::numerals::parse_capital(capital)
                    .unwrap_or_else(|e| panic!("{spec}: `{capital}`: {e}"));
                assert_eq!(&back, figure, "{spec}: {capital} is not {figure}");
                pairs += 1;
            }
        }
    }
    assert!(pairs >= specs().len() * 2, "only {pairs} amounts checked");
}

/// The contract names every item of 财政部令第102号 第二十三条 and the procurement rules' additions.
#[test]
fn contract_has_the_clauses_regulations_require() {
    let out = tempfile::tempdir().unwrap();
    build_all(out.path());
    for spec in specs() {
        let text =
            std::fs::read_to_string(out.path().join(format!("{spec}/contract.zh.md"))).unwrap();
        for clause in [
            "服务内容",
            "服务期限",
            "数量",
            "质量",
            "合同金额",
            "结算方式",
            "权利和义务",
            "违约责任",
            "履约验收",
            "争议解决",
            "付款进度",
            "履行地点",
            "地址",
            "不可抗力",
            "保密",
            "知识产权",
            "转包",
            "合同附件",
            "签署",
        ] {
            assert!(text.contains(clause), "{spec}: contract lacks {clause}");
        }
    }
}

/// A spec that does not check clean is refused with its diagnostics, and nothing is written for it.
#[test]
fn faulty_spec_is_not_built() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(root().join("specs/zhuzhou-elderly.yaml")).unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        spec.replace("share: 40", "share: 30"),
    )
    .unwrap();
    svcspec(dir.path())
        .args(["build", "bad.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not built"));
    assert!(!dir.path().join("out/bad").exists());
}

/// An id shaped to climb out of --out is refused before anything is written.
#[test]
fn escaping_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(root().join("specs/zhuzhou-elderly.yaml")).unwrap();
    std::fs::write(
        dir.path().join("evil.yaml"),
        spec.replace("id: zhuzhou-elderly", "id: ../../escape"),
    )
    .unwrap();
    svcspec(dir.path())
        .args(["build", "evil.yaml", "--out", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid id"));
    assert!(
        !dir.path().join("o").exists()
            || std::fs::read_dir(dir.path().join("o"))
                .unwrap()
                .next()
                .is_none()
    );
    assert!(!dir.path().parent().unwrap().join("escape").exists());
}

/// Unknown documents, formats or languages are invocation faults that list the known values:
/// every value of the enums, by the names files are written under.
#[test]
fn bad_lists_exit_2() {
    use clap::ValueEnum;
    use svcspec::render::DocKind;
    use svcspec::render::formats::OutputFormat;
    use svcspec::render::i18n::Lang;
    let docs: Vec<&str> = DocKind::all().iter().map(|d| d.name()).collect();
    let formats: Vec<&str> = OutputFormat::value_variants()
        .iter()
        .map(|f| f.name())
        .collect();
    let langs: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
    let out = tempfile::tempdir().unwrap();
    for (flag, value, known) in [
        ("--doc", "contrakt", docs),
        ("--to", "pdfx", formats),
        ("--lang", "fr", langs),
    ] {
        svcspec(&root())
            .args(["build", "specs/zhuzhou-elderly.yaml", flag, value, "--out"])
            .arg(out.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("invalid value '{value}'")))
            .stderr(predicate::str::contains(format!(
                "[possible values: {}]",
                known.join(", ")
            )));
    }
}

/// A template from --templates replaces the built-in one; its faults point at its own line.
#[test]
fn template_override_and_template_faults() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/plan.md.j2"),
        "# {{ spec.project.name }}\n\n{{ t(\"contract.title\") }}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    svcspec(&root())
        .args([
            "build",
            "specs/zhuzhou-elderly.yaml",
            "--doc",
            "plan",
            "--to",
            "md",
            "--templates",
        ])
        .arg(dir.path().join("tpl"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(out.join("zhuzhou-elderly/plan.zh.md")).unwrap(),
        "# 株洲市老年人专项社会工作服务项目\n\n政府购买服务合同\n"
    );
    std::fs::write(
        dir.path().join("tpl/plan.md.j2"),
        "# title\n\n{{ spec.project.nmae }}\n",
    )
    .unwrap();
    svcspec(&root())
        .args([
            "build",
            "specs/zhuzhou-elderly.yaml",
            "--doc",
            "plan",
            "--templates",
        ])
        .arg(dir.path().join("tpl"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SV050").and(predicate::str::contains("plan.md.j2:3")));
    // The earlier, good build is still there, whole.
    assert!(out.join("zhuzhou-elderly/plan.zh.md").exists());
}

/// A template that loops forever runs out of fuel instead of hanging.
#[test]
fn runaway_template_stops() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/plan.md.j2"),
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    svcspec(&root())
        .args([
            "build",
            "specs/zhuzhou-elderly.yaml",
            "--doc",
            "plan",
            "--templates",
        ])
        .arg(dir.path().join("tpl"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SV050"));
}
