//! A region: one Kubernetes cluster with its own OpenBao.

use super::OpenBaoOverride;
use crate::diag::Sp;
use schemars::JsonSchema;
use serde::Serialize;

/// One region of the Sovereign.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Region {
    /// Short DNS label naming the region: its output directory, its
    /// OpenBao host `bao.<locationCode>.<domain>`, its JWT mount
    /// `jwt-<locationCode>` on the primary.
    #[schemars(regex(pattern = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"))]
    pub location_code: Sp<String>,
    /// The primary takes every write; exactly one region is primary.
    #[serde(default, skip_serializing_if = "is_false")]
    pub primary: Sp<bool>,
    /// Infrastructure provider (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Sp<String>>,
    /// The provider's region name (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_region: Option<Sp<String>>,
    /// The region's Kubernetes cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<Cluster>,
    /// Overrides of the shared `openbao` block for this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openbao: Option<OpenBaoOverride>,
}

fn is_false(b: &Sp<bool>) -> bool {
    !b.value
}

/// Facts about a region's cluster.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cluster {
    /// The cluster's service-account token issuer (its OIDC discovery URL,
    /// `https://...`). The primary trusts it for the region's ESO
    /// (`jwt-<locationCode>` mount); required for every non-primary region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Sp<String>>,
}
