//! The plan of the three-region example, checked by hand against the
//! topology: which secrets each region reads, pushes and replicates, which
//! stores log in how, and how the Flux units are ordered.

mod emit_common;
use emit_common as common;

use sovc::lower::{Plan, RegionPlan, lower};
use sovc::model::ReplicationMode;

fn omantel() -> sovc::model::Topology {
    common::load(&common::examples().into_iter().find(|p| common::stem(p) == "omantel").unwrap())
}

fn region<'p>(plan: &'p Plan, code: &str) -> &'p RegionPlan {
    plan.regions.iter().find(|r| r.code == code).unwrap()
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(name).collect()
}

#[test]
fn secrets_go_where_the_topology_says() {
    let plan = lower(&omantel()).unwrap();
    let hnmp = region(&plan, "hnmp");
    // db-credentials is pushed from hnmp: its Secret is the source there,
    // so hnmp gets a PushSecret and no ExternalSecret for it.
    assert_eq!(names(&hnmp.external_secrets, |e| &e.name), ["registry-pull"]);
    assert_eq!(names(&hnmp.push_secrets, |p| &p.name), ["db-credentials"]);
    assert!(hnmp.replication.is_none());
    let hfrp = region(&plan, "hfrp");
    assert_eq!(names(&hfrp.external_secrets, |e| &e.name), ["db-credentials", "nexus-oauth", "registry-pull"]);
    assert!(hfrp.push_secrets.is_empty());
    let rep = hfrp.replication.as_ref().unwrap();
    assert_eq!(names(&rep.external_secrets, |e| &e.name), ["db-credentials", "nexus-oauth", "registry-pull"]);
    assert!(
        rep.external_secrets.iter().all(|e| e.store == "bao-replication-source" && e.namespace == "sovc-replication")
    );
    assert!(rep.push_secrets.iter().all(|p| p.store == "bao-replication-target" && p.deletion_policy == "None"));
    let hlrp = region(&plan, "hlrp");
    assert_eq!(names(&hlrp.external_secrets, |e| &e.name), ["nexus-oauth", "registry-pull"]);
    assert!(hlrp.external_secrets.iter().all(|e| e.store == "bao-local"));
}

#[test]
fn stores_follow_the_naming_table() {
    let plan = lower(&omantel()).unwrap();
    let hnmp = region(&plan, "hnmp");
    assert_eq!(names(&hnmp.stores, |s| &s.name), ["bao-local", "bao-primary"]);
    assert!(hnmp.stores.iter().all(|s| s.auth.method == "kubernetes" && s.auth.mount == "kubernetes"));
    // On the primary both stores talk to the region's own OpenBao: in-cluster.
    let in_cluster = "https://openbao-active.openbao.svc:8200";
    assert!(hnmp.stores.iter().all(|s| s.server == in_cluster), "{:?}", names(&hnmp.stores, |s| &s.server));
    let hfrp = region(&plan, "hfrp");
    let table: Vec<(&str, &str, &str, &str, &str)> = hfrp
        .stores
        .iter()
        .map(|s| {
            (s.name.as_str(), s.server.as_str(), s.auth.method.as_str(), s.auth.mount.as_str(), s.auth.role.as_str())
        })
        .collect();
    assert_eq!(
        table,
        [
            ("bao-local", in_cluster, "kubernetes", "kubernetes", "sovc-eso-reader"),
            ("bao-primary", "https://bao.hnmp.omantel.openova.io", "jwt", "jwt-hfrp", "sovc-eso-pusher"),
            ("bao-replication-source", "https://bao.hnmp.omantel.openova.io", "jwt", "jwt-hfrp", "sovc-replicator"),
            ("bao-replication-target", in_cluster, "kubernetes", "kubernetes", "sovc-replicator"),
        ]
    );
    assert!(hfrp.stores.iter().all(|s| s.kv_mount == "secret" && s.auth.audience == "openbao"));
}

/// Each store admits only the namespaces of the objects that use it: the
/// region's ExternalSecrets (`bao-local`), its PushSecrets (`bao-primary`),
/// replication (`sovc-replication`); none where nothing uses it.
#[test]
fn stores_admit_only_the_namespaces_they_serve() {
    let plan = lower(&omantel()).unwrap();
    let admitted = |code: &str| -> Vec<(String, Vec<String>)> {
        region(&plan, code).stores.iter().map(|s| (s.name.clone(), s.namespaces.clone())).collect()
    };
    let v = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        admitted("hnmp"),
        [("bao-local".to_string(), v(&["platform"])), ("bao-primary".to_string(), v(&["databases"]))]
    );
    assert_eq!(
        admitted("hfrp"),
        [
            ("bao-local".to_string(), v(&["databases", "nexus", "platform"])),
            ("bao-primary".to_string(), v(&[])),
            ("bao-replication-source".to_string(), v(&["sovc-replication"])),
            ("bao-replication-target".to_string(), v(&["sovc-replication"])),
        ]
    );
    assert_eq!(admitted("hlrp")[0], ("bao-local".to_string(), v(&["nexus", "platform"])));
}

