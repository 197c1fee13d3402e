//! `sovc generate FILE -o DIR [--check]`: validate, render, write.

use super::{EXIT_INVALID, EXIT_USAGE, InputArgs, report};
use crate::pipeline;
use std::path::Path;

pub fn run(input: &InputArgs, _output: &Path, _check: bool, _force: bool) -> u8 {
    let loaded = match pipeline::load_file(&input.file, input.format_in) {
        Ok(l) => l,
        Err(e) => {
            report::io_error(&format!("cannot read {}", input.file.display()), &e, input.format);
            return EXIT_USAGE;
        }
    };
    report::print(&loaded, input.format);
    if loaded.valid().is_none() {
        return EXIT_INVALID;
    }
    eprintln!("error: the emitters are not built yet (issue 3)");
    EXIT_USAGE
}
