//! Every fixture under tests/fixtures/input renders to the diagnostics in its snapshot.
//! Adding a case is adding a file.

use std::path::Path;

use svcspec::check::{Options, check_path};
use svcspec::report::{self, Style};

fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
}

/// Each refused input gets located diagnostics, rendered without colour at a fixed width.
#[test]
fn input_fixtures() {
    insta::glob!("fixtures/input/*.yaml", |path| {
        let report = check_path(relative(path), &Options::default());
        assert!(report.has_errors(), "{} should be refused", path.display());
        insta::assert_snapshot!(report::human(&report, Style::default()));
    });
}
