//! Least-privilege lints (warnings W09xx): grants broader than anything in
//! the topology uses. Each is silenced by listing its code in `lints.allow`
//! or in the `allowLints` of the policy or role it is about.
//!
//! | code | finds |
//! |---|---|
//! | W0901 | `sudo` on a path outside `sys/` |
//! | W0902 | a `*` glob covering a whole mount (`secret/*`, `*`, `auth/x/*`) or the whole `data/`/`metadata/` of the KV v2 mount |
//! | W0903 | a rule of a policy used only by declared ESO roles that decides none of their requests |
//! | W0904 | a capability of such a rule that none of their requests needs |
//! | W0905 | a kubernetes role bound to `*` service accounts or namespaces |

use super::CapSet;
use super::needs::{Need, needs};
use super::roles::{role_acl, role_in_region};
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{Capability, Method, Policy, Topology};
use crate::naming;
use std::collections::HashMap;

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    for p in &t.policies {
        sudo_outside_sys(p, diags);
        glob_at_mount_root(t, p, diags);
    }
    unused_grants(t, diags);
    wildcard_bindings(t, diags);
}

fn sudo_outside_sys(p: &Policy, diags: &mut Diagnostics) {
    for rule in &p.rules {
        let path = rule.path.trim_start_matches('/');
        if path.starts_with("sys/") {
            continue;
        }
        for cap in rule.capabilities.iter().filter(|c| c.value == Capability::Sudo) {
            diags.push(
                Diagnostic::warning(
                    codes::SUDO_OUTSIDE_SYS,
                    cap.span,
                    format!("policy `{}` grants `sudo` on `{}`, outside `sys/`", p.name, rule.path),
                )
                .label("sudo outside sys/")
                .with_secondary(rule.path.span, "on this path")
                .hint(format!(
                    "`sudo` only matters on root-protected endpoints, nearly all under `sys/`: drop it, or add `allowLints: [{}]` to policy `{}`",
                    codes::SUDO_OUTSIDE_SYS,
                    p.name
                )),
            );
        }
    }
}

/// What a glob pattern covers entirely, if it is a whole mount (or the
/// whole data of the KV v2 mount).
fn whole_mount(pattern: &str, kv_mount: &str) -> Option<String> {
    let pattern = pattern.trim_start_matches('/');
    let prefix = pattern.strip_suffix('*')?;
    let complete: Vec<&str> = prefix.split('/').collect();
    let complete = &complete[..complete.len() - 1];
    let depth = if complete.first() == Some(&"auth") { 2 } else { 1 };
    if complete.len() <= depth {
        return Some(match complete {
            [] if prefix.is_empty() => "every mount".to_string(),
            [] => format!("every mount whose path starts with `{prefix}`"),
            [first] if *first == "auth" => "every auth mount".to_string(),
            _ => format!("the whole `{}` mount", complete.join("/")),
        });
    }
    match complete {
        [mount, part] if *mount == kv_mount && matches!(*part, "data" | "metadata" | "+") => {
            Some(format!("every key of the KV v2 mount `{kv_mount}`"))
        }
        _ => None,
    }
}

fn glob_at_mount_root(t: &Topology, p: &Policy, diags: &mut Diagnostics) {
    for rule in &p.rules {
        if rule.capabilities.iter().any(|c| c.value == Capability::Deny) {
            continue; // a broad deny takes nothing away from least privilege
        }
        let Some(what) = whole_mount(&rule.path, t.openbao.kv_mount.as_str()) else { continue };
        diags.push(
            Diagnostic::warning(
                codes::GLOB_AT_MOUNT_ROOT,
                rule.path.span,
                format!("policy `{}` grants `{}` on {what}", p.name, rule.path),
            )
            .label(format!("`*` covers {what}"))
            .hint(format!(
                "grant the prefix the role needs (e.g. `{}/data/<app>/*`), or add `allowLints: [{}]` to policy `{}`",
                t.openbao.kv_mount,
                codes::GLOB_AT_MOUNT_ROOT,
                p.name
            )),
        );
    }
}

/// The declared ESO roles, each with the needs it serves.
fn declared_roles(t: &Topology) -> Vec<&str> {
    let mut out = Vec::new();
    if t.external_secrets.reader_role.is_some() {
        out.push(naming::reader_role(t));
    }
    if let Some(pusher) = &t.external_secrets.pusher_role
        && !out.contains(&pusher.as_str())
    {
        out.push(pusher.as_str());
    }
    out
}

