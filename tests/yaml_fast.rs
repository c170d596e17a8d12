//! The loader reads a spec through a fast reader of the YAML that specs use (src/load/fast.rs)
//! and falls back to saphyr-parser on anything else. Whenever the fast reader accepts a text,
//! the document it builds (values, spans of every key and value, nulls) must be the one
//! saphyr-parser builds. And it must accept the bundled specs, or the speed is lost.

use crate::common::{Rng, root, yaml_files};

use svcspec::limits::Limits;
use svcspec::load::{SPEC_OPENING, load_fast, load_full};
use svcspec::source::SourceFile;

/// Loads `text` both ways and fails when the fast reader builds another document than saphyr
/// or accepts what saphyr refuses; returns whether the fast reader took it.
pub(crate) fn same_document(text: &str) -> bool {
    let source = SourceFile::new("t.yaml", text.to_owned());
    let limits = Limits::default();
    let Some(fast) = load_fast(&source, &limits) else {
        return false;
    };
    match load_full(&source, &limits, &SPEC_OPENING) {
        Ok(full) => assert_eq!(fast, full, "input: {text:?}"),
        Err(diags) => panic!("fast reader accepted what saphyr refuses: {text:?}\n{diags:?}"),
    }
    true
}

#[test]
fn bundled_specs_take_the_fast_path() {
    let specs_dir = root().join("specs");
    // The four specs, and results files beside them (some with multi-line flow sequences,
    // which saphyr reads).
    let mut specs = 0;
    for path in yaml_files(&specs_dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let fast = same_document(&text);
        if path.parent() == Some(&specs_dir) {
            assert!(fast, "{} fell back", path.display());
            specs += 1;
        }
    }
    assert_eq!(specs, crate::common::specs().len());
}

#[test]
fn fixtures_load_alike() {
    let files = yaml_files(&root().join("tests/fixtures"));
    let mut fast = 0;
    for path in &files {
        if let Ok(text) = std::fs::read_to_string(path) {
            fast += usize::from(same_document(&text));
        }
    }
    // Most fixtures are valid specs with one fault past the YAML: the fast path reads them.
    assert!(fast * 2 > files.len(), "{fast} of {} fixtures", files.len());
}

/// Texts the fuzz target `yaml_fast` found the fast reader wrong on, before it was mended.
const FUZZ_FINDINGS: &[&str] = &[
    // A blank then `-` inside a flow scalar: saphyr ends the scalar there, and refuses `-]`.
    "1}iers: [컻- -] #i((",
];

#[test]
fn fuzz_findings_load_alike() {
    for text in FUZZ_FINDINGS {
        same_document(text);
    }
}

const KEYS: &[&str] = &[
    "a", "id", "name", "b c", "中文", "k-1", "x.y", "a:b", "1", "true", "null", "key ", "url",
    "-k", "?q", "a#b", "a,b", "é", "a]", "x{y}",
];

/// Keys it gives up on.
const ODD_KEYS: &[&str] = &[
    "[x]", "'q'", "\"k\"", "? k", "&a k", "!t k", "a #b", "- k", "{k",
];

fn key(rng: &mut Rng) -> &'static str {
    if rng.below(16) == 0 {
        rng.pick(ODD_KEYS)
    } else {
        rng.pick(KEYS)
    }
}

/// Scalars the fast reader takes, one way or another.
const SCALARS: &[&str] = &[
    "x",
    "中文字",
    "1",
    "-1",
    "0.5",
    "1e3",
    "0x1F",
    "0o17",
    "+7",
    ".5",
    "true",
    "False",
    "null",
    "~",
    "a b  c",
    "a:b",
    "http://x.org/a",
    "x #c",
    "x#y",
    "-x",
    ":x",
    "'q'",
    "'it''s'",
    "\"q\"",
    "\"a\\\"b\\u4e2d\\n\\t\\x41\"",
    "\"\\U0001F600\"",
    "[a, b]",
    "[ ]",
    "[]",
    "{}",
    "{ }",
    "{k: v, n: 1}",
    "[a, [b, c], {d: e}]",
    "[a,b]",
    "[\"q\", 'r']",
    "{a: [1, 2]}",
    "a,b",
    "2024-01-31",
    "中文 # 注释",
    "x  ",
    "[ 'x''y' , \"z\" ]",
    "{k: 'v' , n: \"1\"}",
];

/// Scalars it gives up on, or that are not YAML at all.
const ODD_SCALARS: &[&str] = &[
    "", "a: b", "- x", "? x", "\"\\q\"", "\"a", "'a", "[a, ]", "{k: v,}", "{k}", "{k: }", "[a: b]",
    "[a #c]", "&x y", "*x", "!t y", "!!str 1", "%x", "@x", "`x", "x ]", "x }", "x ,", "|", "|-",
    "|+", ">", ">-", ">+", "|2", "| #c", ">x", "[-, a]", "{k: -}", "[a\\,b]", "'a'b", "\"a\" b",
];

fn scalar(rng: &mut Rng) -> &'static str {
    if rng.below(8) == 0 {
        rng.pick(ODD_SCALARS)
    } else {
        rng.pick(SCALARS)
    }
}

