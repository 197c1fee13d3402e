//! Method-specific auth-role blocks, discriminated on `method` with
//! `if`/`then`: a `kubernetes` role must have the `kubernetes` block and no
//! other method's block. Unlike a `oneOf` over four role shapes, this makes
//! the editor report the real mistake ("Missing property `jwt`", "`cert`
//! belongs to method cert") rather than "matches none/multiple schemas".

use super::edit::Editor;
use crate::model::{Keyword, Method};
use serde_json::{Value, json};

pub fn apply(ed: &mut Editor) {
    let methods = Method::WORDS;
    let branches: Vec<Value> = methods
        .iter()
        .map(|&method| {
            let foreign: serde_json::Map<String, Value> = methods
                .iter()
                .filter(|&&other| other != method)
                .map(|&other| {
                    (
                        other.to_string(),
                        json!({
                            "not": {},
                            "errorMessage": format!(
                                "`{other}` is the block of method {other}; this role's method is {method} (use the `{method}` block)"
                            ),
                        }),
                    )
                })
                .collect();
            json!({
                "if": { "properties": { "method": { "const": method } }, "required": ["method"] },
                "then": { "required": [method], "properties": foreign },
            })
        })
        .collect();
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
