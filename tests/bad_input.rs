//! The bad-input suite: `sovc validate` over every `tests/bad/*.yaml` (and
//! `*.kdl`, whose positions are KDL line:column).
//!
//! Each file states what it must produce in its header (`//` in KDL):
//!
//! ```text
//! # what is broken
//! # expect: E0403 12:9      one line per diagnostic: code line:column
//! # hint: did you mean ...  optional: text some diagnostic's hint contains
//! ```
//!
//! The run must report exactly the expected diagnostics (no more, no fewer)
//! and exit 1 when any of them is an error, 0 when all are warnings.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

fn run(args: &[&str], file: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sovc")).args(args).arg(file).output().expect("run sovc");
    let code = out.status.code().expect("exit code");
    assert_ne!(code, 101, "sovc panicked on {}", file.display());
    (code, String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn validate_json(file: &Path) -> (i32, Value) {
    let (code, stdout, _) = run(&["validate", "--format", "json"], file);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{}: bad JSON ({e}): {stdout}", file.display()));
    (code, json)
}

/// `code line:column` of every diagnostic in a JSON report.
fn found(json: &Value) -> BTreeSet<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["line"], d["column"]))
        .collect()
}

struct Expectation {
    diagnostics: BTreeSet<String>,
    hints: Vec<String>,
}

fn expectation(text: &str) -> Expectation {
    let mut diagnostics = BTreeSet::new();
    let mut hints = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with('#') || l.starts_with("//")) {
        let line = line.trim_start_matches(['#', '/']).trim();
        if let Some(e) = line.strip_prefix("expect: ") {
            diagnostics.insert(e.trim().to_string());
        } else if let Some(h) = line.strip_prefix("hint: ") {
            hints.push(h.trim().to_string());
        }
    }
    Expectation { diagnostics, hints }
}

fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "kdl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bad_file_reports_exactly_what_it_expects() {
    let files = bad_files();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let want = expectation(&text);
        assert!(!want.diagnostics.is_empty(), "{} has no `# expect:` line", file.display());
        let (code, json) = validate_json(file);
        let got = found(&json);
        let want_exit = if want.diagnostics.iter().any(|d| d.starts_with('E')) { 1 } else { 0 };
        let hints: Vec<&str> =
            json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["hint"].as_str()).collect();
        let missing_hints: Vec<&String> =
            want.hints.iter().filter(|h| !hints.iter().any(|got| got.contains(h.as_str()))).collect();
        if got != want.diagnostics || code != want_exit || !missing_hints.is_empty() {
            failures.push(format!(
                "{}: exit {code} (want {want_exit})\n  want {:?}\n  got  {:?}\n  missing hints {:?} in {:?}",
                file.file_name().unwrap().to_string_lossy(),
                want.diagnostics,
                got,
                missing_hints,
                hints
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} files failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn the_suite_covers_every_code_it_can_reach() {
    let mut codes = BTreeSet::new();
    for file in bad_files() {
        for d in expectation(&std::fs::read_to_string(&file).unwrap()).diagnostics {
            codes.insert(d.split(' ').next().unwrap().to_string());
        }
    }
    assert!(bad_files().len() >= 60, "only {} bad files", bad_files().len());
    // Reached elsewhere: E0105 and E0108 in tests/robustness.rs. The access
    // proofs and lints (E08, W09) have their own suites (tests/access_*.rs).
    let elsewhere = ["E0105", "E0108"];
    let unreached: Vec<&str> = sovc::diag::codes::ALL
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !c.starts_with("E08") && !c.starts_with("W09"))
        .filter(|c| !codes.contains(*c) && !elsewhere.contains(c))
        .collect();
    assert!(unreached.is_empty(), "codes without a bad-input case: {unreached:?}");
}

#[test]
fn all_errors_of_a_file_are_reported_in_one_run() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-multi/many-errors.yaml");
    let want = expectation(&std::fs::read_to_string(&file).unwrap());
    let (code, json) = validate_json(&file);
    assert_eq!(code, 1);
    assert_eq!(found(&json), want.diagnostics);
    assert!(want.diagnostics.len() >= 10);
    assert_eq!(json["errors"].as_u64().unwrap() as usize, want.diagnostics.len());
    // Sorted by position.
    let positions: Vec<(u64, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn examples_are_valid_without_any_diagnostic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml" && e != "kdl") {
            continue;
        }
        let (code, json) = validate_json(&path);
        assert_eq!(code, 0, "{}: {json:#}", path.display());
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{}: {json:#}", path.display());
        let (code, _, stderr) = run(&["validate"], &path);
        assert_eq!(code, 0);
        assert!(stderr.contains(": valid: "), "{stderr}");
        n += 1;
    }
    assert!(n >= 4);
}

