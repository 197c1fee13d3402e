//! Writing into an existing DIR as one transaction that a failure or a
//! kill cannot leave half done.
//!
//! 1. **Stage** every new or changed file under `DIR/.sovc/txn/new/`, and
//!    the new manifest as `DIR/.sovc/txn/manifest.json`; flush to disk.
//!    DIR itself is untouched.
//! 2. **Journal**: write `DIR/.sovc/txn/journal.json` (the list of steps)
//!    durably. From here on, a next run can undo every step.
//! 3. **Apply** the steps with renames: pruned and replaced files are first
//!    moved aside into `DIR/.sovc/txn/old/`, new files renamed into place,
//!    empty directories removed or created. Flush.
//! 4. **Commit**: rename the staged manifest onto `DIR/.sovc/manifest.json`
//!    — one atomic rename is the commit point.
//! 5. **Clean up**: delete the journal, then the staging area.
//!
//! [`recover`] runs at the start of every write: with a journal and the
//! staged manifest still staged, the run died before its commit point and
//! every step is undone (each undo is idempotent, so a crash during recovery
//! is recovered again); with a journal but no staged manifest, it died
//! after committing and only the staging area is removed; without a
//! journal only staging had happened and the staging area is removed.

use super::disk::with_path;
use super::error::WriteError;
use super::fault;
use super::paths::{self, STATE_DIR};
use super::plan::Plan;
use super::report::Recovery;
use super::sync;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The transaction area, relative to DIR.
pub const TXN: &str = ".sovc/txn";
const JOURNAL: &str = "journal.json";
const STAGED_MANIFEST: &str = "manifest.json";
const NEW: &str = "new";
const OLD: &str = "old";

/// One step of a transaction, in the order they are applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "path", rename_all = "lowercase")]
enum Op {
    /// Move an owned file aside into `old/`.
    Delete(String),
    /// Remove an empty directory sovc created.
    Rmdir(String),
    /// Create a directory.
    Mkdir(String),
    /// Rename a staged file into place where there was none.
    Create(String),
    /// Move the existing file aside into `old/`, then rename the staged one
    /// into place.
    Replace(String),
}

