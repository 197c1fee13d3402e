//! The seal: written either as a bare type (`seal: shamir`) or as a map with
//! `type` and that type's settings. The map's settings are discriminated on
//! `type` with `if`/`then`, so a setting of another seal type is reported on
//! that setting.

use super::edit::Editor;
use crate::model::{Keyword, SealType};
use serde_json::{Map, Value, json};

/// The settings each seal type takes (the model's `Seal` fields), and the
/// ones it cannot work without (as `sovc validate`'s seal rule has them).
pub const SETTINGS: &[(&str, &[&str], &[&str])] = &[
    ("shamir", &[], &[]),
    ("static", &["secretName", "keyId"], &[]),
    ("transit", &["secretName", "address", "mountPath", "keyName"], &["address", "keyName"]),
    ("awskms", &["secretName", "key", "region"], &["key"]),
    ("gcpckms", &["secretName", "key", "region", "project", "keyRing"], &["project", "region", "keyRing", "key"]),
    ("azurekeyvault", &["secretName", "keyName", "tenantId", "vaultName"], &["tenantId", "vaultName", "keyName"]),
];

/// Renames the derived `Seal` (the map form) to `SealSettings` and makes
/// `Seal` accept the bare word too: `if`/`then`/`else` on the type rather
/// than `anyOf`, so a mistake inside the map is reported where it is. Runs before the keyword pass, which then
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
            "type": ["string", "object"],
            "if": { "type": "string" },
            "then": { "$ref": "#/definitions/SealType" },
            "else": { "$ref": "#/definitions/SealSettings" }
        }),
    );
}

/// The per-type `if`/`then` blocks of the map form.
pub fn discriminate(ed: &mut Editor) {
    let mut all: Vec<&str> = SETTINGS.iter().flat_map(|(_, s, _)| s.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    let mut branches = Vec::new();
    for &word in SealType::WORDS {
        let (own, required) =
            SETTINGS.iter().find(|(t, _, _)| *t == word).map(|(_, s, r)| (*s, *r)).unwrap_or_default();
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
        // Missing settings are reported on `type`, as sovc does.
        if !required.is_empty() {
            let names = required.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
            branches.push(json!({
                "if": {
                    "properties": { "type": { "const": word } },
                    "required": ["type"],
                    "not": { "required": required },
                },
                "then": {
                    "properties": { "type": false },
                    "errorMessage": format!("the `{word}` seal needs {names}"),
                },
            }));
        }
    }
    if let Some(settings) = ed.def("SealSettings") {
        settings.insert("allOf".into(), Value::Array(branches));
    }
}
