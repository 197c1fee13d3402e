//! Fuzz target: arbitrary bytes through the whole compiler. Whatever
//! passes validation must generate, and every generated YAML file must
//! parse as YAML (each document). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saphyr_parser::Parser;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let loaded = sovc::pipeline::load_bytes("fuzz.yaml", data, sovc::read::InputFormat::Yaml, Path::new("."));
    let Some(topology) = loaded.valid() else { return };
    let files = sovc::pipeline::generate_files(topology, "fuzz.yaml", Path::new("."))
        .unwrap_or_else(|e| panic!("a valid topology failed to generate: {e}"));
    for f in files.iter().filter(|f| f.path.ends_with(".yaml")) {
        for event in Parser::new_from_str(&f.contents) {
            if let Err(e) = event {
                panic!("{} does not parse: {e}", f.path);
            }
        }
    }
});
