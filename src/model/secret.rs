//! The secret catalogue: references to KV entries, never their values.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// Where a secret's value is written.
    pub enum Origin ("secret origin") {
        /// Written to the primary's OpenBao by other means (people, CI).
        External = "external",
        /// A Kubernetes Secret in `pushFrom`'s cluster, pushed to the primary by ESO.
        Push = "push",
    }
}

/// One catalogued secret: a Kubernetes Secret materialised from a KV key.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Secret {
    /// Name of the Kubernetes Secret (DNS-1123 subdomain).
    pub name: Sp<String>,
    /// Namespace of the Kubernetes Secret.
    pub namespace: Sp<String>,
    /// KV key relative to `openbao.kvMount` (`databases/db-credentials`).
    pub path: Sp<String>,
    /// Properties to copy; the whole map when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<Sp<String>>>,
    /// `external` (default) or `push`.
    #[serde(default = "default_origin")]
    pub origin: Sp<Origin>,
    /// For `origin: push`: the region whose Kubernetes Secret is pushed;
    /// the primary when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_from: Option<Sp<String>>,
    /// Regions where an ExternalSecret materialises it; every region when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Sp<String>>>,
    /// How often ESO re-reads it.
    #[serde(default = "defaults::refresh_interval")]
    pub refresh_interval: Sp<String>,
}

fn default_origin() -> Sp<Origin> {
    Sp::synthetic(Origin::External, Default::default())
}

impl Secret {
    pub fn default_origin() -> Sp<Origin> {
        default_origin()
    }
}
