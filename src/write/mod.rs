//! The write stage: put the rendered files into DIR atomically, keep the
//! owned-file record, prune only what sovc wrote, and (`--check`) compare
//! DIR with what would be written.
//!
//! - [`write_tree`]: plan ([`plan`]) against the disk and
//!   `DIR/.sovc/manifest.json` ([`manifest`]); refuse on conflicts; then a
//!   new DIR is built beside it and renamed into place ([`fresh`]), an
//!   existing one is changed in a journaled transaction ([`journal`]).
//!   Either way a failure leaves DIR as it was (docs/ci.md tells the crash
//!   story).
//! - [`check_tree`]: the [`Drift`] between DIR and the files, rendered as a
//!   unified diff, JSON or GitHub annotations ([`drift_render`]).

mod disk;
mod drift;
mod drift_render;
mod error;
pub mod fault;
mod fresh;
mod journal;
mod leftovers;
mod lock;
mod manifest;
mod paths;
mod plan;
mod report;
mod sync;

pub use drift::{Drift, FileDrift, Status, check_tree};
pub use error::{Conflict, ConflictKind, WriteError};
pub use journal::recover;
pub use manifest::{MANIFEST, Manifest};
pub use report::{Recovery, WriteReport};

use crate::output::OutputFile;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

/// How to write.
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    /// Overwrite (or prune) generated files edited by hand, and files sovc
    /// did not write that are where it writes one.
    pub force: bool,
    /// The topology's name as given (only its file name is recorded).
    pub source_name: String,
}

/// Writes `files` into `dir` (created if missing), prunes the files sovc
/// wrote there before that are no longer produced, and records what it
/// owns. On any error DIR is left as it was.
pub fn write_tree(dir: &Path, files: &[OutputFile], opts: &WriteOptions) -> Result<WriteReport, WriteError> {
    paths::check_all(files.iter().map(|f| f.path.as_str()))
        .map_err(|(path, reason)| WriteError::InvalidPath { path, reason })?;
    let produced: BTreeMap<&str, &[u8]> = files.iter().map(|f| (f.path.as_str(), f.contents.as_bytes())).collect();
    let mut manifest = Manifest::new(&opts.source_name);
    manifest.files = produced.iter().map(|(p, b)| (p.to_string(), manifest::sha256(b))).collect();
    let mut report = WriteReport {
        dir: dir.to_path_buf(),
        created: Vec::new(),
        updated: Vec::new(),
        removed: Vec::new(),
        unchanged: 0,
        adopted: Vec::new(),
        forced: Vec::new(),
        recovery: Recovery::Nothing,
    };

    match fs::metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            manifest.dirs = produced.keys().flat_map(|p| paths::ancestors(p)).map(str::to_string).collect();
            let cleaned = fresh::write(dir, &produced, &manifest.render()).map_err(WriteError::Io)?;
            if !cleaned.is_empty() {
                report.recovery = Recovery::Cleaned;
            }
            report.created = produced.keys().map(|p| p.to_string()).collect();
            return Ok(report);
        }
        Err(e) => return Err(WriteError::Io(disk::with_path(e, dir))),
        Ok(m) if !m.is_dir() => {
            return Err(WriteError::Io(io::Error::other(format!("{}: not a directory", dir.display()))));
        }
        Ok(_) => {}
    }

    let _lock = lock::acquire(dir)?;
    report.recovery = journal::recover(dir).map_err(WriteError::Io)?;
    let old = match manifest::load(dir).map_err(WriteError::Io)? {
        Ok(m) => m.unwrap_or_default(),
        Err(bad) => return Err(WriteError::BadManifest { path: bad.path, reason: bad.reason }),
    };
    let plan = plan::make(dir, &produced, &old, opts.force).map_err(WriteError::Io)?.map_err(WriteError::Conflicts)?;
    manifest.dirs = plan.dirs.clone();
    let text = manifest.render();
    let current = fs::read(paths::join(dir, MANIFEST)).ok();
    if !plan.is_noop() || current.as_deref() != Some(text.as_bytes()) {
        journal::apply(dir, &plan, &produced, &text)?;
    }
    report.created = plan.creates;
    report.updated = plan.replaces;
    report.removed = plan.deletes;
    report.unchanged = plan.unchanged.len();
    report.adopted = plan.adopted;
    report.forced = plan.forced;
    Ok(report)
}

#[cfg(test)]
mod tests;
