//! Configuration delivery (issue 4): snapshots of every region's
//! `openbao-config/` for each example, and the properties the derived roles
//! must have (least privilege, placement by region, one JWT mount per remote
//! region), the Job's content hash, and that every emitted HCL parses.

use sovc::configure::{self, RegionConfig};
use sovc::model::Topology;
use sovc::output::OutputFile;
use std::collections::BTreeSet;
use std::path::Path;

const EXAMPLES: [&str; 3] = ["omantel.yaml", "single-region.yaml", "spiffe.yaml"];

fn load(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let loaded = sovc::pipeline::load_file(&path, None).expect("example readable");
    let diags: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    assert!(loaded.valid().is_some(), "{name} is invalid: {diags:#?}");
    loaded.topology.unwrap()
}

fn examples_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn files(name: &str) -> Vec<OutputFile> {
    configure::configure_files(&load(name), name, &examples_dir()).expect("configure files")
}

fn configs(t: &Topology, name: &str) -> Vec<RegionConfig> {
    configure::region_configs(t, name, &examples_dir()).expect("region configs")
}

/// All files of one region, concatenated with their paths.
fn region_dump(files: &[OutputFile], code: &str) -> String {
    let prefix = format!("{code}/");
    let mut out = String::new();
    for f in files.iter().filter(|f| f.path.starts_with(&prefix)) {
        out.push_str(&format!("===== {}\n{}", f.path, f.contents));
    }
    out
}

fn snapshot_regions(example: &str) {
    let t = load(example);
    let mut files = files(example);
    files.extend(configure::self_init_files(&t, example, &examples_dir()).expect("self-init files"));
    let stem = example.trim_end_matches(".yaml");
    for region in &t.regions {
        let code = &region.location_code.value;
        insta::with_settings!({snapshot_path => "../snapshots/configure", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("{stem}-{code}"), region_dump(&files, code));
        });
    }
}

#[test]
fn snapshot_omantel() {
    snapshot_regions("omantel.yaml");
}

#[test]
fn snapshot_single_region() {
    snapshot_regions("single-region.yaml");
}

#[test]
fn snapshot_spiffe() {
    snapshot_regions("spiffe.yaml");
}

/// KV keys an ExternalSecret materialises in `code`, computed from the
/// catalogue independently of the code under test.
fn expected_materialised(t: &Topology, code: &str) -> BTreeSet<String> {
    let kv = &t.openbao.kv_mount.value;
    t.secrets
        .iter()
        .filter(|s| match &s.regions {
            None => true,
            Some(rs) => rs.iter().any(|r| r.value == code),
        })
        // Where a secret is pushed from, its Kubernetes Secret is the
        // source: no ExternalSecret reads it back there.
        .filter(|s| {
            let primary = &t.primary().unwrap().location_code.value;
            let from = s.push_from.as_ref().map_or(primary, |p| &p.value);
            s.origin.value != sovc::model::Origin::Push || from != code
        })
        .map(|s| format!("{kv}/data/{}", s.path.value))
        .collect()
}

fn rule_map(cfg: &RegionConfig, policy: &str) -> Vec<(String, Vec<String>)> {
    let p = cfg.policy(policy).unwrap_or_else(|| panic!("{}: no policy {policy}", cfg.code));
    p.rules.iter().map(|r| (r.path.clone(), r.capabilities.clone())).collect()
}

#[test]
fn reader_policy_reads_exactly_the_materialised_data_paths() {
    for example in EXAMPLES {
        let t = load(example);
        for cfg in configs(&t, example) {
            let rules = rule_map(&cfg, &sovc::naming::reader_policy(&cfg.code));
            let paths: BTreeSet<String> = rules.iter().map(|(p, _)| p.clone()).collect();
            assert_eq!(paths, expected_materialised(&t, &cfg.code), "{example} {}", cfg.code);
            assert_eq!(paths.len(), rules.len(), "each path once");
            for (path, caps) in &rules {
                assert_eq!(caps, &vec!["read".to_string()], "{path}: read only");
            }
            let role = cfg.role("kubernetes", sovc::naming::READER_ROLE).expect("reader role");
            assert_eq!(role.body["token_policies"], serde_json::json!([sovc::naming::reader_policy(&cfg.code)]));
            assert_eq!(role.body["token_no_default_policy"], serde_json::json!(false));
        }
    }
}

#[test]
fn omantel_reader_paths_are_as_the_catalogue_says() {
    // A hand-checked instance of the rule above.
    let t = load("omantel.yaml");
    let cfgs = configs(&t, "omantel.yaml");
    let hlrp = cfgs.iter().find(|c| c.code == "hlrp").unwrap();
    let paths: Vec<String> = rule_map(hlrp, "sovc-eso-reader-hlrp").into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["secret/data/nexus/infrastructure/oauth", "secret/data/platform/registry-pull"]);
}

#[test]
fn pusher_grants_what_pushsecret_needs_on_pushed_paths_only() {
    let t = load("omantel.yaml");
    let cfgs = configs(&t, "omantel.yaml");
    let primary = cfgs.iter().find(|c| c.primary).unwrap();
    let kv = &t.openbao.kv_mount.value;
    let push_caps: BTreeSet<&str> = ["create", "read", "update"].into();
    for region in &t.regions {
        let code = &region.location_code.value;
        let pushed: BTreeSet<String> = t
            .secrets
            .iter()
            .filter(|s| s.origin.value == sovc::model::Origin::Push)
            .filter(|s| s.push_from.as_ref().map_or("hnmp", |p| p.value.as_str()) == code)
            .map(|s| s.path.value.clone())
            .collect();
        // The role sits on the mount the region's ESO reaches the primary through.
        let mount = if region.primary.value { "kubernetes".to_string() } else { format!("jwt-{code}") };
        let role = primary.role(&mount, sovc::naming::PUSHER_ROLE).expect("pusher role");
        if pushed.is_empty() {
            // Nothing to push: the store still logs in, with `default` only.
            assert!(primary.policy(&sovc::naming::pusher_policy(code)).is_none(), "{code}");
            assert_eq!(role.body["token_policies"], serde_json::json!([]));
            continue;
        }
        let rules = rule_map(primary, &sovc::naming::pusher_policy(code));
        let expected: BTreeSet<String> =
            pushed.iter().flat_map(|p| [format!("{kv}/data/{p}"), format!("{kv}/metadata/{p}")]).collect();
        let got: BTreeSet<String> = rules.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(got, expected, "pusher of {code}");
        for (path, caps) in &rules {
            let caps: BTreeSet<&str> = caps.iter().map(String::as_str).collect();
            assert_eq!(caps, push_caps, "{path}");
        }
        assert_eq!(role.body["token_policies"], serde_json::json!([sovc::naming::pusher_policy(code)]));
    }
    // db-credentials is the only pushed secret: nothing else is writable.
    assert_eq!(
        rule_map(primary, "sovc-eso-pusher-hnmp").into_iter().map(|(p, _)| p).collect::<Vec<_>>(),
        ["secret/data/databases/db-credentials", "secret/metadata/databases/db-credentials"]
    );
    // Replicas hold no pusher policy at all: writes go to the primary.
    for cfg in cfgs.iter().filter(|c| !c.primary) {
        assert!(cfg.policies.iter().all(|p| !p.name.starts_with("sovc-eso-pusher")), "{}", cfg.code);
    }
}

