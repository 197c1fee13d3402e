//! The JSON Schema is a valid draft-07 schema and a helpful one: it passes
//! its metaschema, every pattern compiles, every field is described, closed
//! sets are enums, and its own defaults, examples and the bundled example
//! topologies satisfy it.

mod common;

use common::instance::Instance;
use serde_json::{Value, json};

fn schema() -> Value {
    sovc::schema::schema()
}

#[test]
fn passes_the_draft07_metaschema() {
    let schema = schema();
    assert_eq!(schema["$schema"], json!("http://json-schema.org/draft-07/schema#"));
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the schema violates its metaschema at {}: {e}", e.instance_path());
    }
}

#[test]
fn compiles_with_every_pattern() {
    jsonschema::draft7::new(&schema()).expect("the schema compiles (every pattern is a valid regex)");
}

/// Every schema in `value` with the path that leads to it.
fn schemas<'a>(value: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    let Some(map) = value.as_object() else { return };
    out.push((path.clone(), value));
    for (key, child) in map {
        match key.as_str() {
            "properties" | "definitions" => {
                for (name, s) in child.as_object().into_iter().flatten() {
                    schemas(s, format!("{path}/{key}/{name}"), out);
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                for (i, s) in child.as_array().into_iter().flatten().enumerate() {
                    schemas(s, format!("{path}/{key}/{i}"), out);
                }
            }
            "items" | "additionalProperties" | "not" | "if" | "then" | "else" | "contains" => {
                schemas(child, format!("{path}/{key}"), out)
            }
            _ => {}
        }
    }
}

/// The properties of the model's objects (not the `if`/`then` overlays).
fn properties(schema: &Value) -> Vec<(String, &Value)> {
    let mut all = Vec::new();
    schemas(schema, String::new(), &mut all);
    let mut out = Vec::new();
    for (path, s) in all {
        if ["/if", "/then", "/contains"].iter().any(|o| path.contains(o)) {
            continue;
        }
        for (name, p) in s.get("properties").and_then(Value::as_object).into_iter().flatten() {
            out.push((format!("{path}/properties/{name}"), p));
        }
    }
    out
}

#[test]
fn every_field_is_described_in_plain_text_and_markdown() {
    let schema = schema();
    assert!(
        schema["title"].is_string() && schema["description"].is_string() && schema["markdownDescription"].is_string()
    );
    let props = properties(&schema);
    assert!(props.len() > 60, "only {} properties found", props.len());
    let undescribed: Vec<&String> = props
        .iter()
        .filter(|(_, p)| !p["description"].is_string() || !p["markdownDescription"].is_string())
        .map(|(path, _)| path)
        .collect();
    assert!(undescribed.is_empty(), "fields without description/markdownDescription: {undescribed:?}");
}

#[test]
fn every_object_is_closed() {
    let schema = schema();
    let mut all = Vec::new();
    schemas(&schema, String::new(), &mut all);
    let open: Vec<&String> = all
        .iter()
        .filter(|(path, s)| {
            !["/if", "/then", "/contains"].iter().any(|o| path.contains(o))
                && s.get("properties").is_some()
                && s.get("additionalProperties") != Some(&json!(false))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(open.is_empty(), "objects accepting unknown fields: {open:?}");
}

#[test]
fn closed_sets_are_enums_not_one_of() {
    let text = serde_json::to_string(&schema()).unwrap();
    assert!(!text.contains("\"oneOf\""), "a oneOf is left (editors report it as 'matches multiple schemas')");
    let schema = schema();
    let method = &schema["definitions"]["AuthRole"]["properties"]["method"];
    assert_eq!(method["enum"], json!(["kubernetes", "approle", "jwt", "cert"]));
    assert_eq!(method["markdownEnumDescriptions"].as_array().map(Vec::len), Some(4));
    let origin = &schema["definitions"]["Secret"]["properties"]["origin"];
    assert_eq!(origin["enum"], json!(["external", "push"]));
    assert_eq!(origin["default"], json!("external"));
}

#[test]
fn method_blocks_are_discriminated_with_if_then() {
    let schema = schema();
    let branches = schema["definitions"]["AuthRole"]["allOf"].as_array().expect("AuthRole.allOf");
    for m in ["kubernetes", "approle", "jwt", "cert"] {
        let mine: Vec<&Value> =
            branches.iter().filter(|b| b["if"]["properties"]["method"]["const"] == json!(m)).collect();
        let refused = mine.iter().find_map(|b| b["then"]["properties"].as_object().filter(|p| p.len() == 3));
        let refused = refused.unwrap_or_else(|| panic!("{m}: the other three blocks are not refused"));
        assert!(refused.values().all(|v| *v == json!(false)));
        // A missing block (approle's is optional) is reported on `method`.
        let needs = mine
            .iter()
            .any(|b| b["if"]["not"]["required"] == json!([m]) && b["then"]["properties"]["method"] == json!(false));
        assert_eq!(needs, m != "approle", "{m}: missing-block branch");
    }
}

/// A validator for one property schema, resolving `#/definitions/...`
/// against the whole schema.
fn validator_for(root: &Value, property: &Value) -> jsonschema::Validator {
    let mut s = property.clone();
    if let Some(map) = s.as_object_mut() {
        map.insert("definitions".into(), root["definitions"].clone());
    }
    jsonschema::draft7::new(&s).expect("property schema compiles")
}

#[test]
fn defaults_and_examples_satisfy_their_own_field() {
    let schema = schema();
    let mut bad = Vec::new();
    let mut checked = 0;
    for (path, p) in properties(&schema) {
        let v = validator_for(&schema, p);
        let mut samples: Vec<&Value> = p.get("examples").and_then(Value::as_array).into_iter().flatten().collect();
        samples.extend(p.get("default"));
        for sample in samples {
            checked += 1;
            for e in v.iter_errors(sample) {
                bad.push(format!("{path}: {sample} — {e}"));
            }
        }
    }
    assert!(checked > 40, "only {checked} samples checked");
    assert!(bad.is_empty(), "defaults/examples the schema itself rejects:\n{}", bad.join("\n"));
}

fn errors(text: &str) -> Vec<String> {
    let instance = Instance::parse(text).expect("parses");
    let v = jsonschema::draft7::new(&schema()).unwrap();
    v.iter_errors(&instance.json).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn bundled_examples_satisfy_the_schema() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            seen += 1;
            let errs = errors(&std::fs::read_to_string(&path).unwrap());
            assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        }
    }
    assert!(seen >= 2);
}

