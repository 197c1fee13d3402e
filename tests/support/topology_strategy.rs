//! A proptest strategy for valid topologies (SPEC §2), written out as YAML
//! text in varied but legal spellings.
//!
//! Names follow the rules validation enforces (slugs, DNS labels, KV
//! paths); the free-text fields the schema allows (policy descriptions,
//! region `provider` and `cloudRegion`) are drawn either from plain prose
//! or from text full of YAML, HCL, template and shell metacharacters, so
//! the properties can check that such text never changes the structure of
//! what sovc reads or writes. Every scalar is quoted in one of the styles a
//! person may use (plain where that is safe, single or double quoted).

use proptest::prelude::*;
use proptest::sample::subsequence;

/// A generated topology: the values, before they are written as text.
#[derive(Clone, Debug)]
pub struct GenTopology {
    pub sovereign: String,
    pub domain: String,
    pub replicas: u32,
    pub regions: Vec<GenRegion>,
    pub policies: Vec<GenPolicy>,
    pub roles: Vec<GenRole>,
    pub secrets: Vec<GenSecret>,
    /// How each scalar is quoted: one style per scalar, cycled.
    pub styles: Vec<Style>,
}

#[derive(Clone, Debug)]
pub struct GenRegion {
    pub code: String,
    pub provider: Option<String>,
    pub cloud_region: Option<String>,
}

#[derive(Clone, Debug)]
pub struct GenPolicy {
    pub name: String,
    pub description: Option<String>,
    /// (path, capabilities)
    pub rules: Vec<(String, Vec<&'static str>)>,
}

#[derive(Clone, Debug)]
pub struct GenRole {
    pub name: String,
    pub policies: Vec<String>,
    pub service_accounts: Vec<String>,
    pub namespaces: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct GenSecret {
    pub name: String,
    pub namespace: String,
    pub path: String,
    pub keys: Option<Vec<String>>,
    pub push: bool,
    /// Indices into the regions; `None` = every region.
    pub regions: Option<Vec<usize>>,
    /// Index of the region it is pushed from (when `push`).
    pub push_from: Option<usize>,
}

/// How one scalar is spelled in YAML.
#[derive(Clone, Copy, Debug)]
pub enum Style {
    Plain,
    Single,
    Double,
}

/// Text the schema allows as free prose, with every character that means
/// something to YAML, HCL, Go/Jinja templates, JSON or a shell.
pub const METACHARACTERS: &[&str] = &[
    "\"",
    "'",
    ":",
    ": ",
    " #",
    "#",
    "{",
    "}",
    "[",
    "]",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%",
    "@",
    "`",
    "\\",
    "${var}",
    "{{ x }}",
    "{% if %}",
    "$(id)",
    "*/",
    "/*",
    "//",
    "---",
    "...",
    "- ",
    "? ",
    ",",
    "<<",
    "\t",
    "\u{e9}",
    "\u{1f512}",
    "\u{202e}",
    "EOF",
    "\\n",
    "%{",
    "~",
    "null",
    "true",
];

const WORDS: &[&str] = &["alpha", "bravo", "core", "data", "edge", "ferry", "gamma", "hub", "iris", "juno", "kilo"];

fn word() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(WORDS)
}

/// A DNS label: lower-case letters and digits, `-` inside.
pub fn dns_label(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[a-z][a-z0-9]{{0,3}}(-[a-z0-9]{{1,4}}){{0,2}}[a-z0-9]{{0,{}}}",
        max.min(8)
    ))
    .expect("regex")
}

fn slug() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z][a-z0-9]{2,10}(-[a-z0-9]{1,6})?").expect("regex")
}

/// Free text: plain prose or prose salted with metacharacters.
pub fn free_text() -> impl Strategy<Value = String> {
    let prose = proptest::collection::vec(word(), 1..6).prop_map(|w| {
        let mut s = w.join(" ");
        s.push('.');
        let mut c = s.chars();
        c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
    });
    let salted = proptest::collection::vec(
        prop_oneof![word().prop_map(str::to_string), proptest::sample::select(METACHARACTERS).prop_map(str::to_string)],
        1..8,
    )
    .prop_map(|parts| parts.join(" "));
    prop_oneof![2 => prose, 3 => salted]
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![Just(Style::Plain), Just(Style::Single), Just(Style::Double)]
}

const CAPS: &[&str] = &["create", "read", "update", "patch", "delete", "list", "scan", "sudo"];

