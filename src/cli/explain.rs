//! `sovc explain FILE --path P | --role R [--region R]`: the access
//! evaluator's view of one path or one role, for people or (`--format
//! json`) tools.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputArgs, report};
use crate::access::explain::{explain_path, explain_role, render_path, render_role};
use crate::diag::Format;
use crate::pipeline;
use std::io::Write;

/// What to explain.
#[derive(clap::Args, Debug)]
#[group(required = true, multiple = false)]
pub struct Query {
    /// An OpenBao API path (`secret/data/app/db`): which roles can do what
    /// there, and which rule decides
    #[arg(long)]
    pub path: Option<String>,
    /// An auth role name: which catalogued secrets it reaches, with which
    /// capabilities, and its rules
    #[arg(long)]
    pub role: Option<String>,
}

pub fn run(input: &InputArgs, query: &Query, region: Option<&str>) -> u8 {
    let loaded = match pipeline::load_file(&input.file, input.format_in) {
        Ok(l) => l,
        Err(e) => {
            report::io_error(&format!("cannot read {}", input.file.display()), &e, input.format);
            return EXIT_USAGE;
        }
    };
    let Some(t) = loaded.valid() else {
        report::print(&loaded, input.format);
        return EXIT_INVALID;
    };
    let json = input.format == Format::Json;
    let rendered = match (&query.path, &query.role) {
        (Some(path), _) => {
            explain_path(t, path, region).map(|e| if json { to_json(&e) } else { render_path(&e, &loaded.source) })
        }
        (None, Some(role)) => {
            explain_role(t, role, region).map(|e| if json { to_json(&e) } else { render_role(&e, &loaded.source) })
        }
        (None, None) => return EXIT_USAGE,
    };
    match rendered {
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            EXIT_OK
        }
        Err(e) => {
            report::io_error("cannot explain", &e, input.format);
            EXIT_USAGE
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
