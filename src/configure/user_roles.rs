//! The user's policies and auth roles, translated into what OpenBao's API
//! takes: one request body per role with every field sovc models written
//! out (an unset field is written as its empty value, so removing it from
//! the topology also removes it from OpenBao), and the auth mounts the
//! roles need.
//!
//! A cert role's CA comes from its `caFile`, read relative to the topology
//! file by [`read_ca_files`] once, before any region is built.

use super::desired::{AuthKind, AuthMount, PolicyDoc, PolicyRule, RoleDoc};
use super::error::Problem;
use crate::diag::Span;
use crate::model::{AuthRole, Keyword, Method, Topology};
use crate::naming;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// The auth mount of AppRole roles.
pub const APPROLE_MOUNT: &str = "approle";
/// The auth mount of TLS certificate roles.
pub const CERT_MOUNT: &str = "cert";
/// Prefix of every name sovc derives; user policies and roles may not use it.
pub const RESERVED_PREFIX: &str = "sovc-";
/// Largest CA file read (a bundle of a few hundred certificates).
const MAX_CA_BYTES: u64 = 1024 * 1024;

/// PEM text of each cert role's CA, by role name.
pub type CaPems = BTreeMap<String, String>;

/// `file:line:column` of a value, or the file alone for a synthetic one.
pub fn location(source_name: &str, span: Span) -> String {
    if span.is_real() { format!("{source_name}:{}:{}", span.line, span.column) } else { source_name.to_string() }
}

/// Reads every cert role's `caFile` (relative to `base_dir`). The file must
/// hold at least one PEM certificate and no private key.
pub fn read_ca_files(topology: &Topology, base_dir: &Path, source_name: &str) -> Result<CaPems, Vec<Problem>> {
    let mut pems = CaPems::new();
    let mut problems = Vec::new();
    for role in &topology.auth_roles {
        let Some(cert) = &role.cert else { continue };
        let at = location(source_name, cert.ca_file.span);
        let rel = cert.ca_file.value.clone();
        match read_pem(&base_dir.join(&rel)) {
            Ok(text) if text.contains("PRIVATE KEY-----") => problems.push(Problem::CaFileNotCertificate {
                at,
                role: role.name.value.clone(),
                path: rel,
                reason: "holds a private key; it must hold only the CA certificate".into(),
            }),
            Ok(text) => match certificate_blocks(&text) {
                Some(blocks) => {
                    pems.insert(role.name.value.clone(), blocks);
                }
                None => problems.push(Problem::CaFileNotCertificate {
                    at,
                    role: role.name.value.clone(),
                    path: rel,
                    reason: "holds no complete PEM certificate (`-----BEGIN CERTIFICATE-----`)".into(),
                }),
            },
            Err(reason) => {
                problems.push(Problem::CaFileUnreadable { at, role: role.name.value.clone(), path: rel, reason })
            }
        }
    }
    if problems.is_empty() { Ok(pems) } else { Err(problems) }
}