#[test]
fn json_output_has_the_documented_shape() {
    let (code, json) = validate_json(&bad_dir().join("kv-v1-path.yaml"));
    assert_eq!(code, 1);
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    assert!(json["file"].as_str().unwrap().ends_with("kv-v1-path.yaml"));
    let d = &json["diagnostics"][0];
    let keys: BTreeSet<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "source_line",
            "label",
            "hint",
            "related"
        ])
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "E0506");
    assert_eq!(d["source_line"], "      - path: secret/app/*");
    assert!(d["hint"].as_str().unwrap().contains("`secret/data/app/*`"));
}

#[test]
fn human_output_shows_location_source_line_and_hint() {
    let file = bad_dir().join("unknown-policy.yaml");
    let (code, _, stderr) = run(&["validate"], &file);
    assert_eq!(code, 1);
    assert!(stderr.contains("E0407"), "{stderr}");
    assert!(stderr.contains("unknown-policy.yaml:20:16"), "{stderr}");
    assert!(stderr.contains("policies: [app-reed]"), "{stderr}");
    assert!(stderr.contains("did you mean `app-read`?"), "{stderr}");
}

#[test]
fn credentials_never_appear_in_any_output() {
    let cases = [
        ("token-in-description.yaml", "CAESIJ2x9kQk3mZ0b1X7fVnq8T4"),
        ("kdl-token-in-description.kdl", "CAESIJ2x9kQk3mZ0b1X7fVnq8T4"),
        ("pem-in-description.yaml", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49"),
        ("aws-key-in-claim.yaml", "IOSFODNN7EXAMPLE"),
        ("random-token-as-provider.yaml", "TgM98a71kyn+YNgc"),
        ("token-in-policy-path.yaml", "4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG"),
        ("aws-key-in-secret-path.yaml", "IOSFODNN7EXAMPLE"),
    ];
    for (file, secret) in cases {
        for format in ["human", "json", "github"] {
            let (code, stdout, stderr) = run(&["validate", "--format", format], &bad_dir().join(file));
            assert_eq!(code, 1);
            assert!(stdout.contains("E0601") || stderr.contains("E0601"), "{file} {format}: {stdout}{stderr}");
            assert!(!stdout.contains(secret) && !stderr.contains(secret), "{file} leaks in {format}: {stdout}{stderr}");
        }
    }
}

#[test]
fn text_that_is_safe_where_it_is_written_is_accepted() {
    // Descriptions become HCL comments line by line, claims reach OpenBao as
    // data: braces, `${`, sed words and line breaks are fine there (they are
    // refused only in policy paths and the server configuration).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ok.yaml");
    std::fs::write(
        &file,
        "sovereign: acme\ndomain: acme.example.com\nregions:\n  - locationCode: eu1\n    primary: true\n\
         policies:\n  - name: app-read\n    description: |\n      Reads {{ app }} config; ${not} HOSTNAME.\n      Second line.\n\
         \x20   rules: [{path: secret/data/app/*, capabilities: [read]}]\n\
         authRoles:\n  - name: spire\n    method: jwt\n    policies: [app-read]\n\
         \x20   jwt: {mount: jwt-spire, oidcDiscoveryUrl: https://spire.acme.example.com, boundClaims: {sub: \"ns/{{x}}/${y}/POD_IP\"}}\n",
    )
    .unwrap();
    let (code, json) = validate_json(&file);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json:#}");
}

#[test]
fn paths_of_ordinary_names_are_not_credentials() {
    // Path-like values are checked segment by segment for credentials:
    // ordinary names, wildcards, ids and an EKS issuer (an upper-case hex id
    // after lower-case path words) must not be flagged.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ok.yaml");
    std::fs::write(
        &file,
        "sovereign: acme\ndomain: acme.example.com\nregions:\n  - locationCode: eu1\n    primary: true\n\
         \x20 - locationCode: us1\n\
         \x20   kubernetes: {issuer: https://oidc.eks.us-west-2.amazonaws.com/id/A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6}\n\
         policies:\n  - name: ci-deployer\n    rules:\n\
         \x20     - {path: secret/data/nexus/users/+/oauth/*, capabilities: [read]}\n\
         \x20     - {path: secret/data/tenants/123e4567-e89b-12d3-a456-426614174000/*, capabilities: [read]}\n\
         authRoles:\n  - name: ci-deployer\n    method: kubernetes\n    policies: [ci-deployer]\n\
         \x20   kubernetes: {serviceAccounts: [ci-deployer], namespaces: [ci]}\n\
         secrets:\n  - {name: db, namespace: ci, path: ci-deployer/databases/db-credentials}\n",
    )
    .unwrap();
    let (code, json) = validate_json(&file);
    assert_eq!(code, 0, "{json:#}");
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(!codes.iter().any(|c| c.starts_with('E')), "{json:#}");
}
