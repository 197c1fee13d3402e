//! KDL/YAML parity: every YAML topology (each example, and the varied corpus
//! under `tests/parity/`) has a KDL twin that reads into an equal model
//! (`Sp<T>` compares by value) with the same diagnostics, located in the
//! KDL file.

use sovc::pipeline::{Loaded, load_file};
use std::path::{Path, PathBuf};

fn pairs(dir: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut yaml: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    yaml.sort();
    yaml.into_iter()
        .map(|y| {
            let k = y.with_extension("kdl");
            assert!(k.is_file(), "{} has no KDL twin {}", y.display(), k.display());
            (y, k)
        })
        .collect()
}

fn load(p: &Path) -> Loaded {
    load_file(p, None).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Codes and messages; positions differ between the formats.
fn findings(l: &Loaded) -> Vec<String> {
    let mut v: Vec<String> = l.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    v.sort();
    v
}

fn assert_parity(y: &Path, k: &Path) {
    let (ly, lk) = (load(y), load(k));
    let ty = ly.topology.as_ref().unwrap_or_else(|| panic!("{}: {:#?}", y.display(), findings(&ly)));
    let tk = lk.topology.as_ref().unwrap_or_else(|| panic!("{}: {:#?}", k.display(), findings(&lk)));
    assert_eq!(findings(&ly), findings(&lk), "{} and {} report differently", y.display(), k.display());
    assert!(
        ty == tk,
        "{} and {} read into different models:\nYAML: {}\nKDL:  {}",
        y.display(),
        k.display(),
        serde_json::to_string(ty).unwrap(),
        serde_json::to_string(tk).unwrap()
    );
    // Every finding from the KDL file points into the KDL file.
    for d in lk.diagnostics.iter().filter(|d| d.primary.span.is_real()) {
        let line = lk.source.line_text(d.primary.span.line);
        assert!(!line.is_empty(), "{}: {} points at an empty line", k.display(), d.code);
    }
}

#[test]
fn every_example_has_a_kdl_twin_reading_into_the_same_model() {
    let pairs = pairs("examples");
    assert!(pairs.len() >= 2);
    for (y, k) in &pairs {
        assert_parity(y, k);
        assert!(load(k).valid().is_some(), "{} is not valid", k.display());
    }
}

#[test]
fn the_parity_corpus_reads_into_the_same_models() {
    let pairs = pairs("tests/parity");
    assert!(pairs.len() >= 10, "the corpus holds {} pairs", pairs.len());
    for (y, k) in &pairs {
        assert_parity(y, k);
    }
}

#[test]
fn the_extension_picks_the_format_and_format_in_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let kdl = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/omantel.kdl")).unwrap();
    let odd = dir.path().join("topology.txt");
    std::fs::write(&odd, &kdl).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sovc")).args(args).arg(&odd).output().unwrap().status.code()
    };
    // `.txt` reads as YAML (the default), which this text is not.
    assert_eq!(run(&["validate"]), Some(1));
    assert_eq!(run(&["validate", "--format-in", "kdl"]), Some(0));
    let yaml = dir.path().join("t.yml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/omantel.yaml"), &yaml).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sovc")).arg("validate").arg(&yaml).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sovc"))
        .args(["validate", "--format-in", "kdl"])
        .arg(&yaml)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
