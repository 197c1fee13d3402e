//! The plan's data types: one [`RegionPlan`] per region, one field per unit
//! of the region's folder. Serialisable, because templates read them.

use serde::Serialize;

/// Everything to generate, per region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub regions: Vec<RegionPlan>,
}

/// One region's folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionPlan {
    /// The location code: the folder name.
    pub code: String,
    pub primary: bool,
    /// `openbao/`: the OpenBao installation.
    pub openbao: OpenBaoPlan,
    /// `policies/`: the ACL policies, every one in every region.
    pub policies: Vec<PolicyPlan>,
    /// `stores/`: the ClusterSecretStores, in naming-table order.
    pub stores: Vec<StorePlan>,
    /// `secrets/`: applications' ExternalSecrets, by name.
    pub external_secrets: Vec<ExternalSecretPlan>,
    /// `push/`: PushSecrets to the primary, by name.
    pub push_secrets: Vec<PushSecretPlan>,
    /// `replication/`: non-primary regions with replication on and
    /// something to replicate.
    pub replication: Option<ReplicationPlan>,
    /// The region's Flux Kustomizations, in dependency order.
    pub flux: Vec<FluxKustomizationPlan>,
}

/// OpenBao in one region: Helm source, release and values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenBaoPlan {
    pub namespace: String,
    pub release_name: String,
    pub chart: ChartPlan,
    /// HelmRelease (and source) reconcile interval.
    pub interval: String,
    /// ConfigMap generated from `values.yaml`, read by `valuesFrom`.
    pub values_configmap: String,
    pub values: ValuesPlan,
    pub server: ServerConfigPlan,
}

/// Where Flux fetches the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPlan {
    /// `HelmRepository` (https repository) or `OCIRepository` (oci://).
    pub kind: String,
    /// The source object's name (in the OpenBao namespace).
    pub source_name: String,
    /// Repository URL; for OCI the chart's own URL (`…/openbao`).
    pub url: String,
    pub chart: String,
    pub version: String,
}

/// What `values.yaml` sets besides the server configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValuesPlan {
    pub replicas: u32,
    pub storage_size: String,
    pub storage_class: Option<String>,
    pub ingress_class: Option<String>,
    /// The Ingress's annotations, shared then the region's, sorted by key.
    pub ingress_annotations: Vec<Setting>,
    /// `bao.<code>.<domain>`.
    pub host: String,
    pub tls_secret: String,
    /// `BAO_CACERT` for the pods' own `bao` CLI.
    pub ca_cert_file: String,
    /// Secrets mounted under `/openbao/userconfig/<name>/`.
    pub secret_volumes: Vec<String>,
    /// Environment variables taken from Secrets (seal credentials).
    pub secret_env: Vec<SecretEnvPlan>,
    /// sovc's self-initialisation (auto-unseal seals only; see
    /// `configure::self_init`): a ConfigMap volume and `server.extraArgs`.
    pub self_init: Option<SelfInitPlan>,
}

/// The chart values that load the self-initialisation on pod 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfInitPlan {
    /// ConfigMap mounted through `server.extraVolumes` (`type: configMap`).
    pub config_map: String,
    /// `server.extraArgs`: prints `-config=<stanza file>` on pod 0 only.
    pub extra_args: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretEnvPlan {
    pub env_name: String,
    pub secret_name: String,
    pub secret_key: String,
}

/// The HCL server configuration (`server.ha.raft.config`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerConfigPlan {
    pub cluster_name: String,
    pub tls_cert_file: String,
    pub tls_key_file: String,
    pub tls_ca_file: String,
    pub data_path: String,
    /// `leader_api_addr` of every pod, one `retry_join` each.
    pub retry_join: Vec<String>,
    /// The seal stanza; `None` for Shamir.
    pub seal: Option<SealPlan>,
}

/// `seal "<kind>" { key = "value" … }`, settings in emission order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SealPlan {
    pub kind: String,
    pub settings: Vec<Setting>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    pub key: String,
    pub value: String,
}

/// One ACL policy file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyPlan {
    pub name: String,
    pub description: Option<String>,
    pub rules: Vec<RulePlan>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulePlan {
    pub path: String,
    pub capabilities: Vec<String>,
}

/// A ClusterSecretStore (ESO vault provider talking to OpenBao).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorePlan {
    pub name: String,
    pub api_version: String,
    pub server: String,
    /// The KV v2 mount (`path`).
    pub kv_mount: String,
    pub ca_secret: String,
    pub ca_key: String,
    pub ca_namespace: String,
    pub auth: StoreAuthPlan,
    /// The only namespaces allowed to use the store (`spec.conditions`),
    /// sorted; empty = no namespace (never "every namespace").
    pub namespaces: Vec<String>,
}

/// How the store logs in: Kubernetes auth with a TokenRequest token for
/// ESO's service account, or JWT auth with such a token (cross-cluster).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreAuthPlan {
    /// `kubernetes` or `jwt`.
    pub method: String,
    pub mount: String,
    pub role: String,
    pub service_account: String,
    pub service_account_namespace: String,
    pub audience: String,
}

/// An ExternalSecret: one KV key into one Kubernetes Secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExternalSecretPlan {
    pub name: String,
    pub namespace: String,
    pub api_version: String,
    pub store: String,
    pub refresh_interval: String,
    /// KV key relative to the store's mount.
    pub remote_key: String,
    /// Properties to copy; `None` = the whole map (`dataFrom.extract`).
    pub keys: Option<Vec<String>>,
}

/// A PushSecret: one Kubernetes Secret into one KV key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PushSecretPlan {
    pub name: String,
    pub namespace: String,
    pub store: String,
    pub refresh_interval: String,
    /// The Kubernetes Secret pushed.
    pub secret_name: String,
    pub remote_key: String,
    /// Keys pushed one by one as properties; `None` = the whole Secret.
    pub keys: Option<Vec<String>>,
    /// `None`: removing the PushSecret never deletes the KV entry.
    pub deletion_policy: String,
}

/// Replication into a non-primary region: per secret, an ExternalSecret
/// from the primary into a staging Secret and a PushSecret of it into the
/// local OpenBao, all in the replication namespace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicationPlan {
    pub namespace: String,
    pub external_secrets: Vec<ExternalSecretPlan>,
    pub push_secrets: Vec<PushSecretPlan>,
}

/// A Flux Kustomization applying one unit folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FluxKustomizationPlan {
    pub name: String,
    pub namespace: String,
    /// `<flux.path>/<code>/<dir>`.
    pub path: String,
    pub interval: String,
    pub prune: bool,
    pub wait: bool,
    pub source_kind: String,
    pub source_name: String,
    /// Names of the Kustomizations (same namespace) this one waits for.
    pub depends_on: Vec<String>,
}
