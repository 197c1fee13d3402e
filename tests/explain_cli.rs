//! `sovc explain`: human and JSON output, for a path and for a role.

use std::process::Command;

const TOPOLOGY: &str = r#"sovereign: omantel
domain: omantel.openova.io
regions:
  - locationCode: hnmp
    primary: true
  - locationCode: hfrp
    kubernetes: {issuer: https://oidc.hfrp.omantel.openova.io}
policies:
  - name: deny-all
    rules:
      - path: secret/*
        capabilities: [deny]
  - name: app
    rules:
      - path: secret/data/app/*
        capabilities: [read, list]
      - path: secret/data/+/db
        capabilities: [update]
authRoles:
  - name: app
    method: kubernetes
    policies: [deny-all, app]
    kubernetes: {serviceAccounts: [app], namespaces: [app]}
  - name: locked
    method: kubernetes
    policies: [deny-all]
    regions: [hnmp]
    kubernetes: {serviceAccounts: [locked], namespaces: [locked]}
secrets:
  - name: db
    namespace: app
    path: app/db
"#;

fn sovc(args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topology.yaml");
    std::fs::write(&file, TOPOLOGY).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sovc"))
        .current_dir(dir.path())
        .arg("explain")
        .arg("topology.yaml")
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn explain_path_names_the_deciding_rule_per_role() {
    let (code, out, err) = sovc(&["--path", "secret/data/app/db", "--region", "hnmp"]);
    assert_eq!(code, 0, "{err}");
    insta::with_settings!({snapshot_path => "../snapshots/access", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("explain_path_human", out);
    });
}

#[test]
fn explain_path_json_is_machine_readable() {
    let (code, out, err) = sovc(&["--path", "secret/data/app/db", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["path"], "secret/data/app/db");
    assert_eq!(v["secrets"], serde_json::json!(["app/db"]));
    let hnmp = &v["regions"][0];
    assert_eq!(hnmp["region"], "hnmp");
    let app = &hnmp["roles"][0];
    assert_eq!(app["role"], "app");
    // The glob's first wildcard (position 16) comes later than the `+`
    // (position 12), so the glob decides; the broader deny is outranked too.
    assert_eq!(app["capabilities"], serde_json::json!(["read", "list"]));
    assert_eq!(app["decided_by"]["pattern"], "secret/data/app/*");
    assert_eq!(app["decided_by"]["kind"], "prefix");
    assert_eq!(app["decided_by"]["sources"][0]["line"], 15);
    assert_eq!(app["decided_by"]["sources"][0]["policy"], "app");
    assert_eq!(app["outranked"], serde_json::json!(["secret/*", "secret/data/+/db"]));
    let locked = &hnmp["roles"][1];
    assert_eq!(
        (locked["role"].as_str(), locked["capabilities"].clone()),
        (Some("locked"), serde_json::json!(["deny"]))
    );
    assert_eq!(locked["decided_by"]["pattern"], "secret/*");
    // `locked` is not written to hfrp; the declared `app` and the roles sovc
    // derives for hfrp are.
    let hfrp: Vec<&str> =
        v["regions"][1]["roles"].as_array().unwrap().iter().filter_map(|r| r["role"].as_str()).collect();
    assert!(!hfrp.contains(&"locked") && hfrp.contains(&"app"), "{hfrp:?}");
    assert!(hfrp.contains(&"sovc-eso-reader") && hfrp.contains(&"sovc-configure"), "{hfrp:?}");
}

#[test]
fn explain_role_lists_reachable_secrets() {
    let (code, out, err) = sovc(&["--role", "app"]);
    assert_eq!(code, 0, "{err}");
    insta::with_settings!({snapshot_path => "../snapshots/access", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("explain_role_human", out);
    });
    let (code, out, _) = sovc(&["--role", "app", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reach = &v["reach"][0];
    assert_eq!(reach["regions"], serde_json::json!(["hnmp", "hfrp"]), "identical in both regions: one group");
    assert_eq!(reach["secrets"][0]["secret"], "app/db");
    assert_eq!(reach["secrets"][0]["data"], serde_json::json!(["read", "list"]));
    assert_eq!(reach["secrets"][0]["metadata"], serde_json::json!(["deny"]));
}

#[test]
fn explain_reports_unknown_roles_and_regions_as_usage_errors() {
    let (code, _, err) = sovc(&["--role", "locked", "--region", "hfrp"]);
    assert_eq!(code, 2);
    assert!(err.contains("no role `locked`"), "{err}");
    let (code, _, err) = sovc(&["--path", "secret/data/x", "--region", "nowhere"]);
    assert_eq!(code, 2);
    assert!(err.contains("no region `nowhere`"), "{err}");
    let (code, _, _) = sovc(&["--path", "x", "--role", "app"]);
    assert_eq!(code, 2, "--path and --role exclude each other");
}
