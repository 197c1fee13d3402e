//! The region's Flux Kustomizations: one per unit folder, ordered with
//! `dependsOn`: openbao → openbao-config → stores (also after the ESO
//! installation) → secrets / push / replication.

use super::{FluxKustomizationPlan, RegionPlan};
use crate::model::Topology;
use crate::naming;

pub fn lower(topology: &Topology, region: &RegionPlan) -> Vec<FluxKustomizationPlan> {
    let flux = &topology.flux;
    let base = flux.path.value.trim_end_matches('/');
    let unit = |dir: &str, depends_on: Vec<String>| FluxKustomizationPlan {
        name: naming::flux_kustomization(dir),
        namespace: naming::FLUX_NAMESPACE.to_string(),
        path: format!("{base}/{}/{dir}", region.code),
        interval: flux.interval.value.clone(),
        prune: flux.prune.value,
        wait: flux.wait.value,
        source_kind: flux.source_ref.kind.value.to_string(),
        source_name: flux.source_ref.name.value.clone(),
        depends_on,
    };
    let openbao = naming::flux_kustomization(naming::OPENBAO_DIR);
    let config = naming::flux_kustomization(naming::OPENBAO_CONFIG_DIR);
    let stores = naming::flux_kustomization(naming::STORES_DIR);
    let mut units = vec![
        unit(naming::OPENBAO_DIR, vec![]),
        unit(naming::OPENBAO_CONFIG_DIR, vec![openbao]),
        unit(naming::STORES_DIR, vec![flux.external_secrets_kustomization.value.clone(), config]),
    ];
    if !region.external_secrets.is_empty() {
        units.push(unit(naming::SECRETS_DIR, vec![stores.clone()]));
    }
    if !region.push_secrets.is_empty() {
        units.push(unit(naming::PUSH_DIR, vec![stores.clone()]));
    }
    if region.replication.is_some() {
        units.push(unit(naming::REPLICATION_DIR, vec![stores]));
    }
    units
}
