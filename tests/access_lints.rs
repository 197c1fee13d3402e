//! Least-privilege lints (W09xx) and how a topology silences them.

use sovc::pipeline::{Loaded, load_bytes};
use sovc::read::InputFormat;
use std::path::Path;

fn load(text: &str, format: InputFormat) -> Loaded {
    load_bytes(if format == InputFormat::Yaml { "t.yaml" } else { "t.kdl" }, text.as_bytes(), format, Path::new("."))
}

/// `(code, line)` of every warning and error, in order.
fn findings(loaded: &Loaded) -> Vec<(&'static str, u32)> {
    loaded.diagnostics.iter().map(|d| (d.code, d.primary.span.line)).collect()
}

fn line_of(text: &str, needle: &str) -> u32 {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in topology"));
    text[..at].matches('\n').count() as u32 + 1
}

const BASE: &str = r#"sovereign: omantel
domain: omantel.openova.io
externalSecrets:
  readerRole: app-reader
regions:
  - locationCode: hnmp
    primary: true
policies:
  - name: reader
    rules:
      - path: secret/data/nexus/*
        capabilities: [read, list]
      - path: secret/data/unused/*
        capabilities: [read]
  - name: ops
    rules:
      - path: auth/token/create-orphan
        capabilities: [update, sudo]
      - path: sys/audit/*
        capabilities: [read, sudo]
  - name: wide
    rules:
      - path: secret/*
        capabilities: [read]
      - path: secret/*
        capabilities: [deny]
authRoles:
  - name: app-reader
    method: kubernetes
    policies: [reader]
    kubernetes: {serviceAccounts: [external-secrets], namespaces: [external-secrets]}
  - name: operators
    method: kubernetes
    policies: [ops, wide]
    kubernetes: {serviceAccounts: ["*"], namespaces: [ops]}
secrets:
  - name: nexus-oauth
    namespace: nexus
    path: nexus/infrastructure/oauth
"#;

#[test]
fn each_lint_fires_where_it_should() {
    let loaded = load(BASE, InputFormat::Yaml);
    assert!(loaded.valid().is_some(), "warnings only: {:#?}", findings(&loaded));
    let warn = |code: &str, line: u32| (code.to_string(), line);
    let got: Vec<(String, u32)> =
        findings(&loaded).into_iter().filter(|(c, _)| c.starts_with("W09")).map(|(c, l)| (c.to_string(), l)).collect();
    let mut want = vec![
        // `list` on the reader's rule: ExternalSecrets only read.
        warn("W0904", line_of(BASE, "capabilities: [read, list]")),
        // the reader's second rule decides no request at all.
        warn("W0903", line_of(BASE, "secret/data/unused/*")),
        // sudo on auth/token (outside sys/); the sys/ one is fine.
        warn("W0901", line_of(BASE, "capabilities: [update, sudo]")),
        // a read on the whole mount; the deny on the same pattern is not linted.
        warn("W0902", line_of(BASE, "- path: secret/*")),
        warn("W0905", line_of(BASE, "serviceAccounts: [\"*\"]")),
    ];
    want.sort_by_key(|w| w.1);
    assert_eq!(got, want);
    let d = loaded.diagnostics.iter().find(|d| d.code == "W0904").unwrap();
    assert!(d.message.contains("grants list on `secret/data/nexus/*`"), "{}", d.message);
    assert_eq!(d.primary.span.column, 1 + "        capabilities: [read, ".len() as u32, "points at `list`");
}

#[test]
fn lints_are_silenced_globally_or_per_item() {
    let text = BASE
        .replace("  - name: ops\n    rules:", "  - name: ops\n    allowLints: [W0901]\n    rules:")
        .replace("  - name: reader\n    rules:", "  - name: reader\n    allowLints: [W0903, W0904]\n    rules:")
        .replace("    policies: [ops, wide]\n", "    policies: [ops, wide]\n    allowLints: [W0905]\n")
        + "lints:\n  allow: [W0902]\n";
    let loaded = load(&text, InputFormat::Yaml);
    assert_eq!(findings(&loaded), []);
}

#[test]
fn a_per_item_allowance_does_not_reach_other_items() {
    // W0901 allowed on `wide` does not silence the sudo in `ops`.
    let text = BASE.replace("  - name: wide\n    rules:", "  - name: wide\n    allowLints: [W0901, W0902]\n    rules:");
    let codes: Vec<&str> = findings(&load(&text, InputFormat::Yaml)).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&"W0901"), "{codes:?}");
    assert!(!codes.contains(&"W0902"), "{codes:?}");
}

#[test]
fn unknown_or_error_codes_in_allow_lists_are_errors() {
    let text = BASE.replace("  - name: ops\n    rules:", "  - name: ops\n    allowLints: [W0091, E0801]\n    rules:")
        + "lints:\n  allow: [W9999]\n";
    let loaded = load(&text, InputFormat::Yaml);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0805", "E0805", "E0805"]);
    assert!(errors[0].message.contains("`W0091`"));
    assert!(errors[1].primary.message.contains("cannot be silenced"), "{}", errors[1].primary.message);
    assert!(errors[2].message.contains("`W9999`"));
    assert!(loaded.valid().is_none());
}

#[test]
fn kdl_spells_lints_and_allow_lints_too() {
    let kdl = r#"sovereign omantel
domain omantel.openova.io
region hnmp primary=#true
lints {
    allow W0905
}
policy wide {
    allowLints W0902
    rule "secret/*" read
}
authRole operators method=kubernetes {
    policies wide
    kubernetes {
        serviceAccounts "*"
        namespaces ops
    }
}
"#;
    let loaded = load(kdl, InputFormat::Kdl);
    let all: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    assert!(all.is_empty(), "{all:#?}");
    let t = loaded.topology.unwrap();
    assert_eq!(t.lints.allow[0].as_str(), "W0905");
    assert_eq!(t.policies[0].allow_lints[0].as_str(), "W0902");
}

#[test]
fn allow_lints_also_silence_other_rules_warnings_about_the_item() {
    // W0702 (a policy attached to no role) comes from the validation rules,
    // not the access lints; the policy's `allowLints` silences it too.
    let extra = "  - name: spare\n    rules:\n      - path: secret/data/spare/*\n        capabilities: [read]\n";
    let text = BASE.replace("authRoles:\n", &format!("{extra}authRoles:\n"));
    let codes: Vec<&str> = findings(&load(&text, InputFormat::Yaml)).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&"W0702"), "{codes:?}");
    let silenced = text.replace("  - name: spare\n    rules:", "  - name: spare\n    allowLints: [W0702]\n    rules:");
    let codes: Vec<&str> = findings(&load(&silenced, InputFormat::Yaml)).into_iter().map(|(c, _)| c).collect();
    assert!(!codes.contains(&"W0702"), "{codes:?}");
}
