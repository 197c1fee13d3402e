//! Default values of optional topology fields, in one place: the model's
//! schema, the decoder and the docs all take them from here.

use crate::diag::{Sp, Span};

fn text(s: &str) -> Sp<String> {
    Sp::synthetic(s.to_string(), Span::default())
}

pub fn openbao_namespace() -> Sp<String> {
    text("openbao")
}
pub fn chart_repository() -> Sp<String> {
    text("https://openbao.github.io/openbao-helm")
}
pub fn chart_version() -> Sp<String> {
    text("0.29.2")
}
pub fn replicas() -> Sp<u32> {
    Sp::synthetic(3, Span::default())
}
pub fn storage_size() -> Sp<String> {
    text("10Gi")
}
pub fn kv_mount() -> Sp<String> {
    text("secret")
}
pub fn eso_namespace() -> Sp<String> {
    text("external-secrets")
}
pub fn eso_service_account() -> Sp<String> {
    text("external-secrets")
}
pub fn replication_interval() -> Sp<String> {
    text("1m")
}
pub fn flux_path() -> Sp<String> {
    text("./clusters")
}
pub fn flux_source_name() -> Sp<String> {
    text("flux-system")
}
pub fn flux_interval() -> Sp<String> {
    text("10m")
}
pub fn flux_prune() -> Sp<bool> {
    Sp::synthetic(true, Span::default())
}
pub fn flux_wait() -> Sp<bool> {
    Sp::synthetic(true, Span::default())
}
pub fn flux_eso_kustomization() -> Sp<String> {
    text("external-secrets")
}
pub fn refresh_interval() -> Sp<String> {
    text("1h")
}
pub fn jwt_user_claim() -> Sp<String> {
    text("sub")
}
pub fn bind_secret_id() -> Sp<bool> {
    Sp::synthetic(true, Span::default())
}
