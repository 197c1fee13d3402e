//! The seal: written either as a bare type (`seal: shamir`) or as a map with
//! `type` and that type's settings. The map's settings are discriminated on
//! `type` with `if`/`then`, so a setting of another seal type is reported on
//! that setting.

use super::edit::Editor;
use crate::model::{Keyword, SealType};
use serde_json::{Map, Value, json};

/// The settings each seal type takes (the model's `Seal` fields).
pub const SETTINGS: &[(&str, &[&str])] = &[
    ("shamir", &[]),
    ("static", &["secretName", "keyId"]),
    ("transit", &["secretName", "address", "mountPath", "keyName"]),
    ("awskms", &["key", "region"]),
    ("gcpckms", &["secretName", "key", "region", "project", "keyRing"]),
    ("azurekeyvault", &["secretName", "keyName", "tenantId", "vaultName"]),
];

/// Renames the derived `Seal` (the map form) to `SealSettings` and makes
/// `Seal` accept the bare word too. Runs before the keyword pass, which then
/// inlines `SealType` into both.
pub fn accept_word(ed: &mut Editor) {
    let Some(defs) = ed.root.pointer_mut("/definitions").and_then(Value::as_object_mut) else {
        ed.misses.push("definitions".into());
        return;
    };
    let Some(map_form) = defs.remove("Seal") else {
        ed.misses.push("definition Seal".into());
        return;
    };
    defs.insert("SealSettings".into(), map_form);
    defs.insert(
        "Seal".into(),
        json!({
            "description": "How OpenBao's barrier key is protected: a seal type, or a map with `type` and that seal's settings.",
            "anyOf": [
                { "$ref": "#/definitions/SealType" },
                { "$ref": "#/definitions/SealSettings" }
            ]
        }),
    );
}

/// The per-type `if`/`then` blocks of the map form.
pub fn discriminate(ed: &mut Editor) {
    let all: Vec<&str> = SETTINGS.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    let mut branches = Vec::new();
    for &word in SealType::WORDS {
        let own = SETTINGS.iter().find(|(t, _)| *t == word).map(|(_, s)| *s).unwrap_or_default();
        let foreign: Map<String, Value> =
            all.iter().filter(|s| !own.contains(s)).map(|s| ((*s).to_string(), json!(false))).collect();
        let takes = if own.is_empty() {
            "no settings".to_string()
        } else {
            format!("only {}", own.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))
        };
        branches.push(json!({
            "if": { "properties": { "type": { "const": word } }, "required": ["type"] },
            "then": {
                "properties": foreign,
                "errorMessage": format!("a `{word}` seal takes {takes}"),
            },
        }));
    }
    if let Some(settings) = ed.def("SealSettings") {
        settings.insert("allOf".into(), Value::Array(branches));
    }
}
