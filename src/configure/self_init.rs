//! OpenBao self-initialisation for auto-unseal regions (`initialize`
//! stanza, OpenBao >= 2.4; reference/openbao-auth-and-init.md §7): at the
//! first start on empty storage OpenBao itself seeds what the bootstrap
//! would, so the configure Job can log in without an operator.
//!
//! The HA race (openbao#2274: every node with the stanza and empty storage
//! initialises a cluster of its own) is handled by loading the stanza on one
//! node only: the stanza lives in its own file in the ConfigMap
//! `sovc-self-init`, and `select.sh` (run from the chart's
//! `server.extraArgs`) adds `-config=<that file>` only on ordinal 0 and only
//! while no peer answers as initialised. Nothing here passes through the
//! chart's `tpl` or `sed` (it is not part of the server config string).

use super::configure_identity;
use super::desired::{RegionConfig, kubernetes_mount};
use super::error::Problem;
use super::policy_hcl;
use super::templates;
use crate::model::{Keyword, Region, SealType, Topology};
use crate::naming;
use crate::output::{OutputFile, header};
use serde::Serialize;
use serde_json::{Map, Value};

/// The ConfigMap holding the stanza and the selector script.
pub const CONFIGMAP: &str = "sovc-self-init";
/// Key (file name) of the stanza in the ConfigMap.
pub const HCL_KEY: &str = "self-init.hcl";
/// Key (file name) of the selector script in the ConfigMap.
pub const SELECT_KEY: &str = "select.sh";
/// Where the chart mounts an `extraVolumes` entry named [`CONFIGMAP`].
pub const MOUNT_DIR: &str = "/openbao/userconfig/sovc-self-init";
/// The file, in the emitted `<code>/openbao/` folder, holding the ConfigMap.
pub const FILE: &str = "sovc-self-init.yaml";

/// The seal of `region`'s OpenBao (its override, else the shared one).
pub fn seal_of(topology: &Topology, region: &Region) -> SealType {
    region.openbao.as_ref().and_then(|o| o.seal.as_ref()).unwrap_or(&topology.openbao.seal).kind.value
}

/// The Raft voters of `region`.
pub fn replicas_of(topology: &Topology, region: &Region) -> u32 {
    region.openbao.as_ref().and_then(|o| o.replicas.as_ref()).unwrap_or(&topology.openbao.replicas).value
}

/// What the emitted Helm values need for self-initialisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfInitValues {
    /// `server.extraVolumes` entry: `{type: configMap, name: <this>}`.
    pub config_map: &'static str,
    /// `server.extraArgs`.
    pub extra_args: String,
}

/// The values `region` needs, or `None` when its seal is Shamir.
pub fn values(topology: &Topology, region: &Region) -> Option<SelfInitValues> {
    seal_of(topology, region)
        .is_auto_unseal()
        .then(|| SelfInitValues { config_map: CONFIGMAP, extra_args: format!("$(sh {MOUNT_DIR}/{SELECT_KEY})") })
}

/// `s` as an HCL v1 value at `indent` (objects become nested blocks).
fn hcl_value(v: &Value, indent: usize) -> String {
    match v {
        Value::String(s) => policy_hcl::quote(s),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| hcl_value(i, indent)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map) => hcl_object(map, indent),
        other => other.to_string(),
    }
}

fn hcl_object(map: &Map<String, Value>, indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let mut out = String::from("{\n");
    for (k, v) in map {
        out.push_str(&format!("{pad}{k} = {}\n", hcl_value(v, indent + 1)));
    }
    out.push_str(&"  ".repeat(indent));
    out.push('}');
    out
}

/// One `request` block.
fn request(name: &str, path: &str, data: &str) -> String {
    format!(
        "  request \"{name}\" {{\n    operation = \"update\"\n    path      = {}\n    data      = {data}\n  }}\n",
        policy_hcl::quote(path)
    )
}

