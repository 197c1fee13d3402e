//! DR lints: writes at a replica (W0707) and pushed secrets whose source
//! cluster would follow `primary:` (W0708), and how a topology silences
//! them.

use sovc::pipeline::{Loaded, load_bytes};
use sovc::read::InputFormat;
use std::path::Path;

fn codes(text: &str) -> Vec<&'static str> {
    let loaded: Loaded = load_bytes("t.yaml", text.as_bytes(), InputFormat::Yaml, Path::new("."));
    assert!(loaded.valid().is_some(), "warnings only: {:#?}", loaded.diagnostics);
    loaded.diagnostics.iter().map(|d| d.code).collect()
}

const BASE: &str = r#"sovereign: acme
domain: acme.example.com
regions:
  - locationCode: eu1
    primary: true
  - locationCode: us1
    kubernetes: {issuer: https://oidc.us1.acme.example.com}
policies:
  - name: app
    rules:
      - path: secret/data/app/*
        capabilities: [CAPS]
authRoles:
  - name: app
    method: kubernetes
    policies: [app]
    REGIONS
    kubernetes: {serviceAccounts: [app], namespaces: [app]}
secrets:
  - name: db
    namespace: app
    path: app/db
    origin: push
    PUSH_FROM
"#;

fn topology(caps: &str, regions: &str, push_from: &str) -> String {
    BASE.replace("CAPS", caps).replace("REGIONS", regions).replace("PUSH_FROM", push_from)
}

#[test]
fn a_role_that_writes_at_a_replica_is_reported() {
    for caps in ["create", "update", "patch", "delete", "create, read, update"] {
        assert_eq!(codes(&topology(caps, "", "pushFrom: eu1")), ["W0707"], "{caps}");
        assert_eq!(codes(&topology(caps, "regions: [eu1, us1]", "pushFrom: eu1")), ["W0707"], "{caps}");
    }
}

#[test]
fn read_only_roles_and_roles_at_the_primary_are_not() {
    assert!(codes(&topology("read, list", "", "pushFrom: eu1")).is_empty());
    assert!(codes(&topology("create, read, update", "regions: [eu1]", "pushFrom: eu1")).is_empty());
    // Outside the KV mount (another engine's path) is not a replicated write.
    let other = topology("create", "", "pushFrom: eu1").replace("secret/data/app/*", "transit/encrypt/app");
    assert!(codes(&other).is_empty());
}

#[test]
fn globs_over_the_kv_mount_count_as_writes() {
    for path in ["secret/*", "+/data/app/*", "*"] {
        let text = topology("create", "", "pushFrom: eu1").replace("secret/data/app/*", &format!("\"{path}\""));
        assert!(codes(&text).contains(&"W0707"), "{path}");
    }
}

#[test]
fn replica_writes_are_silenced_per_role_or_everywhere() {
    let per_role = topology("create", "allowLints: [W0707]", "pushFrom: eu1");
    assert!(codes(&per_role).is_empty());
    let global = format!("{}lints: {{allow: [W0707]}}\n", topology("create", "", "pushFrom: eu1"));
    assert!(codes(&global).is_empty());
}

#[test]
fn an_implicit_push_from_is_reported_where_promotion_is_possible() {
    assert_eq!(codes(&topology("read", "", "")), ["W0708"]);
    assert!(codes(&topology("read", "", "pushFrom: eu1")).is_empty());
    assert!(codes(&topology("read", "", "pushFrom: us1")).is_empty());
    // One region: nothing to promote.
    let single = topology("read", "", "")
        .replace("  - locationCode: us1\n    kubernetes: {issuer: https://oidc.us1.acme.example.com}\n", "");
    assert!(codes(&single).is_empty());
    // An external secret has no source cluster.
    assert!(codes(&topology("read", "", "").replace("origin: push", "origin: external")).is_empty());
    let silenced = format!("{}lints: {{allow: [W0708]}}\n", topology("read", "", ""));
    assert!(codes(&silenced).is_empty());
}
