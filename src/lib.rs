//! sovc, the Sovereign topology compiler.
//!
//! One typed topology file (YAML) describing regions, the primary,
//! policies, auth roles and the secret catalogue is read into a spanned
//! model, validated completely, lowered into a plan of per-region artifacts,
//! rendered through templates and written as the GitOps tree Flux applies.
//!
//! The stages are the modules: [`read`] → [`validate`] → (lower → render →
//! write), with [`diag`] reporting problems at `file:line:column`.

pub mod access;
pub mod cli;
pub mod configure;
pub mod diag;
pub mod lower;
pub mod model;
pub mod naming;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod schema;
pub mod validate;
pub mod write;
