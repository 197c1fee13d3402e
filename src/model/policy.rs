//! OpenBao ACL policies as the topology declares them.

use crate::diag::Sp;
use crate::keyword;
use schemars::JsonSchema;
use serde::Serialize;

keyword! {
    /// An OpenBao ACL capability (OpenBao 2.6).
    pub enum Capability ("capability") {
        Create = "create",
        Read = "read",
        Update = "update",
        Patch = "patch",
        Delete = "delete",
        List = "list",
        Scan = "scan",
        Sudo = "sudo",
        Deny = "deny",
    }
}

/// An ACL policy, emitted as `<name>.hcl` and written to every region.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// Policy name (lower case; letters, digits, `-`, `_`, `.`).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub name: Sp<String>,
    /// What the policy is for (emitted as a comment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    /// The path rules, in order.
    pub rules: Vec<Rule>,
    /// Warning codes not reported for this policy and its rules
    /// (`[W0901]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "super::lint_codes")]
    pub allow_lints: Vec<Sp<String>>,
}

/// One `path "..." { capabilities = [...] }` block.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    /// API path pattern: `*` only as the last character (prefix match),
    /// `+` only as a whole segment. Under the KV v2 mount, paths go through
    /// `data/` or `metadata/` (`secret/data/app/*`).
    pub path: Sp<String>,
    /// Capabilities granted on the path; `deny` stands alone.
    pub capabilities: Vec<Sp<Capability>>,
}
