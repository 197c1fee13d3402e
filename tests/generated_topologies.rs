//! The benchmark's topology generator makes valid topologies at every size
//! the benchmark uses (so the benchmark measures real work, not errors).

#[path = "../benches/topology_gen.rs"]
mod topology_gen;

use topology_gen::Size;

#[test]
fn generated_topologies_are_valid() {
    for size in [Size { regions: 1, secrets: 10, policies: 2 }, Size { regions: 3, secrets: 100, policies: 10 }] {
        let text = topology_gen::yaml(size);
        let loaded = sovc::pipeline::load_bytes(
            "gen.yaml",
            text.as_bytes(),
            sovc::read::InputFormat::Yaml,
            std::path::Path::new("."),
        );
        let diags: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
        assert!(loaded.valid().is_some(), "{}: {diags:#?}", size.label());
        let t = loaded.topology.unwrap();
        assert_eq!((t.regions.len(), t.secrets.len(), t.policies.len()), (size.regions, size.secrets, size.policies));
    }
}
