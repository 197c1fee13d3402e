//! Resource limits for reading untrusted topology files.
//!
//! A topology is small (the largest realistic one, 30 regions × 3,000
//! secrets, is a few MB). The limits stop hostile or broken input (a huge
//! file, absurd nesting, YAML alias bombs) with a clear error in bounded
//! time and memory instead of exhausting the machine.

/// Largest topology file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Deepest nesting of maps and lists.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to (aliases counted at every use).
pub const MAX_NODES: usize = 2_000_000;
