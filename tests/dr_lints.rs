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

const GAP: &str = r#"sovereign: acme
domain: acme.example.com
regions:
  - locationCode: eu1
    primary: true
  - locationCode: us1
    kubernetes: {issuer: https://oidc.us1.acme.example.com}
  - locationCode: ap1
    kubernetes: {issuer: https://oidc.ap1.acme.example.com}
secrets:
  - name: a
    namespace: app
    path: app/a
    regions: [eu1, us1]
  - name: b
    namespace: app
    path: app/b
    regions: [eu1, ap1]
"#;

#[test]
fn a_topology_without_a_complete_standby_is_reported_at_the_primary() {
    let loaded: Loaded = load_bytes("t.yaml", GAP.as_bytes(), InputFormat::Yaml, Path::new("."));
    let d: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == "W0709").collect();
    assert_eq!(d.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(d[0].primary.span.line, 5, "at `primary: true`");
    let labels: Vec<&str> = d[0].secondary.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(labels, ["`us1` would lack `b`", "`ap1` would lack `a`"]);
}

#[test]
fn one_complete_standby_is_enough() {
    // us1 reads both: it can be promoted without loss.
    assert!(codes(&GAP.replace("regions: [eu1, ap1]", "regions: [eu1, us1, ap1]")).is_empty());
    // No `regions`: every region reads (and so replicates) everything.
    assert!(codes(&GAP.replace("    regions: [eu1, us1]\n", "").replace("    regions: [eu1, ap1]\n", "")).is_empty());
}

#[test]
fn a_secret_pushed_from_a_region_is_held_by_it() {
    // ap1 lacks `a` only; pushed from ap1, its cluster re-pushes it.
    let text = GAP.replace(
        "    path: app/a\n    regions: [eu1, us1]\n",
        "    path: app/a\n    origin: push\n    pushFrom: ap1\n    regions: [eu1, us1]\n",
    );
    assert!(codes(&text).is_empty());
}

#[test]
fn without_replication_or_when_silenced_nothing_is_reported() {
    assert!(codes(&format!("{GAP}replication: {{mode: none}}\n")).is_empty());
    assert!(codes(&format!("{GAP}lints: {{allow: [W0709]}}\n")).is_empty());
}
