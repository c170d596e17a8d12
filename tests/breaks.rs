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
