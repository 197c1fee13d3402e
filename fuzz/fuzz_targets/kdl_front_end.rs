//! Fuzz target: arbitrary bytes through the KDL v2 front end (UTF-8 check,
//! nesting limit, the kdl parser, the mapping onto the shared tree), then
//! the shared decoder, validation and every diagnostic renderer. Must never
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sovc::diag::Diagnostics;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    if let Some(src) = sovc::read::source_from_bytes("fuzz.kdl", data, &mut diags) {
        let _ = sovc::read::kdl::parse(&src, &mut diags);
    }
    let loaded = sovc::pipeline::load_bytes("fuzz.kdl", data, sovc::read::InputFormat::Kdl, Path::new("."));
    let diags: Vec<_> = loaded.diagnostics.iter().cloned().collect();
    let _ = sovc::diag::render_human(&loaded.source, &diags, false);
    let _ = sovc::diag::render_json(&loaded.source, &diags);
    let _ = sovc::diag::render_github(&loaded.source, &diags);
});
