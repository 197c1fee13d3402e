//! Access analysis: OpenBao's ACL semantics over the topology's policies,
//! what every consumer (ExternalSecret, PushSecret, replication) needs, the
//! proof that the ESO roles grant it, least-privilege lints, `sovc explain`
//! and the access matrix.

pub mod acl;
pub mod explain;
pub mod lints;
pub mod matrix;

pub use acl::{Acl, AclPolicy, CapSet, Decision, Entry, Kind, Op, RuleRef};
pub mod needs;
pub mod prove;
pub mod roles;
pub use matrix::access_matrix;
