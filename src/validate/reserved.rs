//! Reserved names: user names that would collide with what sovc derives
//! (`src/naming.rs`) or with what OpenBao keeps for itself.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;
use crate::naming;

/// Policies OpenBao keeps: `root` and `response-wrapping` cannot be written,
/// and `default` is what every token (ESO's included) relies on.
const OPENBAO_POLICIES: &[&str] = &["root", "default", "response-wrapping"];
/// Mount paths OpenBao itself owns.
const OPENBAO_MOUNTS: &[&str] = &["sys", "auth", "identity", "cubbyhole", "token"];

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    for p in &t.policies {
        if OPENBAO_POLICIES.contains(&p.name.as_str()) {
            reserved(&p.name, "policy", "OpenBao's built-in policy", diags);
        } else {
            derived(&p.name, "policy", diags);
        }
    }
    for r in &t.auth_roles {
        derived(&r.name, "auth role", diags);
        if let Some(j) = &r.jwt {
            jwt_mount(t, &j.mount, diags);
        }
    }
    let kv = &t.openbao.kv_mount;
    if kv.span.is_real() {
        if OPENBAO_MOUNTS.contains(&kv.as_str()) {
            reserved(kv, "KV mount", "a path OpenBao itself uses", diags);
        } else if is_auth_mount(t, kv) {
            reserved(kv, "KV mount", "an auth mount sovc creates", diags);
        }
    }
    for s in &t.secrets {
        if s.namespace.as_str() == naming::REPLICATION_NAMESPACE {
            reserved(&s.namespace, "namespace", "the namespace of sovc's replication staging Secrets", diags);
        }
    }
}

/// `kubernetes`, `approle`, `cert` and `jwt-<location code>` are the auth
/// mounts sovc creates.
fn is_auth_mount(t: &Topology, name: &str) -> bool {
    [naming::KUBERNETES_AUTH_MOUNT, "approle", "cert"].contains(&name)
        || t.regions.iter().any(|r| naming::jwt_mount(&r.location_code) == name)
}

fn jwt_mount(t: &Topology, mount: &Sp<String>, diags: &mut Diagnostics) {
    if OPENBAO_MOUNTS.contains(&mount.as_str()) {
        reserved(mount, "auth mount", "a path OpenBao itself uses", diags);
    } else if is_auth_mount(t, mount) {
        reserved(mount, "auth mount", "an auth mount sovc creates for another purpose", diags);
    }
}

fn derived(name: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if name.starts_with("sovc-") {
        let plain = name.trim_start_matches("sovc-");
        diags.push(
            Diagnostic::error(codes::RESERVED_NAME, name.span, format!("{what} name `{name}` is reserved"))
                .label("`sovc-` names are the roles and policies sovc derives")
                .hint(if plain.is_empty() {
                    format!("choose a {what} name that does not start with `sovc-`")
                } else {
                    format!("did you mean `{plain}`? names starting with `sovc-` belong to sovc")
                }),
        );
    }
}

fn reserved(name: &Sp<String>, what: &str, owner: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(codes::RESERVED_NAME, name.span, format!("{what} name `{name}` is reserved"))
            .label(format!("`{name}` is {owner}"))
            .hint(format!("choose another {what} name")),
    );
}
