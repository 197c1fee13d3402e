//! The typed topology model (SPEC §2): what a Sovereign is, independent of
//! the file format it was written in. Every scalar keeps its source span.
//!
//! The JSON Schema (`sovc schema`) is derived from these types, so the doc
//! comments here are what editors show on hover.

mod auth_role;
pub mod defaults;
mod external_secrets;
mod flux;
mod keyword;
mod lints;
mod openbao;
mod policy;
mod region;
mod replication;
mod secret;
mod topology;

pub use auth_role::{AppRoleRole, AuthRole, CertRole, JwtRole, KubernetesRole, Method};
pub use external_secrets::{EsoApiVersion, ExternalSecrets};
pub use flux::{Flux, SourceKind, SourceRef};
pub use keyword::Keyword;
pub use lints::{Lints, lint_codes};
pub use openbao::{Chart, OpenBao, OpenBaoOverride, Seal, SealType, Storage, StorageOverride};
pub use policy::{Capability, Policy, Rule};
pub use region::{Cluster, Region};
pub use replication::{Replication, ReplicationMode};
pub use secret::{Origin, Secret};
pub use topology::Topology;
