//! The identity the configure Job logs in with: the Kubernetes-auth role
//! `sovc-configure` (bound to the Job's service account in the OpenBao
//! namespace) and its policy, which allows exactly the requests the Job
//! makes for this region and nothing else: reading and writing its KV and
//! auth mounts, writing the mounts' configuration, each policy and each
//! role, and deleting what [`prune`] may delete. The bootstrap and the self-initialisation create both; the Job
//! rewrites the policy (its first step) so that day-2 additions widen it.

use super::desired::{PolicyDoc, PolicyRule, RegionConfig};
use super::prune;
use crate::naming;
use serde_json::{Map, Value};

/// Token TTL of the configure role (one Job run).
pub const CONFIGURE_TOKEN_TTL: &str = "10m";
/// Token max TTL of the configure role.
pub const CONFIGURE_TOKEN_MAX_TTL: &str = "20m";

/// Stands in for the configure policy until the region's other contents
/// are known (it is derived from them).
pub fn policy_placeholder() -> PolicyDoc {
    PolicyDoc { name: naming::CONFIGURE_ROLE.into(), description: None, rules: Vec::new() }
}

fn rule(path: String, caps: &[&str]) -> PolicyRule {
    PolicyRule { path, capabilities: caps.iter().map(|c| c.to_string()).collect() }
}

/// The configure policy of `cfg`: one rule per path the Job touches.
/// Enabling or reading an auth mount is root-protected (`sudo`).
pub fn policy(cfg: &RegionConfig) -> PolicyDoc {
    let mut rules = vec![rule(format!("sys/mounts/{}", cfg.kv_mount), &["create", "read", "update"])];
    for m in &cfg.mounts {
        rules.push(rule(format!("sys/auth/{}", m.path), &["create", "read", "update", "sudo"]));
    }
    for m in cfg.mounts.iter().filter(|m| m.config.is_some()) {
        rules.push(rule(format!("auth/{}/config", m.path), &["create", "update"]));
    }
    for p in &cfg.policies {
        rules.push(rule(format!("sys/policies/acl/{}", p.name), &["create", "update"]));
    }
    for r in &cfg.roles {
        rules.push(rule(r.api_path(), &["create", "update"]));
    }
    // Pruning (see [`prune`]): list mounts and policies, delete only what
    // sovc derives. Exact rules above win over these globs, so nothing the
    // region keeps can be deleted with this token.
    let plan = prune::plan(cfg);
    rules.push(rule("sys/auth".into(), &["read"]));
    rules.push(rule(prune::mount_delete_glob(), &["read", "delete", "sudo"]));
    rules.push(rule("sys/policies/acl".into(), &["list"]));
    for glob in prune::policy_delete_globs() {
        rules.push(rule(glob, &["delete"]));
    }
    for path in plan.stale_roles {
        rules.push(rule(path, &["read", "delete"]));
    }
    PolicyDoc {
        name: naming::CONFIGURE_ROLE.into(),
        description: Some(format!("Derived by sovc: the configure Job of {} writes exactly these paths.", cfg.code)),
        rules,
    }
}

/// The body of `auth/kubernetes/role/sovc-configure`.
pub fn role_body(namespace: &str) -> Map<String, Value> {
    let mut b = Map::new();
    b.insert("bound_service_account_names".into(), Value::from(vec![naming::CONFIGURE_SERVICE_ACCOUNT.to_string()]));
    b.insert("bound_service_account_namespaces".into(), Value::from(vec![namespace.to_string()]));
    b.insert("token_policies".into(), Value::from(vec![naming::CONFIGURE_ROLE.to_string()]));
    b.insert("token_ttl".into(), Value::from(CONFIGURE_TOKEN_TTL));
    b.insert("token_max_ttl".into(), Value::from(CONFIGURE_TOKEN_MAX_TTL));
    b.insert("token_no_default_policy".into(), Value::from(false));
    b
}

/// The API path of the configure role.
pub fn role_path() -> String {
    format!("auth/{}/role/{}", naming::KUBERNETES_AUTH_MOUNT, naming::CONFIGURE_ROLE)
}
