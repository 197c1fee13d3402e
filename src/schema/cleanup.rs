//! Generic passes over the schemars output that make it read the way the
//! decoder reads the file: optional fields are absent, never `null`; closed
//! sets of words are plain `enum`s (with a description per word) written
//! where they are used; Rust integer formats are dropped.

use super::edit::walk;
use serde_json::{Map, Value, json};

/// Runs every generic pass.
pub fn run(root: &mut Value) {
    walk(root, &mut |s| {
        drop_null(s);
        drop_rust_format(s);
        keyword_enum(s);
    });
    inline_keywords(root);
}

/// `Option<T>` fields come out as `type: [T, "null"]` or
/// `anyOf: [T, {type: null}]`; the decoder rejects `null` ("give it a value,
/// or remove the key"), so the schema must too.
fn drop_null(s: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = s.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            s.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(alternatives)) = s.get("anyOf") {
        let kept: Vec<Value> = alternatives.iter().filter(|a| **a != json!({"type": "null"})).cloned().collect();
        if kept.len() == 1 && kept.len() < alternatives.len() {
            s.remove("anyOf");
            s.insert("allOf".into(), Value::Array(kept));
        }
    }
}

/// `format: uint32` and friends are Rust types, not JSON Schema formats.
fn drop_rust_format(s: &mut Map<String, Value>) {
    let rust = matches!(
        s.get("format").and_then(Value::as_str),
        Some("uint" | "uint8" | "uint16" | "uint32" | "uint64" | "int" | "int32" | "int64" | "double" | "float")
    );
    if rust {
        s.remove("format");
    }
}

/// `oneOf: [{const: a, description}, ...]` (a documented keyword enum) →
/// `enum: [a, ...]` with `enumDescriptions`/`markdownEnumDescriptions`,
/// which editors show next to each completion.
fn keyword_enum(s: &mut Map<String, Value>) {
    let Some(Value::Array(alternatives)) = s.get("oneOf") else { return };
    let mut words = Vec::new();
    let mut docs = Vec::new();
    for a in alternatives {
        let Some(word) = a.get("const").and_then(Value::as_str) else { return };
        words.push(json!(word));
        docs.push(json!(a.get("description").and_then(Value::as_str).unwrap_or_default()));
    }
    s.remove("oneOf");
    s.insert("type".into(), json!("string"));
    s.insert("enum".into(), Value::Array(words));
    if docs.iter().any(|d| d != "") {
        s.insert("enumDescriptions".into(), Value::Array(docs.clone()));
        s.insert("markdownEnumDescriptions".into(), Value::Array(docs));
    }
}

/// Replaces `allOf: [{$ref: K}]` (and `items: {$ref: K}`) by K itself when K
/// is a keyword enum, then drops K's definition: a field's `enum` is then
/// right where completion and error messages look for it.
fn inline_keywords(root: &mut Value) {
    let Some(defs) = root.get("definitions").and_then(Value::as_object) else { return };
    let keywords: Map<String, Value> =
        defs.iter().filter(|(_, d)| d.get("enum").is_some()).map(|(k, v)| (k.clone(), v.clone())).collect();
    let target = |r: &Value| -> Option<&Value> {
        let name = r.get("$ref")?.as_str()?.strip_prefix("#/definitions/")?;
        keywords.get(name)
    };
    let merge = |s: &mut Map<String, Value>, keyword: Value| {
        if let Value::Object(k) = keyword {
            for (key, value) in k {
                // The field's own description wins over the set's.
                if key != "description" || !s.contains_key("description") {
                    s.insert(key, value);
                }
            }
        }
    };
    walk(root, &mut |s| {
        if let Some(keyword) = target(&Value::Object(s.clone())).cloned() {
            s.remove("$ref");
            merge(s, keyword);
        }
        let single = match s.get("allOf") {
            Some(Value::Array(list)) if list.len() == 1 && list[0].get("enum").is_some() => Some(list[0].clone()),
            _ => None,
        };
        if let Some(keyword) = single {
            s.remove("allOf");
            merge(s, keyword);
        }
    });
    if let Some(defs) = root.get_mut("definitions").and_then(Value::as_object_mut) {
        defs.retain(|name, _| !keywords.contains_key(name));
    }
}

/// Reflows a doc comment: single newlines (line wrapping in the source) become
/// spaces; blank lines stay paragraph breaks.
pub fn reflow(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Every `description` reflowed, and mirrored into `markdownDescription`
/// (which yaml-language-server and VS Code render on hover) unless a richer
/// one was set.
pub fn markdown(root: &mut Value) {
    walk(root, &mut |s| {
        let Some(text) = s.get("description").and_then(Value::as_str).map(reflow) else { return };
        s.insert("description".into(), json!(text));
        s.entry("markdownDescription").or_insert_with(|| json!(text));
    });
}