#[test]
fn replicator_reads_on_primary_and_pushes_on_replica() {
    let t = load("omantel.yaml");
    let cfgs = configs(&t, "omantel.yaml");
    let primary = cfgs.iter().find(|c| c.primary).unwrap();
    for cfg in cfgs.iter().filter(|c| !c.primary) {
        let wanted = expected_materialised(&t, &cfg.code);
        let source = rule_map(primary, &sovc::naming::replicator_source_policy(&cfg.code));
        assert_eq!(source.iter().map(|(p, _)| p.clone()).collect::<BTreeSet<_>>(), wanted);
        assert!(source.iter().all(|(_, c)| c == &vec!["read".to_string()]));
        assert!(primary.role(&format!("jwt-{}", cfg.code), sovc::naming::REPLICATOR_ROLE).is_some());

        let target = rule_map(cfg, &sovc::naming::replicator_target_policy(&cfg.code));
        let data_paths: BTreeSet<String> = target.iter().map(|(p, _)| p.replacen("/metadata/", "/data/", 1)).collect();
        assert_eq!(data_paths, wanted);
        assert!(cfg.role("kubernetes", sovc::naming::REPLICATOR_ROLE).is_some());
    }
}

#[test]
fn a_role_restricted_to_regions_appears_only_there() {
    let t = load("omantel.yaml");
    let cfgs = configs(&t, "omantel.yaml");
    for role in &t.auth_roles {
        let wanted: Option<Vec<&str>> = role.regions.as_ref().map(|rs| rs.iter().map(|r| r.value.as_str()).collect());
        for cfg in &cfgs {
            let present = cfg.roles.iter().any(|r| r.name == role.name.value);
            let expected = wanted.as_ref().is_none_or(|w| w.contains(&cfg.code.as_str()));
            assert_eq!(present, expected, "role {} in {}", role.name.value, cfg.code);
        }
    }
    // And the instance: nexus-server only in hfrp, ci-bootstrap (and its
    // approle mount) only in hnmp.
    for cfg in &cfgs {
        assert_eq!(cfg.role("kubernetes", "nexus-server").is_some(), cfg.code == "hfrp");
        assert_eq!(cfg.role("approle", "ci-bootstrap").is_some(), cfg.code == "hnmp");
        assert_eq!(cfg.mount("approle").is_some(), cfg.code == "hnmp");
    }
}

#[test]
fn primary_has_exactly_one_jwt_mount_per_other_region() {
    let t = load("omantel.yaml");
    for cfg in configs(&t, "omantel.yaml") {
        let jwt: Vec<&str> =
            cfg.mounts.iter().filter(|m| m.path.starts_with("jwt-")).map(|m| m.path.as_str()).collect();
        if cfg.primary {
            assert_eq!(jwt, ["jwt-hfrp", "jwt-hlrp"]);
            for region in t.regions.iter().filter(|r| !r.primary.value) {
                let m = cfg.mount(&format!("jwt-{}", region.location_code.value)).unwrap();
                let issuer = &region.kubernetes.as_ref().unwrap().issuer.as_ref().unwrap().value;
                let config = m.config.as_ref().unwrap();
                assert_eq!(config["oidc_discovery_url"], serde_json::json!(issuer));
                assert_eq!(config["bound_issuer"], serde_json::json!(issuer));
            }
            for role in cfg.roles.iter().filter(|r| r.mount.starts_with("jwt-")) {
                assert_eq!(role.body["role_type"], "jwt");
                assert_eq!(role.body["bound_subject"], "system:serviceaccount:external-secrets:external-secrets");
                assert_eq!(role.body["bound_audiences"], serde_json::json!([sovc::naming::TOKEN_AUDIENCE]));
            }
        } else {
            assert!(jwt.is_empty(), "{} trusts no other cluster", cfg.code);
        }
    }
    let single = load("single-region.yaml");
    for cfg in configs(&single, "single-region.yaml") {
        assert!(cfg.mounts.iter().all(|m| !m.path.starts_with("jwt-")));
    }
}

fn job_name(t: &Topology, code: &str) -> String {
    let files = configure::configure_files(t, "omantel.yaml", &examples_dir()).unwrap();
    let job = files.iter().find(|f| f.path == format!("{code}/openbao-config/job.yaml")).unwrap();
    let line = job.contents.lines().find(|l| l.trim_start().starts_with("name: \"sovc-configure-")).unwrap();
    line.trim().trim_start_matches("name: ").trim_matches('"').to_string()
}

#[test]
fn job_name_changes_when_a_policy_changes_and_not_otherwise() {
    let t = load("omantel.yaml");
    let before: Vec<String> = ["hnmp", "hfrp", "hlrp"].iter().map(|c| job_name(&t, c)).collect();
    assert!(before.iter().all(|n| n.len() == "sovc-configure-".len() + 10));

    // Unrelated to OpenBao's contents: refresh intervals, Flux settings.
    let mut other = t.clone();
    other.secrets[0].refresh_interval.value = "5m".into();
    other.flux.interval.value = "1m".into();
    let same: Vec<String> = ["hnmp", "hfrp", "hlrp"].iter().map(|c| job_name(&other, c)).collect();
    assert_eq!(before, same);

    // A policy's rule changes: every region (each holds every policy) re-runs.
    let mut changed = t.clone();
    changed.policies[0].rules[0].capabilities.pop();
    for (i, code) in ["hnmp", "hfrp", "hlrp"].iter().enumerate() {
        assert_ne!(before[i], job_name(&changed, code), "{code}");
    }

    // A secret materialised only in hnmp and hfrp changes: hlrp is untouched.
    let mut moved = t.clone();
    moved.secrets[0].path.value = "databases/db-credentials-v2".into();
    assert_ne!(before[0], job_name(&moved, "hnmp"));
    assert_ne!(before[1], job_name(&moved, "hfrp"));
    assert_eq!(before[2], job_name(&moved, "hlrp"));
}

