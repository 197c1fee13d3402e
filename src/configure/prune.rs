//! What the configure Job may delete in one region: the objects sovc
//! derives that the region no longer needs (after a DR promotion, or when a
//! region, a push or replication goes away), and nothing else.
//!
//! Ownership is proven by name or by marker, never guessed:
//!
//! | object | sovc's when | deleted when |
//! |---|---|---|
//! | policy | its name starts with a derived prefix ([`naming::derived_policy_prefixes`]); users cannot declare `sovc-` names | not among the region's desired policies |
//! | role on `kubernetes` or a derived `jwt-<code>` mount | its name is one of [`naming::DERIVED_ROLES`] ([`naming::DERIVED_JWT_ROLES`] on a JWT mount) | not among the region's desired roles |
//! | auth mount `jwt-*` | its `description` is exactly [`naming::DERIVED_MOUNT_MARKER`] (sovc sets it when it enables the mount) | not among the region's desired mounts (its roles go with it) |
//!
//! Never candidates: the KV mount, `kubernetes`, `sovc-configure` (policy
//! and role), user policies, user roles and unmarked mounts. The plan is
//! data; `configure.sh` renders it after every upsert, and the configure
//! policy ([`super::configure_identity`]) grants exactly these deletions.

use super::desired::RegionConfig;
use crate::naming;

/// One region's prune plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrunePlan {
    /// Derived policies the region keeps (every other policy with a derived
    /// prefix is deleted).
    pub keep_policies: Vec<String>,
    /// Auth mounts the region keeps (a marked `jwt-*` mount not listed is
    /// disabled).
    pub keep_mounts: Vec<String>,
    /// API paths of derived roles on the region's own mounts that it does
    /// not need; each is deleted if present.
    pub stale_roles: Vec<String>,
}

/// The prune plan of `cfg`.
pub fn plan(cfg: &RegionConfig) -> PrunePlan {
    let prefixes = naming::derived_policy_prefixes();
    let keep_policies = cfg
        .policies
        .iter()
        .filter(|p| prefixes.iter().any(|x| p.name.starts_with(x.as_str())))
        .map(|p| p.name.clone())
        .collect();
    let keep_mounts = cfg.mounts.iter().map(|m| m.path.clone()).collect();
    let mut stale_roles = Vec::new();
    for mount in &cfg.mounts {
        let derivable: &[&str] = if mount.path == naming::KUBERNETES_AUTH_MOUNT {
            &naming::DERIVED_ROLES
        } else if mount.derived {
            &naming::DERIVED_JWT_ROLES
        } else {
            &[]
        };
        for &role in derivable {
            if cfg.role(&mount.path, role).is_none() {
                stale_roles.push(format!("auth/{}/{}/{role}", mount.path, mount.kind.role_collection()));
            }
        }
    }
    PrunePlan { keep_policies, keep_mounts, stale_roles }
}

/// The policy glob patterns (`sys/policies/acl/<prefix>*`) the Job may
/// delete under. An exact rule for a desired policy is more specific, so
/// the Job's token cannot delete a policy the region keeps.
pub fn policy_delete_globs() -> Vec<String> {
    let mut globs: Vec<String> =
        naming::derived_policy_prefixes().iter().map(|p| format!("sys/policies/acl/{p}*")).collect();
    globs.sort();
    globs.dedup();
    globs
}

/// The glob over the derived JWT mounts (`sys/auth/jwt-*`): the Job reads a
/// candidate's type and marker and disables it. The exact rule of every
/// desired mount is more specific, so those cannot be disabled.
pub fn mount_delete_glob() -> String {
    format!("sys/auth/{}*", naming::JWT_MOUNT_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::configure::desired::{AuthKind, AuthMount, PolicyDoc, RoleDoc};
    use serde_json::Map;

    fn policy(name: &str) -> PolicyDoc {
        PolicyDoc { name: name.into(), description: None, rules: Vec::new() }
    }

    #[test]
    fn a_replica_plans_to_drop_the_primary_roles_and_keeps_user_objects() {
        let mut k = crate::configure::desired::kubernetes_mount();
        k.derived = false;
        let cfg = RegionConfig {
            code: "hnmp".into(),
            primary: false,
            namespace: "openbao".into(),
            kv_mount: "secret".into(),
            mounts: vec![k, AuthMount { path: "jwt-spire".into(), kind: AuthKind::Jwt, config: None, derived: false }],
            policies: vec![policy("sovc-configure"), policy("app-read"), policy("sovc-eso-reader-hnmp")],
            roles: vec![RoleDoc {
                mount: "kubernetes".into(),
                kind: AuthKind::Kubernetes,
                name: naming::READER_ROLE.into(),
                body: Map::new(),
            }],
        };
        let p = plan(&cfg);
        assert_eq!(p.keep_policies, ["sovc-eso-reader-hnmp"]);
        assert_eq!(p.keep_mounts, ["kubernetes", "jwt-spire"]);
        // A user mount is not sovc's: no role on it is a candidate.
        assert_eq!(p.stale_roles, ["auth/kubernetes/role/sovc-eso-pusher", "auth/kubernetes/role/sovc-replicator"]);
    }

    #[test]
    fn delete_globs_never_cover_the_configure_policy() {
        for g in policy_delete_globs() {
            let prefix = g.trim_end_matches('*');
            assert!(!format!("sys/policies/acl/{}", naming::CONFIGURE_ROLE).starts_with(prefix), "{g}");
        }
        assert_eq!(mount_delete_glob(), "sys/auth/jwt-*");
    }
}
