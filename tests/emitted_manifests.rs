//! Every object sovc emits, for every bundled example, validates against
//! the pinned upstream schemas vendored in `tests/schemas/` (CRDs in their
//! strict form, the core kinds of configuration delivery, the kustomize file schema, the openbao chart's values
//! schema plus an unknown-key check against the chart's `values.yaml`).
//! The folders' `kustomization.yaml` files list exactly their objects, and
//! the Flux Kustomizations point at folders and dependencies that exist.
//! (CEL rules are checked by `validate-manifests` in `.ci/run`.)

mod emit_common;
use emit_common as common;

use serde_json::Value;
use sovc::model::EsoApiVersion;
use sovc::output::OutputFile;
use std::collections::{BTreeMap, BTreeSet};

fn schema(file: &str) -> Value {
    let path = format!("{}/tests/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Schemas {
    by_kind: BTreeMap<(String, String), jsonschema::Validator>,
    kustomize: jsonschema::Validator,
    values: jsonschema::Validator,
    chart_defaults: Value,
}

impl Schemas {
    fn load() -> Schemas {
        let crds = [
            ("external-secrets.io/v1", "ClusterSecretStore", "clustersecretstore_v1-strict.json"),
            ("external-secrets.io/v1beta1", "ClusterSecretStore", "clustersecretstore_v1beta1-strict.json"),
            ("external-secrets.io/v1", "ExternalSecret", "externalsecret_v1-strict.json"),
            ("external-secrets.io/v1beta1", "ExternalSecret", "externalsecret_v1beta1-strict.json"),
            ("external-secrets.io/v1alpha1", "PushSecret", "pushsecret_v1alpha1-strict.json"),
            ("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "kustomization_v1-strict.json"),
            ("helm.toolkit.fluxcd.io/v2", "HelmRelease", "helmrelease_v2-strict.json"),
            ("source.toolkit.fluxcd.io/v1", "HelmRepository", "helmrepository_v1-strict.json"),
            ("source.toolkit.fluxcd.io/v1", "OCIRepository", "ocirepository_v1-strict.json"),
        ];
        let mut by_kind: BTreeMap<(String, String), jsonschema::Validator> = crds
            .iter()
            .map(|(api, kind, file)| {
                let v = jsonschema::draft4::new(&schema(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
                ((api.to_string(), kind.to_string()), v)
            })
            .collect();
        // Core kinds of configuration delivery (Kubernetes 1.31, strict: no
        // unknown field anywhere, as `kubectl apply` checks).
        let core = schema("k8s-core-v1.31-strict.json");
        let kinds = [
            ("batch/v1", "Job", "io.k8s.api.batch.v1.Job"),
            ("v1", "ServiceAccount", "io.k8s.api.core.v1.ServiceAccount"),
            ("v1", "ConfigMap", "io.k8s.api.core.v1.ConfigMap"),
        ];
        for (api, kind, def) in kinds {
            let mut s = core.clone();
            s["$ref"] = Value::from(format!("#/$defs/{def}"));
            let v = jsonschema::draft202012::new(&s).unwrap_or_else(|e| panic!("{def}: {e}"));
            by_kind.insert((api.to_string(), kind.to_string()), v);
        }
        let chart_defaults = common::yaml_docs(
            &std::fs::read_to_string(format!("{}/tests/schemas/openbao-values.yaml", env!("CARGO_MANIFEST_DIR")))
                .unwrap(),
        )
        .unwrap()
        .remove(0);
        Schemas {
            by_kind,
            kustomize: jsonschema::draft7::new(&schema("kustomization.json")).unwrap(),
            values: jsonschema::draft7::new(&schema("openbao-values.schema.json")).unwrap(),
            chart_defaults,
        }
    }
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// Key paths of the user's values that the chart does not know: walks the
/// values next to the chart defaults; below a default that is not a map
/// with keys (free-form maps, lists, scalars) nothing is checked.
fn unknown_value_keys(values: &Value, defaults: &Value, at: &str, out: &mut Vec<String>) {
    let (Value::Object(vs), Value::Object(ds)) = (values, defaults) else { return };
    if ds.is_empty() {
        return;
    }
    for (k, v) in vs {
        match ds.get(k) {
            None => out.push(format!("{at}.{k}")),
            Some(d) => unknown_value_keys(v, d, &format!("{at}.{k}"), out),
        }
    }
}

/// Checks one file; returns its problems.
fn check_file(s: &Schemas, f: &OutputFile) -> Vec<String> {
    let name = f.path.rsplit('/').next().unwrap();
    if !name.ends_with(".yaml") {
        return vec![];
    }
    let docs = match common::yaml_docs(&f.contents) {
        Ok(d) => d,
        Err(e) => return vec![format!("YAML: {e}")],
    };
    if docs.is_empty() {
        return vec!["no document".into()];
    }
    let mut problems = Vec::new();
    for doc in &docs {
        if name == "kustomization.yaml" {
            problems.extend(errors(&s.kustomize, doc));
            continue;
        }
        if name == "values.yaml" {
            problems.extend(errors(&s.values, doc));
            let mut unknown = Vec::new();
            unknown_value_keys(doc, &s.chart_defaults, "", &mut unknown);
            problems.extend(unknown.into_iter().map(|k| format!("{k}: not a value of the openbao chart")));
            continue;
        }
        let api = doc["apiVersion"].as_str().unwrap_or_default().to_string();
        let kind = doc["kind"].as_str().unwrap_or_default().to_string();
        if doc["metadata"]["name"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{kind}: metadata.name missing"));
        }
        if (api.as_str(), kind.as_str()) == ("v1", "Namespace") {
            // Core kind (no vendored schema): only name and labels are emitted.
            let meta = doc["metadata"].as_object().unwrap();
            if doc.as_object().unwrap().len() != 3 || meta.keys().any(|k| k != "name" && k != "labels") {
                problems.push(format!("Namespace has unexpected fields: {doc}"));
            }
            continue;
        }
        match s.by_kind.get(&(api.clone(), kind.clone())) {
            Some(v) => problems.extend(errors(v, doc).into_iter().map(|e| format!("{kind}: {e}"))),
            None => problems.push(format!("no vendored schema for {api} {kind}")),
        }
    }
    problems
}

fn check_tree(s: &Schemas, label: &str, files: &[OutputFile], eso: &str) {
    let mut problems = Vec::new();
    for f in files {
        for p in check_file(s, f) {
            problems.push(format!("{label}: {}: {p}", f.path));
        }
        assert!(f.contents.starts_with("# generated by sovc from "), "{}: header", f.path);
        assert!(f.contents.ends_with('\n') && !f.contents.ends_with("\n\n"), "{}: one final newline", f.path);
        assert!(!f.contents.contains('\r'), "{}: LF only", f.path);
    }
    problems.extend(check_layout(files, eso).into_iter().map(|p| format!("{label}: {p}")));
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// Each folder's kustomization.yaml lists exactly the folder's object
/// files; every Flux Kustomization's path and dependencies exist.
fn check_layout(files: &[OutputFile], eso: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut folders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in files {
        let (dir, name) = f.path.rsplit_once('/').unwrap();
        folders.entry(dir).or_default().insert(name);
    }
    for (dir, names) in &folders {
        let objects: BTreeSet<&str> = names
            .iter()
            .copied()
            .filter(|n| n.ends_with(".yaml") && *n != "kustomization.yaml" && *n != "values.yaml")
            .collect();
        let Some(k) = files.iter().find(|f| f.path == format!("{dir}/kustomization.yaml")) else {
            if !objects.is_empty() {
                problems.push(format!("{dir}: objects but no kustomization.yaml"));
            }
            continue;
        };
        let doc = common::yaml_docs(&k.contents).unwrap().remove(0);
        let listed: BTreeSet<&str> = doc["resources"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        if listed != objects {
            problems.push(format!("{dir}/kustomization.yaml lists {listed:?}, folder has {objects:?}"));
        }
    }
    for f in files.iter().filter(|f| f.path.ends_with("/flux-kustomizations.yaml")) {
        let region = f.path.split('/').next().unwrap();
        let docs = common::yaml_docs(&f.contents).unwrap();
        let names: BTreeSet<&str> = docs.iter().map(|d| d["metadata"]["name"].as_str().unwrap()).collect();
        for d in &docs {
            let path = d["spec"]["path"].as_str().unwrap();
            let unit = path.rsplit('/').next().unwrap();
            assert!(path.ends_with(&format!("/{region}/{unit}")), "{path}");
            // openbao-config is filled by configuration delivery; every
            // other unit folder must be in the tree with its kustomization.
            if unit != sovc::naming::OPENBAO_CONFIG_DIR && !folders.contains_key(format!("{region}/{unit}").as_str()) {
                problems.push(format!("{}: Kustomization path {path} has no folder", f.path));
            }
            for dep in d["spec"]["dependsOn"].as_array().into_iter().flatten() {
                let dep = dep["name"].as_str().unwrap();
                if !names.contains(dep) && dep != eso {
                    problems.push(format!("{}: dependsOn {dep} is not a generated Kustomization", f.path));
                }
            }
        }
    }
    problems
}

#[test]
fn every_example_emits_schema_valid_objects() {
    let s = Schemas::load();
    for example in common::examples() {
        let t = common::load(&example);
        let files = common::generate(&t, &example.display().to_string());
        check_tree(&s, &common::stem(&example), &files, &t.flux.external_secrets_kustomization.value);
    }
}

#[test]
fn eso_v1beta1_objects_are_valid_v1beta1() {
    let s = Schemas::load();
    for example in common::examples() {
        let mut t = common::load(&example);
        t.external_secrets.api_version.value = EsoApiVersion::V1Beta1;
        let files = common::generate(&t, "v1beta1.yaml");
        let stores = files.iter().filter(|f| f.contents.contains("kind: ClusterSecretStore")).count();
        assert!(stores > 0);
        assert!(files.iter().all(|f| !f.contents.contains("external-secrets.io/v1\"")), "v1 left in v1beta1 output");
        check_tree(
            &s,
            &format!("{} (v1beta1)", common::stem(&example)),
            &files,
            &t.flux.external_secrets_kustomization.value,
        );
    }
}

#[test]
fn a_wrong_object_fails_the_check() {
    // The check itself must be able to fail: a misspelt field and an
    // unknown chart value are reported.
    let s = Schemas::load();
    let files = common::generate_example(&common::examples()[0]);
    let store = files.iter().find(|f| f.path.ends_with("/stores/bao-local.yaml")).unwrap();
    let broken = OutputFile { path: store.path.clone(), contents: store.contents.replace("caProvider:", "caProvidr:") };
    assert!(!check_file(&s, &broken).is_empty());
    let values = files.iter().find(|f| f.path.ends_with("/openbao/values.yaml")).unwrap();
    let broken =
        OutputFile { path: values.path.clone(), contents: values.contents.replace("setNodeId:", "setNodeID:") };
    assert!(check_file(&s, &broken).iter().any(|p| p.contains("setNodeID")));
    // Configuration delivery's core kinds are checked as strictly.
    let job = files.iter().find(|f| f.path.ends_with("/openbao-config/job.yaml")).unwrap();
    assert!(check_file(&s, job).is_empty(), "{:?}", check_file(&s, job));
    let broken = OutputFile { path: job.path.clone(), contents: job.contents.replace("backoffLimit:", "backofLimit:") };
    assert!(check_file(&s, &broken).iter().any(|p| p.starts_with("Job:")), "{:?}", check_file(&s, &broken));
    let broken = OutputFile { path: job.path.clone(), contents: job.contents.replace("batch/v1", "batch/v2") };
    assert!(!check_file(&s, &broken).is_empty());
}
