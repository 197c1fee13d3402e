//! Every ClusterSecretStore sovc writes can log in: the OpenBao its
//! `server` names holds, on the auth mount the store uses, a role of the
//! name the store asks for (as configuration delivery writes it). Checked
//! for every example and for a topology that declares its own reader and
//! pusher roles and pushes from a non-primary region.

use sovc::configure::{self, RegionConfig};
use sovc::lower::{StorePlan, lower};
use sovc::model::Topology;
use sovc::naming;
use sovc::pipeline::{load_bytes, load_file};
use sovc::read::InputFormat;
use std::path::{Path, PathBuf};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn valid(loaded: sovc::pipeline::Loaded, name: &str) -> Topology {
    let diags: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    assert!(loaded.valid().is_some(), "{name} is invalid: {diags:#?}");
    loaded.topology.unwrap()
}

/// The region whose OpenBao a store in region `code` talks to.
fn server_region<'t>(t: &'t Topology, code: &str, store: &StorePlan) -> &'t str {
    if store.server == naming::bao_active_url(&t.openbao.namespace.value) {
        return t.regions.iter().find(|r| r.location_code.value == code).unwrap().location_code.as_str();
    }
    t.regions
        .iter()
        .find(|r| naming::bao_url(&r.location_code.value, &t.domain.value) == store.server)
        .unwrap_or_else(|| panic!("{code}/{}: server {} is no region's OpenBao", store.name, store.server))
        .location_code
        .as_str()
}

/// `region/store → region:mount/role` for every store whose login is not written.
fn missing_logins(t: &Topology, name: &str) -> Vec<String> {
    let plan = lower(t).expect("lower");
    let configs: Vec<RegionConfig> = configure::region_configs(t, name, &examples_dir()).expect("region configs");
    let mut missing = Vec::new();
    for region in &plan.regions {
        for store in &region.stores {
            let target = server_region(t, &region.code, store);
            let cfg = configs.iter().find(|c| c.code == target).unwrap();
            let auth = &store.auth;
            let mount_ok = cfg.mount(&auth.mount).is_some();
            if !mount_ok || cfg.role(&auth.mount, &auth.role).is_none() {
                missing.push(format!("{}/{} → {target}:{}/{}", region.code, store.name, auth.mount, auth.role));
            }
        }
    }
    missing
}

#[test]
fn every_example_store_logs_in_with_a_written_role() {
    for entry in std::fs::read_dir(examples_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let t = valid(load_file(&path, None).expect("example readable"), &name);
        assert_eq!(missing_logins(&t, &name), Vec::<String>::new(), "{name}");
    }
}

/// Declared reader and pusher roles (both Kubernetes auth, every region),
/// and a secret pushed from the non-primary region `hfrp`.
const DECLARED: &str = r#"sovereign: omantel
domain: omantel.openova.io
externalSecrets:
  readerRole: app-reader
  pusherRole: app-pusher
regions:
  - locationCode: hnmp
    primary: true
    kubernetes: {issuer: https://oidc.hnmp.omantel.openova.io}
  - locationCode: hfrp
    kubernetes: {issuer: https://oidc.hfrp.omantel.openova.io}
policies:
  - name: reader
    rules:
      - path: secret/data/databases/*
        capabilities: [read]
  - name: pusher
    rules:
      - path: secret/data/databases/*
        capabilities: [create, read, update]
      - path: secret/metadata/databases/*
        capabilities: [create, read, update]
authRoles:
  - name: app-reader
    method: kubernetes
    policies: [reader]
    kubernetes: {serviceAccounts: [external-secrets], namespaces: [external-secrets]}
  - name: app-pusher
    method: kubernetes
    policies: [pusher]
    kubernetes: {serviceAccounts: [external-secrets], namespaces: [external-secrets]}
secrets:
  - name: db-credentials
    namespace: databases
    path: databases/db-credentials
    origin: push
  - name: hfrp-token
    namespace: databases
    path: databases/hfrp-token
    origin: push
    pushFrom: hfrp
"#;

#[test]
fn declared_pusher_role_leaves_other_regions_a_role_to_push_with() {
    let loaded = load_bytes("declared.yaml", DECLARED.as_bytes(), InputFormat::Yaml, &examples_dir());
    let t = valid(loaded, "declared.yaml");
    assert_eq!(missing_logins(&t, "declared.yaml"), Vec::<String>::new());

    let plan = lower(&t).unwrap();
    let store = |code: &str| {
        let region = plan.regions.iter().find(|r| r.code == code).unwrap();
        region.stores.iter().find(|s| s.name == naming::PRIMARY_STORE).unwrap().auth.clone()
    };
    // The primary's own ESO pushes with the declared role…
    assert_eq!((store("hnmp").mount.as_str(), store("hnmp").role.as_str()), ("kubernetes", "app-pusher"));
    // …hfrp's with the derived pusher on its JWT mount, granted exactly its own push.
    assert_eq!((store("hfrp").mount.as_str(), store("hfrp").role.as_str()), ("jwt-hfrp", naming::PUSHER_ROLE));
    let configs = configure::region_configs(&t, "declared.yaml", &examples_dir()).unwrap();
    let primary = configs.iter().find(|c| c.primary).unwrap();
    assert!(primary.role("kubernetes", naming::PUSHER_ROLE).is_none(), "the declared role replaces it");
    let policy = primary.policy(&naming::pusher_policy("hfrp")).expect("hfrp's pusher policy");
    let paths: Vec<&str> = policy.rules.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["secret/data/databases/hfrp-token", "secret/metadata/databases/hfrp-token"]);
    assert!(primary.policy(&naming::pusher_policy("hnmp")).is_none(), "nothing derived for the declared role");
}
