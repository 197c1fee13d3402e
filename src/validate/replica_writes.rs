//! Writes at a replica (W0707): SPEC §4 says replicas accept writes from
//! nothing but replication. An auth role written to a non-primary region
//! whose policies grant `create`, `update`, `patch` or `delete` on the KV
//! mount lets a workload write to that region's OpenBao: the write is
//! never copied anywhere and the next replication run overwrites (or
//! never sees) it. A warning, silenced per role with `allowLints: [W0707]`
//! where a team knowingly keeps region-local keys.

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{AuthRole, Capability, Keyword, Topology};

const WRITES: [Capability; 4] = [Capability::Create, Capability::Update, Capability::Patch, Capability::Delete];

/// Whether a policy path pattern can match a path inside the mount
/// `kv` (`secret/...`): it names the mount, or its first segment is `+`,
/// or a `*` in the first segment covers the mount's name.
pub fn may_cover_mount(pattern: &str, kv: &str) -> bool {
    let pattern = pattern.trim_start_matches('/');
    let (first, rest) = match pattern.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (pattern, None),
    };
    if let Some(prefix) = first.strip_suffix('*')
        && rest.is_none()
    {
        return kv.starts_with(prefix);
    }
    rest.is_some() && (first == kv || first == "+")
}

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    let Some(primary) = t.primary() else { return };
    let primary = primary.location_code.as_str();
    let kv = t.openbao.kv_mount.as_str();
    for role in &t.auth_roles {
        let replicas = replica_regions(t, role, primary);
        if replicas.is_empty() {
            continue;
        }
        let mut grants = Vec::new();
        for policy in role.policies.iter().filter_map(|p| t.policy(p)) {
            for rule in policy.rules.iter().filter(|r| may_cover_mount(&r.path, kv)) {
                let writes: Vec<&str> = WRITES
                    .iter()
                    .filter(|w| rule.capabilities.iter().any(|c| c.value == **w))
                    .map(|w| w.word())
                    .collect();
                if !writes.is_empty() {
                    grants.push((policy, rule, writes));
                }
            }
        }
        if grants.is_empty() {
            continue;
        }
        let codes_list = replicas.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
        let (s, accept) = if replicas.len() == 1 { ("", "accepts") } else { ("s", "accept") };
        let mut d = Diagnostic::warning(
            codes::REPLICA_WRITE,
            role.name.span,
            format!(
                "auth role `{}` may write to the `{kv}` mount of replica region{s} {codes_list}, which {accept} writes from replication only",
                role.name
            ),
        )
        .label(if role.regions.is_some() {
            format!("its `regions` include the replica{s} {codes_list}")
        } else {
            format!("written to every region, replica{s} {codes_list} included")
        });
        for (policy, rule, writes) in &grants {
            d = d.with_secondary(
                rule.path.span,
                format!("policy `{}` grants {} on `{}`", policy.name, writes.join(", "), rule.path),
            );
        }
        diags.push(d.hint(format!(
            "a write to a replica is never copied to the primary or other regions, and the next replication run may overwrite it: write at the primary `{primary}` (a role with `regions: [{primary}]`), keep this role read-only, or add `allowLints: [{}]` to role `{}` if the keys are knowingly region-local",
            codes::REPLICA_WRITE,
            role.name
        )));
    }
}

/// The non-primary regions `role` is written to.
fn replica_regions<'t>(t: &'t Topology, role: &AuthRole, primary: &str) -> Vec<&'t str> {
    t.regions
        .iter()
        .map(|r| r.location_code.as_str())
        .filter(|code| *code != primary && crate::access::roles::role_in_region(role, code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::may_cover_mount;

    #[test]
    fn patterns_reaching_the_kv_mount_are_recognised() {
        for (pattern, covers) in [
            ("secret/data/app/*", true),
            ("/secret/metadata/app", true),
            ("secret/*", true),
            ("+/data/app", true),
            ("*", true),
            ("sec*", true),
            ("secret*", true),
            ("secrets/*", false),
            ("secret", false),
            ("other/data/*", false),
            ("sys/mounts/*", false),
            ("auth/*", false),
            ("s*x", false),
        ] {
            assert_eq!(may_cover_mount(pattern, "secret"), covers, "{pattern}");
        }
    }
}
