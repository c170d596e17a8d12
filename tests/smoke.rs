//! A short deterministic property test: the fuzz targets' own code (fuzz/src/lib.rs) run on a
//! few hundred inputs from a fixed seed, so every `cargo test` exercises what the fuzzer does.
//! Arbitrary bytes are checked; bundled specs changed by arbitrary edits are checked, and those
//! that check clean are rendered into every document in every language.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::cell::Cell;

use arbitrary::{Arbitrary, Unstructured};
use proptest::collection::vec;
use proptest::prelude::any;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// A runner with a fixed seed: the same inputs on every run, and no files of failures.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// Arbitrary bytes never make the checker or a report panic.
#[test]
fn arbitrary_bytes_are_checked_without_panic() {
    runner(256)
        .run(&vec(any::<u8>(), 0..512), |bytes| {
            fuzz::check_bytes(&bytes);
            Ok(())
        })
        .unwrap();
}

/// Edited specs are checked without panic, and those that check clean render every document.
#[test]
fn edited_specs_check_and_render() {
    let (rendered, refused) = (Cell::new(0), Cell::new(0));
    runner(48)
        .run(&vec(any::<u8>(), 0..96), |bytes| {
            let mut input = Unstructured::new(&bytes);
            if let Ok(edits) = fuzz::Edits::arbitrary(&mut input) {
                fuzz::check_structured(&edits);
                let counter = if fuzz::render(&edits) {
                    &rendered
                } else {
                    &refused
                };
                counter.set(counter.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // Both kinds occur: edits that keep a spec clean (rendered) and edits that break it.
    assert!(
        rendered.get() > 0 && refused.get() > 0,
        "{rendered:?} {refused:?}"
    );
}
