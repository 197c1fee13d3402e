//! The ESO roles and policies sovc derives, least privilege by construction
//! (SPEC §4, §5; reference/eso.md §6). Each grants exactly the KV paths its
//! stores need and keeps the `default` policy (ESO calls
//! `auth/token/lookup-self` and `revoke-self`):
//!
//! | role | where | mount | policy grants |
//! |---|---|---|---|
//! | reader | every region | `kubernetes` | `read` on `<kv>/data/<path>` of each secret an ExternalSecret materialises there |
//! | pusher | primary, per source region S | `kubernetes` (S = primary) or `jwt-S` | create/read/update on `data/` and `metadata/` of each path pushed from S |
//! | replicator | primary, per replica R | `jwt-R` | `read` on `data/` of each path replicated into R |
//! | replicator | replica R | `kubernetes` | create/read/update on `data/` and `metadata/` of the same paths |
//!
//! A role the user names in `externalSecrets.readerRole` replaces the
//! derived reader (then nothing is derived for it); `pusherRole` replaces
//! the pusher of the primary's own ESO only, since a Kubernetes-auth role of
//! the primary's cluster cannot serve another cluster's ESO: the `jwt-S`
//! pushers of the other regions are derived all the same. A role whose
//! store exists but has nothing to do still exists, without a policy (its
//! tokens hold only `default`), so the store can log in and report ready.

use super::desired::{AuthKind, AuthMount, PolicyDoc, PolicyRule, RoleDoc};
use crate::lower::select;
use crate::model::{Region, ReplicationMode, Topology};
use crate::naming;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Token TTL of the derived ESO roles (ESO logs in per reconcile).
pub const ESO_TOKEN_TTL: &str = "15m";
/// Token max TTL of the derived ESO roles.
pub const ESO_TOKEN_MAX_TTL: &str = "1h";

/// What PushSecret needs on both `data/` and `metadata/` of a pushed key:
/// read (existence and `managed-by` checks), create and update (metadata is
/// written first, which turns the data write into an update). No `delete`:
/// it is needed only for `deletionPolicy: Delete`, and every PushSecret sovc
/// writes has `deletionPolicy: None`. See reference/eso.md §6.
pub const PUSH_CAPABILITIES: [&str; 3] = ["create", "read", "update"];
/// What an ExternalSecret needs on the `data/` path it reads.
pub const READ_CAPABILITIES: [&str; 1] = ["read"];

/// Derived policies and roles of one region.
#[derive(Default)]
pub struct Derived {
    pub policies: Vec<PolicyDoc>,
    pub roles: Vec<RoleDoc>,
}

impl Derived {
    /// Keeps `doc` unless it grants nothing; returns what a role using it
    /// lists in `token_policies` (nothing for an empty one: its tokens then
    /// hold only `default`, and a policy left from an earlier run is no
    /// longer attached).
    fn attach(&mut self, doc: PolicyDoc) -> Vec<String> {
        if doc.rules.is_empty() {
            return Vec::new();
        }
        let name = doc.name.clone();
        self.policies.push(doc);
        vec![name]
    }
}

/// KV keys (relative to the mount) an ExternalSecret materialises in region
/// `code`, as the emitters decide it ([`select::read_in`]). Sorted, without
/// repeats.
pub fn materialised(topology: &Topology, code: &str) -> BTreeSet<String> {
    select::read_in(topology, code).map(|s| s.path.value.clone()).collect()
}

/// KV keys pushed to the primary from region `code`'s cluster.
pub fn pushed_from(topology: &Topology, code: &str) -> BTreeSet<String> {
    select::pushed_from(topology, code).map(|s| s.path.value.clone()).collect()
}

/// KV keys replication copies from the primary into replica `code` (none
/// when replication is off or `code` is the primary).
pub fn replicated_into(topology: &Topology, code: &str) -> BTreeSet<String> {
    select::replicated_into(topology, code).into_iter().map(|s| s.path.value.clone()).collect()
}

/// The subject of the ESO service account's tokens.
pub fn eso_subject(topology: &Topology) -> String {
    let eso = &topology.external_secrets;
    format!("system:serviceaccount:{}:{}", eso.namespace.value, eso.service_account.value)
}

/// The JWT mount on the primary trusting `region`'s cluster issuer.
///
/// `skip_jwks_validation`: writing a JWT config otherwise fetches the
/// issuer's discovery document and fails while that cluster is down
/// (reference/openbao-auth-and-init.md §5). In a DR promotion the old
/// primary's cluster may be the one that is down; the new primary must
/// still be configured. Logins fetch the keys when they happen.
pub fn region_jwt_mount(region: &Region) -> AuthMount {
    let issuer = region.kubernetes.as_ref().and_then(|k| k.issuer.as_ref()).map_or("", |i| i.value.as_str());
    let mut config = Map::new();
    config.insert("oidc_discovery_url".into(), Value::from(issuer));
    config.insert("bound_issuer".into(), Value::from(issuer));
    config.insert("skip_jwks_validation".into(), Value::from(true));
    AuthMount {
        path: naming::jwt_mount(&region.location_code.value),
        kind: AuthKind::Jwt,
        config: Some(config),
        derived: true,
    }
}

