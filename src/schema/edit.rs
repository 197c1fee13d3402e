//! The editing toolkit the schema passes share: find a definition or one of
//! its properties in the schemars output and change it, recording every
//! target that does not exist (a renamed field) instead of panicking, so a
//! test can insist that each annotation still lands.

use serde_json::{Map, Value};

/// The schema being post-processed, plus the targets that were not found.
pub struct Editor {
    pub root: Value,
    pub misses: Vec<String>,
}

impl Editor {
    pub fn new(root: Value) -> Self {
        Editor { root, misses: Vec::new() }
    }

    /// The definition `name` (`#/definitions/<name>`).
    pub fn def(&mut self, name: &str) -> Option<&mut Map<String, Value>> {
        let found = self.root.pointer_mut(&format!("/definitions/{name}")).and_then(Value::as_object_mut);
        if found.is_none() {
            self.misses.push(format!("definition {name}"));
        }
        found
    }

    /// Property `prop` of definition `def` (`"Topology"` means the root).
    pub fn prop(&mut self, def: &str, prop: &str) -> Option<&mut Map<String, Value>> {
        let pointer = if def == "Topology" {
            format!("/properties/{prop}")
        } else {
            format!("/definitions/{def}/properties/{prop}")
        };
        let found = self.root.pointer_mut(&pointer).and_then(Value::as_object_mut);
        if found.is_none() {
            self.misses.push(format!("property {def}.{prop}"));
        }
        found
    }

    /// Sets `key` to `value` on property `def.prop`.
    pub fn set(&mut self, def: &str, prop: &str, key: &str, value: Value) {
        if let Some(p) = self.prop(def, prop) {
            p.insert(key.into(), value);
        }
    }

    /// Sets `key` on the item schema of the list property `def.prop`.
    pub fn set_items(&mut self, def: &str, prop: &str, key: &str, value: Value) {
        let Some(p) = self.prop(def, prop) else { return };
        match p.get_mut("items").and_then(Value::as_object_mut) {
            Some(items) => {
                items.insert(key.into(), value);
            }
            None => self.misses.push(format!("items of {def}.{prop}")),
        }
    }
}

/// Calls `f` on every schema object in `value`, depth first (subschemas
/// before the schema holding them). Only schema positions are visited, so a
/// property named `type` is never mistaken for the `type` keyword.
pub fn walk(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    let Value::Object(map) = value else { return };
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "properties" | "definitions" | "patternProperties" => {
                if let Value::Object(schemas) = child {
                    for schema in schemas.values_mut() {
                        walk(schema, f);
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(schemas) = child {
                    for schema in schemas {
                        walk(schema, f);
                    }
                }
            }
            "items" | "additionalProperties" | "not" | "if" | "then" | "else" | "contains" | "propertyNames" => {
                walk(child, f)
            }
            _ => {}
        }
    }
    f(map);
}
