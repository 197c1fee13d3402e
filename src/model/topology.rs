//! The root of the model: one Sovereign.

use super::{AuthRole, ExternalSecrets, Flux, Lints, OpenBao, Policy, Region, Replication, Secret};
use crate::diag::Sp;
use schemars::JsonSchema;
use serde::Serialize;

/// A Sovereign: one organisation's platform across regions, each a
/// Kubernetes cluster with its own 3-node Raft OpenBao; one region is the
/// primary that takes every write.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "sovc topology")]
pub struct Topology {
    /// The Sovereign's slug: `^[a-z][a-z0-9-]{2,31}$`.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9-]{2,31}$"))]
    pub sovereign: Sp<String>,
    /// The Sovereign's DNS domain (FQDN). Region hosts are
    /// `bao.<locationCode>.<domain>`.
    pub domain: Sp<String>,
    /// OpenBao installation shared by every region.
    #[serde(default)]
    pub openbao: OpenBao,
    /// External Secrets Operator installation in every cluster.
    #[serde(default)]
    pub external_secrets: ExternalSecrets,
    /// How secrets reach the non-primary regions.
    #[serde(default)]
    pub replication: Replication,
    /// Where Flux reads the generated tree.
    #[serde(default)]
    pub flux: Flux,
    /// The regions; exactly one is `primary: true`.
    pub regions: Vec<Region>,
    /// OpenBao ACL policies, written to every region.
    #[serde(default)]
    pub policies: Vec<Policy>,
    /// Auth roles: who may log in, and with which policies.
    #[serde(default)]
    pub auth_roles: Vec<AuthRole>,
    /// The secret catalogue: references only, never values.
    #[serde(default)]
    pub secrets: Vec<Secret>,
    /// Warnings silenced for the whole topology.
    #[serde(default, skip_serializing_if = "Lints::is_empty")]
    pub lints: Lints,
}

impl Topology {
    /// The primary region; `None` only for a topology that failed validation.
    pub fn primary(&self) -> Option<&Region> {
        self.regions.iter().find(|r| r.primary.value)
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.location_code.value == code)
    }

    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.name.value == name)
    }

    pub fn auth_role(&self, name: &str) -> Option<&AuthRole> {
        self.auth_roles.iter().find(|r| r.name.value == name)
    }
}
