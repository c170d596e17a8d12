//! The fast YAML reader and saphyr-parser build the same document from every text the fast
//! reader takes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    svcspec_fuzz::yaml_fast(data);
});
