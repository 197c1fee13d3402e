//! Which relative paths the write stage accepts, and how they map into DIR.
//!
//! Every path sovc writes, prunes or reads back from its manifest goes
//! through [`check`]: relative, `/`-separated, no `.`/`..`/empty parts, no
//! control characters, and never inside the reserved `.sovc/` directory.
//! A manifest edited to say `../../etc/passwd` is therefore refused rather
//! than followed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The directory inside DIR that holds sovc's own state.
pub const STATE_DIR: &str = ".sovc";

/// Checks one relative output path; the error says what is wrong with it.
pub fn check(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    if path.starts_with('/') {
        return Err("the path is absolute".into());
    }
    if path.contains('\\') {
        return Err("the path contains a backslash; use `/`".into());
    }
    if path.chars().any(char::is_control) {
        return Err("the path contains a control character".into());
    }
    for part in path.split('/') {
        match part {
            "" => return Err("the path has an empty component".into()),
            "." | ".." => return Err(format!("the path has a `{part}` component")),
            _ => {}
        }
    }
    if first_component(path) == STATE_DIR {
        return Err(format!("`{STATE_DIR}/` is reserved for sovc's own state"));
    }
    Ok(())
}

/// Checks a whole set of output paths: each one, no duplicates, and no file
/// that is also a directory of another (`a` and `a/b`).
pub fn check_all<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<(), (String, String)> {
    let mut seen = BTreeSet::new();
    for p in paths {
        check(p).map_err(|e| (p.to_string(), e))?;
        if !seen.insert(p) {
            return Err((p.to_string(), "the path is produced twice".into()));
        }
    }
    let dirs: BTreeSet<&str> = seen.iter().flat_map(|p| ancestors(p)).collect();
    if let Some(p) = seen.iter().find(|p| dirs.contains(**p)) {
        return Err((p.to_string(), "the path is both a file and a directory".into()));
    }
    Ok(())
}

/// The proper ancestors of a relative path, shallowest first
/// (`a/b/c` → `a`, `a/b`).
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// The number of components of a relative path.
pub fn depth(path: &str) -> usize {
    path.split('/').count()
}

/// `dir` joined with a `/`-separated relative path, in the platform's form.
pub fn join(dir: &Path, rel: &str) -> PathBuf {
    let mut out = dir.to_path_buf();
    out.extend(rel.split('/'));
    out
}

fn first_component(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_relative_paths() {
        assert!(check("hnmp/openbao/values.yaml").is_ok());
        assert!(check("kustomization.yaml").is_ok());
        assert!(check(".sovcx/a").is_ok());
    }

    #[test]
    fn refuses_escapes_and_reserved_paths() {
        for bad in ["", "/etc/passwd", "a/../../b", "./a", "a//b", "a/", "a\\b", ".sovc/manifest.json", ".sovc", "a\nb"]
        {
            assert!(check(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn refuses_duplicates_and_file_directory_clashes() {
        assert_eq!(check_all(["a", "a"]).unwrap_err().0, "a");
        assert_eq!(check_all(["a/b/c", "a/b"]).unwrap_err().0, "a/b");
        assert!(check_all(["a/b", "a/c", "b"]).is_ok());
    }

    #[test]
    fn ancestors_are_shallowest_first() {
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(ancestors("a").count(), 0);
        assert_eq!(depth("a/b/c"), 3);
    }
}
