//! The bundled examples together exercise the whole model.

use std::collections::BTreeSet;
use std::path::Path;

use svcspec::check::{Options, check_path};
use svcspec::rules::integrity::{REFERENCE_FIELDS, references};

/// Every kind of reference appears in at least one example, so a rename breaks a test.
#[test]
fn examples_exercise_every_reference_kind() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut seen = BTreeSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let report = check_path(&path, &Options::default());
        let spec = report
            .spec
            .unwrap_or_else(|| panic!("{} does not load", path.display()));
        seen.extend(references(&spec).into_iter().map(|r| r.field));
        count += 1;
    }
    assert_eq!(
        count,
        crate::common::specs().len(),
        "every bundled spec loads"
    );
    let missing: Vec<&str> = REFERENCE_FIELDS
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !seen.contains(f))
        .collect();
    assert!(missing.is_empty(), "no example uses: {missing:?}");
}
