//! Properties of the whole pipeline over generated topologies (issue 10):
//! whatever passes validation generates; every YAML document and every HCL
//! file of the output parses; and free text the topology holds (with
//! YAML/HCL/template metacharacters) changes no file's structure: the
//! output has the same shape as with a plain placeholder in its place, and
//! the text reads back intact wherever the placeholder shows; every
//! emitted object validates against the vendored schema for its
//! apiVersion/kind (`tests/schemas/`, the check `tests/emitted_manifests.rs`
//! runs on the examples).

mod emit_common;
mod support;

use emit_common::schemas::{Schemas, check_file};
use proptest::prelude::*;
use sovc::model::EsoApiVersion;
use sovc::pipeline::{generate_files, load_bytes};
use sovc::read::InputFormat;
use std::path::Path;
use std::sync::OnceLock;
use support::output_shape::{parse, shape, strings};
use support::topology_strategy::{GenTopology, topology};

fn generate(g: &GenTopology) -> Option<Vec<sovc::output::OutputFile>> {
    let loaded = load_bytes("prop.yaml", g.to_yaml().as_bytes(), InputFormat::Yaml, Path::new("."));
    let t = loaded.valid()?;
    Some(
        generate_files(t, "prop.yaml", Path::new("."))
            .unwrap_or_else(|e| panic!("a valid topology must generate: {e}")),
    )
}

/// The vendored schemas, compiled once for all cases.
fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(Schemas::load)
}

/// `g` with every free text replaced by a distinct plain placeholder.
fn with_placeholders(g: &GenTopology) -> (GenTopology, Vec<(String, String)>) {
    let mut plain = g.clone();
    let mut pairs = Vec::new();
    let mut swap = |slot: &mut Option<String>| {
        if let Some(text) = slot.take() {
            let p = format!("Zqx{}", pairs.len());
            pairs.push((text, p.clone()));
            *slot = Some(p);
        }
    };
    for r in &mut plain.regions {
        swap(&mut r.provider);
        swap(&mut r.cloud_region);
    }
    for p in &mut plain.policies {
        swap(&mut p.description);
    }
    (plain, pairs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_output_parses_and_free_text_keeps_its_place(g in topology()) {
        let Some(files) = generate(&g) else { return Ok(()) };
        prop_assert!(!files.is_empty());
        for f in &files {
            if let Some(parsed) = parse(f) {
                prop_assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
            }
        }
        let (plain, pairs) = with_placeholders(&g);
        let plain_files = generate(&plain).expect("the placeholder twin of a valid topology is valid");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let plain_paths: Vec<&str> = plain_files.iter().map(|f| f.path.as_str()).collect();
        prop_assert_eq!(&paths, &plain_paths);
        for (f, pf) in files.iter().zip(&plain_files) {
            let (Some(Ok(docs)), Some(Ok(plain_docs))) = (parse(f), parse(pf)) else { continue };
            let shapes: Vec<_> = docs.iter().map(shape).collect();
            let plain_shapes: Vec<_> = plain_docs.iter().map(shape).collect();
            prop_assert_eq!(&shapes, &plain_shapes, "{}: free text changed the structure", f.path);
            for (doc, plain_doc) in docs.iter().zip(&plain_docs) {
                let (mut got, mut want) = (Vec::new(), Vec::new());
                strings(doc, "", &mut got);
                strings(plain_doc, "", &mut want);
                for ((path, value), (_, plain_value)) in got.iter().zip(&want) {
                    for (text, placeholder) in &pairs {
                        if plain_value.contains(placeholder.as_str()) {
                            prop_assert!(value.contains(text.as_str()), "{}{}: {:?} lost {:?}", f.path, path, value, text);
                        }
                    }
                }
            }
        }
    }
}

proptest! {
    // Modest: each case checks some hundred objects against the schemas.
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Every YAML document of every generated file (for either ESO API
    /// version) validates against the vendored schema for its
    /// apiVersion/kind; `kustomization.yaml` and the chart's `values.yaml`
    /// against theirs. A kind without a vendored schema is a failure.
    #[test]
    fn generated_objects_validate_against_the_vendored_schemas(g in topology(), v1beta1 in any::<bool>()) {
        let loaded = load_bytes("prop.yaml", g.to_yaml().as_bytes(), InputFormat::Yaml, Path::new("."));
        let Some(t) = loaded.valid() else { return Ok(()) };
        let mut t = t.clone();
        if v1beta1 {
            t.external_secrets.api_version.value = EsoApiVersion::V1Beta1;
        }
        let files = generate_files(&t, "prop.yaml", Path::new("."))
            .unwrap_or_else(|e| panic!("a valid topology must generate: {e}"));
        let mut problems = Vec::new();
        let mut yaml_files = 0;
        for f in files.iter().filter(|f| f.path.ends_with(".yaml")) {
            yaml_files += 1;
            problems.extend(check_file(schemas(), f).into_iter().map(|p| format!("{}: {p}", f.path)));
        }
        prop_assert!(yaml_files > 0);
        prop_assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    }
}