impl Op {
    fn path(&self) -> &str {
        match self {
            Op::Delete(p) | Op::Rmdir(p) | Op::Mkdir(p) | Op::Create(p) | Op::Replace(p) => p,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal {
    /// Whether this run created `DIR/.sovc` (so an undo removes it).
    created_state_dir: bool,
    ops: Vec<Op>,
}

/// Applies `plan` to `dir` as one transaction; on an error every step is
/// undone before returning.
pub fn apply(dir: &Path, plan: &Plan, produced: &BTreeMap<&str, &[u8]>, manifest_text: &str) -> Result<(), WriteError> {
    let state = dir.join(STATE_DIR);
    let created_state_dir = match fs::symlink_metadata(&state) {
        Ok(m) if m.is_dir() => false,
        Ok(_) => return Err(WriteError::Io(io::Error::other(format!("{}: not a directory", state.display())))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(WriteError::Io(with_path(e, &state))),
    };
    let txn = paths::join(dir, TXN);
    let staged = stage(&state, created_state_dir, &txn, plan, produced, manifest_text);
    if let Err(e) = staged {
        if !fault::is_crash(&e) {
            let _ = fs::remove_dir_all(&txn);
            if created_state_dir {
                let _ = fs::remove_dir(&state);
            }
        }
        return Err(WriteError::Io(e));
    }

    let ops: Vec<Op> = (plan.deletes.iter().cloned().map(Op::Delete))
        .chain(plan.rmdirs.iter().cloned().map(Op::Rmdir))
        .chain(plan.mkdirs.iter().cloned().map(Op::Mkdir))
        .chain(plan.creates.iter().cloned().map(Op::Create))
        .chain(plan.replaces.iter().cloned().map(Op::Replace))
        .collect();
    let journal = Journal { created_state_dir, ops };
    let result = write_journal(&txn, &journal).and_then(|()| run(dir, &txn, &journal.ops));
    match result {
        Ok(()) => {
            // Committed. A failure while cleaning up leaves only the staging
            // area, which the next run removes.
            match finish(dir, &txn) {
                Err(e) if fault::is_crash(&e) => Err(WriteError::Io(e)),
                _ => Ok(()),
            }
        }
        Err(e) if fault::is_crash(&e) => Err(WriteError::Io(e)),
        Err(error) => match undo(dir, &txn, &journal) {
            Ok(()) => Err(WriteError::Io(error)),
            Err(rollback) => Err(WriteError::Interrupted { error, rollback }),
        },
    }
}

/// Finishes or undoes an interrupted transaction in `dir`, if there is one.
pub fn recover(dir: &Path) -> io::Result<Recovery> {
    let txn = paths::join(dir, TXN);
    match fs::symlink_metadata(&txn) {
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            return Ok(Recovery::Nothing);
        }
        Err(e) => return Err(with_path(e, &txn)),
        Ok(_) => {}
    }
    let journal_path = txn.join(JOURNAL);
    let text = match fs::read_to_string(&journal_path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            remove_tree(&txn)?;
            let state = dir.join(STATE_DIR);
            if !state.join("manifest.json").exists() {
                let _ = fs::remove_dir(&state);
            }
            return Ok(Recovery::Cleaned);
        }
        Err(e) => return Err(with_path(e, &journal_path)),
    };
    let journal = parse_journal(&text)
        .map_err(|why| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {why}", journal_path.display())))?;
    if txn.join(STAGED_MANIFEST).exists() {
        undo(dir, &txn, &journal)?;
        Ok(Recovery::RolledBack)
    } else {
        finish(dir, &txn)?;
        Ok(Recovery::RolledForward)
    }
}

fn stage(
    state: &Path,
    create_state: bool,
    txn: &Path,
    plan: &Plan,
    produced: &BTreeMap<&str, &[u8]>,
    manifest_text: &str,
) -> io::Result<()> {
    fault::point()?;
    if create_state {
        fs::create_dir(state).map_err(|e| with_path(e, state))?;
    }
    fs::create_dir(txn).map_err(|e| with_path(e, txn))?;
    let new = txn.join(NEW);
    fs::create_dir(&new).map_err(|e| with_path(e, &new))?;
    for path in plan.creates.iter().chain(&plan.replaces) {
        fault::point()?;
        let target = paths::join(&new, path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        sync::write_new(&target, produced[path.as_str()], !sync::BATCHED)?;
    }
    fault::point()?;
    sync::write_new(&txn.join(STAGED_MANIFEST), manifest_text.as_bytes(), !sync::BATCHED)?;
    sync::flush_tree(txn)?;
    fs::create_dir(txn.join(OLD)).map_err(|e| with_path(e, txn))?;
    sync::dir(txn)?;
    if create_state {
        sync::dir(state.parent().unwrap_or(Path::new(".")))?;
    }
    Ok(())
}

fn write_journal(txn: &Path, journal: &Journal) -> io::Result<()> {
    fault::point()?;
    let mut text = serde_json::to_string_pretty(journal).map_err(io::Error::other)?;
    text.push('\n');
    let tmp = txn.join("journal.json.tmp");
    sync::write_new(&tmp, text.as_bytes(), true)?;
    fs::rename(&tmp, txn.join(JOURNAL)).map_err(|e| with_path(e, &tmp))?;
    sync::dir(txn)
}

/// Steps 3 and 4: apply every op, make it durable, commit.
fn run(dir: &Path, txn: &Path, ops: &[Op]) -> io::Result<()> {
    let (new, old) = (txn.join(NEW), txn.join(OLD));
    let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut touch = |p: &Path| {
        if let Some(parent) = p.parent() {
            touched.insert(parent.to_path_buf());
        }
    };
    for op in ops {
        fault::point()?;
        let (target, path) = (paths::join(dir, op.path()), op.path());
        match op {
            Op::Delete(_) => move_aside(&target, &paths::join(&old, path))?,
            Op::Rmdir(_) => fs::remove_dir(&target).map_err(|e| with_path(e, &target))?,
            Op::Mkdir(_) => fs::create_dir(&target).map_err(|e| with_path(e, &target))?,
            Op::Create(_) => rename(&paths::join(&new, path), &target)?,
            Op::Replace(_) => {
                move_aside(&target, &paths::join(&old, path))?;
                fault::point()?;
                rename(&paths::join(&new, path), &target)?;
            }
        }
        touch(&target);
    }
    fault::point()?;
    if sync::BATCHED {
        sync::flush_tree(dir)?;
    } else {
        for d in &touched {
            sync::dir(d)?;
        }
        sync::flush_tree(&old)?;
    }
    fault::point()?;
    let state = dir.join(STATE_DIR);
    rename(&txn.join(STAGED_MANIFEST), &state.join("manifest.json"))?;
    sync::dir(&state)
}

/// Step 5 (also the roll-forward of [`recover`]).
fn finish(dir: &Path, txn: &Path) -> io::Result<()> {
    fault::point()?;
    match fs::remove_file(txn.join(JOURNAL)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(with_path(e, txn)),
        _ => sync::dir(txn)?,
    }
    remove_tree(txn)?;
    sync::dir(&dir.join(STATE_DIR))
}

/// Undoes every op of `journal` in reverse order, then removes the staging
/// area. Safe to run again after it was interrupted.
fn undo(dir: &Path, txn: &Path, journal: &Journal) -> io::Result<()> {
    let (new, old) = (txn.join(NEW), txn.join(OLD));
    for op in journal.ops.iter().rev() {
        let (target, path) = (paths::join(dir, op.path()), op.path());
        match op {
            Op::Create(_) => {
                if !exists(&paths::join(&new, path))? && exists(&target)? {
                    fs::remove_file(&target).map_err(|e| with_path(e, &target))?;
                }
            }
            Op::Replace(_) | Op::Delete(_) => {
                let backup = paths::join(&old, path);
                if exists(&backup)? {
                    if let Some(parent) = target.parent() {
                        fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
                    }
                    rename(&backup, &target)?;
                }
            }
            Op::Mkdir(_) => match fs::remove_dir(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(with_path(e, &target)),
                _ => {}
            },
            Op::Rmdir(_) => {
                if !exists(&target)? {
                    fs::create_dir_all(&target).map_err(|e| with_path(e, &target))?;
                }
            }
        }
    }
    sync::flush_tree(dir)?;
    // Undone: drop the journal first, so an interruption from here on only
    // leaves a staging area.
    match fs::remove_file(txn.join(JOURNAL)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(with_path(e, txn)),
        _ => sync::dir(txn)?,
    }
    remove_tree(txn)?;
    let state = dir.join(STATE_DIR);
    if journal.created_state_dir {
        let _ = fs::remove_dir(&state);
    }
    sync::dir(dir)
}

fn parse_journal(text: &str) -> Result<Journal, String> {
    let j: Journal = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for op in &j.ops {
        paths::check(op.path()).map_err(|e| format!("step on `{}`: {e}", op.path()))?;
    }
    Ok(j)
}

fn move_aside(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    }
    rename(from, to)
}

fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to).map_err(|e| with_path(e, to))
}

fn exists(p: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(p) {
        Ok(_) => Ok(true),
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(false),
        Err(e) => Err(with_path(e, p)),
    }
}

fn remove_tree(p: &Path) -> io::Result<()> {
    match fs::remove_dir_all(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, p)),
        _ => Ok(()),
    }
}
