//! Helpers the output tests share: the bundled examples, generating their
//! trees in memory, and reading YAML documents back.
#![allow(dead_code)]

pub mod schemas;

use serde::Deserialize;
use sovc::model::Topology;
use sovc::output::OutputFile;
use std::path::{Path, PathBuf};

/// Every bundled example topology (`examples/*.yaml`), sorted.
pub fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected the bundled examples, found {files:?}");
    files
}

/// The example's name without extension (`omantel`).
pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Loads and validates a topology file; panics with the diagnostics if invalid.
pub fn load(path: &Path) -> Topology {
    let loaded = sovc::pipeline::load_file(path, None).expect("example readable");
    match loaded.valid() {
        Some(t) => t.clone(),
        None => panic!("{} is invalid: {:?}", path.display(), loaded.diagnostics),
    }
}

/// The generated tree of a topology, as the CLI would write it; files it
/// refers to (a cert role's `caFile`) are read from `examples/`.
pub fn generate(topology: &Topology, name: &str) -> Vec<OutputFile> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    sovc::pipeline::generate_files(topology, name, &base).unwrap_or_else(|e| panic!("generate {name}: {e}"))
}

/// The generated tree of an example file (files it refers to, such as a
/// cert role's `caFile`, are read next to it).
pub fn generate_example(path: &Path) -> Vec<OutputFile> {
    let name = path.display().to_string();
    let base = path.parent().unwrap_or(Path::new("."));
    sovc::pipeline::generate_files(&load(path), &name, base).unwrap_or_else(|e| panic!("generate {name}: {e}"))
}

/// Every YAML document of `text` as JSON (empty documents skipped); an
/// error names the document.
pub fn yaml_docs(text: &str) -> Result<Vec<serde_json::Value>, String> {
    let mut docs = Vec::new();
    for (i, de) in serde_norway::Deserializer::from_str(text).enumerate() {
        let value = serde_json::Value::deserialize(de).map_err(|e| format!("document {i}: {e}"))?;
        if !value.is_null() {
            docs.push(value);
        }
    }
    Ok(docs)
}
