//! The editor and `sovc validate` agree on the bad-input suite.
//!
//! For every YAML case under `tests/bad/` and `tests/bad-multi/`, the JSON
//! Schema (what yaml-language-server checks while a person types) is run
//! over the file, each schema error is mapped back to the line it is on
//! through sovc's own spanned YAML reader, and compared with what
//! `sovc validate --format json` reports:
//!
//! - every diagnostic whose code the schema can express is matched by a
//!   schema error on the same line;
//! - every schema error is on a line where `sovc validate` reports something
//!   (the schema is never stricter than sovc).
//!
//! What the schema cannot express is listed below, code by code and case by
//! case, each with its reason; a case is never skipped silently.

mod common;

use common::instance::Instance;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Codes no JSON Schema can state, and why.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    ("E0101", "not well-formed YAML: there is no instance to validate"),
    ("E0102", "a duplicate key disappears when YAML becomes a JSON instance"),
    ("E0103", "several YAML documents are not one instance"),
    ("E0104", "an empty file is not an instance"),
    ("E0105", "reading limits (size, nesting, aliases) are the reader's, not the shape's"),
    ("E0106", "non-string keys are not representable in a JSON instance"),
    ("E0107", "an undefined alias is a parse error"),
    ("E0108", "invalid UTF-8 is a read error"),
    ("E0207", "uniqueness of names inside objects (a key in a list of maps) needs cross-item comparison"),
    (
        "E0401",
        "exactly one primary: draft-07 has `contains` but no `maxContains`; the editor reports a missing primary on `regions`",
    ),
    ("E0402", "more than one primary needs counting matches (`maxContains`, draft 2019-09)"),
    ("E0403", "unique location codes: a cross-item comparison of one field"),
    ("E0404", "unique policy names: a cross-item comparison"),
    ("E0405", "unique role names: a cross-item comparison"),
    ("E0406", "unique namespace/name pairs: a cross-item comparison"),
    ("E0407", "a role's policy must exist: a cross-reference"),
    ("E0408", "a location code must name a region: a cross-reference"),
    ("E0409", "the issuer is required for non-primary regions: depends on another field of another item's `primary`"),
    ("E0410", "externalSecrets roles must exist: a cross-reference"),
    ("E0411", "two secrets writing one KV path: a cross-item comparison"),
    ("E0413", "reserved names depend on sovc's own derived names"),
    ("E0503", "tokenTtl <= tokenMaxTtl compares two durations numerically"),
    ("E0506", "KV v2 data/metadata paths depend on the value of openbao.kvMount"),
    ("E0509", "`*` mixed with names is a relation between list items"),
    ("E0510", "caFile must be readable PEM: needs the file system"),
    ("E0601", "credential detection is entropy and prefix heuristics over every value"),
    ("E0414", "readerRole/pusherRole must name a kubernetes role: depends on another item's `method`"),
    ("E0801", "access proofs evaluate OpenBao's ACL matching over policies and consumers"),
    ("E0802", "access proofs evaluate OpenBao's ACL matching over policies and consumers"),
    ("E0803", "access proofs evaluate OpenBao's ACL matching over policies and consumers"),
    ("E0804", "which regions get a role is a cross-reference between roles and consumers"),
    ("E0805", "`lints` entries must name real warnings, policies and roles: a cross-reference"),
    ("W0701", "warnings are advice, not shape: a schema error would be a false alarm"),
    ("W0702", "an unused policy is a cross-reference (and a warning)"),
    ("W0703", "a secret materialised nowhere is a cross-reference (and a warning)"),
    ("W0704", "a role created in no region is a cross-reference (and a warning)"),
    ("W0705", "a role without policies is advice (a warning)"),
    ("W0706", "an unconstrained cert role is advice (a warning)"),
    ("W0707", "a replica's write grant is a cross-reference between roles, policies and the primary (a warning)"),
    ("W0708", "an implicit pushFrom is valid per the SPEC; the promotion hazard is advice (a warning)"),
    ("W0709", "which region holds which secret is a cross-reference over the whole catalogue (a warning)"),
    ("W0901", "least-privilege lints analyse policies against consumers (warnings)"),
    ("W0902", "least-privilege lints analyse policies against consumers (warnings)"),
    ("W0903", "least-privilege lints analyse policies against consumers (warnings)"),
    ("W0904", "least-privilege lints analyse policies against consumers (warnings)"),
    ("W0905", "least-privilege lints analyse policies against consumers (warnings)"),
];

