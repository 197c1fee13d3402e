//! Which catalogued secrets each region reads, pushes and replicates — the
//! one definition the emitters use (and that the derived ESO policies must
//! match: a region's reader reads exactly [`read_in`]).

use crate::model::{Origin, ReplicationMode, Secret, Topology};

/// The region whose Kubernetes Secret a `push` secret comes from: its
/// `pushFrom`, else the primary. `None` for `external` secrets.
pub fn push_source<'t>(topology: &'t Topology, secret: &'t Secret) -> Option<&'t str> {
    if secret.origin.value != Origin::Push {
        return None;
    }
    secret
        .push_from
        .as_ref()
        .map(|r| r.value.as_str())
        .or_else(|| topology.primary().map(|p| p.location_code.value.as_str()))
}

/// Whether `secret` is wanted in region `code` (its `regions`, default all).
pub fn wanted_in(secret: &Secret, code: &str) -> bool {
    secret.regions.as_ref().is_none_or(|rs| rs.iter().any(|r| r.value == code))
}

/// Secrets an ExternalSecret materialises in region `code`: those wanted
/// there, except a `push` secret in the region it is pushed from (there the
/// Kubernetes Secret is the source; an ExternalSecret would fight it).
pub fn read_in<'t>(topology: &'t Topology, code: &str) -> impl Iterator<Item = &'t Secret> {
    let code = code.to_string();
    topology.secrets.iter().filter(move |s| wanted_in(s, &code) && push_source(topology, s) != Some(code.as_str()))
}

/// `push` secrets whose Kubernetes Secret lives in region `code`.
pub fn pushed_from<'t>(topology: &'t Topology, code: &str) -> impl Iterator<Item = &'t Secret> {
    let code = code.to_string();
    topology.secrets.iter().filter(move |s| push_source(topology, s) == Some(code.as_str()))
}

/// Whether region `code` runs replication: not the primary, and
/// `replication.mode` is `pull`.
pub fn replicates(topology: &Topology, code: &str) -> bool {
    topology.replication.mode.value == ReplicationMode::Pull
        && topology.primary().is_some_and(|p| p.location_code.value != code)
}

/// Secrets copied from the primary into region `code`'s OpenBao: exactly
/// those read there, when the region replicates.
pub fn replicated_into<'t>(topology: &'t Topology, code: &str) -> Vec<&'t Secret> {
    if replicates(topology, code) { read_in(topology, code).collect() } else { Vec::new() }
}
