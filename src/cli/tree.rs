//! The write half of `sovc generate`: write the rendered files into DIR, or
//! (`--check`) compare them with DIR, and report either in the chosen
//! format. Exit codes: write errors 2, drift 3.

use super::{EXIT_DRIFT, EXIT_OK, EXIT_USAGE, report::plural};
use crate::diag::Format;
use crate::output::OutputFile;
use crate::write::{self, Drift, WriteError, WriteOptions, WriteReport};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

/// What the step did.
pub enum Step {
    Wrote(Result<WriteReport, WriteError>),
    Checked(io::Result<Drift>),
}

/// Writes `files` into `dir`.
pub fn write(dir: &Path, files: &[OutputFile], force: bool, source_name: &str) -> Step {
    let opts = WriteOptions { force, source_name: source_name.to_string() };
    Step::Wrote(write::write_tree(dir, files, &opts))
}

/// Compares `files` with `dir`.
pub fn check(dir: &Path, files: &[OutputFile]) -> Step {
    Step::Checked(write::check_tree(dir, files))
}

impl Step {
    pub fn exit_code(&self) -> u8 {
        match self {
            Step::Wrote(Ok(_)) => EXIT_OK,
            Step::Wrote(Err(_)) | Step::Checked(Err(_)) => EXIT_USAGE,
            Step::Checked(Ok(d)) if d.is_clean() => EXIT_OK,
            Step::Checked(Ok(_)) => EXIT_DRIFT,
        }
    }

    /// The step's part of the one JSON document `--format json` prints:
    /// `("write", …)` or `("check", …)`.
    pub fn to_json(&self) -> (&'static str, Value) {
        match self {
            Step::Wrote(Ok(r)) => (
                "write",
                json!({
                    "dir": r.dir.display().to_string(),
                    "created": r.created,
                    "updated": r.updated,
                    "removed": r.removed,
                    "unchanged": r.unchanged,
                    "adopted": r.adopted,
                    "forced": r.forced,
                }),
            ),
            Step::Wrote(Err(e)) => {
                let mut v = json!({ "error": e.to_string() });
                if let WriteError::Conflicts(c) = e {
                    v["conflicts"] = c
                        .iter()
                        .map(|c| json!({ "path": c.path, "problem": c.to_string(), "forceable": c.forceable() }))
                        .collect();
                }
                ("write", v)
            }
            Step::Checked(Ok(d)) => ("check", d.to_json()),
            Step::Checked(Err(e)) => ("check", json!({ "error": e.to_string() })),
        }
    }

    /// Prints the step for people (`human`) or GitHub Actions (`github`);
    /// diffs go to stdout, summaries and errors to stderr.
    pub fn print(&self, format: Format) {
        let mut out = io::stdout().lock();
        let github = format == Format::Github;
        match self {
            Step::Wrote(Ok(r)) => eprintln!("wrote {r}"),
            Step::Wrote(Err(e)) if github => print_github_error(&mut out, &e.to_string()),
            Step::Wrote(Err(e)) => eprintln!("error: {e}"),
            Step::Checked(Ok(d)) if github => {
                let _ = out.write_all(d.render_github().as_bytes());
                eprintln!("{}", d.summary());
            }
            Step::Checked(Ok(d)) => {
                let _ = out.write_all(d.render_diff().as_bytes());
                eprintln!("{}", d.summary());
                if !d.is_clean() {
                    eprintln!(
                        "hint: run `sovc generate` without --check to update the {} file{}, then commit them",
                        d.files.len(),
                        plural(d.files.len())
                    );
                }
            }
            Step::Checked(Err(e)) if github => print_github_error(&mut out, &e.to_string()),
            Step::Checked(Err(e)) => eprintln!("error: {e}"),
        }
    }
}

fn print_github_error(out: &mut impl Write, msg: &str) {
    let data = msg.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let _ = writeln!(out, "::error title=sovc generate::{data}");
}