/// Checks that `text` is an ACL policy: only `path "<p>" { capabilities = [...] }`.
fn assert_policy_parses(name: &str, text: &str) {
    let body: hcl::Body = hcl::parse(text).unwrap_or_else(|e| panic!("{name} does not parse: {e}\n{text}"));
    for structure in body.iter() {
        let block = structure.as_block().unwrap_or_else(|| panic!("{name}: top level holds only blocks"));
        assert_eq!(block.identifier(), "path", "{name}");
        assert_eq!(block.labels().len(), 1, "{name}");
        for attr in block.body().attributes() {
            assert_eq!(attr.key(), "capabilities", "{name}");
            assert!(matches!(attr.expr(), hcl::Expression::Array(_)), "{name}: capabilities is a list");
        }
    }
}

#[test]
fn every_emitted_policy_parses() {
    for example in EXAMPLES {
        let files = files(example);
        let hcl: Vec<&OutputFile> = files.iter().filter(|f| f.path.ends_with(".hcl")).collect();
        assert!(!hcl.is_empty());
        for f in hcl {
            assert_policy_parses(&f.path, &f.contents);
        }
        // The policy inside each bootstrap's heredoc too.
        for f in files.iter().filter(|f| f.path.ends_with("bootstrap.sh")) {
            let start = f.contents.find("<<'SOVC_POLICY'\n").unwrap() + "<<'SOVC_POLICY'\n".len();
            let end = f.contents.find("\nSOVC_POLICY\n").unwrap();
            assert_policy_parses(&f.path, &f.contents[start..=end]);
        }
    }
}

#[test]
fn no_file_holds_text_the_chart_rewrites() {
    for example in EXAMPLES {
        for f in files(example) {
            for needle in configure::guard::FORBIDDEN {
                assert!(!f.contents.contains(needle), "{} holds {needle}", f.path);
            }
        }
    }
}

#[test]
fn a_policy_path_the_chart_would_rewrite_is_an_error() {
    let mut t = load("omantel.yaml");
    t.policies[0].rules[0].path.value = "secret/data/POD_IP/*".into();
    let err = configure::configure_files(&t, "omantel.yaml", &examples_dir()).unwrap_err();
    assert!(err.problems.iter().all(|p| matches!(p, configure::Problem::ForbiddenText { needle: "POD_IP", .. })));
    assert!(err.to_string().contains("POD_IP"), "{err}");
}

#[test]
fn user_names_in_sovc_prefix_are_refused() {
    let mut t = load("omantel.yaml");
    t.auth_roles[0].name.value = "sovc-eso-reader".into();
    let err = configure::configure_files(&t, "omantel.yaml", &examples_dir()).unwrap_err();
    assert!(err.to_string().contains("sovc-eso-reader"), "{err}");
    assert!(err.to_string().starts_with("omantel.yaml:"), "{err}");
}

