//! Rules of `sovc validate` that a JSON Schema can state on its own, beyond
//! types and formats: odd replica counts, a non-empty region list with a
//! primary, capability lists where `deny` stands alone, the defaults of
//! fields the decoder fills in.

use super::edit::Editor;
use serde_json::json;

pub fn apply(ed: &mut Editor) {
    // Raft voters: odd, 1 to 9 (the decoder's range, the REPLICAS rule).
    for def in ["OpenBao", "OpenBaoOverride"] {
        ed.set(def, "replicas", "enum", json!([1, 3, 5, 7, 9]));
    }
    ed.set("Region", "primary", "default", json!(false));

    ed.set("Topology", "regions", "minItems", json!(1));
    ed.set(
        "Topology",
        "regions",
        "contains",
        json!({
            "type": "object",
            "properties": { "primary": { "const": true } },
            "required": ["primary"],
        }),
    );

    // Lists that must not be empty (E0206 in the decoder).
    ed.set("Policy", "rules", "minItems", json!(1));
    ed.set("KubernetesRole", "serviceAccounts", "minItems", json!(1));
    ed.set("KubernetesRole", "namespaces", "minItems", json!(1));
    ed.set("Secret", "keys", "minItems", json!(1));

    ed.set("Rule", "capabilities", "minItems", json!(1));
    ed.set("Rule", "capabilities", "uniqueItems", json!(true));
    // `deny` overrides everything, so it is written alone.
    if let Some(caps) = ed.prop("Rule", "capabilities") {
        caps.insert("if".into(), json!({ "type": "array", "contains": { "const": "deny" } }));
        caps.insert("then".into(), json!({ "maxItems": 1 }));
    }

    approle_constraint(ed);
    jwt_bound(ed);
    push_from_only_when_pushed(ed);
}

/// An approle role needs a constraint: a secret id (`bindSecretId`, true by
/// default) or a CIDR binding. Reported on `bindSecretId: false`.
fn approle_constraint(ed: &mut Editor) {
    let Some(approle) = ed.def("AppRoleRole") else { return };
    approle.insert(
        "if".into(),
        json!({
            "properties": { "bindSecretId": { "const": false } },
            "required": ["bindSecretId"],
            "not": { "anyOf": [
                { "properties": { "secretIdBoundCidrs": { "minItems": 1 } }, "required": ["secretIdBoundCidrs"] },
                { "properties": { "tokenBoundCidrs": { "minItems": 1 } }, "required": ["tokenBoundCidrs"] },
            ] },
        }),
    );
    approle.insert(
        "then".into(),
        json!({ "properties": { "bindSecretId": {
            "const": true,
            "errorMessage": "an approle role needs a constraint: keep `bindSecretId: true`, or bind `secretIdBoundCidrs` / `tokenBoundCidrs`",
        } } }),
    );
}

/// A jwt role needs a bound constraint: `boundSubject`, `boundAudiences`
/// or `boundClaims`. Reported on the `jwt:` block.
fn jwt_bound(ed: &mut Editor) {
    let Some(jwt) = ed.def("JwtRole") else { return };
    jwt.insert(
        "if".into(),
        json!({ "not": { "anyOf": [
            { "required": ["boundSubject"] },
            { "properties": { "boundAudiences": { "minItems": 1 } }, "required": ["boundAudiences"] },
            { "properties": { "boundClaims": { "minProperties": 1 } }, "required": ["boundClaims"] },
        ] } }),
    );
    jwt.insert(
        "then".into(),
        json!({
            "required": ["boundSubject"],
            "errorMessage": "a jwt role needs a bound constraint: `boundSubject`, `boundAudiences` or `boundClaims`",
        }),
    );
}

/// `pushFrom` only on secrets with `origin: push` (the default origin is
/// `external`). Reported on `pushFrom`.
fn push_from_only_when_pushed(ed: &mut Editor) {
    let Some(secret) = ed.def("Secret") else { return };
    secret.insert(
        "if".into(),
        json!({ "not": { "properties": { "origin": { "const": "push" } }, "required": ["origin"] } }),
    );
    secret.insert(
        "then".into(),
        json!({
            "properties": { "pushFrom": false },
            "errorMessage": "only `origin: push` secrets have a `pushFrom` region",
        }),
    );
}
