//! svcspec's integration tests, one binary for all of them.
//!
//! Every test binary links the whole of svcspec, typst included: twenty-one of them took most of
//! CI's time and once filled its disk. Each file of tests/ is a module here; a new one is added
//! to the list below (`every_test_file_is_a_module` fails until it is).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a panic in a test is a failed test

mod common;

mod breaks;
mod build;
mod cli;
mod config;
mod diagnostics;
mod diff;
mod docs;
mod evaluate;
mod examples;
mod export;
mod formats;
mod hostile;
mod init;
mod interrupt;
mod limits;
mod lsp;
#[cfg(feature = "pdf")]
mod paperwork;
mod rules;
mod schema;
mod smoke;
mod yaml_fast;
mod yaml_parser;
mod yaml_suite;

/// Cargo builds only tests/main.rs (`autotests = false`): a test file that is not a module here
/// would never run.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs") && stem != "main" {
            assert!(
                main.contains(&format!("\nmod {stem};\n")),
                "tests/{stem}.rs is not a module of tests/main.rs, so it never runs"
            );
        }
    }
}
