//! `sovc generate FILE -o DIR [--check] [--force]`: validate, render, then
//! write DIR atomically or (`--check`) compare it with what would be
//! written (the write half is `tree`).

use super::{EXIT_INVALID, EXIT_USAGE, InputArgs, report, tree};
use crate::diag::{Format, render_json};
use crate::pipeline::{self, Loaded};
use std::path::Path;

pub fn run(input: &InputArgs, output: &Path, check: bool, force: bool) -> u8 {
    let loaded = match pipeline::load_file(&input.file, input.format_in) {
        Ok(l) => l,
        Err(e) => {
            report::io_error(&format!("cannot read {}", input.file.display()), &e, input.format);
            return EXIT_USAGE;
        }
    };
    let Some(topology) = loaded.valid() else {
        report::print(&loaded, input.format);
        return EXIT_INVALID;
    };
    let base = input.file.parent().unwrap_or(Path::new(""));
    let files = match pipeline::generate_files(topology, &loaded.source.name, base) {
        Ok(files) => files,
        Err(e) => {
            report::print(&loaded, input.format);
            // A value validation let through that cannot be written safely.
            report::io_error(&input.file.display().to_string(), &e, input.format);
            return EXIT_INVALID;
        }
    };
    let step =
        if check { tree::check(output, &files) } else { tree::write(output, &files, force, &loaded.source.name) };
    if input.format == Format::Json {
        println!("{}", json_document(&loaded, &step));
    } else {
        report::print(&loaded, input.format);
        step.print(input.format);
    }
    step.exit_code()
}

/// One JSON document: the diagnostics report with the step's result added
/// under `write` or `check`.
fn json_document(loaded: &Loaded, step: &tree::Step) -> String {
    let diags: Vec<_> = loaded.diagnostics.iter().cloned().collect();
    let mut doc: serde_json::Value =
        serde_json::from_str(&render_json(&loaded.source, &diags)).unwrap_or_else(|_| serde_json::json!({}));
    let (key, value) = step.to_json();
    doc[key] = value;
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
