//! The `openbao` section: how every region's OpenBao is installed, and the
//! per-region overrides of it.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Serialize;

/// The OpenBao installation shared by every region. Every field is optional;
/// the defaults are the production shape: a 3-node Raft cluster from the
/// upstream chart, Shamir-sealed, with its KV v2 mount at `secret`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenBao {
    /// Kubernetes namespace OpenBao runs in, in every region.
    #[serde(default = "defaults::openbao_namespace")]
    pub namespace: Sp<String>,
    /// The Helm chart OpenBao is installed from.
    #[serde(default)]
    pub chart: Chart,
    /// Raft voters per region: odd, at least 1 (3 or 5 in production).
    #[serde(default = "defaults::replicas")]
    #[schemars(range(min = 1, max = 9))]
    pub replicas: Sp<u32>,
    /// Raft data volume of each OpenBao pod.
    #[serde(default)]
    pub storage: Storage,
    /// IngressClass of the `bao.<locationCode>.<domain>` Ingress; the
    /// cluster's default class when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_class_name: Option<Sp<String>>,
    /// Annotations of the `bao.<locationCode>.<domain>` Ingress. OpenBao
    /// serves TLS itself, so the ingress controller must talk HTTPS to the
    /// pods or pass TLS through: set its controller-specific annotation here
    /// (e.g. `nginx.ingress.kubernetes.io/backend-protocol: HTTPS`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub ingress_annotations: IndexMap<Sp<String>, Sp<String>>,
    /// The KV v2 secrets engine mount every catalogued secret lives in.
    #[serde(default = "defaults::kv_mount")]
    pub kv_mount: Sp<String>,
    /// How OpenBao's barrier key is protected: a seal type (`shamir`), or a
    /// map with `type` and the seal's settings. Only auto-unseal seals allow
    /// self-initialisation.
    #[serde(default)]
    pub seal: Seal,
}

/// Where the OpenBao Helm chart comes from.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Chart {
    /// Chart repository: an `https://` Helm repository or an `oci://`
    /// registry path (the chart `openbao` is taken from it).
    #[serde(default = "defaults::chart_repository")]
    pub repository: Sp<String>,
    /// Exact chart version (semantic version, e.g. `0.29.2`).
    #[serde(default = "defaults::chart_version")]
    pub version: Sp<String>,
}

/// The Raft data volume.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Storage {
    /// Volume size as a Kubernetes quantity (`10Gi`).
    #[serde(default = "defaults::storage_size")]
    pub size: Sp<String>,
    /// StorageClass; the cluster default when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<Sp<String>>,
}

keyword! {
    /// How OpenBao unseals.
    pub enum SealType ("seal type") {
        /// Key shares held by operators; every restart needs a manual unseal.
        Shamir = "shamir",
        /// A 32-byte key from a Kubernetes Secret (auto-unseal).
        Static = "static",
        /// Another OpenBao/Vault's transit engine (auto-unseal).
        Transit = "transit",
        /// AWS KMS (auto-unseal).
        AwsKms = "awskms",
        /// Google Cloud KMS (auto-unseal).
        GcpCkms = "gcpckms",
        /// Azure Key Vault (auto-unseal).
        AzureKeyVault = "azurekeyvault",
    }
}

impl SealType {
    /// Auto-unseal seals let OpenBao unseal (and self-initialise) alone.
    pub fn is_auto_unseal(self) -> bool {
        self != SealType::Shamir
    }
}

/// The seal and its settings. Settings name places (Secrets, key names,
/// URLs), never key material: credentials come from Kubernetes Secrets.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seal {
    /// The seal type.
    #[serde(rename = "type")]
    pub kind: Sp<SealType>,
    /// static: Secret in the OpenBao namespace holding the key under `key`
    /// (default `openbao-unseal`). transit, gcpckms, azurekeyvault: Secret
    /// whose keys become the seal's environment (token, credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<Sp<String>>,
    /// static: the key's id (`current_key_id`), default `k1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<Sp<String>>,
    /// transit: the transit server's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Sp<String>>,
    /// transit: mount path of the transit engine (default `transit/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_path: Option<Sp<String>>,
    /// transit, azurekeyvault: name of the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<Sp<String>>,
    /// awskms: the KMS key id or alias. gcpckms: the crypto key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Sp<String>>,
    /// awskms, gcpckms: cloud region of the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Sp<String>>,
    /// gcpckms: project id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Sp<String>>,
    /// gcpckms: key ring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ring: Option<Sp<String>>,
    /// azurekeyvault: tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<Sp<String>>,
    /// azurekeyvault: vault name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_name: Option<Sp<String>>,
}

impl Default for Seal {
    fn default() -> Self {
        Seal::of(Sp::synthetic(SealType::Shamir, Default::default()))
    }
}

impl Seal {
    pub fn of(kind: Sp<SealType>) -> Self {
        Seal {
            kind,
            secret_name: None,
            key_id: None,
            address: None,
            mount_path: None,
            key_name: None,
            key: None,
            region: None,
            project: None,
            key_ring: None,
            tenant_id: None,
            vault_name: None,
        }
    }
}

impl Default for OpenBao {
    fn default() -> Self {
        OpenBao {
            namespace: defaults::openbao_namespace(),
            chart: Chart::default(),
            replicas: defaults::replicas(),
            storage: Storage::default(),
            ingress_class_name: None,
            ingress_annotations: IndexMap::new(),
            kv_mount: defaults::kv_mount(),
            seal: Seal::default(),
        }
    }
}

impl Default for Chart {
    fn default() -> Self {
        Chart { repository: defaults::chart_repository(), version: defaults::chart_version() }
    }
}

impl Default for Storage {
    fn default() -> Self {
        Storage { size: defaults::storage_size(), class: None }
    }
}

/// A region's override of the Raft data volume: only what it sets differs
/// from the shared `storage`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageOverride {
    /// Volume size in this region, a Kubernetes quantity (`20Gi`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Sp<String>>,
    /// StorageClass in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<Sp<String>>,
}

/// Per-region overrides of the shared `openbao` block; what is omitted is
/// taken from it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenBaoOverride {
    /// Raft voters in this region (odd, at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 9))]
    pub replicas: Option<Sp<u32>>,
    /// Raft data volume in this region; each field omitted here is taken
    /// from the shared `storage` (field by field, not the whole block).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageOverride>,
    /// IngressClass in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_class_name: Option<Sp<String>>,
    /// Ingress annotations in this region, merged key by key over the shared
    /// `ingressAnnotations` (a key set here wins).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub ingress_annotations: IndexMap<Sp<String>, Sp<String>>,
    /// Seal of this region's OpenBao.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
}
