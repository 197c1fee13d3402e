//! Auth roles as the ACL sees them: which regions' OpenBao holds a role and
//! the compiled ACL of the tokens it issues (its policies plus `default`).
//! A region holds the roles the user declares and the ones configuration
//! delivery derives for it (ESO reader, pusher, replicator,
//! `sovc-configure`), taken from [`crate::configure`] itself so that the
//! analysis sees exactly what is written.

use super::{Acl, AclPolicy, CapSet, acl::DEFAULT_POLICY};
use crate::configure::desired::{PolicyDoc, RegionConfig, RoleDoc, region_config};
use crate::configure::{derived_roles, user_roles::CaPems};
use crate::diag::Span;
use crate::model::{AuthRole, Capability, Keyword, Topology};
use crate::naming;

/// Whether `role` is written to region `code`'s OpenBao.
pub fn role_in_region(role: &AuthRole, code: &str) -> bool {
    role.regions.as_ref().is_none_or(|rs| rs.iter().any(|r| r.value == code))
}

/// The policies a token of `role` holds: its own (those that exist) and
/// `default` (OpenBao's built-in, unless the topology redefines it).
pub fn role_policies(topology: &Topology, role: &AuthRole) -> Vec<AclPolicy> {
    let mut out: Vec<AclPolicy> = Vec::new();
    let mut names: Vec<&str> = role.policies.iter().map(|p| p.as_str()).collect();
    names.push(DEFAULT_POLICY);
    for name in names {
        if out.iter().any(|p| p.name == name) {
            continue;
        }
        match topology.policy(name) {
            Some(p) => out.push(AclPolicy::from_model(p)),
            None if name == DEFAULT_POLICY => out.push(default_policy(topology)),
            None => {}
        }
    }
    out
}

/// The `default` policy every token carries: the topology's redefinition,
/// else OpenBao's built-in one.
fn default_policy(topology: &Topology) -> AclPolicy {
    topology.policy(DEFAULT_POLICY).map_or_else(AclPolicy::builtin_default, AclPolicy::from_model)
}

/// A policy configuration delivery writes, as the evaluator reads it
/// (derived rules have no source location).
pub fn policy_from_doc(doc: &PolicyDoc) -> AclPolicy {
    AclPolicy::new(
        &doc.name,
        doc.rules.iter().map(|r| {
            let caps = CapSet::parsed(r.capabilities.iter().filter_map(|c| Capability::from_word(c)));
            (r.path.clone(), caps, Span::default())
        }),
    )
}

/// The view of a derived role: the policies its `token_policies` name
/// (looked up in `docs`) plus `default`, which derived roles keep.
fn derived_view(topology: &Topology, role: &RoleDoc, docs: &[PolicyDoc]) -> RoleView {
    let names = role.body.get("token_policies").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let mut policies: Vec<AclPolicy> = names
        .iter()
        .filter_map(|n| n.as_str())
        .filter_map(|n| docs.iter().find(|d| d.name == n))
        .map(policy_from_doc)
        .collect();
    policies.push(default_policy(topology));
    RoleView { name: role.name.clone(), mount: role.mount.clone(), declared: false, policies }
}

/// The compiled ACL of a token of `role`.
pub fn role_acl(topology: &Topology, role: &AuthRole) -> Acl {
    Acl::new(&role_policies(topology, role))
}

/// A role as one region's OpenBao holds it: where it logs in and the
/// policies its tokens carry.
#[derive(Clone, Debug)]
pub struct RoleView {
    pub name: String,
    /// The auth mount the role lives on (`kubernetes`, `approle`, `jwt-hfrp`…).
    pub mount: String,
    /// Declared in the topology (`authRoles`) rather than derived by sovc.
    pub declared: bool,
    pub policies: Vec<AclPolicy>,
}

impl RoleView {
    /// `name@mount`, how explanations and the access matrix name a role.
    pub fn label(&self) -> String {
        format!("{}@{}", self.name, self.mount)
    }

    pub fn acl(&self) -> Acl {
        Acl::new(&self.policies)
    }
}

/// The auth mount a declared role lives on.
pub fn role_mount(role: &AuthRole) -> String {
    use crate::model::Method;
    match role.method.value {
        Method::Kubernetes => crate::naming::KUBERNETES_AUTH_MOUNT.to_string(),
        Method::AppRole => "approle".to_string(),
        Method::Cert => "cert".to_string(),
        Method::Jwt => role.jwt.as_ref().map_or_else(|| "jwt".to_string(), |j| j.mount.value.clone()),
    }
}

/// Every role region `code`'s OpenBao holds: the declared ones in topology
/// order, then those configuration delivery derives for the region (in the
/// order it writes them), then `sovc-configure`.
pub fn roles_in_region(topology: &Topology, code: &str) -> Vec<RoleView> {
    let mut out: Vec<RoleView> = topology
        .auth_roles
        .iter()
        .filter(|r| role_in_region(r, code))
        .map(|r| RoleView {
            name: r.name.value.clone(),
            mount: role_mount(r),
            declared: true,
            policies: role_policies(topology, r),
        })
        .collect();
    let Some(region) = topology.regions.iter().find(|r| r.location_code.value == code) else { return out };
    let derived = derived_roles::derive(topology, region);
    out.extend(derived.roles.iter().map(|r| derived_view(topology, r, &derived.policies)));
    // The configure identity's policy depends on everything the region
    // holds; CA files only change cert roles' bodies, not their paths. A
    // region whose configuration cannot be built (reported by configure)
    // has no configure policy to show.
    if let Ok(cfg) = region_config(topology, region, &CaPems::new()) {
        out.push(configure_view(topology, &cfg));
    }
    out
}

/// The `sovc-configure` role of a region's configuration.
fn configure_view(topology: &Topology, cfg: &RegionConfig) -> RoleView {
    RoleView {
        name: naming::CONFIGURE_ROLE.to_string(),
        mount: naming::KUBERNETES_AUTH_MOUNT.to_string(),
        declared: false,
        policies: cfg
            .policy(naming::CONFIGURE_ROLE)
            .map(policy_from_doc)
            .into_iter()
            .chain([default_policy(topology)])
            .collect(),
    }
}
