//! What every consumer sovc generates needs from OpenBao, per region: the
//! API paths and capabilities its requests are checked against
//! (`reference/eso.md` §5–§6, SPEC §4).
//!
//! | consumer | lives in | asks the OpenBao of | role | needs |
//! |---|---|---|---|---|
//! | ExternalSecret | each region materialising the secret (not the one pushing it) | that region | reader | `read` on `<kv>/data/<path>` |
//! | PushSecret | `pushFrom` (default: the primary) | the primary | pusher (a declared `pusherRole` only for the primary's own PushSecrets; see [`naming::pusher_role`]) | `create`, `read`, `update` on `<kv>/data/<path>` and `<kv>/metadata/<path>` |
//! | replication read | each non-primary region materialising it (`replication.mode: pull`) | the primary | replicator | `read` on `<kv>/data/<path>` |
//! | replication push | same | that region | replicator | as PushSecret |
//!
//! PushSecret: ESO reads `data/` (existence), writes `metadata/` first
//! (`create`, or `update` once it exists, and `read` for the `managed-by`
//! check) and then `data/` (an `update` once metadata exists; `create` and
//! `update` are both granted because which one a write needs depends on
//! whether metadata already exists). The generated PushSecrets keep
//! `deletionPolicy: None`, so no `delete` is needed.

use super::CapSet;
use crate::lower::select;
use crate::model::{Capability, Secret, Topology};
use crate::naming;
use serde::Serialize;

/// The kinds of object that make OpenBao requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consumer {
    ExternalSecret,
    PushSecret,
    ReplicationRead,
    ReplicationPush,
}

impl Consumer {
    /// How messages name it.
    pub fn describe(self) -> &'static str {
        match self {
            Consumer::ExternalSecret => "ExternalSecret",
            Consumer::PushSecret => "PushSecret",
            Consumer::ReplicationRead => "replication ExternalSecret",
            Consumer::ReplicationPush => "replication PushSecret",
        }
    }

    /// The ESO role whose token makes the requests of this consumer in
    /// region `region`'s cluster (the role its store logs in with).
    pub fn role<'t>(self, topology: &'t Topology, region: &str) -> &'t str {
        match self {
            Consumer::ExternalSecret => naming::reader_role(topology),
            Consumer::PushSecret => naming::pusher_role(topology, region),
            Consumer::ReplicationRead | Consumer::ReplicationPush => naming::REPLICATOR_ROLE,
        }
    }

    /// The role this consumer uses in region `region` is one the user
    /// declared (`externalSecrets.readerRole`, or `pusherRole` on the
    /// primary) rather than one sovc derives.
    pub fn role_is_declared(self, topology: &Topology, region: &str) -> bool {
        match self {
            Consumer::ExternalSecret => topology.external_secrets.reader_role.is_some(),
            Consumer::PushSecret => {
                topology.external_secrets.pusher_role.is_some()
                    && topology.primary().is_some_and(|p| p.location_code.value == region)
            }
            Consumer::ReplicationRead | Consumer::ReplicationPush => false,
        }
    }
}

/// One path a consumer needs, with the capabilities it needs there and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathNeed {
    pub path: String,
    pub capabilities: CapSet,
    /// The request(s) behind it, citing the reference.
    pub why: &'static str,
}

/// One consumer object and everything it needs from one OpenBao.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Need<'t> {
    pub consumer: Consumer,
    #[serde(skip)]
    pub secret: &'t Secret,
    /// The region whose cluster holds the object.
    pub region: String,
    /// The region whose OpenBao checks its requests.
    pub openbao: String,
    /// The role its store logs in with.
    pub role: String,
    pub paths: Vec<PathNeed>,
}

impl Need<'_> {
    /// Its role is one the user declared (see [`Consumer::role_is_declared`]).
    pub fn role_is_declared(&self, topology: &Topology) -> bool {
        self.consumer.role_is_declared(topology, &self.region)
    }

    /// The auth mount its store logs in through: `kubernetes` in its own
    /// region's OpenBao, `jwt-<region>` on the primary (as the stores are
    /// written, [`naming::mount_on_primary`]).
    pub fn mount(&self) -> String {
        if self.region == self.openbao {
            naming::KUBERNETES_AUTH_MOUNT.to_string()
        } else {
            naming::jwt_mount(&self.region)
        }
    }
}

const READ_WHY: &str = "ExternalSecret data/extract: GET <kv>/data/<key> (eso.md §6)";
const PUSH_DATA_WHY: &str =
    "PushSecret: GET <kv>/data/<key>, then POST it after metadata (create or update; eso.md §6)";
const PUSH_METADATA_WHY: &str =
    "PushSecret: POST <kv>/metadata/<key> (create, then update) and GET it for the managed-by check (eso.md §6)";

/// The data path of a secret: `<kv>/data/<path>`.
pub fn data_path(topology: &Topology, secret: &Secret) -> String {
    format!("{}/data/{}", topology.openbao.kv_mount.as_str(), secret.path.as_str())
}

/// The metadata path of a secret: `<kv>/metadata/<path>`.
pub fn metadata_path(topology: &Topology, secret: &Secret) -> String {
    format!("{}/metadata/{}", topology.openbao.kv_mount.as_str(), secret.path.as_str())
}

fn read_paths(topology: &Topology, secret: &Secret) -> Vec<PathNeed> {
    vec![PathNeed { path: data_path(topology, secret), capabilities: CapSet::of([Capability::Read]), why: READ_WHY }]
}

fn push_paths(topology: &Topology, secret: &Secret) -> Vec<PathNeed> {
    let caps = CapSet::of([Capability::Create, Capability::Read, Capability::Update]);
    vec![
        PathNeed { path: data_path(topology, secret), capabilities: caps, why: PUSH_DATA_WHY },
        PathNeed { path: metadata_path(topology, secret), capabilities: caps, why: PUSH_METADATA_WHY },
    ]
}

/// Every need of every consumer, grouped by region (topology order), then
/// secret (catalogue order), then consumer kind.
///
/// Which objects exist comes from [`crate::lower::select`], the emitters'
/// own definition: no ExternalSecret for a pushed secret in the region it
/// is pushed from, replication for exactly what a replica reads.
pub fn needs(topology: &Topology) -> Vec<Need<'_>> {
    let Some(primary) = topology.primary() else { return Vec::new() };
    let primary = primary.location_code.as_str();
    let mut out = Vec::new();
    for region in &topology.regions {
        let code = region.location_code.as_str();
        let replicate = select::replicates(topology, code);
        for secret in &topology.secrets {
            let need = |consumer: Consumer, openbao: &str, paths| Need {
                consumer,
                secret,
                region: code.to_string(),
                openbao: openbao.to_string(),
                role: consumer.role(topology, code).to_string(),
                paths,
            };
            let pushed_here = select::push_source(topology, secret) == Some(code);
            let here = select::wanted_in(secret, code) && !pushed_here;
            if here {
                out.push(need(Consumer::ExternalSecret, code, read_paths(topology, secret)));
            }
            if pushed_here {
                out.push(need(Consumer::PushSecret, primary, push_paths(topology, secret)));
            }
            if here && replicate {
                out.push(need(Consumer::ReplicationRead, primary, read_paths(topology, secret)));
                out.push(need(Consumer::ReplicationPush, code, push_paths(topology, secret)));
            }
        }
    }
    out
}
