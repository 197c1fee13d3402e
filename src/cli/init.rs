//! `sovc init [DIR]`: writes a commented starter topology (`sovereign.yaml`,
//! from `templates/init/sovereign.yaml`) that validates as written, with the
//! yaml-language-server modeline naming its JSON Schema, and by default that
//! schema beside it. Never overwrites a file unless `--force`.

use super::{EXIT_OK, EXIT_USAGE};
use std::io::Write;
use std::path::Path;

/// The starter topology's file name.
pub const TOPOLOGY_FILE: &str = "sovereign.yaml";
/// The schema written beside it when no `--schema` location is given.
pub const SCHEMA_FILE: &str = "sovereign.schema.json";

const TEMPLATE: &str = include_str!("../../templates/init/sovereign.yaml");

/// The starter topology whose modeline names `schema`.
pub fn starter(schema: &str) -> String {
    TEMPLATE.replacen("{{ schema }}", schema, 1)
}

pub fn run(dir: &Path, force: bool, schema_url: Option<&str>) -> u8 {
    if let Some(url) = schema_url
        && (url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        eprintln!("error: --schema must be a URL or path without spaces");
        return EXIT_USAGE;
    }
    let mut files = vec![(TOPOLOGY_FILE, starter(schema_url.unwrap_or(&format!("./{SCHEMA_FILE}"))))];
    if schema_url.is_none() {
        files.push((SCHEMA_FILE, crate::schema::schema_json()));
    }
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            let verb = if existing.len() == 1 { "exists" } else { "exist" };
            eprintln!("error: {} already {verb}; sovc init does not overwrite files", existing.join(" and "));
            eprintln!("hint: choose another directory, or pass --force to overwrite");
            return EXIT_USAGE;
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return EXIT_USAGE;
    }
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(e) = write(&path, text, force) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_USAGE;
        }
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "next: edit {}, then `sovc validate {}`",
        dir.join(TOPOLOGY_FILE).display(),
        dir.join(TOPOLOGY_FILE).display()
    );
    EXIT_OK
}

/// Writes `text` to `path`; without `force` only if the file does not exist
/// yet (checked by the create itself, not before it).
fn write(path: &Path, text: &str, force: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options.open(path)?.write_all(text.as_bytes())
}
