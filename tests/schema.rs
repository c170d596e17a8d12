//! The committed schema is the one the types generate.

use std::path::Path;

fn check_fresh(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("SVCSPEC_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale: run `SVCSPEC_BLESS=1 cargo test --test main schema::`"
    );
}

/// schemas/svcspec.schema.json is fresh; `SVCSPEC_BLESS=1 cargo test` rewrites it.
#[test]
fn committed_schema_is_fresh() {
    check_fresh(
        "schemas/svcspec.schema.json",
        &svcspec::schema::generate_text(),
    );
}

/// schemas/results.schema.json (the results file of `evaluate`) is fresh too.
#[test]
fn committed_results_schema_is_fresh() {
    check_fresh(
        "schemas/results.schema.json",
        &svcspec::results::generate_text(),
    );
}

/// How many YAML files directly in `dir` there are; each must start with `modeline`.
fn count_with_modeline(dir: &str, modeline: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with(modeline),
                "{} lacks the modeline",
                path.display()
            );
            count += 1;
        }
    }
    count
}

/// Every example results file names its schema in its first line.
#[test]
fn results_name_the_schema() {
    let count = count_with_modeline(
        "specs/results",
        "# yaml-language-server: $schema=../../schemas/results.schema.json\n",
    );
    assert!(count >= 4, "{count} example results files");
}

/// Every spec in specs/ names the schema in its first line, so editors complete keys.
#[test]
fn specs_name_the_schema() {
    let count = count_with_modeline(
        "specs",
        "# yaml-language-server: $schema=../schemas/svcspec.schema.json\n",
    );
    assert!(count >= 1);
}

/// Whatever the fast path (typed model alone) accepts, the schema accepts too, for every fixture
/// and bundled spec that loads: skipping the validator for such documents loses no finding.
/// (The converse does not hold by design: a third decimal of money or an integer too large for
/// its type passes the schema and is caught, located, by the typed stage.)
#[test]
fn typed_model_and_schema_agree() {
    use svcspec::load::load;
    use svcspec::schema::{typed_fast, validate};
    use svcspec::source::SourceFile;

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    let mut stack = vec![root.join("tests/fixtures"), root.join("specs")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                paths.push(path);
            }
        }
    }
    let mut compared = 0;
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let source = SourceFile::new(&path, text);
        let Ok(doc) = load(&source, &Default::default()) else {
            continue;
        };
        let fast = typed_fast(&doc).is_some();
        let schema_ok = validate(&doc).is_empty();
        assert!(
            !fast || schema_ok,
            "{}: typed model accepts what the schema refuses",
            path.display()
        );
        compared += 1;
    }
    assert!(compared >= 6, "compared {compared} documents");
}