/// The `initialize` stanza for `cfg`: enable and configure the Kubernetes
/// auth mount, write the configure policy (as a heredoc) and role.
pub fn stanza(cfg: &RegionConfig) -> String {
    let mount = kubernetes_mount();
    let mut enable = Map::new();
    enable.insert("type".into(), Value::from(mount.kind.type_name()));
    let policy = cfg.policy(naming::CONFIGURE_ROLE).cloned().unwrap_or_else(configure_identity::policy_placeholder);
    let policy_text = policy_hcl::render("", &policy);
    let mut out = String::from("initialize \"sovc_bootstrap\" {\n");
    out.push_str(&request("enable_kubernetes_auth", &format!("sys/auth/{}", mount.path), &hcl_object(&enable, 2)));
    out.push('\n');
    out.push_str(&request(
        "configure_kubernetes_auth",
        &format!("auth/{}/config", mount.path),
        &hcl_object(&mount.config.unwrap_or_default(), 2),
    ));
    out.push('\n');
    out.push_str(&request(
        "configure_policy",
        &format!("sys/policies/acl/{}", naming::CONFIGURE_ROLE),
        &format!("{{\n      policy = <<EOP\n{policy_text}EOP\n    }}"),
    ));
    out.push('\n');
    out.push_str(&request(
        "configure_role",
        &configure_identity::role_path(),
        &hcl_object(&configure_identity::role_body(&cfg.namespace), 2),
    ));
    out.push_str("}\n");
    out
}

#[derive(Serialize)]
struct HclCtx {
    header: String,
    code: String,
    seal: &'static str,
    mount: &'static str,
    role: &'static str,
    body: String,
}

/// The self-initialisation config text of `cfg` (seal `seal`), or `None`
/// when the seal is Shamir (self-initialisation needs auto-unseal). It has
/// no "generated by" line of its own: the file carrying it has one, and the
/// text is the same whichever topology file (YAML or KDL) it came from.
pub fn config_text(cfg: &RegionConfig, seal: SealType) -> Result<Option<String>, Problem> {
    if !seal.is_auto_unseal() {
        return Ok(None);
    }
    let body = stanza(cfg);
    templates::render(
        "self-init.hcl",
        HclCtx {
            header: String::new(),
            code: cfg.code.clone(),
            seal: seal.word(),
            mount: naming::KUBERNETES_AUTH_MOUNT,
            role: naming::CONFIGURE_ROLE,
            body: body.trim_end().to_string(),
        },
    )
    .map(Some)
}

#[derive(Serialize)]
struct SelectCtx {
    header: String,
    script: String,
    peers: Vec<String>,
    ca_file: String,
    config_file: String,
}

/// The selector script for a region of `replicas` pods in `namespace`
/// (without a "generated by" line, as [`config_text`]).
pub fn select_script(namespace: &str, replicas: u32) -> Result<String, Problem> {
    templates::render(
        "self-init-select.sh",
        SelectCtx {
            header: String::new(),
            script: format!("{MOUNT_DIR}/{SELECT_KEY}"),
            peers: (1..replicas).map(|i| naming::openbao_pod_host(i, namespace)).collect(),
            ca_file: format!("{}/{}", naming::userconfig_dir(naming::OPENBAO_TLS_SECRET), naming::CA_CERT_KEY),
            config_file: format!("{MOUNT_DIR}/{HCL_KEY}"),
        },
    )
}

#[derive(Serialize)]
struct ConfigMapCtx {
    header: String,
    code: String,
    name: &'static str,
    namespace: String,
    hcl_key: &'static str,
    hcl_block: String,
    select_key: &'static str,
    select_block: String,
}

/// Indents every non-empty line by four spaces (a YAML block scalar body).
fn block(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("    {l}\n") }).collect()
}

/// `<code>/openbao/sovc-self-init.yaml` for an auto-unseal region, else `None`.
pub fn configmap_file(
    source_name: &str,
    cfg: &RegionConfig,
    seal: SealType,
    replicas: u32,
) -> Result<Option<OutputFile>, Problem> {
    let Some(hcl) = config_text(cfg, seal)? else { return Ok(None) };
    let select = select_script(&cfg.namespace, replicas)?;
    let contents = templates::render(
        "self-init-configmap.yaml",
        ConfigMapCtx {
            header: header(source_name),
            code: cfg.code.clone(),
            name: CONFIGMAP,
            namespace: cfg.namespace.clone(),
            hcl_key: HCL_KEY,
            hcl_block: block(&hcl),
            select_key: SELECT_KEY,
            select_block: block(&select),
        },
    )?;
    Ok(Some(OutputFile { path: format!("{}/openbao/{FILE}", cfg.code), contents }))
}
