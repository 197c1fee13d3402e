//! Writing a DIR that does not exist yet: build the whole tree beside it
//! (`.<name>.sovc-new-<pid>` in the same parent, so the same file system)
//! and rename it into place in one step. Until that rename there is no DIR;
//! after it, DIR is complete. A killed run leaves only the staging
//! directory beside DIR, which is safe to delete.

use super::disk::with_path;
use super::fault;
use super::manifest::MANIFEST;
use super::paths;
use super::sync;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` holding `produced` and the manifest `manifest_text`.
pub fn write(dir: &Path, produced: &BTreeMap<&str, &[u8]>, manifest_text: &str) -> io::Result<()> {
    let name = dir.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not a directory name", dir.display()))
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let made_parents = create_parents(&parent)?;
    let staging = parent.join(format!(".{}.sovc-new-{}", name.to_string_lossy(), std::process::id()));
    let result = build(&staging, produced, manifest_text).and_then(|()| {
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
    Ok(())
}

fn build(staging: &Path, produced: &BTreeMap<&str, &[u8]>, manifest_text: &str) -> io::Result<()> {
    fault::point()?;
    fs::create_dir(staging).map_err(|e| with_path(e, staging))?;
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
    sync::flush_tree(staging)
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
