//! Printing a run's diagnostics in the chosen format.

use crate::diag::{Format, render_github, render_human, render_json};
use crate::pipeline::Loaded;
use std::io::{IsTerminal, Write};

/// Prints the diagnostics of `loaded` (human and GitHub formats to stderr,
/// JSON to stdout) and a one-line summary for people.
pub fn print(loaded: &Loaded, format: Format) {
    let diags: Vec<_> = loaded.diagnostics.iter().cloned().collect();
    match format {
        Format::Json => {
            let _ = std::io::stdout().write_all(render_json(&loaded.source, &diags).as_bytes());
        }
        Format::Github => {
            let _ = std::io::stdout().write_all(render_github(&loaded.source, &diags).as_bytes());
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(render_human(&loaded.source, &diags, color).as_bytes());
            let (e, w) = (loaded.diagnostics.error_count(), loaded.diagnostics.warning_count());
            if e > 0 {
                let _ = writeln!(
                    err,
                    "{}: invalid: {} error{}, {} warning{}",
                    loaded.source.name,
                    e,
                    plural(e),
                    w,
                    plural(w)
                );
            }
        }
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reports an I/O problem (exit 2 territory) in the chosen format.
pub fn io_error(what: &str, err: &dyn std::fmt::Display, format: Format) {
    match format {
        Format::Json => println!("{}", serde_json::json!({ "error": format!("{what}: {err}") })),
        _ => eprintln!("error: {what}: {err}"),
    }
}
