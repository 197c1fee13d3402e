//! The KDL mapping's only schema knowledge: which fields are lists, which
//! are sections, which KDL node names stand for the items of a list, and
//! which field a node's leading argument fills.
//!
//! Everything else (which fields exist, their types and ranges) is the
//! decoder's business: a field missing here is read generically and the
//! decoder reports it exactly as it would for YAML.

/// How the value of one field is written in KDL.
#[derive(Debug)]
pub enum Shape {
    /// One value: `key=value` or a child `key value`.
    Scalar,
    /// A list of values: a child node whose arguments are the items
    /// (`keys password username`).
    List,
    /// A nested section: a child node with properties and children.
    Map(&'static Section),
    /// A word or a section (`seal shamir` or `seal static secretName=...`).
    ScalarOrMap(&'static Section),
}

/// A map of the topology, as a KDL node's properties and children.
#[derive(Debug)]
pub struct Section {
    /// The field a node's first argument fills (`region hnmp` → `locationCode`).
    pub key_arg: Option<&'static str>,
    /// The list field the remaining arguments fill (`rule PATH read list` →
    /// `capabilities`).
    pub rest_args: Option<&'static str>,
    /// Fields whose shape is not a plain scalar (or that a list item names).
    pub fields: &'static [(&'static str, Shape)],
    /// List-of-section fields: each item is its own child node named
    /// `node` (`region ...` nodes make up `regions`).
    pub items: &'static [Items],
}

/// One list-of-sections field and the node name its items are written with.
#[derive(Debug)]
pub struct Items {
    pub node: &'static str,
    pub field: &'static str,
    pub section: &'static Section,
}

impl Section {
    const fn plain(fields: &'static [(&'static str, Shape)]) -> Section {
        Section { key_arg: None, rest_args: None, fields, items: &[] }
    }

    /// The shape of `key`: scalar unless listed.
    pub fn shape(&self, key: &str) -> Option<&'static Shape> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, s)| s)
    }

    /// The list field whose items are `node` nodes.
    pub fn items_named(&self, node: &str) -> Option<&'static Items> {
        self.items.iter().find(|i| i.node == node)
    }

    /// The list field called `field` (to catch `regions { ... }`).
    pub fn items_field(&self, field: &str) -> Option<&'static Items> {
        self.items.iter().find(|i| i.field == field)
    }
}

pub static ROOT: Section = Section {
    key_arg: None,
    rest_args: None,
    fields: &[
        ("openbao", Shape::Map(&OPENBAO)),
        ("externalSecrets", Shape::Map(&EXTERNAL_SECRETS)),
        ("replication", Shape::Map(&PLAIN)),
        ("flux", Shape::Map(&FLUX)),
        ("lints", Shape::Map(&LINTS)),
    ],
    items: &[
        Items { node: "region", field: "regions", section: &REGION },
        Items { node: "policy", field: "policies", section: &POLICY },
        Items { node: "authRole", field: "authRoles", section: &AUTH_ROLE },
        Items { node: "secret", field: "secrets", section: &SECRET },
    ],
};

/// A section whose fields are all scalars.
static PLAIN: Section = Section::plain(&[]);

static OPENBAO: Section = Section::plain(&[
    ("chart", Shape::Map(&PLAIN)),
    ("storage", Shape::Map(&PLAIN)),
    ("seal", Shape::ScalarOrMap(&SEAL)),
]);

static SEAL: Section = Section { key_arg: Some("type"), rest_args: None, fields: &[], items: &[] };

static LINTS: Section = Section::plain(&[("allow", Shape::List)]);

static EXTERNAL_SECRETS: Section = Section::plain(&[]);

static FLUX: Section = Section::plain(&[("sourceRef", Shape::Map(&PLAIN))]);

static REGION: Section = Section {
    key_arg: Some("locationCode"),
    rest_args: None,
    fields: &[("kubernetes", Shape::Map(&PLAIN)), ("openbao", Shape::Map(&OPENBAO_OVERRIDE))],
    items: &[],
};

static OPENBAO_OVERRIDE: Section =
    Section::plain(&[("storage", Shape::Map(&PLAIN)), ("seal", Shape::ScalarOrMap(&SEAL))]);

static POLICY: Section = Section {
    key_arg: Some("name"),
    rest_args: None,
    fields: &[("allowLints", Shape::List)],
    items: &[Items { node: "rule", field: "rules", section: &RULE }],
};

static RULE: Section = Section {
    key_arg: Some("path"),
    rest_args: Some("capabilities"),
    fields: &[("capabilities", Shape::List)],
    items: &[],
};

static AUTH_ROLE: Section = Section {
    key_arg: Some("name"),
    rest_args: None,
    fields: &[
        ("policies", Shape::List),
        ("regions", Shape::List),
        ("kubernetes", Shape::Map(&KUBERNETES_ROLE)),
        ("approle", Shape::Map(&APPROLE_ROLE)),
        ("jwt", Shape::Map(&JWT_ROLE)),
        ("cert", Shape::Map(&CERT_ROLE)),
        ("allowLints", Shape::List),
    ],
    items: &[],
};

static KUBERNETES_ROLE: Section = Section::plain(&[("serviceAccounts", Shape::List), ("namespaces", Shape::List)]);

static APPROLE_ROLE: Section = Section::plain(&[("secretIdBoundCidrs", Shape::List), ("tokenBoundCidrs", Shape::List)]);

static JWT_ROLE: Section = Section::plain(&[("boundAudiences", Shape::List), ("boundClaims", Shape::Map(&PLAIN))]);

static CERT_ROLE: Section = Section::plain(&[
    ("allowedUriSans", Shape::List),
    ("allowedCommonNames", Shape::List),
    ("allowedDnsSans", Shape::List),
]);

static SECRET: Section = Section {
    key_arg: Some("name"),
    rest_args: None,
    fields: &[("keys", Shape::List), ("regions", Shape::List)],
    items: &[],
};
