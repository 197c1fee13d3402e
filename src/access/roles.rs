//! Auth roles as the ACL sees them: which regions' OpenBao holds a role and
//! the compiled ACL of the tokens it issues (its policies plus `default`).

use super::{Acl, AclPolicy, acl::DEFAULT_POLICY};
use crate::model::{AuthRole, Topology};

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
            None if name == DEFAULT_POLICY => out.push(AclPolicy::builtin_default()),
            None => {}
        }
    }
    out
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

/// Every role region `code`'s OpenBao holds, in topology order.
pub fn roles_in_region(topology: &Topology, code: &str) -> Vec<RoleView> {
    topology
        .auth_roles
        .iter()
        .filter(|r| role_in_region(r, code))
        .map(|r| RoleView {
            name: r.name.value.clone(),
            mount: role_mount(r),
            declared: true,
            policies: role_policies(topology, r),
        })
        .collect()
}
