//! The committed schema is the one the types generate.

use std::path::Path;

/// schemas/svcspec.schema.json is fresh; `SVCSPEC_UPDATE_SCHEMA=1 cargo test` rewrites it.
#[test]
fn committed_schema_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/svcspec.schema.json");
    let generated = svcspec::schema::generate_text();
    if std::env::var_os("SVCSPEC_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/svcspec.schema.json is stale: run `SVCSPEC_UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

/// Every spec in specs/ names the schema in its first line, so editors complete keys.
#[test]
fn specs_name_the_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with(
                    "# yaml-language-server: $schema=../schemas/svcspec.schema.json\n"
                ),
                "{} lacks the modeline",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 1);
}
