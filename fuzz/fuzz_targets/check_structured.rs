//! Checking from arbitrary structured specs: a bundled spec changed by a few arbitrary edits,
//! so most inputs get through the schema and exercise the rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use svcspec_fuzz::Edits;

fuzz_target!(|edits: Edits| {
    svcspec_fuzz::check_structured(&edits);
});
