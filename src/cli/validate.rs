//! `sovc validate FILE`: check only.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputArgs, report};
use crate::diag::Format;
use crate::pipeline;

pub fn run(input: &InputArgs) -> u8 {
    let loaded = match pipeline::load_file(&input.file, input.format_in) {
        Ok(l) => l,
        Err(e) => {
            report::io_error(&format!("cannot read {}", input.file.display()), &e, input.format);
            return EXIT_USAGE;
        }
    };
    report::print(&loaded, input.format);
    match loaded.valid() {
        Some(t) => {
            if input.format == Format::Human {
                let w = loaded.diagnostics.warning_count();
                eprintln!(
                    "{}: valid: sovereign `{}`, {} region{}, {} polic{}, {} auth role{}, {} secret{}{}",
                    loaded.source.name,
                    t.sovereign,
                    t.regions.len(),
                    report::plural(t.regions.len()),
                    t.policies.len(),
                    if t.policies.len() == 1 { "y" } else { "ies" },
                    t.auth_roles.len(),
                    report::plural(t.auth_roles.len()),
                    t.secrets.len(),
                    report::plural(t.secrets.len()),
                    if w > 0 { format!(" ({w} warning{})", report::plural(w)) } else { String::new() }
                );
            }
            EXIT_OK
        }
        None => EXIT_INVALID,
    }
}
