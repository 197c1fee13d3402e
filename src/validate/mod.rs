//! Validation (SPEC §3): named rules with stable codes over the model.
//!
//! Each rule family lives in its own file and only adds diagnostics; the
//! order they run in does not matter (diagnostics are sorted by position).

mod access;
mod names;
mod references;
mod silence;

use crate::diag::Diagnostics;
use crate::model::Topology;
use std::path::PathBuf;

/// What rules may need besides the model.
pub struct Context<'a> {
    /// Folder of the topology file (`caFile` is relative to it).
    pub base_dir: PathBuf,
    /// Names of items that failed to decode (not reported as unknown).
    pub dropped: &'a [String],
}

impl Context<'_> {
    pub fn was_dropped(&self, name: &str) -> bool {
        self.dropped.iter().any(|d| d == name)
    }
}

/// Runs every rule and returns what they found.
pub fn validate(topology: &Topology, cx: &Context<'_>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    names::check(topology, &mut diags);
    references::check(topology, cx, &mut diags);
    access::check(topology, &mut diags);
    silence::check(topology, &mut diags);
    silence::apply(topology, &mut diags);
    diags
}
