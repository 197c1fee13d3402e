//! OpenBao configuration delivery (SPEC §5): what each region's OpenBao must
//! hold, and the files that put it there, under
//! `<code>/openbao-config/` ([`naming::OPENBAO_CONFIG_DIR`]):
//!
//! | file | what |
//! |---|---|
//! | `kustomization.yaml` | the objects below; the ConfigMap is generated from `configure.sh` and `policies/` |
//! | `serviceaccount.yaml` | the Job's identity (Kubernetes auth role `sovc-configure`) |
//! | `job.yaml` | `sovc-configure-<hash>`: runs `configure.sh` with the `bao` CLI |
//! | `configure.sh` | idempotent: mounts, policies, roles, mount configs, then removes the derived objects the region no longer needs ([`prune`]) |
//! | `policies/<name>.hcl` | every policy, in `bao policy fmt` layout |
//! | `bootstrap.sh` | one-time, run by an operator after `bao operator init` (not applied) |
//!
//! For auto-unseal regions, [`self_init`] gives the OpenBao self-initialisation
//! that replaces the manual bootstrap.

mod bootstrap;
pub mod configure_identity;
pub mod derived_roles;
pub mod desired;
mod error;
pub mod guard;
pub mod job;
pub mod policy_hcl;
pub mod prune;
pub mod script;
pub mod self_init;
mod templates;
pub mod user_roles;

pub use desired::RegionConfig;
pub use error::{ConfigureError, Problem};

use crate::model::Topology;
use crate::naming;
use crate::output::{OutputFile, header};
use std::path::Path;

/// Every region's configuration, in topology order.
pub fn region_configs(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<RegionConfig>, ConfigureError> {
    let mut problems = user_roles::reserved_names(topology, source_name);
    let ca_pems = match user_roles::read_ca_files(topology, base_dir, source_name) {
        Ok(p) => p,
        Err(mut e) => {
            problems.append(&mut e);
            Default::default()
        }
    };
    let mut configs = Vec::new();
    for region in &topology.regions {
        match desired::region_config(topology, region, &ca_pems) {
            Ok(c) => configs.push(c),
            Err(mut e) => problems.append(&mut e),
        }
    }
    if problems.is_empty() { Ok(configs) } else { Err(problems.into()) }
}

/// The files of every region's `<code>/openbao-config/` folder. `source_name`
/// is the topology file as named on the command line (for the header);
/// `base_dir` is its folder (cert roles' `caFile` is relative to it).
pub fn configure_files(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<OutputFile>, ConfigureError> {
    config_files_of(topology, &region_configs(topology, source_name, base_dir)?, source_name)
}

/// Both [`configure_files`] and [`self_init_files`], from one computation of
/// every region's configuration (what `generate` writes).
pub fn openbao_config_and_self_init_files(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<OutputFile>, ConfigureError> {
    let configs = region_configs(topology, source_name, base_dir)?;
    let mut files = config_files_of(topology, &configs, source_name)?;
    files.extend(self_init_files_of(topology, &configs, source_name)?);
    Ok(files)
}

fn config_files_of(
    topology: &Topology,
    configs: &[RegionConfig],
    source_name: &str,
) -> Result<Vec<OutputFile>, ConfigureError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (region, cfg) in topology.regions.iter().zip(configs) {
        match region_files(topology, region, cfg, source_name) {
            Ok(mut f) => files.append(&mut f),
            Err(p) => problems.push(p),
        }
    }
    problems.extend(guard::check(&files));
    if problems.is_empty() { Ok(files) } else { Err(problems.into()) }
}

/// The `<code>/openbao/sovc-self-init.yaml` ConfigMaps of the auto-unseal
/// regions (the emitted OpenBao unit applies them; see [`self_init`]).
pub fn self_init_files(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<OutputFile>, ConfigureError> {
    self_init_files_of(topology, &region_configs(topology, source_name, base_dir)?, source_name)
}

fn self_init_files_of(
    topology: &Topology,
    configs: &[RegionConfig],
    source_name: &str,
) -> Result<Vec<OutputFile>, ConfigureError> {
    let mut files = Vec::new();
    for (region, cfg) in topology.regions.iter().zip(configs) {
        let seal = self_init::seal_of(topology, region);
        let replicas = self_init::replicas_of(topology, region);
        if let Some(f) = self_init::configmap_file(source_name, cfg, seal, replicas)? {
            files.push(f);
        }
    }
    let problems = guard::check(&files);
    if problems.is_empty() { Ok(files) } else { Err(problems.into()) }
}

fn region_files(
    topology: &Topology,
    region: &crate::model::Region,
    cfg: &RegionConfig,
    source_name: &str,
) -> Result<Vec<OutputFile>, Problem> {
    let h = header(source_name);
    let dir = format!("{}/{}", cfg.code, naming::OPENBAO_CONFIG_DIR);
    let script = script::render(&h, cfg)?;
    let policies: Vec<(String, String)> =
        cfg.policies.iter().map(|p| (p.name.clone(), policy_hcl::render(&h, p))).collect();

    let mut cm_files =
        vec![job::ConfigFile { key: script::SCRIPT_FILE.into(), path: script::SCRIPT_FILE.into(), contents: &script }];
    for (name, text) in &policies {
        cm_files.push(job::ConfigFile {
            key: script::policy_key(name),
            path: script::policy_file(name),
            contents: text,
        });
    }
    let inputs = job::JobInputs {
        header: &h,
        code: &cfg.code,
        namespace: &cfg.namespace,
        image: job::image_for_chart(&topology.openbao.chart.version.value),
        files: cm_files,
    };
    let seal = self_init::seal_of(topology, region);

    let mut out = vec![
        OutputFile { path: format!("{dir}/kustomization.yaml"), contents: job::render_kustomization(&inputs)? },
        OutputFile { path: format!("{dir}/serviceaccount.yaml"), contents: job::render_service_account(&inputs)? },
        OutputFile { path: format!("{dir}/job.yaml"), contents: job::render_job(&inputs)? },
        OutputFile { path: format!("{dir}/{}", script::SCRIPT_FILE), contents: script.clone() },
        OutputFile {
            path: format!("{dir}/bootstrap.sh"),
            contents: bootstrap::render(
                &h,
                cfg,
                seal,
                self_init::replicas_of(topology, region),
                &topology.domain.value,
            )?,
        },
    ];
    for (name, text) in policies {
        out.push(OutputFile { path: format!("{dir}/{}", script::policy_file(&name)), contents: text });
    }
    Ok(out)
}
