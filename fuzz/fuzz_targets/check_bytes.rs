//! Loading plus checking from arbitrary bytes: decoding, YAML, schema, rules, and every report
//! format over whatever they found.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    svcspec_fuzz::check_bytes(data);
});
