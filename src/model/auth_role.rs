//! Auth roles: who may log in to OpenBao, how, and with which policies.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// The auth method a role belongs to.
    pub enum Method ("auth method") {
        /// Kubernetes service-account tokens of the local cluster (mount `kubernetes`).
        Kubernetes = "kubernetes",
        /// AppRole role id + secret id (mount `approle`).
        AppRole = "approle",
        /// Signed JWTs, e.g. SPIFFE JWT-SVIDs (mount from `jwt.mount`).
        Jwt = "jwt",
        /// TLS client certificates, e.g. SPIFFE X.509-SVIDs (mount `cert`).
        Cert = "cert",
    }
}

/// A role of one auth method. Exactly the block named by `method` is given
/// (`approle` may be omitted: its defaults bind a secret id). Each block keeps
/// the span of its key, so a block under the wrong method can be pointed at.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthRole {
    /// Role name (letters, digits, `-`, `_`, `.`).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub name: Sp<String>,
    /// The auth method.
    pub method: Sp<Method>,
    /// Policies attached to tokens of this role (the `default` policy is
    /// always kept as well).
    pub policies: Vec<Sp<String>>,
    /// Token TTL (`token_ttl`), a duration such as `1h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_ttl: Option<Sp<String>>,
    /// Token maximum TTL (`token_max_ttl`), at least `tokenTtl`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_max_ttl: Option<Sp<String>>,
    /// Location codes of the regions whose OpenBao gets this role; every
    /// region when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Sp<String>>>,
    /// method `kubernetes`: the service accounts allowed to log in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<Sp<KubernetesRole>>,
    /// method `approle`: secret-id and binding settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approle: Option<Sp<AppRoleRole>>,
    /// method `jwt`: the mount, its key source and the bound claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<Sp<JwtRole>>,
    /// method `cert`: the trusted CA and allowed names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<Sp<CertRole>>,
    /// Warning codes not reported for this role (`[W0905]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "super::lint_codes")]
    pub allow_lints: Vec<Sp<String>>,
}

/// Kubernetes auth binding (`bound_service_account_names`/`_namespaces`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KubernetesRole {
    /// Service account names (`*` alone = any, not mixed with names).
    pub service_accounts: Vec<Sp<String>>,
    /// Namespaces of those service accounts (`*` alone = any).
    pub namespaces: Vec<Sp<String>>,
    /// Required audience of the service-account token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Sp<String>>,
}

/// AppRole settings. OpenBao needs at least one constraint: a bound secret
/// id (the default) or a CIDR binding.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppRoleRole {
    /// Require a secret id at login (`bind_secret_id`, default true).
    #[serde(default = "defaults::bind_secret_id")]
    pub bind_secret_id: Sp<bool>,
    /// Secret id lifetime (`secret_id_ttl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_id_ttl: Option<Sp<String>>,
    /// Uses per secret id (`secret_id_num_uses`, 0 = unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_id_num_uses: Option<Sp<u32>>,
    /// CIDRs a secret id may be used from (`secret_id_bound_cidrs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_id_bound_cidrs: Vec<Sp<String>>,
    /// CIDRs tokens may be used from (`token_bound_cidrs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub token_bound_cidrs: Vec<Sp<String>>,
}

/// JWT role and the mount it lives on. Roles sharing a mount share its key
/// source.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JwtRole {
    /// Auth mount path (DNS label, e.g. `jwt-spire`).
    pub mount: Sp<String>,
    /// OIDC discovery base URL of the token issuer (without
    /// `/.well-known/openid-configuration`).
    pub oidc_discovery_url: Sp<String>,
    /// Claim used as the identity (`user_claim`, default `sub`).
    #[serde(default = "defaults::jwt_user_claim")]
    pub user_claim: Sp<String>,
    /// Accepted `aud` values (`bound_audiences`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bound_audiences: Vec<Sp<String>>,
    /// Exact `sub` required (`bound_subject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_subject: Option<Sp<String>>,
    /// Claims that must match exactly (`bound_claims`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub bound_claims: IndexMap<String, Sp<String>>,
}

/// TLS certificate role (`auth/cert/certs/<name>`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CertRole {
    /// PEM file with the trusted CA, relative to the topology file.
    pub ca_file: Sp<String>,
    /// Allowed URI SANs, e.g. SPIFFE IDs (`allowed_uri_sans`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_uri_sans: Vec<Sp<String>>,
    /// Allowed common names (`allowed_common_names`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_common_names: Vec<Sp<String>>,
    /// Allowed DNS SANs (`allowed_dns_sans`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_dns_sans: Vec<Sp<String>>,
}
