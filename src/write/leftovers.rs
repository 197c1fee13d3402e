//! Staging directories a killed fresh write left beside DIR
//! (`.<name>.sovc-new-<pid>`, see [`super::fresh`]), removed at the start of
//! the next fresh write only when provably abandoned:
//!
//! - the name is exactly sovc's pattern and the entry is a real directory
//!   (a symlink is never followed or removed);
//! - no process with that pid runs (`kill(pid, 0)` answers `ESRCH`; any
//!   other answer counts as running), unless the pid is this run's own (a
//!   killed run whose pid was reused by us, as PID 1 in a container is
//!   every time): this run has not started staging yet;
//! - nobody holds its lock: a writer holds an exclusive `flock` on its
//!   staging directory until the rename, and the kernel drops it when that
//!   writer dies, so this also covers writers in other pid namespaces on the
//!   same host. A file system without `flock` proves nothing: kept.
//!
//! A writer in another pid namespace, between creating its staging
//! directory and locking it, could lose it here; it then fails with an I/O
//! error and DIR is not touched (it does not exist yet).

use super::lock;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The staging directory name of a fresh write of DIR `name` by `pid`.
pub fn staging_name(name: &OsStr, pid: u32) -> String {
    format!(".{}.sovc-new-{pid}", name.to_string_lossy())
}

/// Removes the abandoned staging directories of DIR `name` in `parent`;
/// returns what it removed. Best effort: an entry that cannot be examined
/// or removed is left as it is.
pub fn remove_abandoned(parent: &Path, name: &OsStr) -> Vec<PathBuf> {
    let Some(name) = name.to_str() else { return Vec::new() };
    let prefix = format!(".{name}.sovc-new-");
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(parse_pid) else {
            continue;
        };
        let path = entry.path();
        if abandoned(&path, pid) && fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

/// A pid as sovc writes it: decimal digits only, no sign, no padding.
fn parse_pid(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0')) {
        return None;
    }
    s.parse().ok()
}

fn abandoned(path: &Path, pid: u32) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else { return false };
    if !meta.is_dir() {
        return false;
    }
    if pid != std::process::id() && may_be_running(pid) {
        return false;
    }
    // Held while removing; a writer that comes back cannot lock it meanwhile.
    matches!(lock::try_exclusive(path), Ok(Some(_)))
}

/// False only when the kernel says no process has `pid`.
#[cfg(unix)]
fn may_be_running(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else { return true };
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn may_be_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sovc_pid_suffixes_parse() {
        assert_eq!(parse_pid("4711"), Some(4711));
        for bad in ["", "+1", "-1", "01", "1a", "1 ", "99999999999"] {
            assert_eq!(parse_pid(bad), None, "{bad:?}");
        }
        assert_eq!(staging_name(OsStr::new("out"), 12), ".out.sovc-new-12");
    }
}
