//! The ESO objects that move secrets: applications' ExternalSecrets
//! (`secrets/`), PushSecrets to the primary (`push/`) and replication
//! (`replication/`). Which secrets go where is [`super::select`]'s call.

use super::{ExternalSecretPlan, PushSecretPlan, ReplicationPlan, select};
use crate::model::{Region, Secret, Topology};
use crate::naming;

/// Removing a PushSecret never deletes the KV entry it wrote: the primary's
/// data outlives a deleted namespace, and a replica promoted to primary
/// (its replication objects pruned) keeps every secret it holds.
const PUSH_DELETION_POLICY: &str = "None";

fn keys(secret: &Secret) -> Option<Vec<String>> {
    secret.keys.as_ref().map(|ks| ks.iter().map(|k| k.value.clone()).collect())
}

fn eso_api_version(topology: &Topology) -> String {
    format!("external-secrets.io/{}", topology.external_secrets.api_version.value)
}

fn sorted<T>(mut items: Vec<T>, key: impl Fn(&T) -> (String, String)) -> Vec<T> {
    items.sort_by_key(|a| key(a));
    items
}

/// ExternalSecrets from `bao-local` for the secrets region reads.
pub fn external_secrets(topology: &Topology, region: &Region) -> Vec<ExternalSecretPlan> {
    let items = select::read_in(topology, &region.location_code.value)
        .map(|s| ExternalSecretPlan {
            name: s.name.value.clone(),
            namespace: s.namespace.value.clone(),
            api_version: eso_api_version(topology),
            store: naming::LOCAL_STORE.to_string(),
            refresh_interval: s.refresh_interval.value.clone(),
            remote_key: s.path.value.clone(),
            keys: keys(s),
        })
        .collect();
    sorted(items, |e| (e.namespace.clone(), e.name.clone()))
}

/// PushSecrets to `bao-primary` for the secrets pushed from region.
pub fn push_secrets(topology: &Topology, region: &Region) -> Vec<PushSecretPlan> {
    let items = select::pushed_from(topology, &region.location_code.value)
        .map(|s| PushSecretPlan {
            name: s.name.value.clone(),
            namespace: s.namespace.value.clone(),
            store: naming::PRIMARY_STORE.to_string(),
            refresh_interval: s.refresh_interval.value.clone(),
            secret_name: s.name.value.clone(),
            remote_key: s.path.value.clone(),
            keys: keys(s),
            deletion_policy: PUSH_DELETION_POLICY.to_string(),
        })
        .collect();
    sorted(items, |p| (p.namespace.clone(), p.name.clone()))
}

/// Replication into a non-primary region: `None` on the primary, with
/// `replication.mode: none`, or when the region reads nothing.
pub fn replication(topology: &Topology, region: &Region, is_primary: bool) -> Option<ReplicationPlan> {
    if is_primary {
        return None;
    }
    let secrets = select::replicated_into(topology, &region.location_code.value);
    if secrets.is_empty() {
        return None;
    }
    let namespace = naming::REPLICATION_NAMESPACE.to_string();
    let interval = topology.replication.interval.value.clone();
    let mut external_secrets = Vec::new();
    let mut push_secrets = Vec::new();
    for s in secrets {
        // Secret names are unique across the catalogue, so they are unique
        // staging names in the one replication namespace.
        external_secrets.push(ExternalSecretPlan {
            name: s.name.value.clone(),
            namespace: namespace.clone(),
            api_version: eso_api_version(topology),
            store: naming::REPLICATION_SOURCE_STORE.to_string(),
            refresh_interval: interval.clone(),
            remote_key: s.path.value.clone(),
            keys: keys(s),
        });
        push_secrets.push(PushSecretPlan {
            name: s.name.value.clone(),
            namespace: namespace.clone(),
            store: naming::REPLICATION_TARGET_STORE.to_string(),
            refresh_interval: interval.clone(),
            secret_name: s.name.value.clone(),
            remote_key: s.path.value.clone(),
            keys: keys(s),
            deletion_policy: PUSH_DELETION_POLICY.to_string(),
        });
    }
    Some(ReplicationPlan {
        namespace,
        external_secrets: sorted(external_secrets, |e| (String::new(), e.name.clone())),
        push_secrets: sorted(push_secrets, |p| (String::new(), p.name.clone())),
    })
}
