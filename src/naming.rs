//! Names shared by every stage after validation: the one place that says
//! what sovc calls the things it creates (stores, auth mounts, derived roles
//! and policies, namespaces, hosts, output folders).
//!
//! The emitters (`lower`/`render`) and configuration delivery (`configure`)
//! must agree on these names, or a generated store logs in with a role that
//! no generated OpenBao configuration creates. Keep every such name here.
//!
//! The identities:
//!
//! | store | in | server | auth mount | role | can |
//! |---|---|---|---|---|---|
//! | `bao-local` | every region | local | `kubernetes` | reader | read materialised `data/` paths |
//! | `bao-primary` | every region | primary | `kubernetes` on the primary itself, `jwt-<code>` elsewhere | pusher | push paths whose `pushFrom` is this region |
//! | `bao-replication-source` | non-primary, replication on | primary | `jwt-<code>` | replicator | read paths replicated into `<code>` |
//! | `bao-replication-target` | non-primary, replication on | local | `kubernetes` | replicator | push the replicated paths locally |
//!
//! A "local" server is [`bao_active_url`] (in-cluster, no Ingress); the
//! primary seen from another region is [`bao_url`] (its Ingress host).

use crate::model::{Region, Topology};

/// The Kubernetes auth mount in every region's OpenBao (local cluster).
pub const KUBERNETES_AUTH_MOUNT: &str = "kubernetes";

/// Store applications' ExternalSecrets read: the region's own OpenBao.
pub const LOCAL_STORE: &str = "bao-local";
/// Store PushSecrets write to: the primary's OpenBao.
pub const PRIMARY_STORE: &str = "bao-primary";
/// Store replication ExternalSecrets read from (the primary), non-primary regions only.
pub const REPLICATION_SOURCE_STORE: &str = "bao-replication-source";
/// Store replication PushSecrets write to (the local OpenBao), non-primary regions only.
pub const REPLICATION_TARGET_STORE: &str = "bao-replication-target";

/// Derived reader role (Kubernetes auth, every region) and its policy.
pub const READER_ROLE: &str = "sovc-eso-reader";
/// Derived pusher role: on the primary's `kubernetes` mount for the primary's
/// own ESO, and on `jwt-<code>` for region `<code>`'s ESO.
pub const PUSHER_ROLE: &str = "sovc-eso-pusher";
/// Derived replicator role: on the primary's `jwt-<code>` mount (read) and on
/// replica `<code>`'s `kubernetes` mount (push).
pub const REPLICATOR_ROLE: &str = "sovc-replicator";
/// Role and policy the configure Job authenticates with (Kubernetes auth).
pub const CONFIGURE_ROLE: &str = "sovc-configure";
/// ServiceAccount the configure Job runs as, in the OpenBao namespace.
pub const CONFIGURE_SERVICE_ACCOUNT: &str = "sovc-configure";

/// Namespace holding replication's staging Secrets (non-primary regions).
pub const REPLICATION_NAMESPACE: &str = "sovc-replication";

/// The audience the ESO service-account tokens carry for OpenBao: the
/// derived Kubernetes-auth roles require it (`audience`) and the derived JWT
/// roles bind it (`bound_audiences`), so stores must request it.
pub const TOKEN_AUDIENCE: &str = "openbao";

/// Folder, under a region's folder, holding the OpenBao configuration the
/// configure Job applies (`<code>/openbao-config/`).
pub const OPENBAO_CONFIG_DIR: &str = "openbao-config";

/// Folders of a region's output directory, one per unit (`<code>/<dir>/`).
pub const OPENBAO_DIR: &str = "openbao";
/// HCL policy files (no Kubernetes objects; read by the configuration delivery).
pub const POLICIES_DIR: &str = "policies";
pub const STORES_DIR: &str = "stores";
pub const SECRETS_DIR: &str = "secrets";
pub const PUSH_DIR: &str = "push";
pub const REPLICATION_DIR: &str = "replication";
/// The file, in a region's folder, holding the region's Flux Kustomizations.
pub const FLUX_KUSTOMIZATIONS_FILE: &str = "flux-kustomizations.yaml";
/// Namespace of the generated Flux Kustomizations and of the Flux source.
pub const FLUX_NAMESPACE: &str = "flux-system";

/// The Helm release name of OpenBao (so the chart's fullname is `openbao`:
/// pods `openbao-<i>`, services `openbao-internal`, `openbao-active`).
pub const OPENBAO_RELEASE: &str = "openbao";
/// ConfigMap (OpenBao namespace) carrying `values.yaml` to the HelmRelease.
pub const OPENBAO_VALUES_CONFIGMAP: &str = "openbao-values";
/// Secret (OpenBao namespace) with the server certificate: `tls.crt`,
/// `tls.key` and `ca.crt`, the CA every store verifies OpenBao with.
pub const OPENBAO_TLS_SECRET: &str = "openbao-tls";
/// Key of the CA certificate in [`OPENBAO_TLS_SECRET`].
pub const CA_CERT_KEY: &str = "ca.crt";
/// Where the chart mounts a Secret listed in `server.extraVolumes`.
pub fn userconfig_dir(secret: &str) -> String {
    format!("/openbao/userconfig/{secret}")
}

/// The Flux Kustomization applying unit `dir` of a region (`sovc-stores`).
pub fn flux_kustomization(dir: &str) -> String {
    format!("sovc-{dir}")
}

/// The per-region access matrix (markdown, for review; not applied).
pub const ACCESS_MATRIX_FILE: &str = "access.md";

/// The JWT auth mount on the primary trusting region `code`'s cluster.
pub fn jwt_mount(code: &str) -> String {
    format!("jwt-{code}")
}