#[test]
fn the_schema_rejects_what_it_should() {
    let base = "sovereign: acme\ndomain: acme.example\nregions: [{locationCode: a1, primary: true}]\n";
    assert!(errors(base).is_empty(), "{:?}", errors(base));
    for (extra, at) in [
        ("bogus: 1\n", ""),
        ("openbao: {replicas: 4}\n", "/openbao/replicas"),
        ("openbao: {seal: {type: static, address: https://x.example}}\n", "/openbao/seal/address"),
        ("openbao: {seal: hsm}\n", "/openbao/seal"),
        ("flux: {interval: 10 minutes}\n", "/flux/interval"),
        ("authRoles: [{name: r, method: ldap, policies: []}]\n", "/authRoles/0/method"),
        ("authRoles: [{name: r, method: jwt, policies: []}]\n", "/authRoles/0/method"),
        (
            "authRoles: [{name: r, method: approle, policies: [], approle: {bindSecretId: false}}]\n",
            "/authRoles/0/approle/bindSecretId",
        ),
        (
            "authRoles: [{name: r, method: jwt, policies: [], jwt: {mount: j, oidcDiscoveryUrl: 'https://i.example'}}]\n",
            "/authRoles/0/jwt",
        ),
        ("secrets: [{name: s, namespace: n, path: p, pushFrom: a1}]\n", "/secrets/0/pushFrom"),
        ("openbao: {seal: {type: transit, address: 'https://t.example'}}\n", "/openbao/seal/type"),
        (
            "policies: [{name: p, description: \"a\\ab\", rules: [{path: a, capabilities: [read]}]}]\n",
            "/policies/0/description",
        ),
        ("flux: {interval: 0s}\n", "/flux/interval"),
        (
            "authRoles: [{name: r, method: kubernetes, policies: [], kubernetes: {serviceAccounts: [a], namespaces: [b]}, cert: {caFile: c.pem}}]\n",
            "/authRoles/0/cert",
        ),
        ("policies: [{name: p, rules: [{path: 'a/*/b', capabilities: [read]}]}]\n", "/policies/0/rules/0/path"),
        ("policies: [{name: p, rules: [{path: 'a/${x}', capabilities: [read]}]}]\n", "/policies/0/rules/0/path"),
        (
            "policies: [{name: p, rules: [{path: 'a/*', capabilities: [deny, read]}]}]\n",
            "/policies/0/rules/0/capabilities",
        ),
        ("secrets: [{name: s, namespace: n, path: /abs}]\n", "/secrets/0/path"),
    ] {
        let errs = errors(&format!("{base}{extra}"));
        assert!(
            errs.iter().any(|e| e.starts_with(&format!("{at}:"))),
            "{extra}: expected an error at `{at}`, got {errs:?}"
        );
    }
    let no_primary = "sovereign: acme\ndomain: acme.example\nregions: [{locationCode: a1}]\n";
    assert!(errors(no_primary).iter().any(|e| e.starts_with("/regions:")));
}
