//! The YAML parser is saphyr-parser with one patch (vendor/saphyr-parser/PATCHES.md): plain
//! scalars of a `&str` are scanned a run of bytes at a time. saphyr's other input, a character
//! iterator, still takes the original path a character at a time; the two must give the same
//! events, spans and errors for every input.

use crate::common::{Rng, root, yaml_files};

use saphyr_parser::Parser;

/// Every event with its span, up to and including the first error, as text.
fn events<'a, T: saphyr_parser::Input>(mut parser: Parser<'a, T>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(event) = parser.next_event() {
        let error = event.is_err();
        out.push(format!("{event:?}"));
        if error {
            break;
        }
    }
    out
}

fn same_events(text: &str) {
    let by_bytes = events(Parser::new_from_str(text));
    let by_chars = events(Parser::new_from_iter(text.chars()));
    assert_eq!(by_bytes, by_chars, "input: {text:?}");
}

#[test]
fn specs_and_fixtures_parse_alike() {
    let mut files = yaml_files(&root().join("specs"));
    files.extend(yaml_files(&root().join("tests/fixtures")));
    assert!(files.len() > 40, "{} files", files.len());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(text) = String::from_utf8(bytes) {
            same_events(&text);
        }
    }
}

/// Random texts from pieces that start, end or bend plain scalars: indicators, blanks, breaks,
/// flow characters, a BOM, multi-byte characters. No `%`: the two inputs count the rest of a
/// directive line differently (bytes and characters) in saphyr itself, outside the patch.
#[test]
fn generated_texts_parse_alike() {
    const PIECES: &[&str] = &[
        "a", "bc", "中文", "é", ":", ": ", " ", "  ", "\t", "\n", "\r\n", "\r", ",", "[", "]", "{",
        "}", "#", " #", "-", "- ", "\u{FEFF}", "\"", "'", "|", ">", "&x ", "*x", "!t ", "? ",
        "key: ", "::", "x:y", "...", "---", "\n  ", "\n- ", "1.5", "@", "`",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(24);
        let text: String = (0..len).map(|_| rng.pick(PIECES)).collect();
        same_events(&text);
        // The same text as the value of a block mapping and inside a flow sequence.
        same_events(&format!("k: {text}\nnext: 1\n"));
        same_events(&format!("[{text}]"));
    }
}
