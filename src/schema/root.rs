//! The schema's root: identity, draft, title and the description an editor
//! shows when hovering the document, in a readable key order.

use serde_json::{Map, Value, json};

/// Where the schema is published; also its `$id`.
pub const SCHEMA_ID: &str = "https://openova.io/schemas/sovc/sovereign.schema.json";

/// JSON Schema draft-07: the draft yaml-language-server (and VS Code's JSON
/// support it builds on) implements fully; see docs/decisions.md.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

const DESCRIPTION: &str = "A Sovereign topology for sovc: the regions (one Kubernetes cluster and one Raft OpenBao each, \
exactly one of them the primary), the shared OpenBao and External Secrets installation, replication, Flux, \
ACL policies, auth roles and the secret catalogue (references only, never values). \
`sovc generate` compiles it into the per-region Flux tree.";

const MARKDOWN: &str = "**Sovereign topology** for `sovc`.\n\n\
- `regions`: one Kubernetes cluster + Raft OpenBao each; exactly one `primary: true`\n\
- `openbao`, `externalSecrets`, `replication`, `flux`: the shared installation (all optional)\n\
- `policies`, `authRoles`: who may do what in every region's OpenBao\n\
- `secrets`: the catalogue, references only, never values\n\n\
Check it with `sovc validate FILE`; compile it with `sovc generate FILE -o DIR`.";

/// Sets the root's identity and puts the descriptive keys first.
pub fn apply(root: &mut Value) {
    let Some(map) = root.as_object_mut() else { return };
    let rest = std::mem::take(map);
    let mut ordered = Map::new();
    ordered.insert("$schema".into(), json!(DRAFT));
    ordered.insert("$id".into(), json!(SCHEMA_ID));
    ordered.insert("title".into(), json!("Sovereign topology (sovc)"));
    ordered.insert("description".into(), json!(DESCRIPTION));
    ordered.insert("markdownDescription".into(), json!(MARKDOWN));
    for (key, value) in rest {
        if !matches!(key.as_str(), "$schema" | "$id" | "title" | "description" | "markdownDescription") {
            ordered.insert(key, value);
        }
    }
    *map = ordered;
}
