//! The per-region access matrix (markdown) for the examples.

use sovc::access::access_matrix;
use sovc::pipeline::load_file;
use std::path::Path;

fn example(name: &str) -> sovc::model::Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let loaded = load_file(&path, None).unwrap();
    assert!(loaded.valid().is_some());
    loaded.topology.unwrap()
}

#[test]
fn matrices_of_the_example_regions() {
    let t = example("omantel.yaml");
    for region in ["hnmp", "hfrp", "hlrp"] {
        let md = access_matrix(&t, region);
        assert_eq!(md, access_matrix(&t, region), "deterministic");
        insta::with_settings!({snapshot_path => "../snapshots/access", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("matrix_omantel_{region}"), md);
        });
    }
}

#[test]
fn yaml_and_kdl_examples_give_the_same_matrix() {
    let (y, k) = (example("omantel.yaml"), example("omantel.kdl"));
    for region in ["hnmp", "hfrp", "hlrp"] {
        let (my, mk) = (access_matrix(&y, region), access_matrix(&k, region));
        assert_eq!(my, mk);
    }
}
