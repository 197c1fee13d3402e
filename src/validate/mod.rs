//! Validation (SPEC §3): named rules with stable codes over the model.
//!
//! Each rule family lives in its own file and only adds diagnostics; the
//! order they run in does not matter (diagnostics are sorted by position).
//! Rules that look at every string of the model (plaintext credentials,
//! control characters, the chart's `sed` substrings) walk [`walk::texts`].

mod access;
mod annotations;
mod auth_roles;
mod ca_file;
mod capabilities;
mod catalogue;
mod formats;
mod names;
mod plaintext;
mod policy_paths;
mod promotion;
mod references;
mod replica_writes;
mod reserved;
mod seal;
mod silence;
mod text;
mod walk;
mod warnings;

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

/// What a string looks like if it looks like a credential (the E0601
/// detector), for checks on the way out: no generated file may hold one.
pub use plaintext::credential_kind;

/// Runs every rule and returns what they found.
pub fn validate(topology: &Topology, cx: &Context<'_>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let texts = walk::texts(topology);
    names::check(topology, &mut diags);
    annotations::check(topology, &mut diags);
    formats::check(topology, &mut diags);
    catalogue::check(topology, &mut diags);
    policy_paths::check(topology, &mut diags);
    capabilities::check(topology, &mut diags);
    auth_roles::check(topology, &mut diags);
    ca_file::check(topology, cx, &mut diags);
    references::check(topology, cx, &mut diags);
    reserved::check(topology, &mut diags);
    seal::check(topology, &mut diags);
    plaintext::check(&texts, &mut diags);
    text::check(&texts, &mut diags);
    warnings::check(topology, cx, &mut diags);
    replica_writes::check(topology, &mut diags);
    promotion::check(topology, &mut diags);
    access::check(topology, &mut diags);
    silence::check(topology, &mut diags);
    silence::apply(topology, &mut diags);
    diags
}

/// "did you mean `x`?" when `word` is a likely typo of one of `candidates`.
fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // Short names (location codes) are too short for Jaro-Winkler to be
    // sure; one edit away is then a typo.
    crate::read::decode::suggest(word, &candidates)
        .or_else(|| {
            candidates
                .iter()
                .filter(|c| c.len() >= 3 && strsim::levenshtein(word, c) == 1)
                .min_by_key(|c| (strsim::levenshtein(word, c), **c))
                .copied()
        })
        .map(|s| format!("did you mean `{s}`?"))
}