/// The `description` sovc gives every auth mount it derives (the
/// `jwt-<code>` mounts), set when it enables one: the configure Job
/// disables a `jwt-*` mount the region no longer needs only when it
/// carries exactly this text, so a mount someone else made is never lost.
pub const DERIVED_MOUNT_MARKER: &str = "sovc: derived cross-region trust; removed by sovc when no longer needed";

/// Prefix of the JWT mounts sovc derives ([`jwt_mount`]).
pub const JWT_MOUNT_PREFIX: &str = "jwt-";

/// Every role name sovc derives on the `kubernetes` mount. Users cannot
/// declare `sovc-` names (reserved), so a role of one of these names is
/// sovc's (`sovc-configure` is not among them: only the bootstrap writes it).
pub const DERIVED_ROLES: [&str; 3] = [READER_ROLE, PUSHER_ROLE, REPLICATOR_ROLE];
/// The role names sovc derives on a `jwt-<code>` mount.
pub const DERIVED_JWT_ROLES: [&str; 2] = [PUSHER_ROLE, REPLICATOR_ROLE];

/// The prefixes of every policy sovc derives for ESO and replication (each
/// followed by a location code). `sovc-configure` is not among them.
pub fn derived_policy_prefixes() -> [String; 4] {
    [reader_policy(""), pusher_policy(""), replicator_source_policy(""), replicator_target_policy("")]
}

/// Policy (on the primary) of the pusher role used by region `source`'s ESO.
pub fn pusher_policy(source: &str) -> String {
    format!("sovc-eso-pusher-{source}")
}

/// Policy (on the primary) letting replica `code` read what it replicates.
pub fn replicator_source_policy(code: &str) -> String {
    format!("sovc-replicator-source-{code}")
}

/// Policy (on replica `code`) letting replication push into the local KV.
pub fn replicator_target_policy(code: &str) -> String {
    format!("sovc-replicator-target-{code}")
}

/// Policy of the derived reader role in region `code`.
pub fn reader_policy(code: &str) -> String {
    format!("sovc-eso-reader-{code}")
}

/// The external host of region `code`'s OpenBao: `bao.<code>.<domain>`.
pub fn bao_host(code: &str, domain: &str) -> String {
    format!("bao.{code}.{domain}")
}

/// The external URL of region `code`'s OpenBao (through its Ingress): what
/// stores in other regions use to reach the primary.
pub fn bao_url(code: &str, domain: &str) -> String {
    format!("https://{}", bao_host(code, domain))
}

/// The DNS domain of OpenBao's pods in `namespace` (the chart's headless
/// `openbao-internal` service).
pub fn openbao_internal_domain(namespace: &str) -> String {
    format!("{OPENBAO_RELEASE}-internal.{namespace}.svc")
}

/// The name of OpenBao pod `index`.
pub fn openbao_pod(index: u32) -> String {
    format!("{OPENBAO_RELEASE}-{index}")
}

/// The in-cluster host name of OpenBao pod `index` in `namespace`.
pub fn openbao_pod_host(index: u32, namespace: &str) -> String {
    format!("{}.{}", openbao_pod(index), openbao_internal_domain(namespace))
}

/// In-cluster address of the active OpenBao node (the chart's
/// `openbao-active` service), used by the configure Job and by every
/// ClusterSecretStore that talks to its own region's OpenBao.
pub fn bao_active_url(namespace: &str) -> String {
    format!("https://openbao-active.{namespace}.svc:8200")
}

/// The name of the role `bao-local` stores log in with: the user's
/// `externalSecrets.readerRole` when set, else the derived reader.
pub fn reader_role(topology: &Topology) -> &str {
    topology.external_secrets.reader_role.as_ref().map_or(READER_ROLE, |r| r.value.as_str())
}

/// The name of the role region `code`'s `bao-primary` store logs in with.
/// On the primary: the user's `externalSecrets.pusherRole` when set (a
/// Kubernetes-auth role of the primary's own cluster), else the derived
/// pusher. Elsewhere always the derived pusher on `jwt-<code>`: a
/// Kubernetes-auth role cannot serve another cluster's ESO, and the derived
/// one grants exactly what that region pushes.
pub fn pusher_role<'t>(topology: &'t Topology, code: &str) -> &'t str {
    let on_primary = topology.primary().is_some_and(|p| p.location_code.value == code);
    match &topology.external_secrets.pusher_role {
        Some(r) if on_primary => r.value.as_str(),
        _ => PUSHER_ROLE,
    }
}

/// The auth mount region `region`'s ESO uses to reach the primary.
pub fn mount_on_primary(topology: &Topology, region: &Region) -> String {
    match topology.primary() {
        Some(p) if p.location_code.value == region.location_code.value => KUBERNETES_AUTH_MOUNT.to_string(),
        _ => jwt_mount(&region.location_code.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compose_as_documented() {
        assert_eq!(jwt_mount("hfrp"), "jwt-hfrp");
        assert_eq!(bao_url("hnmp", "omantel.openova.io"), "https://bao.hnmp.omantel.openova.io");
        assert_eq!(bao_active_url("openbao"), "https://openbao-active.openbao.svc:8200");
        assert_eq!(openbao_pod_host(2, "bao"), "openbao-2.openbao-internal.bao.svc");
        assert_eq!(pusher_policy("hlrp"), "sovc-eso-pusher-hlrp");
        assert!(jwt_mount("hfrp").starts_with(JWT_MOUNT_PREFIX));
        for prefix in derived_policy_prefixes() {
            assert!(prefix.starts_with("sovc-") && prefix.ends_with('-') && !CONFIGURE_ROLE.starts_with(&prefix));
        }
    }
}