#[test]
fn every_file_starts_with_the_header_and_ends_with_a_newline() {
    for f in files("omantel.yaml") {
        assert!(f.contents.starts_with("# generated by sovc from omantel.yaml; do not edit\n"), "{}", f.path);
        assert!(f.contents.ends_with('\n') && !f.contents.contains('\r'), "{}", f.path);
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(files("omantel.yaml"), files("omantel.yaml"));
}

#[test]
fn kustomization_lists_the_objects_and_generates_the_configmap_from_present_files() {
    let files = files("omantel.yaml");
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let k = files.iter().find(|f| f.path == "hnmp/openbao-config/kustomization.yaml").unwrap();
    assert!(k.contents.contains("  - serviceaccount.yaml\n  - job.yaml\n"));
    let entries: Vec<&str> = k.contents.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(entries.iter().all(|l| !l.contains("bootstrap.sh")), "bootstrap is never applied");
    for line in k.contents.lines().filter(|l| l.starts_with("      - \"")) {
        let entry = line.trim().trim_start_matches("- ").trim_matches('"');
        let file = entry.rsplit('=').next().unwrap();
        assert!(paths.contains(format!("hnmp/openbao-config/{file}").as_str()), "{file} is emitted");
    }
}

#[test]
fn spiffe_roles_carry_openbao_field_names() {
    let t = load("spiffe.yaml");
    let cfgs = configs(&t, "spiffe.yaml");
    for cfg in &cfgs {
        let jwt = cfg.role("jwt-spire", "backend").expect("jwt role in every region");
        assert_eq!(jwt.api_path(), "auth/jwt-spire/role/backend");
        assert_eq!(jwt.body["role_type"], "jwt");
        assert_eq!(jwt.body["user_claim"], "sub");
        assert_eq!(jwt.body["bound_audiences"], serde_json::json!(["openbao"]));
        assert_eq!(jwt.body["bound_subject"], "spiffe://demo.local/ns/apps/sa/backend");
        assert_eq!(jwt.body["token_policies"], serde_json::json!(["backend-read"]));
        assert_eq!(jwt.body["token_ttl"], "10m");
        let mount = cfg.mount("jwt-spire").unwrap();
        assert_eq!(mount.config.as_ref().unwrap()["oidc_discovery_url"], "https://spire-oidc.demo.example.org");
    }
    let ams1 = cfgs.iter().find(|c| c.code == "ams1").unwrap();
    let cert = ams1.role("cert", "backend-x509").expect("cert role in ams1");
    assert_eq!(cert.api_path(), "auth/cert/certs/backend-x509");
    assert_eq!(cert.body["allowed_uri_sans"], serde_json::json!(["spiffe://demo.local/ns/apps/sa/backend"]));
    let pem = cert.body["certificate"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n") && pem.ends_with("-----END CERTIFICATE-----\n"));
    assert!(!pem.contains("TEST-ONLY"), "only the certificate block is sent");
    let par1 = cfgs.iter().find(|c| c.code == "par1").unwrap();
    assert!(par1.role("cert", "backend-x509").is_none() && par1.mount("cert").is_none());
}

fn with_ca_file(ca_file: &str) -> Topology {
    let mut t = load("spiffe.yaml");
    let cert = t.auth_roles.iter_mut().find_map(|r| r.cert.as_mut()).unwrap();
    cert.value.ca_file.value = ca_file.into();
    t
}

#[test]
fn an_unreadable_ca_file_is_an_error_with_its_location() {
    let t = with_ca_file("no-such-bundle.pem");
    let err = configure::configure_files(&t, "spiffe.yaml", &examples_dir()).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("spiffe.yaml:"), "{text}");
    assert!(text.contains("backend-x509") && text.contains("no-such-bundle.pem"), "{text}");
    assert_eq!(err.problems.len(), 1, "reported once, not per region");
}

#[test]
fn a_ca_file_without_a_certificate_or_with_a_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.pem"), "not a pem\n").unwrap();
    std::fs::write(
        dir.path().join("key.pem"),
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    for (file, says) in [("empty.pem", "no complete PEM certificate"), ("key.pem", "private key")] {
        let t = with_ca_file(file);
        let err = configure::configure_files(&t, "spiffe.yaml", dir.path()).unwrap_err();
        assert!(err.to_string().contains(says), "{file}: {err}");
        assert!(!err.to_string().contains("MIIE"), "no key material in messages");
    }
}

#[test]
fn self_init_only_for_auto_unseal_regions_and_it_parses() {
    let shamir = load("omantel.yaml");
    assert!(configure::self_init_files(&shamir, "omantel.yaml", &examples_dir()).unwrap().is_empty());
    for (example, regions) in [("single-region.yaml", 1), ("spiffe.yaml", 2)] {
        let t = load(example);
        let files = configure::self_init_files(&t, example, &examples_dir()).unwrap();
        assert_eq!(files.len(), regions, "{example}");
        for (cfg, region) in configs(&t, example).iter().zip(&t.regions) {
            let seal = configure::self_init::seal_of(&t, region);
            let text = configure::self_init::config_text(cfg, seal).unwrap().expect("auto-unseal");
            let body: hcl::Body = hcl::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let init: Vec<&hcl::Block> = body.blocks().collect();
            assert_eq!(init.len(), 1);
            assert_eq!(init[0].identifier(), "initialize");
            let requests: Vec<String> = init[0]
                .body()
                .blocks()
                .map(|b| {
                    let path = b.body().attributes().find(|a| a.key() == "path").unwrap();
                    match path.expr() {
                        hcl::Expression::String(s) => s.clone(),
                        other => panic!("{other:?}"),
                    }
                })
                .collect();
            assert_eq!(
                requests,
                [
                    "sys/auth/kubernetes",
                    "auth/kubernetes/config",
                    "sys/policies/acl/sovc-configure",
                    "auth/kubernetes/role/sovc-configure"
                ]
            );
            // Names OpenBao accepts for groups and requests.
            for b in std::iter::once(init[0]).chain(init[0].body().blocks()) {
                let name = b.labels()[0].as_str();
                assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{name}");
            }
            // The selector probes every peer but pod 0 itself.
            let replicas = configure::self_init::replicas_of(&t, region);
            let select = configure::self_init::select_script(&cfg.namespace, replicas).unwrap();
            assert_eq!(select.matches(".openbao-internal.").count(), replicas as usize - 1);
            assert!(select.contains("[ \"${pod##*-}\" = 0 ] || exit 0"));
        }
        let values = configure::self_init::values(&t, &t.regions[0]).unwrap();
        assert_eq!(values.extra_args, "$(sh /openbao/userconfig/sovc-self-init/select.sh)");
    }
}

/// A stand-in `bao` CLI over a fake server given in the environment. It
/// logs each call (and any JSON body on stdin) to `$BAO_LOG`.
/// - `status` answers the n-th word of `$BAO_STATES` on its n-th call (then
///   `$BAO_FINAL`, by default `active`) the way `bao status -format=json`
///   does (JSON, exit 0 unsealed, 2 sealed, 1 error); the first
///   `$BAO_LOGIN_FAILS` logins are refused;
/// - `$BAO_EXISTING`: `path=type` words (`sys/mounts/<kv>`, `sys/auth/<m>`)
///   answer `read -field=type` and make up `auth list`;
/// - `$BAO_MARKED`: auth mounts whose description is `$BAO_MARKER` (others
///   read back a hand-made description);
/// - `$BAO_ROLES`: role paths that exist (`read <path>` succeeds);
/// - `$BAO_POLICIES`: policy names `list sys/policies/acl` returns;
/// - `$BAO_FAIL`: paths whose `write <path> -` fails, as a config write
///   does when its JWT issuer cannot be reached.
const FAKE_BAO: &str = r#"#!/bin/sh
echo "bao $*" >> "$BAO_LOG"
# next COUNTER: how many times COUNTER was bumped before this call.
next() {
  n=$(cat "$BAO_LOG.$1" 2>/dev/null || echo 0)
  echo $((n + 1)) > "$BAO_LOG.$1"
  echo "$n"
}
has() { for w in $2; do [ "$w" = "$1" ] && return 0; done; return 1; }
case "$1" in
  status)
    n=$(next status)
    state=${BAO_FINAL:-active}
    i=0
    for s in $BAO_STATES; do [ "$i" = "$n" ] && state=$s; i=$((i + 1)); done
    case "$state" in
      unreachable) echo "Error checking seal status: dial tcp: connection refused" >&2; exit 1 ;;
      uninitialised) printf '{\n  "type": "shamir",\n  "initialized": false,\n  "sealed": true,\n  "ha_enabled": false\n}\n'; exit 2 ;;
      sealed) printf '{\n  "type": "shamir",\n  "initialized": true,\n  "sealed": true,\n  "t": 3,\n  "ha_enabled": true\n}\n'; exit 2 ;;
      standby) printf '{\n  "type": "shamir",\n  "initialized": true,\n  "sealed": false,\n  "ha_enabled": true,\n  "leader_address": "https://openbao-0:8200"\n}\n'; exit 0 ;;
      active) printf '{\n  "type": "shamir",\n  "initialized": true,\n  "sealed": false,\n  "ha_enabled": true,\n  "is_self": true\n}\n'; exit 0 ;;
    esac ;;
