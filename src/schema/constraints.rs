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

    ed.set("Rule", "capabilities", "minItems", json!(1));
    ed.set("Rule", "capabilities", "uniqueItems", json!(true));
    // `deny` overrides everything, so it is written alone.
    if let Some(caps) = ed.prop("Rule", "capabilities") {
        caps.insert("if".into(), json!({ "type": "array", "contains": { "const": "deny" } }));
        caps.insert("then".into(), json!({ "maxItems": 1 }));
    }
}
