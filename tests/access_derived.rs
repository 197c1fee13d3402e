//! The roles sovc derives (configure) are proven sufficient by the same
//! evaluator that proves declared roles: every need of every example (and
//! of a generated 3-region topology) is granted by the derived role its
//! store logs in with, on the mount it logs in through.

#[path = "../benches/topology_gen.rs"]
#[allow(dead_code)]
mod topology_gen;

use sovc::access::needs::{Consumer, Need, needs};
use sovc::access::prove::{Failure, prove_needs};
use sovc::access::roles::{RoleView, roles_in_region};
use sovc::access::{Acl, AclPolicy};
use sovc::model::Topology;
use sovc::pipeline::load_bytes;
use sovc::read::InputFormat;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn load(name: &str, text: &str) -> Topology {
    let format = if name.ends_with(".kdl") { InputFormat::Kdl } else { InputFormat::Yaml };
    let loaded = load_bytes(name, text.as_bytes(), format, Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")));
    assert!(loaded.valid().is_some(), "{name} is valid");
    loaded.topology.unwrap()
}

/// Proves every need against the derived roles, with `tamper` applied to
/// each derived role's policies first.
fn prove_derived<'t>(t: &'t Topology, tamper: impl Fn(&mut RoleView)) -> Vec<Failure<'t>> {
    // Needs of roles the user declared are `prove`'s business.
    let all: Vec<Need<'_>> = needs(t).into_iter().filter(|n| !n.role_is_declared(t)).collect();
    let mut acls: HashMap<(String, String, String), Acl> = HashMap::new();
    for r in &t.regions {
        for mut view in roles_in_region(t, r.location_code.as_str()).into_iter().filter(|v| !v.declared) {
            tamper(&mut view);
            acls.insert((r.location_code.value.clone(), view.mount.clone(), view.name.clone()), view.acl());
        }
    }
    prove_needs(&all, |need| Some(acls.get(&(need.openbao.clone(), need.mount(), need.role.clone()))))
}

fn describe(f: &[Failure<'_>]) -> Vec<String> {
    f.iter()
        .map(|f| {
            format!("{:?} {} {} missing {:?} ({:?})", f.consumer, f.secret.name, f.path, f.missing.words(), f.regions)
        })
        .collect()
}

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "kdl"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    let size = topology_gen::Size { regions: 3, secrets: 60, policies: 4 };
    out.push(("generated.yaml".into(), topology_gen::yaml(size)));
    out
}

#[test]
fn derived_roles_grant_every_need() {
    let mut checked = 0;
    for (name, text) in corpus() {
        let t = load(&name, &text);
        let failures = prove_derived(&t, |_| {});
        assert!(failures.is_empty(), "{name}: {:#?}", describe(&failures));
        checked += needs(&t).len();
    }
    assert!(checked > 50, "the corpus exercises needs ({checked})");
}

#[test]
fn the_proof_catches_a_derived_pusher_missing_metadata() {
    // Control: drop the `metadata/` rules of the derived pusher; every
    // PushSecret must then fail on its metadata path, and nothing else.
    let (name, text) = corpus().into_iter().find(|(n, _)| n == "omantel.yaml").unwrap();
    let t = load(&name, &text);
    let failures = prove_derived(&t, |view| {
        if view.name != sovc::naming::PUSHER_ROLE {
            return;
        }
        for p in &mut view.policies {
            let rules = std::mem::take(&mut p.rules);
            let kept = rules.into_iter().filter(|r| !r.pattern.contains("/metadata/"));
            *p = AclPolicy::new(&p.name.clone(), kept.map(|r| (r.pattern, r.capabilities, r.span)));
        }
    });
    let all = needs(&t);
    let pushes: BTreeSet<(String, String)> = all
        .iter()
        .filter(|n| n.consumer == Consumer::PushSecret)
        .map(|n| (n.secret.name.value.clone(), n.paths[1].path.clone()))
        .collect();
    assert!(!pushes.is_empty(), "omantel pushes secrets");
    let failed: BTreeSet<(String, String)> = failures
        .iter()
        .inspect(|f| assert_eq!(f.consumer, Consumer::PushSecret, "{:#?}", describe(&failures)))
        .map(|f| (f.secret.name.value.clone(), f.path.clone()))
        .collect();
    assert_eq!(failed, pushes, "{:#?}", describe(&failures));
}
