//! Writing a DIR that does not exist yet: build the whole tree beside it
//! (`.<name>.sovc-new-<pid>` in the same parent, so the same file system)
//! and rename it into place in one step. Until that rename there is no DIR;
//! after it, DIR is complete. The writer holds a `flock` on its staging
//! directory until the rename. A killed run leaves only the staging
//! directory beside DIR; the next fresh write removes it once provably
//! abandoned ([`super::leftovers`]).

use super::disk::with_path;
use super::fault;
use super::leftovers;
use super::lock;
use super::manifest::MANIFEST;
use super::paths;
use super::sync;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` holding `produced` and the manifest `manifest_text`;
/// returns the abandoned staging directories it removed first.
pub fn write(dir: &Path, produced: &BTreeMap<&str, &[u8]>, manifest_text: &str) -> io::Result<Vec<PathBuf>> {
    let name = dir.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not a directory name", dir.display()))
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let made_parents = create_parents(&parent)?;
    let cleaned = leftovers::remove_abandoned(&parent, name);
    let staging = parent.join(leftovers::staging_name(name, std::process::id()));
    let result = build(&staging, produced, manifest_text).and_then(|_held| {
        fault::point()?;
        fs::rename(&staging, dir).map_err(|e| with_path(e, dir))?;
        sync::dir(&parent)
    });
    if let Err(e) = result {
        if !fault::is_crash(&e) {
            let _ = fs::remove_dir_all(&staging);
            for d in made_parents.iter().rev() {
                let _ = fs::remove_dir(d);
            }
        }
        return Err(e);
    }
    Ok(cleaned)
}

/// Builds the staging tree; returns its lock, held until the rename.
fn build(staging: &Path, produced: &BTreeMap<&str, &[u8]>, manifest_text: &str) -> io::Result<Option<lock::DirLock>> {
    fault::point()?;
    fs::create_dir(staging).map_err(|e| with_path(e, staging))?;
    let held = lock::try_exclusive(staging).map_err(|e| with_path(e, staging))?;
    for (path, bytes) in produced {
        fault::point()?;
        let target = paths::join(staging, path);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).map_err(|e| with_path(e, p))?;
        }
        sync::write_new(&target, bytes, !sync::BATCHED)?;
    }
    fault::point()?;
    let m = paths::join(staging, MANIFEST);
    if let Some(p) = m.parent() {
        fs::create_dir_all(p).map_err(|e| with_path(e, p))?;
    }
    sync::write_new(&m, manifest_text.as_bytes(), !sync::BATCHED)?;
    sync::flush_tree(staging)?;
    Ok(held)
}

/// Creates the missing directories of `dir`; returns them shallowest first.
fn create_parents(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.as_os_str().is_empty() || fs::symlink_metadata(d).is_ok() {
            break;
        }
        missing.push(d.to_path_buf());
        cur = d.parent();
    }
    missing.reverse();
    for d in &missing {
        fs::create_dir(d).map_err(|e| with_path(e, d))?;
    }
    Ok(missing)
}
