//! Every emitted `.hcl` policy parses (hcl-rs) and has OpenBao's policy
//! shape: only `path "<pattern>" { capabilities = [...] }` blocks, with
//! capabilities from OpenBao 2.6's set and `deny` alone; the text is laid
//! out as `bao policy fmt` prints it. The OpenBao server configuration in
//! every `values.yaml` parses too and has the HA Raft shape.

mod emit_common;
use emit_common as common;

use hcl::{Body, Expression};
use std::collections::BTreeSet;

const CAPABILITIES: [&str; 9] = ["create", "read", "update", "patch", "delete", "list", "scan", "sudo", "deny"];

fn strings(e: &Expression) -> Option<Vec<String>> {
    match e {
        Expression::Array(items) => items
            .iter()
            .map(|i| match i {
                Expression::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The policy's (pattern, capabilities) blocks, or what is wrong with it.
fn policy_rules(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let body: Body = hcl::parse(text).map_err(|e| format!("parse: {e}"))?;
    if body.attributes().next().is_some() {
        return Err("top-level attributes".into());
    }
    let mut rules = Vec::new();
    for block in body.blocks() {
        if block.identifier() != "path" || block.labels().len() != 1 {
            return Err(format!("unexpected block {}", block.identifier()));
        }
        if block.body().blocks().next().is_some() {
            return Err("nested block in path".into());
        }
        let attrs: Vec<_> = block.body().attributes().collect();
        let [attr] = attrs.as_slice() else { return Err("a path block must hold only `capabilities`".into()) };
        if attr.key() != "capabilities" {
            return Err(format!("unexpected key {}", attr.key()));
        }
        let caps = strings(attr.expr()).ok_or("capabilities is not a list of strings")?;
        if caps.is_empty() || caps.iter().any(|c| !CAPABILITIES.contains(&c.as_str())) {
            return Err(format!("bad capabilities {caps:?}"));
        }
        if caps.contains(&"deny".to_string()) && caps.len() > 1 {
            return Err("deny mixed with other capabilities".into());
        }
        rules.push((block.labels()[0].as_str().to_string(), caps));
    }
    if rules.is_empty() {
        return Err("no path block".into());
    }
    Ok(rules)
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The policy as `bao policy fmt` prints it: leading comments kept, then
/// the blocks, 2-space indent, one blank line between blocks.
fn fmt_layout(text: &str, rules: &[(String, Vec<String>)]) -> String {
    let comments: String = text.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let blocks: Vec<String> = rules
        .iter()
        .map(|(p, caps)| {
            let list: Vec<String> = caps.iter().map(|c| quoted(c)).collect();
            format!("path {} {{\n  capabilities = [{}]\n}}\n", quoted(p), list.join(", "))
        })
        .collect();
    let sep = if comments.lines().count() > 1 { "\n" } else { "" };
    format!("{comments}{sep}{}", blocks.join("\n"))
}

#[test]
fn every_policy_parses_with_openbao_shape_and_fmt_layout() {
    let mut seen = 0;
    for example in common::examples() {
        let topology = common::load(&example);
        for f in common::generate_example(&example) {
            if !f.path.ends_with(".hcl") {
                continue;
            }
            seen += 1;
            let rules = policy_rules(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
            let name = f.path.rsplit('/').next().unwrap().trim_end_matches(".hcl");
            let Some(declared) = topology.policy(name) else {
                // A policy sovc derives (configuration delivery): its rules
                // are checked in tests/configure.rs; the layout is the same.
                assert!(f.path.contains("/openbao-config/policies/sovc-"), "{}: no such policy", f.path);
                assert_eq!(f.contents, fmt_layout(&f.contents, &rules), "{}: not in `bao policy fmt` layout", f.path);
                continue;
            };
            let want: Vec<(String, Vec<String>)> = declared
                .rules
                .iter()
                .map(|r| (r.path.value.clone(), r.capabilities.iter().map(|c| c.value.to_string()).collect()))
                .collect();
            assert_eq!(rules, want, "{}", f.path);
            assert_eq!(f.contents, fmt_layout(&f.contents, &rules), "{}: not in `bao policy fmt` layout", f.path);
        }
    }
    assert!(seen >= 4, "expected policy files, saw {seen}");
}

#[test]
fn policy_check_rejects_wrong_policies() {
    assert!(policy_rules("path \"a\" { capabilities = [\"write\"] }").is_err());
    assert!(policy_rules("path \"a\" { capabilities = [\"deny\", \"read\"] }").is_err());
    assert!(policy_rules("path \"a\" { policy = \"read\" }").is_err());
    assert!(policy_rules("name = \"x\"").is_err());
    assert!(policy_rules("path \"a\" { capabilities = [\"read\"] ").is_err());
}

/// The `server.ha.raft.config` text of a values.yaml, as OpenBao reads it
/// after Helm's `tpl`.
fn server_config(values: &str) -> String {
    let doc = common::yaml_docs(values).unwrap().remove(0);
    doc["server"]["ha"]["raft"]["config"].as_str().expect("raft config string").replace("{{ \"{{\" }}", "{{")
}

#[test]
fn every_server_config_is_ha_raft_with_tls() {
    for example in common::examples() {
        let topology = common::load(&example);
        for f in common::generate_example(&example).iter().filter(|f| f.path.ends_with("/openbao/values.yaml")) {
            let doc = common::yaml_docs(&f.contents).unwrap().remove(0);
            let replicas = doc["server"]["ha"]["replicas"].as_u64().unwrap() as usize;
            let body: Body = hcl::parse(&server_config(&f.contents)).unwrap_or_else(|e| panic!("{}: {e}", f.path));
            let blocks: Vec<_> = body.blocks().collect();
            let kinds: BTreeSet<String> = blocks
                .iter()
                .map(|b| format!("{} {:?}", b.identifier(), b.labels().iter().map(|l| l.as_str()).collect::<Vec<_>>()))
                .collect();
            for want in ["listener [\"tcp\"]", "storage [\"raft\"]", "service_registration [\"kubernetes\"]"] {
                assert!(kinds.contains(want), "{}: no {want} in {kinds:?}", f.path);
            }
            let listener = blocks.iter().find(|b| b.identifier() == "listener").unwrap();
            let keys: BTreeSet<&str> = listener.body().attributes().map(|a| a.key()).collect();
            assert!(keys.contains("tls_cert_file") && keys.contains("tls_key_file"), "{}: TLS", f.path);
            assert!(!keys.contains("tls_disable"), "{}: TLS disabled", f.path);
            let raft = blocks.iter().find(|b| b.identifier() == "storage").unwrap();
            let joins: Vec<_> = raft.body().blocks().filter(|b| b.identifier() == "retry_join").collect();
            assert_eq!(joins.len(), replicas, "{}: one retry_join per pod", f.path);
            let seals = blocks.iter().filter(|b| b.identifier() == "seal").count();
            let region = f.path.split('/').next().unwrap();
            let r = topology.region(region).unwrap();
            let seal = r.openbao.as_ref().and_then(|o| o.seal.as_ref()).unwrap_or(&topology.openbao.seal);
            assert_eq!(seals, usize::from(seal.kind.value.is_auto_unseal()), "{}: seal stanza", f.path);
            assert_eq!(doc["server"]["ha"]["raft"]["setNodeId"], serde_json::json!(true));
            assert_eq!(doc["injector"]["enabled"], serde_json::json!(false));
        }
    }
}
