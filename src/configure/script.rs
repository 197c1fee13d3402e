//! The configure script (`configure.sh`) the Job runs: wait (bounded) for
//! an initialised, unsealed, active OpenBao, log in, rewrite the configure
//! policy, enable missing mounts, write policies, roles and mount configs,
//! each an idempotent upsert, then delete what [`prune`] plans. Request
//! bodies are compact JSON in
//! quoted heredocs (no shell expansion); policies are files next to it.

use super::desired::RegionConfig;
use super::error::Problem;
use super::prune;
use super::templates;
use crate::naming;
use serde::Serialize;

/// Where the Job mounts the ConfigMap holding the script and policies.
pub const CONFIG_DIR: &str = "/sovc/config";
/// The script's file name (in the folder and in the ConfigMap).
pub const SCRIPT_FILE: &str = "configure.sh";
/// The projected service-account token the Job logs in with.
pub const TOKEN_FILE: &str = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/// The exit status of a run that found OpenBao not ready (not initialised,
/// sealed, not active, or the login role not bootstrapped yet) within its
/// wait window: `EX_TEMPFAIL`. The Job's `podFailurePolicy` ignores it, so
/// waiting for an operator never uses up `backoffLimit`.
pub const NOT_READY_EXIT: u8 = 75;
/// Seconds between two polls of `bao status` (or login attempts).
pub const POLL_SECONDS: u32 = 10;
/// How long one pod waits for OpenBao before exiting [`NOT_READY_EXIT`].
pub const WAIT_MINUTES: u32 = 60;
/// While waiting, an unchanged state is logged again this often.
pub const LOG_MINUTES: u32 = 5;

/// The ConfigMap key (and mount file name) of policy `name`.
pub fn policy_key(name: &str) -> String {
    format!("policy.{name}.hcl")
}

/// The folder-relative file of policy `name`.
pub fn policy_file(name: &str) -> String {
    format!("policies/{name}.hcl")
}

#[derive(Serialize)]
struct Mount {
    path: String,
    kind: &'static str,
    derived: bool,
}

#[derive(Serialize)]
struct Write {
    path: String,
    json: String,
}

#[derive(Serialize)]
struct PolicyRef {
    name: String,
    file: String,
}

#[derive(Serialize)]
struct Ctx {
    header: String,
    code: String,
    role: &'static str,
    config_dir: &'static str,
    login_path: String,
    token_file: &'static str,
    configure_policy_file: String,
    kv_mount: String,
    mounts: Vec<Mount>,
    configs: Vec<Write>,
    policies: Vec<PolicyRef>,
    roles: Vec<Write>,
    not_ready_exit: u8,
    poll_seconds: u32,
    wait_polls: u32,
    wait_minutes: u32,
    log_every: u32,
    log_minutes: u32,
    marker: &'static str,
    keep_policies: Vec<String>,
    keep_mounts: Vec<String>,
    stale_roles: Vec<String>,
    policy_pattern: String,
    mount_pattern: String,
}

/// Names OpenBao lists that sovc may prune are DNS labels (location codes
/// and mount paths are validated as such), so the listings are matched
/// against these characters only.
const NAME_CHARS: &str = "[a-z0-9-]";

/// `grep -oE` pattern for a derived policy name quoted in `bao list -format=json`.
pub fn policy_pattern() -> String {
    let alternatives: Vec<String> = naming::derived_policy_prefixes().into_iter().collect();
    format!("\"({}){NAME_CHARS}+\"", alternatives.join("|"))
}

/// `grep -oE` pattern for a `jwt-*` mount key in `bao auth list -format=json`.
pub fn mount_pattern() -> String {
    format!("\"{}{NAME_CHARS}+/\"", naming::JWT_MOUNT_PREFIX)
}

/// Renders `configure.sh` for `cfg`.
pub fn render(header: &str, cfg: &RegionConfig) -> Result<String, Problem> {
    let plan = prune::plan(cfg);
    let ctx = Ctx {
        header: header.to_string(),
        code: cfg.code.clone(),
        role: naming::CONFIGURE_ROLE,
        config_dir: CONFIG_DIR,
        login_path: format!("auth/{}/login", naming::KUBERNETES_AUTH_MOUNT),
        token_file: TOKEN_FILE,
        configure_policy_file: policy_key(naming::CONFIGURE_ROLE),
        kv_mount: cfg.kv_mount.clone(),
        mounts: cfg
            .mounts
            .iter()
            .map(|m| Mount { path: m.path.clone(), kind: m.kind.type_name(), derived: m.derived })
            .collect(),
        configs: cfg
            .mounts
            .iter()
            .filter_map(|m| {
                let c = m.config.as_ref()?;
                Some(Write { path: format!("auth/{}/config", m.path), json: compact_json(c) })
            })
            .collect(),
        policies: cfg
            .policies
            .iter()
            .filter(|p| p.name != naming::CONFIGURE_ROLE)
            .map(|p| PolicyRef { name: p.name.clone(), file: policy_key(&p.name) })
            .collect(),
        roles: cfg.roles.iter().map(|r| Write { path: r.api_path(), json: compact_json(&r.body) }).collect(),
        not_ready_exit: NOT_READY_EXIT,
        poll_seconds: POLL_SECONDS,
        wait_polls: WAIT_MINUTES * 60 / POLL_SECONDS,
        wait_minutes: WAIT_MINUTES,
        log_every: LOG_MINUTES * 60 / POLL_SECONDS,
        log_minutes: LOG_MINUTES,
        marker: naming::DERIVED_MOUNT_MARKER,
        keep_policies: plan.keep_policies,
        keep_mounts: plan.keep_mounts,
        stale_roles: plan.stale_roles,
        policy_pattern: policy_pattern(),
        mount_pattern: mount_pattern(),
    };
    templates::render("configure.sh", ctx)
}

/// One-line JSON: it cannot end a heredoc early, since no line of it can be
/// the bare terminator. Braces inside strings are written `\u007b`/`\u007d`
/// (the same value), so the text never holds `{{` or `}}`.
pub fn compact_json(body: &serde_json::Map<String, serde_json::Value>) -> String {
    let text = serde_json::Value::Object(body.clone()).to_string();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        match c {
            '{' if in_string => out.push_str("\\u007b"),
            '}' if in_string => out.push_str("\\u007d"),
            _ => out.push(c),
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
    }
    out
}
