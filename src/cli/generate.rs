//! `sovc generate FILE -o DIR [--check]`: validate, render, write.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputArgs, report};
use crate::output::OutputFile;
use crate::pipeline;
use std::path::Path;

pub fn run(input: &InputArgs, output: &Path, _check: bool, _force: bool) -> u8 {
    let loaded = match pipeline::load_file(&input.file, input.format_in) {
        Ok(l) => l,
        Err(e) => {
            report::io_error(&format!("cannot read {}", input.file.display()), &e, input.format);
            return EXIT_USAGE;
        }
    };
    report::print(&loaded, input.format);
    let Some(topology) = loaded.valid() else {
        return EXIT_INVALID;
    };
    let base = input.file.parent().unwrap_or(Path::new(""));
    let files = match pipeline::generate_files(topology, &loaded.source.name, base) {
        Ok(files) => files,
        Err(e) => {
            // A value validation let through that cannot be written safely.
            report::io_error(&input.file.display().to_string(), &e, input.format);
            return EXIT_INVALID;
        }
    };
    match write_files(output, &files) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            report::io_error(&format!("cannot write to {}", output.display()), &e, input.format);
            EXIT_USAGE
        }
    }
}

/// Writes the files under `dir`, creating folders as needed.
fn write_files(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.contents)?;
    }
    Ok(())
}
