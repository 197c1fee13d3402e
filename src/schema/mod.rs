//! The topology's JSON Schema (`sovc schema`, `schemas/sovereign.schema.json`)
//! for editors (yaml-language-server) and CI.
//!
//! schemars derives the skeleton from the model (types, required fields,
//! defaults, doc comments, `additionalProperties: false`); the passes in this
//! module then make it say what `sovc validate` says: one concept per file.

mod auth_role;
mod cleanup;
mod constraints;
mod docs;
mod edit;
pub mod formats;
mod root;
mod seal;

pub use root::{DRAFT, SCHEMA_ID};

use crate::model::Topology;
use edit::Editor;
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// The schema as pretty JSON with a final newline (the committed file's bytes).
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema.
pub fn schema() -> Value {
    build().root
}

/// The schemars output for the model, before any pass.
fn generate() -> Value {
    SchemaSettings::draft07().into_generator().into_root_schema_for::<Topology>().to_value()
}

/// Every pass, in order; `misses` lists annotation targets that no longer
/// exist in the model (a unit test keeps it empty).
fn build() -> Editor {
    let mut ed = Editor::new(generate());
    seal::accept_word(&mut ed);
    cleanup::run(&mut ed.root);
    formats::apply(&mut ed);
    constraints::apply(&mut ed);
    auth_role::apply(&mut ed);
    seal::discriminate(&mut ed);
    docs::apply(&mut ed);
    cleanup::markdown(&mut ed.root);
    root::apply(&mut ed.root);
    ed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Keyword, SealType};

    #[test]
    fn every_annotation_finds_its_target() {
        let ed = build();
        assert!(ed.misses.is_empty(), "annotations whose field is gone: {:?}", ed.misses);
    }

    #[test]
    fn seal_settings_table_covers_the_model() {
        let schema = schema();
        let props = schema.pointer("/definitions/SealSettings/properties").and_then(Value::as_object).unwrap();
        for field in props.keys().filter(|k| *k != "type") {
            assert!(
                seal::SETTINGS.iter().any(|(_, s, _)| s.contains(&field.as_str())),
                "seal setting {field} unmapped"
            );
        }
        for (t, allowed, required) in seal::SETTINGS {
            assert!(required.iter().all(|r| allowed.contains(r)), "{t}: a required setting is not allowed");
        }
        let types: Vec<&str> = seal::SETTINGS.iter().map(|(t, _, _)| *t).collect();
        assert_eq!(types, SealType::WORDS);
    }
}
