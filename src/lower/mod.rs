//! Lowering: the validated model → a [`Plan`] of per-region artifacts.
//!
//! The plan is plain data (names, URLs, lists), already resolved: defaults
//! and per-region overrides applied, every store, role and folder name taken
//! from [`crate::naming`], the secrets each region reads, pushes and
//! replicates selected. It holds no YAML or HCL text: turning it into files
//! is the render stage's job (`crate::render`).

mod flux;
mod openbao;
mod plan;
pub mod select;
mod stores;
mod workloads;

pub use plan::*;

use crate::model::Topology;

/// Why a topology could not be lowered. Validation rejects these topologies
/// first; lowering still refuses them instead of emitting something wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerError {
    /// The topology field concerned (`openbao.seal.address`).
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for LowerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Sorted, distinct namespaces.
fn namespaces<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    names.cloned().collect::<std::collections::BTreeSet<_>>().into_iter().collect()
}

/// Lowers a valid topology into its plan, regions in topology order.
pub fn lower(topology: &Topology) -> Result<Plan, LowerError> {
    let primary = topology
        .primary()
        .ok_or_else(|| LowerError { field: "regions".into(), message: "no region is `primary: true`".into() })?;
    let mut regions = Vec::with_capacity(topology.regions.len());
    for region in &topology.regions {
        let code = region.location_code.value.clone();
        let is_primary = region.location_code.value == primary.location_code.value;
        let openbao = openbao::lower(topology, region)?;
        let external_secrets = workloads::external_secrets(topology, region);
        let push_secrets = workloads::push_secrets(topology, region);
        let served = stores::Served {
            readers: namespaces(external_secrets.iter().map(|e| &e.namespace)),
            pushers: namespaces(push_secrets.iter().map(|p| &p.namespace)),
        };
        let stores = stores::lower(topology, region, primary, served);
        let replication = workloads::replication(topology, region, is_primary);
        let policies = topology
            .policies
            .iter()
            .map(|p| PolicyPlan {
                name: p.name.value.clone(),
                description: p.description.as_ref().map(|d| d.value.clone()),
                rules: p
                    .rules
                    .iter()
                    .map(|r| RulePlan {
                        path: r.path.value.clone(),
                        capabilities: r.capabilities.iter().map(|c| c.value.to_string()).collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut plan = RegionPlan {
            code,
            primary: is_primary,
            openbao,
            policies,
            stores,
            external_secrets,
            push_secrets,
            replication,
            flux: Vec::new(),
        };
        plan.flux = flux::lower(topology, &plan);
        regions.push(plan);
    }
    Ok(Plan { regions })
}
