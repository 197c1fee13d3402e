//! One writer per DIR: an advisory `flock` on the directory itself, so no
//! lock file is left behind and a killed run's lock vanishes with it.

use super::error::WriteError;
use std::fs::File;
use std::path::Path;

/// Held while a run writes DIR; released on drop.
pub struct DirLock {
    _file: Option<File>,
}

/// Locks `dir` for writing, or reports that another run holds it.
pub fn acquire(dir: &Path) -> Result<DirLock, WriteError> {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        let f = File::open(dir).map_err(|e| WriteError::Io(super::disk::with_path(e, dir)))?;
        match flock(&f, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(DirLock { _file: Some(f) }),
            Err(rustix::io::Errno::WOULDBLOCK) => Err(WriteError::Busy(dir.to_path_buf())),
            // File systems without flock support: go on unlocked.
            Err(_) => Ok(DirLock { _file: None }),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(DirLock { _file: None })
    }
}

/// Locks `dir` exclusively if nobody holds it: `Ok(None)` when another
/// holds it or the file system has no `flock` (then nothing is proven).
pub fn try_exclusive(dir: &Path) -> std::io::Result<Option<DirLock>> {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        let f = File::open(dir)?;
        match flock(&f, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(Some(DirLock { _file: Some(f) })),
            Err(_) => Ok(None),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}