#[test]
fn flux_units_are_ordered() {
    let plan = lower(&omantel()).unwrap();
    let hfrp = region(&plan, "hfrp");
    let order: Vec<(&str, Vec<&str>)> =
        hfrp.flux.iter().map(|k| (k.name.as_str(), k.depends_on.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        order,
        [
            ("sovc-openbao", vec![]),
            ("sovc-openbao-config", vec!["sovc-openbao"]),
            ("sovc-stores", vec!["external-secrets", "sovc-openbao-config"]),
            ("sovc-secrets", vec!["sovc-stores"]),
            ("sovc-replication", vec!["sovc-stores"]),
        ]
    );
    assert!(hfrp.flux.iter().all(|k| k.path.starts_with("./clusters/hfrp/") && k.prune && k.wait));
}

#[test]
fn replication_none_emits_no_replication() {
    let mut t = omantel();
    t.replication.mode.value = ReplicationMode::None;
    let plan = lower(&t).unwrap();
    for r in &plan.regions {
        assert!(r.replication.is_none(), "{}", r.code);
        assert_eq!(r.stores.len(), 2, "{}", r.code);
        assert!(r.flux.iter().all(|k| k.name != "sovc-replication"));
    }
}

#[test]
fn overrides_and_seals_resolve_per_region() {
    let plan = lower(&omantel()).unwrap();
    assert_eq!(region(&plan, "hnmp").openbao.values.replicas, 5);
    assert_eq!(region(&plan, "hnmp").openbao.server.retry_join.len(), 5);
    assert_eq!(region(&plan, "hfrp").openbao.values.replicas, 3);
    assert_eq!(region(&plan, "hlrp").openbao.values.storage_size, "20Gi");
    // hlrp overrides only the size: the shared class still applies there.
    assert_eq!(region(&plan, "hlrp").openbao.values.storage_class.as_deref(), Some("hcloud-volumes"));
    assert_eq!(region(&plan, "hfrp").openbao.values.storage_size, "10Gi");
    assert!(plan.regions.iter().all(|r| r.openbao.server.seal.is_none()), "shamir has no seal stanza");
    let mut t = omantel();
    t.openbao.seal.kind.value = sovc::model::SealType::Transit;
    let err = lower(&t).unwrap_err();
    assert_eq!(err.field, "openbao.seal.address");
}

/// A region's `storage` overrides field by field, in YAML and KDL alike.
#[test]
fn a_storage_override_keeps_the_shared_fields_it_omits() {
    use sovc::pipeline::load_bytes;
    use sovc::read::InputFormat;
    let yaml = "sovereign: acme\ndomain: acme.example.com\nopenbao:\n  storage: {size: 30Gi, class: shared}\n\
                regions:\n  - locationCode: eu1\n    primary: true\n    openbao: {storage: {class: fast}}\n\
                \x20 - locationCode: us1\n    kubernetes: {issuer: https://oidc.us1.acme.example.com}\n\
                \x20   openbao: {storage: {size: 50Gi}}\n";
    let kdl = "sovereign acme\ndomain acme.example.com\nopenbao {\n    storage size=\"30Gi\" class=shared\n}\n\
               region eu1 primary=#true {\n    openbao {\n        storage class=fast\n    }\n}\n\
               region us1 {\n    kubernetes issuer=\"https://oidc.us1.acme.example.com\"\n    openbao {\n        storage size=\"50Gi\"\n    }\n}\n";
    for (text, format) in [(yaml, InputFormat::Yaml), (kdl, InputFormat::Kdl)] {
        let loaded = load_bytes("t", text.as_bytes(), format, std::path::Path::new("."));
        let diags: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
        let t = loaded.valid().unwrap_or_else(|| panic!("{format:?}: {diags:#?}"));
        let plan = lower(t).unwrap();
        let volume = |code: &str| {
            let v = &region(&plan, code).openbao.values;
            (v.storage_size.clone(), v.storage_class.clone())
        };
        assert_eq!(volume("eu1"), ("30Gi".to_string(), Some("fast".to_string())), "{format:?}");
        assert_eq!(volume("us1"), ("50Gi".to_string(), Some("shared".to_string())), "{format:?}");
    }
}
