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
    ("ingressAnnotations", Shape::Map(&PLAIN)),
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

static OPENBAO_OVERRIDE: Section = Section::plain(&[
    ("storage", Shape::Map(&PLAIN)),
    ("ingressAnnotations", Shape::Map(&PLAIN)),
    ("seal", Shape::ScalarOrMap(&SEAL)),
]);

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

#[cfg(test)]
mod tests {
    //! The table above against the topology's JSON Schema (derived from the
    //! model): a field added to the model as a list or a section without a
    //! KDL shape, or a shape for a field that no longer exists, fails here.
    use super::*;
    use serde_json::Value;

    #[derive(Debug, PartialEq)]
    enum Kind<'s> {
        Scalar,
        ScalarList,
        SectionList(&'s Value),
        Section(&'s Value),
        FreeMap,
        WordOrSection(&'s Value),
    }

    struct Schema {
        root: Value,
    }

    impl Schema {
        /// Follows `$ref`, `allOf: [one]` and drops `null` alternatives.
        fn resolve<'s>(&'s self, s: &'s Value) -> &'s Value {
            if let Some(r) = s.get("$ref").and_then(Value::as_str) {
                let name = r.trim_start_matches("#/definitions/");
                return self.resolve(&self.root["definitions"][name]);
            }
            if let Some([one]) = s.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
                return self.resolve(one);
            }
            if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
                let real: Vec<&Value> = alts.iter().filter(|a| a.get("type") != Some(&Value::from("null"))).collect();
                if let [one] = real.as_slice() {
                    return self.resolve(one);
                }
            }
            s
        }

        fn is_object(&self, s: &Value) -> bool {
            s.get("properties").is_some()
        }

        fn kind<'s>(&'s self, s: &'s Value) -> Kind<'s> {
            let s = self.resolve(s);
            if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
                let obj =
                    alts.iter().map(|a| self.resolve(a)).find(|a| self.is_object(a)).expect("an object alternative");
                return Kind::WordOrSection(obj);
            }
            // `seal`: a word (`then`) or a map (`else`), split on its type.
            if let Some(obj) = s.get("else").map(|e| self.resolve(e)).filter(|e| self.is_object(e)) {
                return Kind::WordOrSection(obj);
            }
            if self.is_object(s) {
                return Kind::Section(s);
            }
            if s.get("additionalProperties").is_some_and(Value::is_object) {
                return Kind::FreeMap;
            }
            let ty = &s["type"];
            if ty == "array" || ty.as_array().is_some_and(|t| t.contains(&Value::from("array"))) {
                let items = self.resolve(&s["items"]);
                return if self.is_object(items) { Kind::SectionList(items) } else { Kind::ScalarList };
            }
            Kind::Scalar
        }

        fn check(&self, section: &Section, object: &Value, path: &str, problems: &mut Vec<String>) {
            let props = object["properties"].as_object().expect("properties");
            for (key, prop) in props {
                let at = format!("{path}.{key}");
                match (self.kind(prop), section.shape(key), section.items_field(key)) {
                    (Kind::Scalar, None, None) => {}
                    (Kind::ScalarList, Some(Shape::List), None) => {}
                    (Kind::FreeMap, Some(Shape::Map(_)), None) => {}
                    (Kind::Section(s), Some(Shape::Map(sec)), None) => self.check(sec, s, &at, problems),
                    (Kind::WordOrSection(s), Some(Shape::ScalarOrMap(sec)), None) => self.check(sec, s, &at, problems),
                    (Kind::SectionList(s), None, Some(items)) => self.check(items.section, s, &at, problems),
                    (kind, shape, items) => {
                        problems.push(format!("{at}: schema {kind:?} but KDL shape {shape:?} / items {items:?}"))
                    }
                }
            }
            for key in section.fields.iter().map(|(k, _)| *k).chain(section.items.iter().map(|i| i.field)) {
                if !props.contains_key(key) {
                    problems.push(format!("{path}.{key}: in the KDL table, not in the model"));
                }
            }
            for key in [section.key_arg, section.rest_args].into_iter().flatten() {
                if !props.contains_key(key) {
                    problems.push(format!("{path}: argument field `{key}` is not in the model"));
                }
            }
        }
    }

    #[test]
    fn the_kdl_shapes_match_the_model() {
        let schema = Schema { root: crate::schema::schema() };
        let mut problems = Vec::new();
        schema.check(&ROOT, &schema.root, "", &mut problems);
        assert!(problems.is_empty(), "src/read/kdl/shape.rs is out of date:\n{}", problems.join("\n"));
    }
}