/// Everything sovc derives for region `region`.
pub fn derive(topology: &Topology, region: &Region) -> Derived {
    let code = region.location_code.value.as_str();
    let kv = topology.openbao.kv_mount.value.as_str();
    let mut d = Derived::default();

    if topology.external_secrets.reader_role.is_none() {
        let name = naming::reader_policy(code);
        let paths = materialised(topology, code);
        let attached = d.attach(policy(
            &name,
            format!("Derived by sovc: ESO in {code} reads the secrets materialised there."),
            kv,
            &paths,
            false,
        ));
        d.roles.push(kubernetes_role(topology, naming::READER_ROLE, attached));
    }

    if region.primary.value {
        // A declared pusherRole replaces only the primary's own pusher (see
        // `naming::pusher_role`): other regions always get theirs derived.
        let declared_pusher = topology.external_secrets.pusher_role.is_some();
        for source in topology.regions.iter().filter(|s| !(declared_pusher && s.primary.value)) {
            let s = source.location_code.value.as_str();
            let name = naming::pusher_policy(s);
            let paths = pushed_from(topology, s);
            let attached = d.attach(policy(
                &name,
                format!("Derived by sovc: ESO in {s} pushes the secrets whose pushFrom is {s}."),
                kv,
                &paths,
                true,
            ));
            d.roles.push(if source.primary.value {
                kubernetes_role(topology, naming::PUSHER_ROLE, attached)
            } else {
                jwt_role(topology, &naming::jwt_mount(s), naming::PUSHER_ROLE, attached)
            });
        }
        if topology.replication.mode.value == ReplicationMode::Pull {
            for replica in topology.regions.iter().filter(|r| !r.primary.value) {
                let r = replica.location_code.value.as_str();
                let name = naming::replicator_source_policy(r);
                let attached = d.attach(policy(
                    &name,
                    format!("Derived by sovc: replication into {r} reads its secrets from the primary."),
                    kv,
                    &replicated_into(topology, r),
                    false,
                ));
                d.roles.push(jwt_role(topology, &naming::jwt_mount(r), naming::REPLICATOR_ROLE, attached));
            }
        }
    } else if topology.replication.mode.value == ReplicationMode::Pull {
        let name = naming::replicator_target_policy(code);
        let attached = d.attach(policy(
            &name,
            format!("Derived by sovc: replication writes the secrets {code} needs into its OpenBao."),
            kv,
            &replicated_into(topology, code),
            true,
        ));
        d.roles.push(kubernetes_role(topology, naming::REPLICATOR_ROLE, attached));
    }
    d
}

/// A policy over `paths`: `read` on `data/` for readers; the PushSecret set
/// on `data/` and `metadata/` for writers.
fn policy(name: &str, description: String, kv: &str, paths: &BTreeSet<String>, push: bool) -> PolicyDoc {
    let caps = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut rules = Vec::new();
    for p in paths {
        if push {
            rules.push(PolicyRule { path: format!("{kv}/data/{p}"), capabilities: caps(&PUSH_CAPABILITIES) });
            rules.push(PolicyRule { path: format!("{kv}/metadata/{p}"), capabilities: caps(&PUSH_CAPABILITIES) });
        } else {
            rules.push(PolicyRule { path: format!("{kv}/data/{p}"), capabilities: caps(&READ_CAPABILITIES) });
        }
    }
    PolicyDoc { name: name.to_string(), description: Some(description), rules }
}

/// Token fields of every derived ESO role.
fn eso_token_fields(body: &mut Map<String, Value>, policies: Vec<String>) {
    body.insert("token_policies".into(), Value::from(policies));
    body.insert("token_ttl".into(), Value::from(ESO_TOKEN_TTL));
    body.insert("token_max_ttl".into(), Value::from(ESO_TOKEN_MAX_TTL));
    body.insert("token_no_default_policy".into(), Value::from(false));
}

/// A Kubernetes-auth role for the local ESO service account; its tokens
/// must carry the audience [`naming::TOKEN_AUDIENCE`].
fn kubernetes_role(topology: &Topology, name: &str, policies: Vec<String>) -> RoleDoc {
    let eso = &topology.external_secrets;
    let mut body = Map::new();
    body.insert("bound_service_account_names".into(), Value::from(vec![eso.service_account.value.clone()]));
    body.insert("bound_service_account_namespaces".into(), Value::from(vec![eso.namespace.value.clone()]));
    body.insert("audience".into(), Value::from(naming::TOKEN_AUDIENCE));
    eso_token_fields(&mut body, policies);
    RoleDoc { mount: naming::KUBERNETES_AUTH_MOUNT.into(), kind: AuthKind::Kubernetes, name: name.into(), body }
}

/// A JWT role on the primary for a remote region's ESO service account.
fn jwt_role(topology: &Topology, mount: &str, name: &str, policies: Vec<String>) -> RoleDoc {
    let mut body = Map::new();
    body.insert("role_type".into(), Value::from("jwt"));
    body.insert("user_claim".into(), Value::from("sub"));
    body.insert("bound_audiences".into(), Value::from(vec![naming::TOKEN_AUDIENCE.to_string()]));
    body.insert("bound_subject".into(), Value::from(eso_subject(topology)));
    eso_token_fields(&mut body, policies);
    RoleDoc { mount: mount.into(), kind: AuthKind::Jwt, name: name.into(), body }
}
