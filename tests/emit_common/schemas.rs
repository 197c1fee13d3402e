//! The pinned upstream schemas vendored in `tests/schemas/` and the check
//! of one generated file against them: each object by its
//! apiVersion/kind (CRDs in their strict form, the core kinds of
//! configuration delivery), `kustomization.yaml` against kustomize's file
//! schema, `values.yaml` against the openbao chart's values schema plus an
//! unknown-key check against the chart's `values.yaml`. Shared by the
//! example-based test (`tests/emitted_manifests.rs`) and the property over
//! generated topologies (`tests/render_properties.rs`).

use serde_json::Value;
use sovc::output::OutputFile;
use std::collections::BTreeMap;

fn schema(file: &str) -> Value {
    let path = format!("{}/tests/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub struct Schemas {
    by_kind: BTreeMap<(String, String), jsonschema::Validator>,
    kustomize: jsonschema::Validator,
    values: jsonschema::Validator,
    chart_defaults: Value,
}

impl Schemas {
    pub fn load() -> Schemas {
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
        let chart_defaults = super::yaml_docs(
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
pub fn check_file(s: &Schemas, f: &OutputFile) -> Vec<String> {
    let name = f.path.rsplit('/').next().unwrap();
    if !name.ends_with(".yaml") {
        return vec![];
    }
    let docs = match super::yaml_docs(&f.contents) {
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
