//! What one region's OpenBao must hold, as plain data: the KV v2 mount, the
//! auth mounts with their configuration, the ACL policies and the auth
//! roles (request bodies named exactly as OpenBao's API names the fields).
//!
//! [`region_config`] assembles it from the topology: the user's policies
//! and roles that apply to the region, the roles and policies sovc derives
//! for ESO ([`super::derived_roles`]) and the `sovc-configure` identity the
//! configure Job logs in with ([`super::configure_identity`]). Everything
//! downstream (the Job's script, the bootstrap, the self-initialisation)
//! renders this one value, so they cannot disagree.

use super::error::Problem;
use super::{configure_identity, derived_roles, user_roles};
use crate::model::{Region, Topology};
use crate::naming;
use serde_json::{Map, Value};

/// The Kubernetes API address OpenBao's Kubernetes auth reviews tokens
/// against: the local cluster, reached from inside OpenBao's own pods (the
/// CA and reviewer token default to the pod's service account).
pub const LOCAL_KUBERNETES_HOST: &str = "https://kubernetes.default.svc:443";

/// An auth method kind as OpenBao names it in `sys/auth/<mount>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    Kubernetes,
    Jwt,
    AppRole,
    Cert,
}

impl AuthKind {
    /// The `type` of `sys/auth/<mount>`.
    pub fn type_name(self) -> &'static str {
        match self {
            AuthKind::Kubernetes => "kubernetes",
            AuthKind::Jwt => "jwt",
            AuthKind::AppRole => "approle",
            AuthKind::Cert => "cert",
        }
    }

    /// The collection roles live in: `auth/<mount>/<collection>/<name>`
    /// (the cert method calls its roles `certs`).
    pub fn role_collection(self) -> &'static str {
        match self {
            AuthKind::Cert => "certs",
            _ => "role",
        }
    }
}

/// An auth mount and the body of its `auth/<mount>/config` (if it has one).
#[derive(Clone, Debug, PartialEq)]
pub struct AuthMount {
    pub path: String,
    pub kind: AuthKind,
    /// Body of `auth/<path>/config`; `None` for methods without one.
    pub config: Option<Map<String, Value>>,
    /// Derived by sovc (a `jwt-<code>` mount on the primary): enabled with
    /// [`naming::DERIVED_MOUNT_MARKER`] as its description, and disabled by
    /// the Job once no longer needed. User mounts and `kubernetes` are not.
    pub derived: bool,
}

/// One `path "..." { capabilities = [...] }` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRule {
    pub path: String,
    pub capabilities: Vec<String>,
}

/// An ACL policy: its name, an optional description (a comment in the
/// file) and its rules in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyDoc {
    pub name: String,
    pub description: Option<String>,
    pub rules: Vec<PolicyRule>,
}

/// An auth role: where it lives and the request body that writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleDoc {
    pub mount: String,
    pub kind: AuthKind,
    pub name: String,
    pub body: Map<String, Value>,
}

impl RoleDoc {
    /// The API path the role is written to (without `/v1/`).
    pub fn api_path(&self) -> String {
        format!("auth/{}/{}/{}", self.mount, self.kind.role_collection(), self.name)
    }
}

/// Everything one region's OpenBao must hold after configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionConfig {
    pub code: String,
    pub primary: bool,
    /// Namespace OpenBao (and the configure Job) runs in.
    pub namespace: String,
    /// The KV v2 mount path.
    pub kv_mount: String,
    /// Auth mounts, `kubernetes` first.
    pub mounts: Vec<AuthMount>,
    /// Policies: `sovc-configure` first, then the user's, then the derived.
    pub policies: Vec<PolicyDoc>,
    /// Roles: the user's, then the derived (`sovc-configure` is not here:
    /// the bootstrap creates it and the Job never rewrites its own login).
    pub roles: Vec<RoleDoc>,
}

impl RegionConfig {
    pub fn mount(&self, path: &str) -> Option<&AuthMount> {
        self.mounts.iter().find(|m| m.path == path)
    }

    pub fn policy(&self, name: &str) -> Option<&PolicyDoc> {
        self.policies.iter().find(|p| p.name == name)
    }

    pub fn role(&self, mount: &str, name: &str) -> Option<&RoleDoc> {
        self.roles.iter().find(|r| r.mount == mount && r.name == name)
    }
}

/// The auth mount of the local cluster's Kubernetes auth.
pub fn kubernetes_mount() -> AuthMount {
    let mut config = Map::new();
    config.insert("kubernetes_host".into(), Value::from(LOCAL_KUBERNETES_HOST));
    AuthMount {
        path: naming::KUBERNETES_AUTH_MOUNT.into(),
        kind: AuthKind::Kubernetes,
        config: Some(config),
        derived: false,
    }
}

/// Builds region `region`'s configuration. `ca_pems` holds the PEM text of
/// every cert role's `caFile`, read once by the caller.
pub fn region_config(
    topology: &Topology,
    region: &Region,
    ca_pems: &user_roles::CaPems,
) -> Result<RegionConfig, Vec<Problem>> {
    let code = region.location_code.value.clone();
    let primary = region.primary.value;
    let mut problems = Vec::new();
    let mut cfg = RegionConfig {
        code: code.clone(),
        primary,
        namespace: topology.openbao.namespace.value.clone(),
        kv_mount: topology.openbao.kv_mount.value.clone(),
        mounts: vec![kubernetes_mount()],
        policies: vec![configure_identity::policy_placeholder()],
        roles: Vec::new(),
    };

    // The primary trusts every other region's cluster through its own JWT mount.
    if primary {
        for other in topology.regions.iter().filter(|r| !r.primary.value) {
            cfg.mounts.push(derived_roles::region_jwt_mount(other));
        }
    }

    // Everything the user declared that reaches this region.
    cfg.policies.extend(user_roles::policies(topology));
    let user = user_roles::roles_in(topology, &code, ca_pems);
    for mount in user.mounts {
        add_mount(&mut cfg, mount, &mut problems);
    }
    cfg.roles.extend(user.roles);

    // What sovc derives for ESO.
    let derived = derived_roles::derive(topology, region);
    cfg.policies.extend(derived.policies);
    cfg.roles.extend(derived.roles);

    // Finally the configure identity's policy: exactly what the Job writes.
    cfg.policies[0] = configure_identity::policy(&cfg);

    if problems.is_empty() { Ok(cfg) } else { Err(problems) }
}

/// Adds a user auth mount, unless one with that path exists: then it must be
/// of the same kind and (for JWT) trust the same key source.
fn add_mount(cfg: &mut RegionConfig, mount: AuthMount, problems: &mut Vec<Problem>) {
    let Some(existing) = cfg.mounts.iter().find(|m| m.path == mount.path) else {
        cfg.mounts.push(mount);
        return;
    };
    if existing.kind != mount.kind {
        problems.push(Problem::MountClash {
            region: cfg.code.clone(),
            mount: mount.path.clone(),
            first: existing.kind.type_name().into(),
            second: mount.kind.type_name().into(),
        });
    } else if existing.config != mount.config {
        let url = |m: &AuthMount| {
            m.config
                .as_ref()
                .and_then(|c| c.get("oidc_discovery_url"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        problems.push(Problem::JwtMountDisagrees {
            region: cfg.code.clone(),
            mount: mount.path.clone(),
            first: url(existing),
            second: url(&mount),
        });
    }
}
