//! Break each bundled spec in one place; each break is refused with the right code at that line.

use std::path::Path;

use svcspec::check::{Options, check_source};
use svcspec::source::SourceFile;

/// A single-line edit: the first line whose trimmed text starts with `key`, given a new value.
struct Break {
    what: &'static str,
    key: &'static str,
    value: fn(&str) -> String,
    code: &'static str,
}

const BREAKS: &[Break] = &[
    Break {
        what: "wrong type",
        key: "population:",
        value: |_| "很多".to_owned(),
        code: "SV020",
    },
    Break {
        what: "negative count",
        key: "quantity:",
        value: |v| format!("-{v}"),
        code: "SV020",
    },
    Break {
        what: "negative amount",
        key: "unit_price:",
        value: |v| format!("-{v}"),
        code: "SV020",
    },
    Break {
        what: "impossible date",
        key: "start:",
        value: |_| "2015-02-29".to_owned(),
        code: "SV020",
    },
    Break {
        what: "misspelt key",
        key: "legal_representative:",
        value: |v| v.to_owned(),
        code: "SV021",
    },
    Break {
        what: "dangling reference",
        key: "milestone:",
        value: |_| "no-such-milestone".to_owned(),
        code: "SV031",
    },
    Break {
        what: "dangling client group",
        key: "client_groups: [",
        value: |_| "[nobody]".to_owned(),
        code: "SV031",
    },
];

fn apply(text: &str, brk: &Break) -> Option<(String, usize)> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let (i, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with(brk.key))?;
    let indent = &line[..line.len() - line.trim_start().len()];
    let key = brk.key.trim_end_matches(" [").trim_end_matches(':');
    let rest = line.trim_start()[key.len() + 1..].trim();
    let old = rest.split(" #").next().unwrap_or("").trim();
    let new_line = if brk.code == "SV021" {
        format!("{indent}legal_represntative: {old}")
    } else {
        format!("{indent}{key}: {}", (brk.value)(old))
    };
    lines[i] = new_line;
    Some((lines.join("\n") + "\n", i + 1))
}

/// Every bundled spec, broken each way, exits 1 with the break's code on the broken line.
#[test]
fn each_break_is_refused_at_its_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 4, "the four cases of the lecture");
    for path in specs {
        let text = std::fs::read_to_string(&path).unwrap();
        let clean = check_source(SourceFile::new(&path, text.clone()), &Options::default());
        assert!(
            clean.diagnostics.is_empty(),
            "{} is not clean: {:?}",
            path.display(),
            clean.diagnostics
        );
        for brk in BREAKS {
            let Some((broken, line)) = apply(&text, brk) else {
                panic!("{}: no line for {}", path.display(), brk.what);
            };
            let source = SourceFile::new(&path, broken);
            let report = check_source(source.clone(), &Options::default());
            assert!(
                report.has_errors(),
                "{}: {} not refused",
                path.display(),
                brk.what
            );
            let found = report.diagnostics.iter().any(|d| {
                d.code == brk.code
                    && d.labels
                        .first()
                        .is_some_and(|l| source.position(l.span.start).line == line)
            });
            assert!(
                found,
                "{}: {} at line {line} should give {}; got {:?}",
                path.display(),
                brk.what,
                brk.code,
                report
                    .diagnostics
                    .iter()
                    .map(|d| (
                        d.code,
                        d.labels.first().map(|l| source.position(l.span.start).line),
                        &d.message
                    ))
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// One semantic fault at a time in the Zhuzhou spec, each refused with its rule's code and a
/// label on the line that was changed.
#[test]
fn semantic_breaks_are_refused_at_their_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/zhuzhou-elderly.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "tranche shares off 100%",
            "      share: 40",
            "      share: 30",
            "SV204",
        ),
        (
            "a milestone after the service ends",
            "    date: 2016-11-30",
            "    date: 2017-01-15",
            "SV101",
        ),
        (
            "a subset target above its parent",
            "    value: 5\n",
            "    value: 50\n",
            "SV405",
        ),
        (
            "the provider named as evaluator",
            "    name: 湖南省社会组织评估与发展中心",
            "    name: 株洲市阳光社会工作服务中心",
            "SV601",
        ),
        (
            "a reviewer employed by the provider",
            "          to: 2011-06-30",
            "          to: 2015-06-30",
            "SV602",
        ),
        (
            "budget lines that do not add up",
            "      subtotal: 12000\n",
            "      subtotal: 13000\n",
            "SV201",
        ),
        (
            "budget total off the contract amount",
            "      subtotal: 12000\n",
            "      subtotal: 13000\n",
            "SV202",
        ),
        (
            "capitals that do not match",
            "人民币叁拾万元整",
            "人民币叁拾伍万元整",
            "SV207",
        ),
        (
            "a tranche gated by a milestone that is no evaluation",
            "      milestone: mid-term\n",
            "      milestone: inception\n",
            "SV301",
        ),
        (
            "publication a week after signing",
            "published_on: 2015-12-23",
            "published_on: 2015-12-30",
            "SV104",
        ),
    ];
    assert_refused_at_lines(&path, &text, cases);
}