fn rule(kv: &'static str) -> impl Strategy<Value = (String, Vec<&'static str>)> {
    let path = (prop_oneof![Just("data"), Just("metadata")], proptest::collection::vec(word(), 1..3), any::<u8>())
        .prop_map(move |(tree, segs, tail)| {
            let mut p = format!("{kv}/{tree}/{}", segs.join("/"));
            match tail % 3 {
                0 => p.push_str("/*"),
                1 => p.push_str("/+/x"),
                _ => {}
            }
            p
        });
    let caps = prop_oneof![
        4 => subsequence(CAPS, 1..=4),
        1 => Just(vec!["deny"]),
    ];
    (path, caps)
}

prop_compose! {
    fn region()(code in dns_label(6), provider in proptest::option::of(free_text()),
                cloud_region in proptest::option::of(free_text())) -> GenRegion {
        GenRegion { code, provider, cloud_region }
    }
}

prop_compose! {
    fn policy()(name in dns_label(8), description in proptest::option::of(free_text()),
                rules in proptest::collection::vec(rule("secret"), 1..4)) -> GenPolicy {
        GenPolicy { name, description, rules }
    }
}

/// A valid topology: unique names, exactly one primary (the first region),
/// roles naming existing policies, secrets naming existing regions.
pub fn topology() -> impl Strategy<Value = GenTopology> {
    (
        slug(),
        proptest::collection::vec(dns_label(6), 2..4),
        prop_oneof![Just(1u32), Just(3), Just(5)],
        proptest::collection::vec(region(), 1..4),
        proptest::collection::vec(policy(), 1..4),
        proptest::collection::vec(style(), 1..16),
        proptest::collection::vec(
            (
                dns_label(8),
                proptest::option::of(subsequence(&["username", "password", "token", "tls.crt", "ca_bundle"][..], 1..4)),
                any::<u8>(),
                any::<u8>(),
            ),
            0..6,
        ),
    )
        .prop_map(|(sovereign, domain, replicas, regions, policies, styles, secret_seeds)| {
            let regions = dedup_by(regions, |r| r.code.clone());
            let policies = dedup_by(policies, |p| p.name.clone());
            let roles = policies
                .iter()
                .map(|p| GenRole {
                    name: format!("{}-role", p.name),
                    policies: vec![p.name.clone()],
                    service_accounts: vec![p.name.clone()],
                    namespaces: vec![format!("ns-{}", p.name)],
                })
                .collect();
            let secrets = dedup_by(secret_seeds, |s| s.0.clone())
                .into_iter()
                .enumerate()
                .map(|(i, (name, keys, a, b))| {
                    let n = regions.len();
                    let subset = if a % 2 == 0 || n == 1 {
                        None
                    } else {
                        let mut v: Vec<usize> = (0..n).filter(|r| (b as usize >> r) & 1 == 1).collect();
                        if v.is_empty() {
                            v.push(b as usize % n);
                        }
                        Some(v)
                    };
                    let push = a % 3 == 0;
                    let push_from = push.then(|| subset.as_ref().map_or(b as usize % n, |v| v[0]));
                    GenSecret {
                        namespace: format!("ns-{}", WORDS[i % WORDS.len()]),
                        path: format!("{}-kv/{}", WORDS[(i + a as usize) % WORDS.len()], name),
                        name,
                        keys: keys.map(|k| k.into_iter().map(str::to_string).collect()),
                        push,
                        regions: subset,
                        push_from,
                    }
                })
                .collect();
            GenTopology {
                sovereign,
                domain: format!("{}.example", domain.join(".")),
                replicas,
                regions,
                policies,
                roles,
                secrets,
                styles,
            }
        })
}

fn dedup_by<T, K: PartialEq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.iter().any(|o| key(o) == key(&item)) {
            out.push(item);
        }
    }
    out
}

impl GenTopology {
    /// Every free-text value of the topology (descriptions, providers, cloud regions).
    pub fn free_texts(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for r in &self.regions {
            v.extend(r.provider.as_deref());
            v.extend(r.cloud_region.as_deref());
        }
        for p in &self.policies {
            v.extend(p.description.as_deref());
        }
        v
    }

