//! The `replication` section: how secrets written to the primary reach the
//! other regions' OpenBao.

use super::defaults;
use crate::diag::Sp;
use crate::keyword;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// Replication strategy.
    pub enum ReplicationMode ("replication mode") {
        /// Every non-primary region copies what it needs from the primary (ESO).
        Pull = "pull",
        /// No replication: each region's OpenBao is fed by other means.
        None = "none",
    }
}

/// Primary → replica copying (ESO ExternalSecret from the primary into a
/// staging Secret, PushSecret of it into the local OpenBao).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Replication {
    /// `pull` (default) or `none`.
    #[serde(default = "default_mode")]
    pub mode: Sp<ReplicationMode>,
    /// How often each replica re-reads the primary (a duration such as `1m`).
    #[serde(default = "defaults::replication_interval")]
    pub interval: Sp<String>,
}

fn default_mode() -> Sp<ReplicationMode> {
    Sp::synthetic(ReplicationMode::Pull, Default::default())
}

impl Default for Replication {
    fn default() -> Self {
        Replication { mode: default_mode(), interval: defaults::replication_interval() }
    }
}
