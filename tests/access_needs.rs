//! What each consumer needs, per region, for the three-region example.

use sovc::access::needs::{Consumer, needs};
use sovc::pipeline::load_file;
use std::path::Path;

#[test]
fn the_example_needs_one_entry_per_consumer_object() {
    let loaded = load_file(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/omantel.yaml")), None).unwrap();
    let t = loaded.topology.as_ref().unwrap();
    let lines: Vec<String> = needs(t)
        .iter()
        .map(|n| {
            let paths: Vec<String> =
                n.paths.iter().map(|p| format!("{} [{}]", p.path, p.capabilities.words().join(","))).collect();
            format!(
                "{} {:?} {} @{} as {}: {}",
                n.region,
                n.consumer,
                n.secret.name,
                n.openbao,
                n.role,
                paths.join("; ")
            )
        })
        .collect();
    let read = |r: &str, c: &str, s: &str, p: &str, o: &str, role: &str| {
        format!("{r} {c} {s} @{o} as {role}: secret/data/{p} [read]")
    };
    let push = |r: &str, c: &str, s: &str, p: &str, o: &str, role: &str| {
        format!(
            "{r} {c} {s} @{o} as {role}: secret/data/{p} [create,read,update]; secret/metadata/{p} [create,read,update]"
        )
    };
    let db = "databases/db-credentials";
    let nexus = "nexus/infrastructure/oauth";
    let reg = "platform/registry-pull";
    let (es, ps, rr, rp) = ("ExternalSecret", "PushSecret", "ReplicationRead", "ReplicationPush");
    let (reader, pusher, repl) = ("sovc-eso-reader", "sovc-eso-pusher", "sovc-replicator");
    // No ExternalSecret for db-credentials in hnmp: it is pushed from there.
    let expected = vec![
        push("hnmp", ps, "db-credentials", db, "hnmp", pusher),
        read("hnmp", es, "registry-pull", reg, "hnmp", reader),
        read("hfrp", es, "db-credentials", db, "hfrp", reader),
        read("hfrp", rr, "db-credentials", db, "hnmp", repl),
        push("hfrp", rp, "db-credentials", db, "hfrp", repl),
        read("hfrp", es, "nexus-oauth", nexus, "hfrp", reader),
        read("hfrp", rr, "nexus-oauth", nexus, "hnmp", repl),
        push("hfrp", rp, "nexus-oauth", nexus, "hfrp", repl),
        read("hfrp", es, "registry-pull", reg, "hfrp", reader),
        read("hfrp", rr, "registry-pull", reg, "hnmp", repl),
        push("hfrp", rp, "registry-pull", reg, "hfrp", repl),
        read("hlrp", es, "nexus-oauth", nexus, "hlrp", reader),
        read("hlrp", rr, "nexus-oauth", nexus, "hnmp", repl),
        push("hlrp", rp, "nexus-oauth", nexus, "hlrp", repl),
        read("hlrp", es, "registry-pull", reg, "hlrp", reader),
        read("hlrp", rr, "registry-pull", reg, "hnmp", repl),
        push("hlrp", rp, "registry-pull", reg, "hlrp", repl),
    ];
    assert_eq!(lines, expected);
    assert!(needs(t).iter().all(|n| !n.role_is_declared(t)), "the example declares no ESO role");
    assert_eq!(Consumer::PushSecret.describe(), "PushSecret");
}

#[test]
fn replication_none_drops_the_replication_needs() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/omantel.yaml"));
    let text = std::fs::read_to_string(path).unwrap().replace("mode: pull", "mode: none");
    let loaded = sovc::pipeline::load_bytes("t.yaml", text.as_bytes(), sovc::read::InputFormat::Yaml, Path::new("."));
    let t = loaded.topology.as_ref().unwrap();
    let kinds: Vec<Consumer> = needs(t).iter().map(|n| n.consumer).collect();
    assert_eq!(kinds.len(), 7);
    assert!(kinds.iter().all(|k| matches!(k, Consumer::ExternalSecret | Consumer::PushSecret)));
}
