//! The last check on every generated configuration file: no text the OpenBao
//! chart would rewrite. Helm's `tpl` evaluates `{{`; the chart's start
//! script `sed`s these substrings anywhere in the server config.

use super::error::Problem;
use crate::output::OutputFile;

/// Substrings no generated file may contain.
pub const FORBIDDEN: &[&str] = &["{{", "}}", "HOSTNAME", "POD_IP", "HOST_IP", "API_ADDR", "TRANSIT_ADDR", "RAFT_ADDR"];

/// A problem for each file that contains a forbidden substring.
pub fn check(files: &[OutputFile]) -> Vec<Problem> {
    files
        .iter()
        .filter_map(|f| {
            FORBIDDEN
                .iter()
                .find(|needle| f.contents.contains(**needle))
                .map(|needle| Problem::ForbiddenText { file: f.path.clone(), needle })
        })
        .collect()
}
