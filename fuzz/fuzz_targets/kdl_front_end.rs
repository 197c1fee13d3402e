//! Fuzz target: arbitrary bytes through the KDL front end and everything
//! after it (syntax errors, mapping, decoding, validation). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = sovc::pipeline::load_bytes("fuzz.kdl", data, sovc::read::InputFormat::Kdl, Path::new("."));
});
