//! Fuzz target: arbitrary bytes through the YAML front end (UTF-8 check,
//! limits, parser, tree building). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sovc::diag::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    if let Some(src) = sovc::read::source_from_bytes("fuzz.yaml", data, &mut diags) {
        let _ = sovc::read::yaml::parse(&src, &mut diags);
    }
});
