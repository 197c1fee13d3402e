//! The topology's JSON Schema (`sovc schema`, `schemas/sovereign.schema.json`),
//! derived from the model so that editors and `sovc validate` agree.

use crate::model::{SealType, Topology};
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

pub const SCHEMA_ID: &str = "https://openova.io/schemas/sovc/sovereign.schema.json";

/// The schema as pretty JSON with a final newline (the committed file's bytes).
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

pub fn schema() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let root = generator.into_root_schema_for::<Topology>();
    let mut value = root.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), json!(SCHEMA_ID));
        obj.insert(
            "description".into(),
            json!(
                "One Sovereign: regions (one Kubernetes cluster and one 3-node Raft OpenBao each, one of them the primary), \
                 the OpenBao and External Secrets installation, ACL policies, auth roles and the secret catalogue. \
                 `sovc generate` compiles it into the per-region Flux tree."
            ),
        );
    }
    seal_accepts_a_word(&mut value);
    value
}

/// `seal` is written either as a bare type (`seal: shamir`) or as a map with
/// `type` and settings; the derived schema only knows the map.
fn seal_accepts_a_word(schema: &mut Value) {
    let defs = schema.pointer_mut("/definitions").and_then(Value::as_object_mut);
    let Some(defs) = defs else { return };
    let Some(seal) = defs.remove("Seal") else { return };
    let words: Vec<&str> = <SealType as crate::model::Keyword>::WORDS.to_vec();
    defs.insert("SealSettings".into(), seal);
    defs.insert(
        "Seal".into(),
        json!({
            "description": "How OpenBao's barrier key is protected: a seal type, or a map with `type` and that seal's settings.",
            "anyOf": [
                { "type": "string", "enum": words },
                { "$ref": "#/definitions/SealSettings" }
            ]
        }),
    );
}
