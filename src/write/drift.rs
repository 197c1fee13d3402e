//! `--check`: how the tree in DIR differs from what would be generated,
//! computed without writing anything.

use super::disk::{self, Entry};
use super::journal::TXN;
use super::manifest;
use super::paths;
use crate::output::OutputFile;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// How one file differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// On disk with other contents.
    Changed,
    /// Would be generated; missing on disk.
    Added,
    /// Written by sovc before, no longer generated, still on disk.
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One file that differs. `old` is what is on disk (empty when added),
/// `new` what sovc would write (empty when removed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDrift {
    pub path: String,
    pub status: Status,
    pub old: String,
    pub new: String,
    /// Set when the thing on disk is not a regular file (a directory, a
    /// symbolic link) or not UTF-8.
    pub note: Option<String>,
}

/// Every difference between DIR and the files that would be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// DIR as given (used to name files in annotations).
    pub dir: PathBuf,
    /// How many files would be generated.
    pub checked: usize,
    /// Every differing file, sorted by path.
    pub files: Vec<FileDrift>,
}

impl Drift {
    /// Whether DIR is up to date.
    pub fn is_clean(&self) -> bool {
        self.files.is_empty()
    }

    /// The differing files of one status.
    pub fn with_status(&self, status: Status) -> impl Iterator<Item = &FileDrift> {
        self.files.iter().filter(move |f| f.status == status)
    }

    pub fn changed(&self) -> impl Iterator<Item = &FileDrift> {
        self.with_status(Status::Changed)
    }

    pub fn added(&self) -> impl Iterator<Item = &FileDrift> {
        self.with_status(Status::Added)
    }

    pub fn removed(&self) -> impl Iterator<Item = &FileDrift> {
        self.with_status(Status::Removed)
    }
}

/// Compares `files` with the tree in `dir`. Files sovc did not write (per
/// the manifest) and does not generate are not drift.
pub fn check_tree(dir: &Path, files: &[OutputFile]) -> io::Result<Drift> {
    paths::check_all(files.iter().map(|f| f.path.as_str()))
        .map_err(|(p, why)| io::Error::new(io::ErrorKind::InvalidInput, format!("output path `{p}`: {why}")))?;
    if dir.exists() && !dir.is_dir() {
        return Err(io::Error::other(format!("{}: not a directory", dir.display())));
    }
    if paths::join(dir, TXN).exists() {
        return Err(io::Error::other(format!(
            "{}: an interrupted `sovc generate` left `{TXN}`; run `sovc generate` to recover",
            dir.display()
        )));
    }
    let owned: Vec<String> = match manifest::load(dir)? {
        Ok(m) => m.map(|m| m.files.into_keys().collect()).unwrap_or_default(),
        Err(bad) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: not a sovc manifest ({})", bad.path.display(), bad.reason),
            ));
        }
    };
    let mut out = Vec::new();
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for f in files {
        let drift =
            |status, old: String, note| FileDrift { path: f.path.clone(), status, old, new: f.contents.clone(), note };
        match disk::entry(dir, &f.path)? {
            Entry::Absent => out.push(drift(Status::Added, String::new(), None)),
            Entry::File(bytes) if bytes == f.contents.as_bytes() => {}
            Entry::File(bytes) => {
                let (old, note) = text(bytes);
                out.push(drift(Status::Changed, old, note));
            }
            Entry::Dir => out.push(drift(Status::Changed, String::new(), Some("a directory is in its place".into()))),
            Entry::Other(why) => out.push(drift(Status::Changed, String::new(), Some(why))),
        }
    }
    for path in owned.iter().filter(|p| !produced.contains(p.as_str())) {
        if let Entry::File(bytes) = disk::entry(dir, path)? {
            let (old, note) = text(bytes);
            out.push(FileDrift { path: path.clone(), status: Status::Removed, old, new: String::new(), note });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Drift { dir: dir.to_path_buf(), checked: files.len(), files: out })
}

fn text(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some("not UTF-8 on disk".into())),
    }
}