fn unused_grants(t: &Topology, diags: &mut Diagnostics) {
    let declared = declared_roles(t);
    if declared.is_empty() {
        return;
    }
    let all = needs(t);
    // (policy, rule offset) → (decides some request, capabilities used)
    let mut usage: HashMap<(String, usize), (bool, CapSet)> = HashMap::new();
    for name in &declared {
        let Some(role) = t.auth_role(name) else { continue };
        let acl = role_acl(t, role);
        let served = all.iter().filter(|n: &&Need<'_>| n.role == *name && n.role_is_declared(t));
        for need in served.filter(|n| role_in_region(role, &n.openbao)) {
            for path in &need.paths {
                for cap in path.capabilities.iter() {
                    let Some(d) = acl.check(&path.path, cap) else { continue };
                    let Some(entry) = d.entry else { continue };
                    for src in &entry.sources {
                        let slot = usage.entry((src.policy.clone(), src.span.offset)).or_default();
                        slot.0 = true;
                        if d.allowed() && src.capabilities.has(cap) {
                            slot.1 = slot.1.union(CapSet::of([cap]));
                        }
                    }
                }
            }
        }
    }
    for p in &t.policies {
        let users: Vec<&str> = t
            .auth_roles
            .iter()
            .filter(|r| r.policies.iter().any(|x| x.value == p.name.value))
            .map(|r| r.name.as_str())
            .collect();
        if users.is_empty() || users.iter().any(|u| !declared.contains(u)) {
            continue; // unattached (W0702) or also used by roles whose requests sovc cannot see
        }
        let roles = users.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", ");
        for rule in &p.rules {
            let caps = CapSet::parsed(rule.capabilities.iter().map(|c| c.value));
            if caps.is_deny() || caps.is_empty() {
                continue;
            }
            let (decides, used) =
                usage.get(&(p.name.value.clone(), rule.path.span.offset)).copied().unwrap_or_default();
            if !decides {
                diags.push(
                    Diagnostic::warning(
                        codes::UNUSED_GRANT,
                        rule.path.span,
                        format!(
                            "rule `{}` of policy `{}` decides no request of the ESO role(s) {roles} using it",
                            rule.path, p.name
                        ),
                    )
                    .label("no ExternalSecret or PushSecret uses this grant")
                    .hint(format!(
                        "remove the rule, or add `allowLints: [{}]` to policy `{}`",
                        codes::UNUSED_GRANT,
                        p.name
                    )),
                );
                continue;
            }
            let unused = caps.minus(used);
            if unused.is_empty() {
                continue;
            }
            let first = rule.capabilities.iter().find(|c| unused.has(c.value)).map_or(rule.path.span, |c| c.span);
            diags.push(
                Diagnostic::warning(
                    codes::UNUSED_CAPABILITY,
                    first,
                    format!(
                        "policy `{}` grants {} on `{}`, which no request of the ESO role(s) {roles} needs",
                        p.name,
                        unused.describe(),
                        rule.path
                    ),
                )
                .label(format!("{} unused", unused.words().join(", ")))
                .with_secondary(rule.path.span, format!("the ESO roles need {} here", used.describe()))
                .hint(format!(
                    "keep only {} on this rule, or add `allowLints: [{}]` to policy `{}`",
                    used.describe(),
                    codes::UNUSED_CAPABILITY,
                    p.name
                )),
            );
        }
    }
}

fn wildcard_bindings(t: &Topology, diags: &mut Diagnostics) {
    for role in &t.auth_roles {
        if role.method.value != Method::Kubernetes {
            continue;
        }
        let Some(k) = &role.kubernetes else { continue };
        for (list, what) in [(&k.service_accounts, "any service account"), (&k.namespaces, "any namespace")] {
            for star in list.iter().filter(|s| s.as_str() == "*") {
                diags.push(
                    Diagnostic::warning(
                        codes::WILDCARD_BINDING,
                        star.span,
                        format!("kubernetes role `{}` accepts {what}", role.name),
                    )
                    .label(format!("`*` binds {what}"))
                    .hint(format!(
                        "bind the role to the service accounts and namespaces that log in with it, or add `allowLints: [{}]` to role `{}`",
                        codes::WILDCARD_BINDING,
                        role.name
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::whole_mount;

    #[test]
    fn globs_covering_a_mount_are_recognised() {
        for (pattern, covers) in [
            ("*", Some("every mount")),
            ("secret/*", Some("the whole `secret` mount")),
            ("secret*", Some("every mount whose path starts with `secret`")),
            ("/secret/*", Some("the whole `secret` mount")),
            ("auth/kubernetes/*", Some("the whole `auth/kubernetes` mount")),
            ("auth/*", Some("every auth mount")),
            ("secret/data/*", Some("every key of the KV v2 mount `secret`")),
            ("secret/metadata/*", Some("every key of the KV v2 mount `secret`")),
            ("secret/+/*", Some("every key of the KV v2 mount `secret`")),
            ("other/data/*", None),
            ("secret/data/app/*", None),
            ("secret/data/app", None),
            ("auth/kubernetes/role/*", None),
        ] {
            assert_eq!(whole_mount(pattern, "secret").as_deref(), covers, "{pattern}");
        }
    }
}
