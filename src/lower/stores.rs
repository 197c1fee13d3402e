//! The region's ClusterSecretStores, per the identity table in
//! [`crate::naming`]: `bao-local`, `bao-primary`, and on replicating
//! regions `bao-replication-source` and `bao-replication-target`.
//!
//! A store that talks to the region's own OpenBao uses the in-cluster
//! address of the active node ([`naming::bao_active_url`]): it needs neither
//! DNS for the public host nor an ingress controller able to speak HTTPS to
//! the pods. Only stores that reach the primary from another region use the
//! primary's Ingress host ([`naming::bao_url`]).
//!
//! Every store is limited to the namespaces that use it (`conditions`): a
//! store nothing uses admits no namespace at all.

use super::{StoreAuthPlan, StorePlan, select};
use crate::model::{Region, Topology};
use crate::naming;

/// The namespaces a region's generated objects use its stores from: each
/// store is limited to them (ESO `spec.conditions`), so no other namespace
/// can read what the region materialises or write what it pushes.
pub struct Served {
    /// Namespaces of the region's ExternalSecrets (`bao-local`).
    pub readers: Vec<String>,
    /// Namespaces of the region's PushSecrets (`bao-primary`).
    pub pushers: Vec<String>,
}

pub fn lower(topology: &Topology, region: &Region, primary: &Region, served: Served) -> Vec<StorePlan> {
    let code = region.location_code.value.as_str();
    let primary_code = primary.location_code.value.as_str();
    let domain = topology.domain.value.as_str();
    let is_primary = code == primary_code;
    let local = naming::bao_active_url(&topology.openbao.namespace.value);
    // The primary's own `bao-primary` is a local store too.
    let remote = if is_primary { local.clone() } else { naming::bao_url(primary_code, domain) };
    let kubernetes = |role: &str| auth(topology, "kubernetes", naming::KUBERNETES_AUTH_MOUNT.to_string(), role);
    let to_primary = |role: &str| {
        if is_primary { kubernetes(role) } else { auth(topology, "jwt", naming::jwt_mount(code), role) }
    };

    let mut stores = vec![
        store(topology, naming::LOCAL_STORE, local.clone(), kubernetes(naming::reader_role(topology)), served.readers),
        store(
            topology,
            naming::PRIMARY_STORE,
            remote.clone(),
            to_primary(naming::pusher_role(topology, code)),
            served.pushers,
        ),
    ];
    if select::replicates(topology, code) {
        let only = vec![naming::REPLICATION_NAMESPACE.to_string()];
        stores.push(store(
            topology,
            naming::REPLICATION_SOURCE_STORE,
            remote,
            to_primary(naming::REPLICATOR_ROLE),
            only.clone(),
        ));
        stores.push(store(
            topology,
            naming::REPLICATION_TARGET_STORE,
            local,
            kubernetes(naming::REPLICATOR_ROLE),
            only,
        ));
    }
    stores
}

fn auth(topology: &Topology, method: &str, mount: String, role: &str) -> StoreAuthPlan {
    StoreAuthPlan {
        method: method.to_string(),
        mount,
        role: role.to_string(),
        service_account: topology.external_secrets.service_account.value.clone(),
        service_account_namespace: topology.external_secrets.namespace.value.clone(),
        audience: naming::TOKEN_AUDIENCE.to_string(),
    }
}

fn store(topology: &Topology, name: &str, server: String, auth: StoreAuthPlan, namespaces: Vec<String>) -> StorePlan {
    StorePlan {
        name: name.to_string(),
        api_version: format!("external-secrets.io/{}", topology.external_secrets.api_version.value),
        server,
        kv_mount: topology.openbao.kv_mount.value.clone(),
        ca_secret: naming::OPENBAO_TLS_SECRET.to_string(),
        ca_key: naming::CA_CERT_KEY.to_string(),
        ca_namespace: topology.openbao.namespace.value.clone(),
        auth,
        namespaces,
    }
}