/// The `CERTIFICATE` blocks of `text`, each line trimmed, without anything
/// around them (comments, other block types); `None` if there is none.
fn certificate_blocks(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        match line {
            "-----BEGIN CERTIFICATE-----" => inside = true,
            "-----END CERTIFICATE-----" if inside => {
                out.push_str(line);
                out.push('\n');
                inside = false;
                continue;
            }
            _ => {}
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    (!out.is_empty() && !inside).then_some(out)
}

fn read_pem(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CA_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CA_BYTES {
        return Err(format!("larger than {MAX_CA_BYTES} bytes"));
    }
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    // Normalise line endings so the output does not depend on the checkout.
    Ok(text.replace("\r\n", "\n"))
}

/// User policies and roles whose names collide with what sovc derives.
pub fn reserved_names(topology: &Topology, source_name: &str) -> Vec<Problem> {
    let policies = topology.policies.iter().map(|p| ("policy", &p.name));
    let roles = topology.auth_roles.iter().map(|r| ("auth role", &r.name));
    policies
        .chain(roles)
        .filter(|(_, name)| name.value.starts_with(RESERVED_PREFIX))
        .map(|(what, name)| Problem::ReservedName {
            at: location(source_name, name.span),
            what,
            name: name.value.clone(),
        })
        .collect()
}

/// Every user policy (each region gets all of them).
pub fn policies(topology: &Topology) -> Vec<PolicyDoc> {
    topology
        .policies
        .iter()
        .map(|p| PolicyDoc {
            name: p.name.value.clone(),
            description: p.description.as_ref().map(|d| d.value.clone()),
            rules: p
                .rules
                .iter()
                .map(|r| PolicyRule {
                    path: r.path.value.clone(),
                    capabilities: r.capabilities.iter().map(|c| c.value.word().to_string()).collect(),
                })
                .collect(),
        })
        .collect()
}

/// The user roles (and the mounts they live on) of one region.
pub struct UserRoles {
    pub mounts: Vec<AuthMount>,
    pub roles: Vec<RoleDoc>,
}

/// True when `role` is to be written in region `code`.
pub fn applies_to(role: &AuthRole, code: &str) -> bool {
    role.regions.as_ref().is_none_or(|rs| rs.iter().any(|r| r.value == code))
}

/// The user roles whose `regions` include `code`, in topology order.
pub fn roles_in(topology: &Topology, code: &str, ca_pems: &CaPems) -> UserRoles {
    let mut out = UserRoles { mounts: Vec::new(), roles: Vec::new() };
    for role in topology.auth_roles.iter().filter(|r| applies_to(r, code)) {
        let (mount, kind, mut body) = match role.method.value {
            Method::Kubernetes => {
                (naming::KUBERNETES_AUTH_MOUNT.to_string(), AuthKind::Kubernetes, kubernetes_body(role))
            }
            Method::AppRole => (APPROLE_MOUNT.to_string(), AuthKind::AppRole, approle_body(role)),
            Method::Jwt => {
                let mount = role.jwt.as_ref().map_or_else(|| "jwt".to_string(), |j| j.mount.value.clone());
                (mount, AuthKind::Jwt, jwt_body(role))
            }
            Method::Cert => (CERT_MOUNT.to_string(), AuthKind::Cert, cert_body(role, ca_pems)),
        };
        token_fields(role, &mut body);
        let config = mount_config(role);
        // Repeats are merged (and checked for agreement) by the caller.
        out.mounts.push(AuthMount { path: mount.clone(), kind, config, derived: false });
        out.roles.push(RoleDoc { mount, kind, name: role.name.value.clone(), body });
    }
    out
}

/// The `auth/<mount>/config` body a role's method needs (JWT only: the key
/// source; Kubernetes is configured by sovc itself; AppRole and cert have
/// none).
fn mount_config(role: &AuthRole) -> Option<Map<String, Value>> {
    match (role.method.value, &role.jwt) {
        (Method::Kubernetes, _) => super::desired::kubernetes_mount().config,
        (Method::Jwt, Some(jwt)) => {
            let mut c = Map::new();
            c.insert("oidc_discovery_url".into(), Value::from(jwt.oidc_discovery_url.value.as_str()));
            Some(c)
        }
        _ => None,
    }
}

fn strings(items: &[crate::diag::Sp<String>]) -> Value {
    Value::from(items.iter().map(|s| s.value.clone()).collect::<Vec<_>>())
}

fn kubernetes_body(role: &AuthRole) -> Map<String, Value> {
    let mut b = Map::new();
    if let Some(k) = &role.kubernetes {
        b.insert("bound_service_account_names".into(), strings(&k.service_accounts));
        b.insert("bound_service_account_namespaces".into(), strings(&k.namespaces));
        b.insert("audience".into(), Value::from(k.audience.as_ref().map_or("", |a| a.value.as_str())));
    }
    b
}

fn approle_body(role: &AuthRole) -> Map<String, Value> {
    let mut b = Map::new();
    if let Some(a) = &role.approle {
        b.insert("bind_secret_id".into(), Value::from(a.bind_secret_id.value));
        b.insert("secret_id_ttl".into(), duration(a.secret_id_ttl.as_ref()));
        b.insert("secret_id_num_uses".into(), Value::from(a.secret_id_num_uses.as_ref().map_or(0, |n| n.value)));
        b.insert("secret_id_bound_cidrs".into(), strings(&a.secret_id_bound_cidrs));
        b.insert("token_bound_cidrs".into(), strings(&a.token_bound_cidrs));
    }
    b
}

fn jwt_body(role: &AuthRole) -> Map<String, Value> {
    let mut b = Map::new();
    b.insert("role_type".into(), json!("jwt"));
    if let Some(j) = &role.jwt {
        b.insert("user_claim".into(), Value::from(j.user_claim.value.as_str()));
        b.insert("bound_audiences".into(), strings(&j.bound_audiences));
        b.insert("bound_subject".into(), Value::from(j.bound_subject.as_ref().map_or("", |s| s.value.as_str())));
        let claims: Map<String, Value> =
            j.bound_claims.iter().map(|(k, v)| (k.clone(), Value::from(v.value.as_str()))).collect();
        b.insert("bound_claims".into(), Value::Object(claims));
    }
    b
}

fn cert_body(role: &AuthRole, ca_pems: &CaPems) -> Map<String, Value> {
    let mut b = Map::new();
    if let Some(c) = &role.cert {
        let pem = ca_pems.get(&role.name.value).cloned().unwrap_or_default();
        b.insert("certificate".into(), Value::from(pem));
        b.insert("allowed_uri_sans".into(), strings(&c.allowed_uri_sans));
        b.insert("allowed_common_names".into(), strings(&c.allowed_common_names));
        b.insert("allowed_dns_sans".into(), strings(&c.allowed_dns_sans));
    }
    b
}

/// The token fields every role carries; `default` stays attached.
fn token_fields(role: &AuthRole, body: &mut Map<String, Value>) {
    body.insert("token_policies".into(), strings(&role.policies));
    body.insert("token_ttl".into(), duration(role.token_ttl.as_ref()));
    body.insert("token_max_ttl".into(), duration(role.token_max_ttl.as_ref()));
    body.insert("token_no_default_policy".into(), Value::from(false));
}

/// A duration as given, or `0` (the system default) when unset.
fn duration(d: Option<&crate::diag::Sp<String>>) -> Value {
    d.map_or(Value::from(0), |d| Value::from(d.value.as_str()))
}