/// Applies each (what, from, to, code) edit alone to `text`; each must be refused with `code`
/// and a label on the line of `from`.
fn assert_refused_at_lines(path: &Path, text: &str, cases: &[(&str, &str, &str, &str)]) {
    for (what, from, to, code) in cases {
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("{what}: `{from}` not in the spec"));
        let line = text[..at].matches('\n').count() + 1 + usize::from(from.starts_with('\n'));
        let broken = text.replacen(from, to, 1);
        let source = SourceFile::new(path, broken);
        let report = check_source(source.clone(), &Options::default());
        assert!(report.has_errors(), "{what}: not refused");
        let found = report.diagnostics.iter().any(|d| {
            d.code == *code
                && d.labels
                    .iter()
                    .any(|l| source.position(l.span.start).line == line)
        }) || (*code == "SV202"
            && report.diagnostics.iter().any(|d| d.code == "SV202"));
        assert!(
            found,
            "{what}: expected {code} at line {line}; got {:?}",
            report
                .diagnostics
                .iter()
                .map(|d| (
                    d.code,
                    d.labels
                        .iter()
                        .map(|l| source.position(l.span.start).line)
                        .collect::<Vec<_>>()
                ))
                .collect::<Vec<_>>()
        );
    }
}

/// One fault at a time in the youth-services spec, each of a rule a reviewer checks by hand or
/// the youth model needs, refused with its code on the line that was changed.
#[test]
fn youth_breaks_are_refused_at_their_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/youth-services.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "mid-term after the final evaluation",
            "    date: 2026-06-30  # illustrative",
            "    date: 2026-12-05  # illustrative",
            "SV106",
        ),
        (
            "the advance falls due after the mid-term payment",
            "      due: 2026-01-10",
            "      due: 2026-08-10",
            "SV301",
        ),
        (
            "a target's unit against its indicator's",
            "    note: 6 个小组 × 每组 8 节",
            "    unit: 次",
            "SV407",
        ),
        (
            "fewer social workers than the budget pays",
            "    count: 3\n",
            "    count: 2\n",
            "SV208",
        ),
        (
            "a deduction with no way to deduct",
            "        - {target: cases, per_unit: 2000, cap: 10000}",
            "        - {target: cases, cap: 10000}",
            "SV304",
        ),
        (
            "a mid-term deduction on a yearly target",
            "        - {target: cases, per_unit: 2000, cap: 10000}",
            "        - {target: parent-classes, per_unit: 2000, cap: 10000}",
            "SV305",
        ),
        (
            "a subgroup larger than its group",
            "    population: 90  # illustrative",
            "    population: 900  # illustrative",
            "SV408",
        ),
        (
            "an interim value above the target",
            "    interim: [{milestone: mid-term, value: 15}]",
            "    interim: [{milestone: mid-term, value: 45}]",
            "SV409",
        ),
        (
            "a pre/post target over 100%",
            "    value: 60  # illustrative\n    change:",
            "    value: 160  # illustrative\n    change:",
            "SV410",
        ),
        (
            "outcomes in no one's scope",
            "      items: [outputs, outcomes, management, finance]",
            "      items: [outputs, management, finance]",
            "SV507",
        ),
        (
            "a mass organisation as provider",
            "    kind: social_organization\n    address: 江城市东湖区青年路",
            "    kind: mass_organization\n    address: 江城市东湖区青年路",
            "SV704",
        ),
        (
            "no duty officer for mandatory reporting",
            "    duty_officer: 林晓燕(项目主管)  # illustrative",
            "    duty_officer: \" \"",
            "SV706",
        ),
        (
            "one method and a list of methods",
            "  methods:\n    - method: survey",
            "  method: survey\n  methods:\n    - method: survey",
            "SV707",
        ),
    ];
    assert_refused_at_lines(&path, &text, cases);
}

/// Correct variants stay clean: the advance listed last, and the Zhuzhou balance paid after the
/// acceptance that follows the service period.
#[test]
fn correct_variants_stay_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let youth = std::fs::read_to_string(root.join("specs/youth-services.yaml")).unwrap();
    let advance = "    - id: advance\n      name: 首期预付款\n      share: 40\n      amount: 144000\n      due: 2026-01-10\n      on_signing: true\n";
    assert!(youth.contains(advance));
    let reordered = youth.replacen(advance, "", 1).replacen(
        "  acceptance:\n    method:",
        &format!("{advance}  acceptance:\n    method:"),
        1,
    );
    let zhuzhou = std::fs::read_to_string(root.join("specs/zhuzhou-elderly.yaml")).unwrap();
    let after_acceptance = zhuzhou.replacen(
        "      due: 2016-12-20\n      milestone: final",
        "      due: 2017-01-10\n      milestone: acceptance",
        1,
    );
    assert_ne!(after_acceptance, zhuzhou);
    for (name, text) in [
        ("reordered.yaml", reordered),
        ("after-acceptance.yaml", after_acceptance),
    ] {
        let report = check_source(SourceFile::new(name, text), &Options::default());
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {:?}",
            report.diagnostics
        );
    }
}
