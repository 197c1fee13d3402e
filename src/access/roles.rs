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