const COMMENTS: &[&str] = &["", "", "", "  # c", " #c", " # c", "  #", " # 中文"];

/// A random block mapping at `indent`, `depth` levels deep.
fn mapping(rng: &mut Rng, out: &mut String, indent: usize, depth: usize, first_inline: bool) {
    let keys = 1 + rng.below(4);
    for i in 0..keys {
        if !(first_inline && i == 0) {
            filler(rng, out, indent);
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(key(rng));
        out.push(':');
        value(rng, out, indent, depth);
    }
}

/// Blank lines and comment lines at various indentations, sometimes.
fn filler(rng: &mut Rng, out: &mut String, indent: usize) {
    match rng.below(20) {
        0 => out.push('\n'),
        1 => out.push_str("  \n"),
        2 => {
            out.push_str(&" ".repeat(indent));
            out.push_str("# note\n");
        }
        3 => out.push_str("# at the margin\n"),
        4 if rng.below(4) == 0 => {
            out.push_str(&" ".repeat(indent + 2));
            out.push_str("# deeper\n");
        }
        _ => {}
    }
}

/// The rest of a line after `key:` or `-`, and any lines below it.
fn value(rng: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    let nested = depth < 4;
    match rng.below(if nested { 12 } else { 8 }) {
        0..=5 => {
            out.push(' ');
            out.push_str(scalar(rng));
            out.push_str(rng.pick(COMMENTS));
            out.push('\n');
        }
        6 => block_scalar(rng, out, indent),
        7 => {
            // No value: null.
            out.push_str(rng.pick(COMMENTS));
            out.push('\n');
        }
        8 | 9 => {
            out.push_str(rng.pick(COMMENTS));
            out.push('\n');
            let step = [1, 2, 2, 4][rng.below(4)];
            mapping(rng, out, indent + step, depth + 1, false);
        }
        _ => {
            out.push_str(rng.pick(COMMENTS));
            out.push('\n');
            // Indentless (at the key's indentation) or indented.
            let at = indent + [0, 0, 2, 1][rng.below(4)];
            sequence(rng, out, at, depth + 1);
        }
    }
}

fn sequence(rng: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    for _ in 0..1 + rng.below(4) {
        filler(rng, out, indent);
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match rng.below(4) {
            0 => {
                out.push_str([" ", "  ", "   "][rng.below(3)]);
                let width = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
                mapping(rng, out, width, depth, true);
            }
            _ => value(rng, out, indent, depth),
        }
    }
}

fn block_scalar(rng: &mut Rng, out: &mut String, indent: usize) {
    out.push(' ');
    out.push_str(rng.pick(&["|", "|-", "|+", ">", ">-", ">+", "| # c", "|  ", "|1"]));
    out.push('\n');
    let at = indent + [1, 2, 2, 4][rng.below(4)];
    for _ in 0..1 + rng.below(4) {
        match rng.below(10) {
            0 => out.push('\n'),
            1 => {
                out.push_str(&" ".repeat(at + 1));
                out.push_str("more\n");
            }
            2 => {
                out.push_str(&" ".repeat(at.saturating_sub(1)));
                out.push('\n');
            }
            _ => {}
        }
        out.push_str(&" ".repeat(at));
        out.push_str(rng.pick(&["line", "中文 行", "# not a comment", "a: b", "- x"]));
        out.push('\n');
    }
    if rng.below(3) == 0 {
        out.push('\n');
    }
}

fn document(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.below(8) == 0 {
        out.push_str("# yaml-language-server: $schema=x\n");
    }
    mapping(rng, &mut out, 0, 0, false);
    match rng.below(6) {
        0 => {
            out.pop();
        }
        1 => out.push_str("# end\n"),
        2 => out.push_str("\n\n"),
        _ => {}
    }
    out
}

/// Spec-shaped texts, valid and not, and the same texts with a piece dropped in at random:
/// every one the fast reader takes loads as saphyr loads it.
#[test]
fn generated_texts_load_alike() {
    const PIECES: &[&str] = &[
        " ", "  ", "\n", "\n  ", ":", ": ", "#", " #", "-", "- ", "\"", "'", "[", "]", "{", "}",
        ",", "|", ">", "\t", "\r", "中", "\u{FEFF}", "---\n", "...\n", "&a ", "*a", "!", "?", "\\",
        "x",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut taken, mut total) = (0, 0);
    for _ in 0..30_000 {
        let text = document(&mut rng);
        total += 1;
        taken += usize::from(same_document(&text));
        let mut bytes = text.into_bytes();
        let at = rng.below(bytes.len() + 1);
        let cut = rng.below(3).min(bytes.len() - at);
        bytes.splice(at..at + cut, rng.pick(PIECES).bytes());
        if let Ok(mutated) = String::from_utf8(bytes) {
            total += 1;
            taken += usize::from(same_document(&mutated));
        }
    }
    // Many generated texts are not YAML, or not the YAML the fast reader takes (it took 11,167
    // of 57,859 when this was written); if it gave up on nearly all, this test would prove
    // nothing.
    assert!(taken * 6 > total, "the fast reader took {taken} of {total}");
}