esac
case "$1 $2" in
  "write -field=token")
    if [ "$(next login)" -lt "${BAO_LOGIN_FAILS:-0}" ]; then
      printf 'Error writing data to auth/kubernetes/login: Error making API request.\n\nCode: 400. Errors:\n\n* invalid role name "sovc-configure"\n' >&2
      exit 2
    fi
    echo fake-token; exit 0 ;;
  "read -field=type")
    for e in $BAO_EXISTING; do
      [ "${e%%=*}" = "$3" ] && { echo "${e#*=}"; exit 0; }
    done
    echo "no handler for route" >&2; exit 2 ;;
  "read -field=description")
    has "$3" "$(for e in $BAO_EXISTING; do echo "${e%%=*}"; done)" \
      || { echo "no handler for route" >&2; exit 2; }
    if has "${3#sys/auth/}" "${BAO_MARKED:-}"; then echo "$BAO_MARKER"; else echo "made by hand, see \"jwt-decoy/\""; fi
    exit 0 ;;
  "read -field=options") echo '{"version": "2"}'; exit 0 ;;
  "read auth/"*)
    has "$2" "${BAO_ROLES:-}" && { echo "Key Value"; exit 0; }
    echo "No value found at $2" >&2; exit 2 ;;
  "list -format=json")
    [ "$3" = sys/policies/acl ] || exit 2
    printf '['; sep=
    for p in ${BAO_POLICIES:-}; do printf '%s\n  "%s"' "$sep" "$p"; sep=,; done
    printf '\n]\n'; exit 0 ;;
  "auth list")
    printf '{'; sep=
    for e in $BAO_EXISTING; do
      case "$e" in sys/auth/*) ;; *) continue ;; esac
      m="${e%%=*}"; m="${m#sys/auth/}"
      printf '%s\n  "%s/": {\n    "description": "made by hand, see \\"jwt-decoy/\\"",\n    "type": "%s"\n  }' "$sep" "$m" "${e#*=}"
      sep=,
    done
    printf '\n}\n'; exit 0 ;;
esac
for last; do :; done
if [ "$last" = "-" ]; then
  printf 'stdin ' >> "$BAO_LOG"; cat >> "$BAO_LOG"
  has "$2" "${BAO_FAIL:-}" && { echo "Error writing data to $2: error checking oidc discovery URL" >&2; exit 2; }
fi
exit 0
"#;

/// A stand-in `sleep`: logs instead of waiting, so no test takes time.
const FAKE_SLEEP: &str = "#!/bin/sh\necho \"sleep $*\" >> \"$BAO_LOG\"\n";

/// How one run of configure.sh against the fake CLI ended.
struct Run {
    /// The exit status (`None` if killed by a signal).
    status: Option<i32>,
    /// Every `bao` (and `sleep`) call, in order, with stdin bodies.
    log: Vec<String>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(&self) -> bool {
        self.status == Some(0)
    }

    /// Deletions in order: `role <path>`, `policy <name>`, `mount <path>`.
    fn deletions(&self) -> Vec<String> {
        self.log
            .iter()
            .filter_map(|l| {
                if let Some(p) = l.strip_prefix("bao delete ") {
                    Some(format!("role {p}"))
                } else if let Some(p) = l.strip_prefix("bao policy delete ") {
                    Some(format!("policy {p}"))
                } else {
                    l.strip_prefix("bao auth disable ").map(|m| format!("mount {m}"))
                }
            })
            .collect()
    }
}

/// Runs `script` against the fake CLI with `existing` and `env` set.
fn run_text(script: &str, existing: &str, env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for (name, text) in [("bao", FAKE_BAO), ("sleep", FAKE_SLEEP)] {
        let path = bin.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let script_path = dir.path().join("configure.sh");
    std::fs::write(&script_path, script).unwrap();
    let log = dir.path().join("log");
    let out = std::process::Command::new("sh")
        .arg(&script_path)
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .env("BAO_ADDR", "https://openbao-active.openbao.svc:8200")
        .env("TMPDIR", dir.path())
        .env("BAO_LOG", &log)
        .env("BAO_EXISTING", existing)
        .env("BAO_MARKER", sovc::naming::DERIVED_MOUNT_MARKER)
        .envs(env.iter().copied())
        .output()
        .expect("sh runs");
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    Run {
        status: out.status.code(),
        log: log.lines().map(str::to_string).collect(),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// Runs region `code`'s configure.sh against the fake CLI with `env` set.
fn run_script(example: &str, code: &str, existing: &str, env: &[(&str, &str)]) -> Run {
    run_text(&script_of(&load(example), example, code), existing, env)
}

fn script_of(t: &Topology, example: &str, code: &str) -> String {
    let files = configure::configure_files(t, example, &examples_dir()).expect("configure files");
    files.into_iter().find(|f| f.path == format!("{code}/openbao-config/configure.sh")).unwrap().contents
}

/// A fake OpenBao's contents (see [`FAKE_BAO`]).
#[derive(Default, Clone)]
struct FakeState {
    existing: String,
    marked: String,
    roles: String,
    policies: String,
    fail: String,
}

/// Runs `script` against an active fake OpenBao holding `state`.
fn run_state(script: &str, state: &FakeState) -> Run {
    let env = [
        ("BAO_MARKED", state.marked.as_str()),
        ("BAO_ROLES", state.roles.as_str()),
        ("BAO_POLICIES", state.policies.as_str()),
        ("BAO_FAIL", state.fail.as_str()),
    ];
    run_text(script, &state.existing, &env)
}

/// Runs region `code`'s configure.sh against an active OpenBao; returns
/// whether it succeeded, the call log and stderr.
fn run_configure(example: &str, code: &str, existing: &str) -> (bool, Vec<String>, String) {
    let run = run_script(example, code, existing, &[]);
    (run.ok(), run.log, run.stderr)
}

fn enable_derived(mount: &str) -> String {
    format!("bao auth enable -path={mount} -description={} jwt", sovc::naming::DERIVED_MOUNT_MARKER)
}

#[test]
fn configure_script_applies_everything_in_order_on_a_fresh_openbao() {
    let t = load("omantel.yaml");
    let cfg = configs(&t, "omantel.yaml").into_iter().find(|c| c.primary).unwrap();
    let (ok, log, stderr) = run_configure("omantel.yaml", "hnmp", "sys/auth/kubernetes=kubernetes");
    assert!(ok, "{stderr}\n{log:#?}");
    assert_eq!(log[0], "bao status -format=json", "the server's state is checked first");
    assert!(log[1].starts_with("bao write -field=token auth/kubernetes/login role=sovc-configure jwt=@/var/run/"));
    assert_eq!(log[2], "bao policy write sovc-configure /sovc/config/policy.sovc-configure.hcl");
    assert!(log.iter().all(|l| !l.starts_with("sleep")), "no waiting when OpenBao is active");
    let enables: Vec<&String> = log.iter().filter(|l| l.contains(" enable ")).collect();
    assert_eq!(
        enables,
        [
            "bao secrets enable -path=secret -version=2 kv",
            &enable_derived("jwt-hfrp"),
            &enable_derived("jwt-hlrp"),
            "bao auth enable -path=approle approle"
        ]
    );
    // Every role reaches OpenBao with exactly its body, after every policy.
    let last_policy = log.iter().rposition(|l| l.starts_with("bao policy write")).unwrap();
    let first_config = log.iter().position(|l| l.ends_with("/config -")).unwrap();
    for role in &cfg.roles {
        let call = format!("bao write {} -", role.api_path());
        let at = log.iter().position(|l| *l == call).unwrap_or_else(|| panic!("{call} missing"));
        assert!(at > last_policy, "{call} after the policies");
        assert!(at < first_config, "{call} before any mount config");
        let body: serde_json::Value = serde_json::from_str(log[at + 1].trim_start_matches("stdin ")).unwrap();
        assert_eq!(body, serde_json::Value::Object(role.body.clone()));
    }
    for policy in &cfg.policies {
        assert!(log.iter().any(|l| l.starts_with(&format!("bao policy write {} ", policy.name))), "{}", policy.name);
    }
    // Nothing to remove on a fresh server, but it looked.
    assert!(log.iter().any(|l| l == "bao list -format=json sys/policies/acl"));
    assert!(log.iter().any(|l| l == "bao auth list -format=json"));
    assert_eq!(log.last().unwrap(), "bao token revoke -self");
}

#[test]
fn configure_script_is_idempotent_and_refuses_a_wrong_mount_type() {
    let all = "sys/mounts/secret=kv sys/auth/kubernetes=kubernetes sys/auth/jwt-hfrp=jwt sys/auth/jwt-hlrp=jwt sys/auth/approle=approle";
    let (ok, log, stderr) = run_configure("omantel.yaml", "hnmp", all);
    assert!(ok, "{stderr}");
    assert!(log.iter().all(|l| !l.contains(" enable ")), "nothing re-enabled: {log:#?}");
    assert!(log.iter().all(|l| !l.contains(" delete ") && !l.contains(" disable ")), "nothing removed: {log:#?}");

    let wrong = all.replace("sys/auth/jwt-hlrp=jwt", "sys/auth/jwt-hlrp=oidc");
    let (ok, log, stderr) = run_configure("omantel.yaml", "hnmp", &wrong);
    assert!(!ok);
    assert!(stderr.contains("auth mount jwt-hlrp is a oidc mount, not jwt"), "{stderr}");
    assert!(log.iter().all(|l| !l.contains("/role/")), "stops before writing roles");
}

/// The lines configure.sh logged while waiting, without the `sovc-configure: ` prefix.
fn waiting_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter_map(|l| l.strip_prefix("sovc-configure: ")).collect()
}

#[test]
fn configure_script_waits_for_an_unsealed_active_server_before_logging_in() {
    // The bootstrap of a Shamir region as the Job sees it: no endpoint yet,
    // then sealed, uninitialised-then-initialised, one unsealed standby, active.
    let states = "unreachable unreachable sealed sealed sealed standby";
    let run = run_script("omantel.yaml", "hnmp", "", &[("BAO_STATES", states)]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let before_login: Vec<&str> =
        run.log.iter().map(String::as_str).take_while(|l| !l.starts_with("bao write -field=token")).collect();
    let mut expected = Vec::new();
    for _ in 0..6 {
        expected.extend(["bao status -format=json", "sleep 10"]);
    }
    expected.push("bao status -format=json");
    assert_eq!(before_login, expected, "polls 10 s apart until active, nothing else");
    // Each change of state is logged once.
    let addr = "OpenBao at https://openbao-active.openbao.svc:8200 is";
    let wait = "waiting until it is initialised, unsealed and active";
    assert_eq!(
        waiting_lines(&run.stderr),
        [format!("{addr} unreachable; {wait}"), format!("{addr} sealed; {wait}"), format!("{addr} standby; {wait}")]
    );
    assert_eq!(run.log.last().unwrap(), "bao token revoke -self");
}

#[test]
fn configure_script_retries_a_refused_login_until_bootstrap_has_run() {
    let run = run_script("omantel.yaml", "hnmp", "", &[("BAO_LOGIN_FAILS", "3")]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let logins = run.log.iter().filter(|l| l.starts_with("bao write -field=token")).count();
    assert_eq!(logins, 4);
    assert_eq!(run.log.iter().filter(|l| *l == "sleep 10").count(), 3);
    // The refusal is logged once (unchanged), with OpenBao's reason.
    let refused: Vec<&str> = waiting_lines(&run.stderr).into_iter().filter(|l| l.starts_with("login as")).collect();
    assert_eq!(
        refused,
        [
            "login as sovc-configure refused (has hnmp/openbao-config/bootstrap.sh run?): Error writing data to auth/kubernetes/login: Error making API request."
        ]
    );
    assert!(run.stderr.contains("* invalid role name"), "{}", run.stderr);
    assert!(!run.stderr.contains("fake-token"));
}

#[test]
fn configure_script_gives_up_after_its_window_with_the_not_ready_status() {
    let run = run_script("omantel.yaml", "hnmp", "", &[("BAO_FINAL", "sealed")]);
    // 60 minutes of polls 10 s apart, then the exit status the Job ignores.
    assert_eq!(run.status, Some(i32::from(configure::script::NOT_READY_EXIT)));
    assert_eq!(run.log.iter().filter(|l| *l == "bao status -format=json").count(), 360);
    assert_eq!(run.log.iter().filter(|l| *l == "sleep 10").count(), 359);
    assert!(run.log.iter().all(|l| !l.contains("token") && !l.contains("policy")), "never logs in or writes");
    let lines = waiting_lines(&run.stderr);
    // Logged on the first poll and again every 5 minutes (30 polls).
    assert_eq!(lines.iter().filter(|l| l.starts_with("OpenBao at") && l.contains(" is sealed; waiting")).count(), 12);
    assert!(
        lines.last().unwrap().starts_with(
            "not ready after 60 minutes (last: OpenBao at https://openbao-active.openbao.svc:8200 is sealed;"
        ),
        "{lines:#?}"
    );
    assert!(lines.last().unwrap().ends_with("exiting 75, the Job retries"));

    // Same for a role that never appears.
    let run = run_script("omantel.yaml", "hnmp", "", &[("BAO_LOGIN_FAILS", "1000")]);
    assert_eq!(run.status, Some(75));
    assert_eq!(run.log.iter().filter(|l| l.starts_with("bao write -field=token")).count(), 360);
    assert!(run.log.iter().all(|l| !l.starts_with("bao policy")), "nothing written without a login");
}

#[test]
fn job_ignores_exactly_the_not_ready_status_and_evictions() {
    let t = load("omantel.yaml");
    let files = files("omantel.yaml");
    for region in &t.regions {
        let code = &region.location_code.value;
        let job = files.iter().find(|f| f.path == format!("{code}/openbao-config/job.yaml")).unwrap();
        let job: serde_norway::Value = serde_norway::from_str(&job.contents).unwrap();
        let spec = &job["spec"];
        assert_eq!(spec["backoffLimit"], serde_norway::Value::from(configure::job::BACKOFF_LIMIT));
        assert!(spec.get("activeDeadlineSeconds").is_none(), "a deadline would fail a waiting Job for good");
        let rules = spec["podFailurePolicy"]["rules"].as_sequence().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["action"], "Ignore");
        let codes = &rules[0]["onExitCodes"];
        assert_eq!(codes["operator"], "In");
        assert_eq!(codes["values"], serde_norway::to_value([configure::script::NOT_READY_EXIT]).unwrap());
        let container = &spec["template"]["spec"]["containers"][0];
        assert_eq!(codes["containerName"], container["name"]);
        assert_eq!(spec["template"]["spec"]["restartPolicy"], "Never", "podFailurePolicy needs Never");
        assert_eq!(rules[1]["action"], "Ignore");
        assert_eq!(rules[1]["onPodConditions"][0]["type"], "DisruptionTarget");
        // The script exits with the same status.
        let script = files.iter().find(|f| f.path == format!("{code}/openbao-config/configure.sh")).unwrap();
        assert!(script.contents.contains(&format!("\nnot_ready={}\n", configure::script::NOT_READY_EXIT)));
    }
}

#[test]
fn bootstrap_initialises_and_unseals_each_pod_not_the_active_service() {
    // The Ingress and `openbao-active` have no endpoint before a pod is
    // unsealed and active, and cannot address one pod.
    for example in ["omantel.yaml", "oci-kms-no-replication.yaml"] {
        let t = load(example);
        let files = files(example);
        for region in &t.regions {
            let code = &region.location_code.value;
            let ns = &t.openbao.namespace.value;
            let text =
                &files.iter().find(|f| f.path == format!("{code}/openbao-config/bootstrap.sh")).unwrap().contents;
            let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
            let steps: Vec<&str> = header.iter().filter(|l| l.contains("bao operator")).copied().collect();
            let init = format!(
                "#   kubectl -n {ns} exec openbao-0 -- env BAO_TLS_SERVER_NAME=openbao-0.openbao-internal.{ns}.svc bao operator init"
            );
            let auto = configure::self_init::seal_of(&t, region).is_auto_unseal();
            if auto {
                assert_eq!(steps, [init.as_str()], "{example} {code}: auto-unseal needs no unseal step");
            } else {
                let unseal = format!(
                    "#     kubectl -n {ns} exec -it openbao-$i -- env BAO_TLS_SERVER_NAME=openbao-$i.openbao-internal.{ns}.svc bao operator unseal"
                );
                assert_eq!(steps, [init.as_str(), unseal.as_str()], "{example} {code}");
                let replicas = configure::self_init::replicas_of(&t, region);
                let pods: Vec<String> = (0..replicas).map(|i| i.to_string()).collect();
                let pods_line = format!("#   for i in {}; do", pods.join(" "));
                assert!(header.iter().any(|l| l.starts_with(&pods_line)), "{example} {code}: every pod, 0 first");
            }
            // The Ingress address is used only for bootstrap.sh itself, after the unseal.
            let export = header.iter().position(|l| l.contains("export BAO_ADDR=")).unwrap();
            let last_operator = header.iter().rposition(|l| l.contains("bao operator")).unwrap();
            assert!(export > last_operator, "{example} {code}");
        }
    }
}

/// omantel with the primary moved from hnmp to `to` (SPEC §4: DR promotion).
fn promoted(to: &str) -> Topology {
    let mut t = load("omantel.yaml");
    for r in &mut t.regions {
        r.primary.value = r.location_code.value == to;
    }
    t
}

/// What hnmp's OpenBao holds after running as the primary, plus objects
/// sovc did not make: a hand-made `jwt-foo` mount (no marker), a hand-made
/// policy and role.
fn old_primary_state() -> FakeState {
    let t = load("omantel.yaml");
    let hnmp = configs(&t, "omantel.yaml").into_iter().find(|c| c.code == "hnmp").unwrap();
    let mut existing = vec!["sys/mounts/secret=kv".to_string()];
    existing.extend(hnmp.mounts.iter().map(|m| format!("sys/auth/{}={}", m.path, m.kind.type_name())));
    existing.push("sys/auth/jwt-foo=jwt".into());
    let mut policies: Vec<String> = hnmp.policies.iter().map(|p| p.name.clone()).collect();
    policies.extend(["ops-admin".to_string(), "default".into(), "root".into()]);
    let mut roles: Vec<String> = hnmp.roles.iter().map(|r| r.api_path()).collect();
    roles.push("auth/kubernetes/role/sovc-configure".into());
    roles.push("auth/kubernetes/role/hand-made".into());
    FakeState {
        existing: existing.join(" "),
        marked: "jwt-hfrp jwt-hlrp".into(),
        roles: roles.join(" "),
        policies: policies.join(" "),
        fail: String::new(),
    }
}

#[test]
fn after_promotion_the_old_primary_drops_exactly_its_stale_derived_objects() {
    let t = promoted("hfrp");
    let state = old_primary_state();
    let run = run_state(&script_of(&t, "omantel.yaml", "hnmp"), &state);
    assert!(run.ok(), "{}\n{:#?}", run.stderr, run.log);
    // Hand-checked: as a replica hnmp keeps its reader and gains the
    // replicator target; the pusher role and policies, the replication
    // sources and the JWT mounts other regions pushed through are stale
    // (only hnmp pushes in omantel: no other pusher policy ever existed).
    assert_eq!(
        run.deletions(),
        [
            "role auth/kubernetes/role/sovc-eso-pusher",
            "policy sovc-eso-pusher-hnmp",
            "policy sovc-replicator-source-hfrp",
            "policy sovc-replicator-source-hlrp",
            "mount jwt-hfrp",
            "mount jwt-hlrp",
        ]
    );
    // Upsert first, then prune.
    let last_write = run.log.iter().rposition(|l| l.starts_with("bao write ") || l.starts_with("bao policy write"));
    let first_delete = run.log.iter().position(|l| l.contains(" delete ") || l.contains(" disable "));
    assert!(last_write < first_delete, "{:#?}", run.log);
    // Each deletion is logged by name; the unmarked jwt-foo is reported, not removed.
    for line in [
        "sovc-configure: deleting policy sovc-eso-pusher-hnmp (no longer needed here)",
        "sovc-configure: disabling auth mount jwt-hlrp (no longer needed here)",
        "sovc-configure: deleting role auth/kubernetes/role/sovc-eso-pusher (no longer needed here)",
        "sovc-configure: keeping auth mount jwt-foo (not one sovc derived; if unused, remove it by hand: bao auth disable jwt-foo)",
    ] {
        assert!(run.stdout.lines().any(|l| l == line), "{line}\n{}", run.stdout);
    }
    // A mount name quoted inside a description is not taken for a mount.
    assert!(!run.stdout.contains("jwt-decoy"), "{}", run.stdout);
    // The replica now accepts no login a remote region's ESO could push with.
    let hnmp = configs(&t, "omantel.yaml").into_iter().find(|c| c.code == "hnmp").unwrap();
    assert!(hnmp.mounts.iter().all(|m| !m.path.starts_with("jwt-")));
}

#[test]
fn without_the_marker_a_stale_jwt_mount_is_kept() {
    // A jwt-hfrp enabled before sovc marked its mounts (or by hand).
    let mut state = old_primary_state();
    state.marked = "jwt-hlrp".into();
    let run = run_state(&script_of(&promoted("hfrp"), "omantel.yaml", "hnmp"), &state);
    assert!(run.ok(), "{}", run.stderr);
    let mounts: Vec<String> = run.deletions().into_iter().filter(|d| d.starts_with("mount ")).collect();
    assert_eq!(mounts, ["mount jwt-hlrp"]);
    assert!(run.stdout.contains("keeping auth mount jwt-hfrp (not one sovc derived"), "{}", run.stdout);
}

#[test]
fn the_new_primary_is_configured_even_if_the_old_primary_issuer_is_down() {
    let t = promoted("hfrp");
    let hfrp = configs(&t, "omantel.yaml").into_iter().find(|c| c.code == "hfrp").unwrap();
    // hfrp as it was: a replica with the replicator on its kubernetes mount.
    let state = FakeState {
        existing: "sys/mounts/secret=kv sys/auth/kubernetes=kubernetes".into(),
        roles: "auth/kubernetes/role/sovc-eso-reader auth/kubernetes/role/sovc-replicator".into(),
        policies: "sovc-configure sovc-eso-reader-hfrp sovc-replicator-target-hfrp".into(),
        fail: "auth/jwt-hnmp/config".into(),
        ..Default::default()
    };
    let run = run_state(&script_of(&t, "omantel.yaml", "hfrp"), &state);
    assert!(!run.ok(), "the run reports the failure");
    assert!(
        run.stderr.contains(
            "sovc-configure: could not write: auth/jwt-hnmp/config (see above; everything else is configured)"
        ),
        "{}",
        run.stderr
    );
    // Every role (the other regions' pushers and replicators above all) and
    // every other mount config was written regardless.
    for role in &hfrp.roles {
        assert!(run.log.contains(&format!("bao write {} -", role.api_path())), "{}", role.api_path());
    }
    assert!(run.log.contains(&"bao write auth/jwt-hlrp/config -".to_string()));
    assert!(run.log.contains(&"bao write auth/kubernetes/config -".to_string()));
    // The derived remote mounts do not fetch the issuer at write time.
    let jwt = hfrp.mount("jwt-hnmp").unwrap().config.as_ref().unwrap();
    assert_eq!(jwt["skip_jwks_validation"], serde_json::json!(true));
    // And the replica-only objects went.
    assert_eq!(run.deletions(), ["role auth/kubernetes/role/sovc-replicator", "policy sovc-replicator-target-hfrp"]);
}

/// Every (topology, region) pair the prune is checked on: each example as
/// is and with every other region promoted.
fn variants() -> Vec<(&'static str, Topology)> {
    let mut out = Vec::new();
    for example in EXAMPLES {
        let t = load(example);
        for r in &t.regions {
            let mut v = t.clone();
            for x in &mut v.regions {
                x.primary.value = x.location_code.value == r.location_code.value;
            }
            out.push((example, v));
        }
    }
    out
}

#[test]
fn prune_never_deletes_anything_sovc_does_not_derive() {
    // A server holding everything any variant of the topology ever put
    // there (every mount, policy and role of every region, derived mounts
    // marked), plus hand-made objects under look-alike names.
    let mut mounts = BTreeSet::from(["sys/mounts/secret=kv".to_string(), "sys/auth/jwt-foo=jwt".into()]);
    let mut marked = BTreeSet::new();
    let mut policies = BTreeSet::from(["ops-admin".to_string(), "sovc-configure".into(), "sovc-other".into()]);
    let mut roles = BTreeSet::from([
        "auth/kubernetes/role/sovc-configure".to_string(),
        "auth/kubernetes/role/hand-made".into(),
        "auth/jwt-foo/role/sovc-eso-pusher".into(),
    ]);
    let mut user_policies = BTreeSet::new();
    for (example, t) in variants() {
        user_policies.extend(t.policies.iter().map(|p| p.name.value.clone()));
        for cfg in configs(&t, example) {
            for m in &cfg.mounts {
                mounts.insert(format!("sys/auth/{}={}", m.path, m.kind.type_name()));
                if m.derived {
                    marked.insert(m.path.clone());
                }
            }
            policies.extend(cfg.policies.iter().map(|p| p.name.clone()));
            roles.extend(cfg.roles.iter().map(|r| r.api_path()));
        }
    }
    let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(" ");
    let state = FakeState {
        existing: join(&mounts),
        marked: join(&marked),
        roles: join(&roles),
        policies: join(&policies),
        fail: String::new(),
    };
    let prefixes = sovc::naming::derived_policy_prefixes();
    let mut deleted = 0;
    for (example, t) in variants() {
        for cfg in configs(&t, example) {
            let run = run_state(&script_of(&t, example, &cfg.code), &state);
            assert!(run.ok(), "{example} {}: {}", cfg.code, run.stderr);
            for d in run.deletions() {
                deleted += 1;
                let at =
                    format!("{example} {} (primary {:?}): {d}", cfg.code, t.primary().map(|p| &p.location_code.value));
                if let Some(name) = d.strip_prefix("policy ") {
                    assert!(prefixes.iter().any(|p| name.starts_with(p.as_str())), "{at}: not a derived policy");
                    assert!(!user_policies.contains(name) && cfg.policy(name).is_none(), "{at}: still needed");
                } else if let Some(path) = d.strip_prefix("role auth/") {
                    let (mount, rest) = path.split_once('/').unwrap();
                    let name = rest.rsplit('/').next().unwrap();
                    assert!(sovc::naming::DERIVED_ROLES.contains(&name), "{at}: not a derived role");
                    assert!(mount == "kubernetes" || marked.contains(mount), "{at}: not on a sovc mount");
                    assert!(cfg.role(mount, name).is_none(), "{at}: still needed");
                } else if let Some(mount) = d.strip_prefix("mount ") {
                    assert!(marked.contains(mount), "{at}: an unmarked mount");
                    assert!(cfg.mount(mount).is_none(), "{at}: still needed");
                } else {
                    panic!("{at}: unknown deletion");
                }
                for never in
                    ["secret", "kubernetes", "jwt-foo", "ops-admin", "sovc-configure", "sovc-other", "hand-made"]
                {
                    assert!(!d.ends_with(&format!(" {never}")) && !d.ends_with(&format!("/{never}")), "{at}");
                }
            }
            // The KV mount is never touched beyond reading it.
            assert!(run.log.iter().all(|l| !l.contains("secrets disable")), "{example} {}", cfg.code);
        }
    }
    assert!(deleted > 20, "the state holds stale objects for most variants ({deleted} deletions)");
}
