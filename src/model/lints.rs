//! Silencing warnings: the top-level `lints` block and the `allowLints`
//! lists of policies and auth roles. A listed code is a warning code
//! (`W…`, see `docs/diagnostics.md`); anything else is an error.

use crate::diag::Sp;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

/// Warnings silenced for the whole topology.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lints {
    /// Warning codes never reported for this topology (`[W0902]`). To
    /// silence a warning for one policy or auth role only, list it in that
    /// item's `allowLints` instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "lint_codes")]
    pub allow: Vec<Sp<String>>,
}

impl Lints {
    pub fn is_empty(&self) -> bool {
        self.allow.is_empty()
    }
}

/// Schema of a list of warning codes (`W` and four digits; `sovc validate`
/// checks that each one exists).
pub fn lint_codes(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "pattern": "^W[0-9]{4}$" },
        "uniqueItems": true
    })
}
