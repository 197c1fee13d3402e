//! Making the write stage's steps durable: file contents and directory
//! entries reach the disk before the step that depends on them.
//!
//! On Linux one `syncfs(2)` flushes a whole staged tree at once (tens of
//! thousands of files cost one call, not one `fsync` each); elsewhere each
//! file is synced as it is written.

use super::disk::with_path;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to a new file at `path`. When `durable`, the file is
/// synced right away; otherwise a later [`flush_tree`] covers it.
pub fn write_new(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| with_path(e, path))?;
    f.write_all(bytes).map_err(|e| with_path(e, path))?;
    if durable {
        f.sync_all().map_err(|e| with_path(e, path))?;
    }
    Ok(())
}

/// Whether [`write_new`] may defer syncing to one [`flush_tree`].
pub const BATCHED: bool = cfg!(target_os = "linux");

/// Flushes everything written under `dir` (and its file system) to disk.
pub fn flush_tree(dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let f = fs::File::open(dir).map_err(|e| with_path(e, dir))?;
        rustix::fs::syncfs(&f).map_err(|e| with_path(e.into(), dir))?;
    }
    #[cfg(not(target_os = "linux"))]
    {
        dir_entries(dir)?;
    }
    Ok(())
}

/// Syncs directory `dir` itself, so renames into or out of it are durable.
pub fn dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let f = fs::File::open(dir).map_err(|e| with_path(e, dir))?;
        f.sync_all().map_err(|e| with_path(e, dir))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Syncs every directory entry under `dir` (files are synced on write
/// where there is no `syncfs`).
#[cfg(not(target_os = "linux"))]
fn dir_entries(root: &Path) -> io::Result<()> {
    for e in fs::read_dir(root).map_err(|e| with_path(e, root))? {
        let e = e?;
        if e.file_type()?.is_dir() {
            dir_entries(&e.path())?;
        }
    }
    self::dir(root)
}
