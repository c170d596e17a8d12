//! Rendering every template, in every language, from arbitrary specs that check clean.
#![no_main]

use libfuzzer_sys::fuzz_target;
use svcspec_fuzz::Edits;

fuzz_target!(|edits: Edits| {
    let _ = svcspec_fuzz::render(&edits);
});
