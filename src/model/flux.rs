//! The `flux` section: where the generated tree lives in the Flux source.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// Kind of the Flux source holding the generated tree.
    pub enum SourceKind ("Flux source kind") {
        GitRepository = "GitRepository",
        OCIRepository = "OCIRepository",
        Bucket = "Bucket",
    }
}

/// How Flux finds and applies the generated tree.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flux {
    /// Repository-relative folder holding the generated tree (the
    /// Kustomizations' `spec.path` is `<path>/<locationCode>/...`).
    #[serde(default = "defaults::flux_path")]
    pub path: Sp<String>,
    /// The Flux source object the Kustomizations read from.
    #[serde(default)]
    pub source_ref: SourceRef,
    /// Reconcile interval of the generated Kustomizations.
    #[serde(default = "defaults::flux_interval")]
    pub interval: Sp<String>,
    /// `prune` of the generated Kustomizations: delete objects that left the tree.
    #[serde(default = "defaults::flux_prune")]
    pub prune: Sp<bool>,
    /// `wait` of the generated Kustomizations: a unit is Ready only when every
    /// object it applied is, so `dependsOn` orders real readiness.
    #[serde(default = "defaults::flux_wait")]
    pub wait: Sp<bool>,
    /// Name of the Flux Kustomization (in `flux-system`) that installs the
    /// External Secrets Operator in every cluster; the stores wait for it.
    #[serde(default = "defaults::flux_eso_kustomization")]
    pub external_secrets_kustomization: Sp<String>,
}

/// Reference to the Flux source object (in `flux-system`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceRef {
    /// Source kind.
    #[serde(default = "default_kind")]
    pub kind: Sp<SourceKind>,
    /// Source name.
    #[serde(default = "defaults::flux_source_name")]
    pub name: Sp<String>,
}

fn default_kind() -> Sp<SourceKind> {
    Sp::synthetic(SourceKind::GitRepository, Default::default())
}

impl Default for SourceRef {
    fn default() -> Self {
        SourceRef { kind: default_kind(), name: defaults::flux_source_name() }
    }
}

impl Default for Flux {
    fn default() -> Self {
        Flux {
            path: defaults::flux_path(),
            source_ref: SourceRef::default(),
            interval: defaults::flux_interval(),
            prune: defaults::flux_prune(),
            wait: defaults::flux_wait(),
            external_secrets_kustomization: defaults::flux_eso_kustomization(),
        }
    }
}