    /// True when no free text holds a metacharacter.
    pub fn is_plain(&self) -> bool {
        self.free_texts().iter().all(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.'))
    }

    /// The topology as YAML text.
    pub fn to_yaml(&self) -> String {
        let mut w = Writer { out: String::new(), styles: &self.styles, next: 0 };
        w.field(0, "sovereign", &self.sovereign);
        w.field(0, "domain", &self.domain);
        w.line(0, "openbao:");
        w.line(1, &format!("replicas: {}", self.replicas));
        w.line(0, "regions:");
        for (i, r) in self.regions.iter().enumerate() {
            w.item(1, "locationCode", &r.code);
            if i == 0 {
                w.line(2, "primary: true");
            }
            if let Some(p) = &r.provider {
                w.field(2, "provider", p);
            }
            if let Some(c) = &r.cloud_region {
                w.field(2, "cloudRegion", c);
            }
            w.line(2, "kubernetes:");
            w.field(3, "issuer", &format!("https://oidc.{}.{}", r.code, self.domain));
        }
        w.line(0, "policies:");
        for p in &self.policies {
            w.item(1, "name", &p.name);
            if let Some(d) = &p.description {
                w.field(2, "description", d);
            }
            w.line(2, "rules:");
            for (path, caps) in &p.rules {
                w.item(3, "path", path);
                w.line(4, &format!("capabilities: [{}]", caps.join(", ")));
            }
        }
        w.line(0, "authRoles:");
        for r in &self.roles {
            w.item(1, "name", &r.name);
            w.line(2, "method: kubernetes");
            w.list(2, "policies", &r.policies);
            w.line(2, "tokenTtl: 1h");
            w.line(2, "tokenMaxTtl: 4h");
            w.line(2, "kubernetes:");
            w.list(3, "serviceAccounts", &r.service_accounts);
            w.list(3, "namespaces", &r.namespaces);
        }
        if !self.secrets.is_empty() {
            w.line(0, "secrets:");
        }
        for s in &self.secrets {
            w.item(1, "name", &s.name);
            w.field(2, "namespace", &s.namespace);
            w.field(2, "path", &s.path);
            if let Some(k) = &s.keys {
                w.list(2, "keys", k);
            }
            if s.push {
                w.line(2, "origin: push");
            }
            if let Some(from) = s.push_from {
                w.field(2, "pushFrom", &self.regions[from].code);
            }
            if let Some(rs) = &s.regions {
                let codes: Vec<String> = rs.iter().map(|&i| self.regions[i].code.clone()).collect();
                w.list(2, "regions", &codes);
            }
        }
        w.out
    }
}

struct Writer<'a> {
    out: String,
    styles: &'a [Style],
    next: usize,
}

impl Writer<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        self.out.push_str(&"  ".repeat(indent));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn scalar(&mut self, value: &str) -> String {
        let style = self.styles[self.next % self.styles.len()];
        self.next += 1;
        quote(value, style)
    }

    fn field(&mut self, indent: usize, key: &str, value: &str) {
        let v = self.scalar(value);
        self.line(indent, &format!("{key}: {v}"));
    }

    fn item(&mut self, indent: usize, key: &str, value: &str) {
        let v = self.scalar(value);
        self.line(indent, &format!("- {key}: {v}"));
    }

    fn list(&mut self, indent: usize, key: &str, values: &[String]) {
        let items: Vec<String> = values.iter().map(|v| self.scalar(v)).collect();
        self.line(indent, &format!("{key}: [{}]", items.join(", ")));
    }
}

/// Spells `value` as a YAML scalar in `style`, falling back to a
/// double-quoted scalar when the style cannot hold it.
pub fn quote(value: &str, style: Style) -> String {
    match style {
        Style::Plain if plain_safe(value) => value.to_string(),
        Style::Single if value.chars().all(|c| !c.is_control()) => format!("'{}'", value.replace('\'', "''")),
        _ => double_quote(value),
    }
}

fn double_quote(value: &str) -> String {
    let mut s = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() || c == '\u{202e}' => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Conservative: letters, digits and a little punctuation, not a word the
/// YAML core schema types (`true`, `null`, numbers).
fn plain_safe(value: &str) -> bool {
    let first_ok = value.starts_with(|c: char| c.is_ascii_alphabetic());
    let chars_ok = value.chars().all(|c| c.is_ascii_alphanumeric() || " .-_/+*".contains(c));
    let typed = matches!(value.to_ascii_lowercase().as_str(), "true" | "false" | "null");
    first_ok && chars_ok && !typed && !value.ends_with(' ')
}
