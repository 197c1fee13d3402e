//! The `externalSecrets` section: the External Secrets Operator installation
//! present in every cluster.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// The `external-secrets.io` API version the cluster's ESO serves.
    pub enum EsoApiVersion ("ESO API version") {
        /// ESO >= 0.16 (served and stored since 0.16; the only one served since 0.17).
        V1 = "v1",
        /// ESO < 0.17 only (unserved since 0.17).
        V1Beta1 = "v1beta1",
    }
}

/// The ESO installation in every cluster.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalSecrets {
    /// Namespace ESO runs in.
    #[serde(default = "defaults::eso_namespace")]
    pub namespace: Sp<String>,
    /// ESO controller's ServiceAccount (the identity OpenBao's auth roles bind).
    #[serde(default = "defaults::eso_service_account")]
    pub service_account: Sp<String>,
    /// API version of ExternalSecret and ClusterSecretStore.
    #[serde(default = "default_api_version")]
    pub api_version: Sp<EsoApiVersion>,
    /// Name of an `authRoles` entry (kubernetes method) to use for every
    /// `bao-local` store instead of the reader role sovc derives. sovc then
    /// proves it grants what every ExternalSecret needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader_role: Option<Sp<String>>,
    /// Name of an `authRoles` entry to use for pushing to the primary instead
    /// of the pusher role sovc derives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pusher_role: Option<Sp<String>>,
}

fn default_api_version() -> Sp<EsoApiVersion> {
    Sp::synthetic(EsoApiVersion::V1, Default::default())
}

impl Default for ExternalSecrets {
    fn default() -> Self {
        ExternalSecrets {
            namespace: defaults::eso_namespace(),
            service_account: defaults::eso_service_account(),
            api_version: default_api_version(),
            reader_role: None,
            pusher_role: None,
        }
    }
}
