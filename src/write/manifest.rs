//! The owned-file record `DIR/.sovc/manifest.json`: every file sovc wrote
//! (path → SHA-256 of its bytes), the directories it created, the sovc
//! version and the topology's file name.
//!
//! It is what lets `generate` prune only its own files, notice a generated
//! file edited by hand, and leave every other file in DIR alone. Rendered
//! deterministically: sorted keys, two-space JSON, LF, final newline.

use super::paths;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's path relative to DIR.
pub const MANIFEST: &str = ".sovc/manifest.json";

/// The record of what sovc owns in DIR.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `sovc`.
    pub generator: String,
    /// The sovc version that wrote the tree.
    pub version: String,
    /// The topology's file name (no directory: output must not depend on
    /// where sovc ran).
    pub source: String,
    /// Every file sovc wrote: relative path → lowercase hex SHA-256.
    pub files: BTreeMap<String, String>,
    /// Directories sovc created (and so may remove once empty).
    #[serde(default)]
    pub dirs: BTreeSet<String>,
}

impl Manifest {
    /// A fresh record for `source_name` (a path or a file name).
    pub fn new(source_name: &str) -> Manifest {
        Manifest {
            generator: "sovc".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            source: crate::output::file_name(source_name).into(),
            files: BTreeMap::new(),
            dirs: BTreeSet::new(),
        }
    }

    /// The manifest's bytes as written to disk.
    pub fn render(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a manifest always serialises");
        s.push('\n');
        s
    }

    /// Parses and checks a manifest; every path in it must be a valid
    /// output path (so a tampered manifest cannot point outside DIR).
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let m: Manifest = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if m.generator != "sovc" {
            return Err(format!("`generator` is `{}`, not `sovc`", m.generator));
        }
        for p in m.files.keys().chain(m.dirs.iter()) {
            paths::check(p).map_err(|e| format!("entry `{p}`: {e}"))?;
        }
        for h in m.files.values() {
            if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
                return Err(format!("`{h}` is not a SHA-256 in lowercase hex"));
            }
        }
        Ok(m)
    }

    /// Whether sovc wrote `path` and it still has the bytes sovc wrote.
    pub fn owns_unchanged(&self, path: &str, bytes: &[u8]) -> bool {
        self.files.get(path).is_some_and(|h| *h == sha256(bytes))
    }
}

/// Why the manifest on disk cannot be used.
#[derive(Debug)]
pub struct BadManifest {
    pub path: PathBuf,
    pub reason: String,
}

/// Reads DIR's manifest: `Ok(None)` when there is none.
pub fn load(dir: &Path) -> io::Result<Result<Option<Manifest>, BadManifest>> {
    let path = paths::join(dir, MANIFEST);
    let text = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => return Ok(Ok(None)),
        Err(e) => return Err(super::disk::with_path(e, &path)),
    };
    let parsed = std::str::from_utf8(&text).map_err(|_| "it is not UTF-8".to_string()).and_then(Manifest::parse);
    Ok(parsed.map(Some).map_err(|reason| BadManifest { path, reason }))
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_sorted_and_round_trips() {
        let mut m = Manifest::new("/some/where/omantel.yaml");
        m.files.insert("z/b".into(), sha256(b"b"));
        m.files.insert("a".into(), sha256(b"a"));
        m.dirs.insert("z".into());
        let text = m.render();
        assert!(text.find("\"a\"").unwrap() < text.find("\"z/b\"").unwrap());
        assert!(text.contains("\"source\": \"omantel.yaml\""));
        assert!(text.ends_with("}\n"));
        assert_eq!(Manifest::parse(&text).unwrap(), m);
    }

    #[test]
    fn known_digest() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn refuses_tampered_manifests() {
        let mut m = Manifest::new("t.yaml");
        m.files.insert("../../etc/passwd".into(), sha256(b""));
        assert!(Manifest::parse(&m.render()).unwrap_err().contains("`..`"));
        let mut m = Manifest::new("t.yaml");
        m.files.insert("a".into(), "nothex".into());
        assert!(Manifest::parse(&m.render()).is_err());
        assert!(Manifest::parse("{").is_err());
        assert!(Manifest::parse(r#"{"generator":"x","version":"1","source":"s","files":{}}"#).is_err());
    }
}
