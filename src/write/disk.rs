//! What is on disk at a relative path of DIR, looked at without following
//! symbolic links: sovc never reads or writes through a link inside DIR.

use super::paths;
use std::fs;
use std::io;
use std::path::Path;

/// The state of one relative path inside DIR.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// Nothing there (or a parent directory is missing).
    Absent,
    /// A regular file with these bytes.
    File(Vec<u8>),
    /// A real directory.
    Dir,
    /// Something sovc will not write over or read: a symbolic link, a
    /// device, or a path whose parent is not a real directory. The text
    /// says what and where.
    Other(String),
}

/// Looks at `rel` inside `dir`, checking every parent on the way.
pub fn entry(dir: &Path, rel: &str) -> io::Result<Entry> {
    for a in paths::ancestors(rel) {
        match kind(&paths::join(dir, a))? {
            Kind::Absent => return Ok(Entry::Absent),
            Kind::Dir => {}
            Kind::File => return Ok(Entry::Other(format!("`{a}` is a file, not a directory"))),
            Kind::Link => return Ok(Entry::Other(format!("`{a}` is a symbolic link"))),
            Kind::Special => return Ok(Entry::Other(format!("`{a}` is not a regular directory"))),
        }
    }
    let full = paths::join(dir, rel);
    Ok(match kind(&full)? {
        Kind::Absent => Entry::Absent,
        Kind::Dir => Entry::Dir,
        Kind::File => match fs::read(&full) {
            Ok(bytes) => Entry::File(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Entry::Absent,
            Err(e) => return Err(with_path(e, &full)),
        },
        Kind::Link => Entry::Other(format!("`{rel}` is a symbolic link")),
        Kind::Special => Entry::Other(format!("`{rel}` is not a regular file")),
    })
}

/// The entries of directory `rel` of `dir` (names only, sorted).
pub fn list(dir: &Path, rel: &str) -> io::Result<Vec<String>> {
    let full = paths::join(dir, rel);
    let mut names = Vec::new();
    for e in fs::read_dir(&full).map_err(|e| with_path(e, &full))? {
        let e = e.map_err(|e| with_path(e, &full))?;
        names.push(e.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

enum Kind {
    Absent,
    Dir,
    File,
    Link,
    Special,
}

fn kind(path: &Path) -> io::Result<Kind> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Kind::Link),
        Ok(m) if m.is_dir() => Ok(Kind::Dir),
        Ok(m) if m.is_file() => Ok(Kind::File),
        Ok(_) => Ok(Kind::Special),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Kind::Absent),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Ok(Kind::Absent),
        Err(e) => Err(with_path(e, path)),
    }
}

/// Adds the path to an I/O error's message, keeping its kind.
pub fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_files_dirs_and_absence() {
        let t = tempfile::tempdir().unwrap();
        fs::create_dir_all(t.path().join("a/b")).unwrap();
        fs::write(t.path().join("a/f"), "x").unwrap();
        assert_eq!(entry(t.path(), "a/b").unwrap(), Entry::Dir);
        assert_eq!(entry(t.path(), "a/f").unwrap(), Entry::File(b"x".to_vec()));
        assert_eq!(entry(t.path(), "a/g").unwrap(), Entry::Absent);
        assert_eq!(entry(t.path(), "z/y/x").unwrap(), Entry::Absent);
        assert!(matches!(entry(t.path(), "a/f/x").unwrap(), Entry::Other(m) if m.contains("`a/f` is a file")));
        assert_eq!(list(t.path(), "a").unwrap(), ["b", "f"]);
    }

    #[cfg(unix)]
    #[test]
    fn never_follows_links() {
        let t = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(outside.path(), t.path().join("l")).unwrap();
        assert!(matches!(entry(t.path(), "l/secret").unwrap(), Entry::Other(m) if m.contains("symbolic link")));
        assert!(matches!(entry(t.path(), "l").unwrap(), Entry::Other(_)));
    }
}
