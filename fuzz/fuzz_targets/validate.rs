//! Fuzz target: arbitrary bytes through the whole front end and validator,
//! then every renderer of the diagnostics. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let loaded = sovc::pipeline::load_bytes("fuzz.yaml", data, sovc::read::InputFormat::Yaml, Path::new("."));
    let diags: Vec<_> = loaded.diagnostics.iter().cloned().collect();
    let _ = sovc::diag::render_human(&loaded.source, &diags, false);
    let _ = sovc::diag::render_json(&loaded.source, &diags);
    let _ = sovc::diag::render_github(&loaded.source, &diags);
});
