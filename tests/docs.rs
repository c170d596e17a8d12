//! docs/rules.md and docs/spec.md are generated; the committed copies must be fresh.
//! `SVCSPEC_BLESS=1 cargo test --test main docs::` rewrites them.

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
        "{relative} is stale: run `SVCSPEC_BLESS=1 cargo test --test main docs::`"
    );
}

/// docs/rules.md matches the rule table.
#[test]
fn rules_reference_is_fresh() {
    check_fresh("docs/rules.md", &svcspec::docs::rules_markdown());
}

/// docs/spec.md matches the schema.
#[test]
fn spec_reference_is_fresh() {
    check_fresh("docs/spec.md", &svcspec::docs::spec_markdown());
}

/// docs/results.md matches the results schema.
#[test]
fn results_reference_is_fresh() {
    check_fresh("docs/results.md", &svcspec::docs::results_markdown());
}

/// The spec reference names every key of the model with its Chinese term.
#[test]
fn spec_reference_covers_the_model() {
    let text = svcspec::docs::spec_markdown();
    for needle in [
        "`spec_version`",
        "`distinct_individuals_of`",
        "`amount_in_words`",
        "`register_form`",
        "服务期限",
        "## Tranche",
    ] {
        assert!(text.contains(needle), "docs/spec.md lacks {needle}");
    }
}
