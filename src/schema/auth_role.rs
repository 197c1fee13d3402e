//! Method-specific auth-role blocks, discriminated on `method` with
//! `if`/`then`: a `kubernetes` role must have the `kubernetes` block and no
//! other method's block. Unlike a `oneOf` over four role shapes, this makes
//! the editor report the real mistake on the right line ("Missing property
//! jwt" on the role, "this role's method is kubernetes" on a `cert:` key)
//! rather than "matches none/multiple schemas".

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
        // Two branches per method: the missing block keeps the editor's
        // own "Missing property" message; a foreign block is reported on
        // its key with ours.
        branches.push(json!({ "if": when, "then": { "required": [method] } }));
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
