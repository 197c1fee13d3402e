//! `sovc init [DIR]`: a starter topology that validates as written, names
//! its schema in the yaml-language-server modeline, and never overwrites a
//! file unless asked to.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn sovc(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sovc")).args(args).arg(dir).output().expect("run sovc")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn writes_a_starter_that_validates_and_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new/platform");
    let out = sovc(&["init"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let topology = dir.join("sovereign.yaml");
    let text = read(&topology);
    assert_eq!(text.lines().next(), Some("# yaml-language-server: $schema=./sovereign.schema.json"));
    assert_eq!(read(&dir.join("sovereign.schema.json")), sovc::schema::schema_json());

    // `sovc validate` accepts it with no finding at all (not even a warning).
    let v = Command::new(env!("CARGO_BIN_EXE_sovc"))
        .args(["validate", "--format", "json"])
        .arg(&topology)
        .output()
        .unwrap();
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
    let report: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]), "the starter has findings");

    // The schema accepts it too, and it shows every section.
    let instance = common::instance::Instance::parse(&text).unwrap();
    let validator = jsonschema::draft7::new(&sovc::schema::schema()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&instance.json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for section in [
        "sovereign",
        "domain",
        "openbao",
        "externalSecrets",
        "replication",
        "flux",
        "regions",
        "policies",
        "authRoles",
        "secrets",
    ] {
        assert!(instance.json.get(section).is_some(), "the starter lacks `{section}`");
    }
}

#[test]
fn refuses_to_overwrite_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let topology = tmp.path().join("sovereign.yaml");
    std::fs::write(&topology, "mine\n").unwrap();

    let out = sovc(&["init"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(read(&topology), "mine\n", "the existing file was changed");
    assert!(!tmp.path().join("sovereign.schema.json").exists(), "init wrote part of its output");

    let out = sovc(&["init", "--force"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(read(&topology).starts_with("# yaml-language-server: $schema="));
}

#[test]
fn an_existing_schema_file_also_blocks() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sovereign.schema.json"), "{}").unwrap();
    assert_eq!(sovc(&["init"], tmp.path()).status.code(), Some(2));
    assert!(!tmp.path().join("sovereign.yaml").exists());
}

#[test]
fn schema_location_can_be_given() {
    let tmp = tempfile::tempdir().unwrap();
    let url = "https://example.org/schemas/sovereign.schema.json";
    let out = sovc(&["init", "--schema", url], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    let text = read(&tmp.path().join("sovereign.yaml"));
    assert_eq!(text.lines().next().unwrap(), format!("# yaml-language-server: $schema={url}"));
    assert!(!tmp.path().join("sovereign.schema.json").exists());

    let out = sovc(&["init", "--force", "--schema", "a\nb: c"], tmp.path());
    assert_eq!(out.status.code(), Some(2), "a modeline-breaking location is refused");
}
