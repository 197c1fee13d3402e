//! The one-time bootstrap of a region (`bootstrap.sh`, written next to the
//! Job but not applied): what an operator runs once after `bao operator
//! init` (its header says how to init and unseal each pod with `kubectl
//! exec`), with the root token, so the configure Job can log in. It enables
//! and configures the `kubernetes` auth mount and writes the `sovc-configure`
//! policy and role; the Job does everything else.

use super::configure_identity;
use super::desired::{RegionConfig, kubernetes_mount};
use super::error::Problem;
use super::policy_hcl;
use super::script::compact_json;
use super::templates;
use crate::model::{Keyword, SealType};
use crate::naming;
use serde::Serialize;

#[derive(Serialize)]
struct Ctx {
    header: String,
    code: String,
    seal: &'static str,
    auto_unseal: bool,
    namespace: String,
    release: &'static str,
    pod0: String,
    pod0_host: String,
    internal_suffix: String,
    pod_indexes: String,
    url: String,
    active_url: String,
    mount: &'static str,
    role: &'static str,
    config_path: String,
    config_json: String,
    policy: String,
    role_path: String,
    role_json: String,
}

/// Renders `bootstrap.sh` for `cfg` (whose OpenBao uses `seal` and runs
/// `replicas` pods).
pub fn render(
    header: &str,
    cfg: &RegionConfig,
    seal: SealType,
    replicas: u32,
    domain: &str,
) -> Result<String, Problem> {
    let mount = kubernetes_mount();
    let configure_policy =
        cfg.policy(naming::CONFIGURE_ROLE).cloned().unwrap_or_else(configure_identity::policy_placeholder);
    let ctx = Ctx {
        header: header.to_string(),
        code: cfg.code.clone(),
        seal: seal.word(),
        auto_unseal: seal.is_auto_unseal(),
        namespace: cfg.namespace.clone(),
        release: naming::OPENBAO_RELEASE,
        pod0: naming::openbao_pod(0),
        pod0_host: naming::openbao_pod_host(0, &cfg.namespace),
        internal_suffix: naming::openbao_internal_domain(&cfg.namespace),
        pod_indexes: (0..replicas).map(|i| i.to_string()).collect::<Vec<_>>().join(" "),
        url: naming::bao_url(&cfg.code, domain),
        active_url: naming::bao_active_url(&cfg.namespace),
        mount: naming::KUBERNETES_AUTH_MOUNT,
        role: naming::CONFIGURE_ROLE,
        config_path: format!("auth/{}/config", mount.path),
        config_json: compact_json(&mount.config.unwrap_or_default()),
        policy: policy_hcl::render("", &configure_policy),
        role_path: configure_identity::role_path(),
        role_json: compact_json(&configure_identity::role_body(&cfg.namespace)),
    };
    templates::render("bootstrap.sh", ctx)
}
