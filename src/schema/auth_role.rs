//! Method-specific auth-role blocks, discriminated on `method` with
//! `if`/`then`: a `kubernetes` role must have the `kubernetes` block and no
//! other method's block. Unlike a `oneOf` over four role shapes, this makes
//! the editor report the real mistake on the line sovc reports it ("a `jwt`
//! role needs a `jwt:` block" on `method`, "this role's method is
//! kubernetes" on a `cert:` key) rather than "matches none/multiple schemas".

use super::edit::Editor;
use crate::model::{Keyword, Method};
use serde_json::{Value, json};

pub fn apply(ed: &mut Editor) {
    let methods = Method::WORDS;
    let mut branches = Vec::new();
    for &method in methods {
        let when = json!({ "properties": { "method": { "const": method } }, "required": ["method"] });
        let others: Vec<&str> = methods.iter().copied().filter(|&o| o != method).collect();
        let foreign: serde_json::Map<String, Value> = others.iter().map(|o| (o.to_string(), json!(false))).collect();
        // A foreign block is reported on its key.
        branches.push(json!({
            "if": when,
            "then": {
                "properties": foreign,
                "errorMessage": format!(
                    "this role's method is `{method}`: give its settings in a `{method}:` block; `{}` blocks belong to those methods",
                    others.join("`, `")
                ),
            },
        }));
        // A missing block is reported on `method`, as sovc does. The
        // approle block is optional: its defaults bind a secret id.
        if method != Method::AppRole.word() {
            branches.push(json!({
                "if": {
                    "properties": { "method": { "const": method } },
                    "required": ["method"],
                    "not": { "required": [method] },
                },
                "then": {
                    "properties": { "method": false },
                    "errorMessage": format!("a `{method}` role needs a `{method}:` block with its settings"),
                },
            }));
        }
    }
    if let Some(role) = ed.def("AuthRole") {
        role.insert("allOf".into(), Value::Array(branches));
    }
    ed.set(
        "AuthRole",
        "method",
        "markdownDescription",
        json!(
            "The auth method. The role then needs the block of the same name and no other:\n\n\
             | method | block |\n|---|---|\n\
             | `kubernetes` | `kubernetes: {serviceAccounts, namespaces}` |\n\
             | `approle` | `approle: {secretIdTtl, tokenBoundCidrs, ...}` |\n\
             | `jwt` | `jwt: {mount, oidcDiscoveryUrl, boundAudiences, ...}` |\n\
             | `cert` | `cert: {caFile, allowedUriSans, ...}` |"
        ),
    );
}