/// Cases whose code the schema expresses in general but not in this
/// instance, and why.
const CASE_EXCEPTIONS: &[(&str, &str)] = &[(
    "secret-path-with-mount.yaml",
    "E0312 here is a path starting with the KV mount's own name, which depends on the value of `openbao.kvMount`",
)];

fn code_reason(code: &str) -> Option<&'static str> {
    NOT_EXPRESSIBLE.iter().find(|(c, _)| *c == code).map(|(_, r)| *r)
}

fn case_reason(name: &str) -> Option<&'static str> {
    CASE_EXCEPTIONS.iter().find(|(c, _)| *c == name).map(|(_, r)| *r)
}

fn cases() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/bad", "tests/bad-multi"] {
        let Ok(entries) = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) else { continue };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")));
    }
    files.sort();
    files
}

/// `(code, line)` of every diagnostic `sovc validate` reports.
fn sovc_diagnostics(file: &Path) -> Vec<(String, u32)> {
    let out = Command::new(env!("CARGO_BIN_EXE_sovc"))
        .args(["validate", "--format", "json"])
        .arg(file)
        .output()
        .expect("run sovc");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap_or(0) as u32))
        .collect()
}

struct SchemaError {
    message: String,
    lines: Vec<u32>,
}

fn schema_errors(instance: &Instance, validator: &jsonschema::Validator) -> Vec<SchemaError> {
    let mut out = Vec::new();
    for e in validator.iter_errors(&instance.json) {
        let pointer = e.instance_path().to_string();
        let lines = match e.kind() {
            // Reported on each unexpected key, as sovc does.
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                unexpected.iter().filter_map(|k| instance.key_span(&pointer, k)).map(|s| s.line).collect()
            }
            _ => instance.lines_of(&pointer),
        };
        out.push(SchemaError { message: format!("{pointer}: {e}"), lines });
    }
    out
}

#[test]
fn schema_and_validate_agree_on_the_bad_input_suite() {
    let files = cases();
    if files.is_empty() {
        panic!("no bad-input cases found under tests/bad");
    }
    let validator = jsonschema::draft7::new(&sovc::schema::schema()).unwrap();
    let mut failures = Vec::new();
    let mut compared = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let sovc = sovc_diagnostics(file);
        let Some(instance) = Instance::parse(&text) else {
            // Unreadable YAML: every diagnostic must be a reading error.
            for (code, line) in &sovc {
                if code_reason(code).is_none() {
                    failures.push(format!("{name}: unparsable, yet {code} at line {line} is claimed expressible"));
                }
            }
            continue;
        };
        let schema = schema_errors(&instance, &validator);
        let excused = case_reason(&name).is_some();
        for (code, line) in &sovc {
            if code_reason(code).is_some() || excused {
                continue;
            }
            compared += 1;
            if !schema.iter().any(|e| e.lines.contains(line)) {
                failures.push(format!(
                    "{name}: sovc reports {code} at line {line}; the schema reports nothing there (schema: {:?})",
                    schema.iter().map(|e| &e.message).collect::<Vec<_>>()
                ));
            }
        }
        for e in &schema {
            if !sovc.iter().any(|(_, line)| e.lines.contains(line)) {
                failures.push(format!(
                    "{name}: the schema reports `{}` (lines {:?}) where sovc reports nothing (sovc: {sovc:?})",
                    e.message, e.lines
                ));
            }
        }
    }
    assert!(compared >= 20, "only {compared} diagnostics compared: is the suite there?");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_listed_exception_is_real() {
    let codes: Vec<&str> = sovc::diag::codes::ALL.iter().map(|(c, _)| *c).collect();
    for (code, _) in NOT_EXPRESSIBLE {
        assert!(codes.contains(code), "NOT_EXPRESSIBLE lists {code}, which sovc does not have");
    }
    let names: Vec<String> = cases().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for (case, _) in CASE_EXCEPTIONS {
        assert!(names.iter().any(|n| n == case), "CASE_EXCEPTIONS lists {case}, which is not in the suite");
    }
}
