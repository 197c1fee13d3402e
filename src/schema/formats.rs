//! The text formats of the topology (names, location codes, durations,
//! paths, URLs) as JSON Schema patterns, and the fields each applies to.
//!
//! Each pattern states what `sovc validate` enforces for that field (SPEC §3),
//! so the editor flags the same values; `tests/schema_agreement.rs` holds the
//! two to that. Patterns are written in the subset of regular-expression
//! syntax that ECMAScript (yaml-language-server) and Rust's fancy-regex
//! (the `jsonschema` crate) agree on: no backreferences, look-ahead only in
//! the policy path.

use super::edit::Editor;
use serde_json::json;

/// A named text format: its pattern and the message editors show instead of
/// "does not match the pattern".
pub struct Format {
    pub pattern: &'static str,
    pub message: &'static str,
}

pub const SLUG: Format = Format {
    pattern: r"^[a-z][a-z0-9-]{2,31}$",
    message: "a slug: 3 to 32 characters, a lower-case letter then lower-case letters, digits and `-`",
};

pub const DNS_LABEL: Format = Format {
    pattern: r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
    message: "a DNS-1123 label: at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit",
};

pub const DNS_SUBDOMAIN: Format = Format {
    pattern: r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
    message: "a DNS-1123 subdomain: lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit",
};

pub const FQDN: Format = Format {
    pattern: r"^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
    message: "a fully qualified domain name: lower-case DNS labels joined by dots, e.g. `omantel.openova.io`",
};

/// Policy and auth-role names.
pub const NAME: Format = Format {
    pattern: r"^[a-z0-9][a-z0-9._-]*$",
    message: "a name: lower-case letters, digits, `-`, `_` and `.`, starting with a letter or digit",
};

/// A Go duration as Flux, ESO and OpenBao read it (`30s`, `10m`, `1h30m`).
pub const DURATION: Format = Format {
    pattern: r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$",
    message: "a duration such as `30s`, `10m` or `1h30m` (units ms, s, m, h)",
};

pub const HTTPS_URL: Format =
    Format { pattern: r"^https://[^\s/?#]+[^\s]*$", message: "an `https://` URL without spaces" };

pub const URL: Format =
    Format { pattern: r"^https?://[^\s/?#]+[^\s]*$", message: "an `https://` (or `http://`) URL without spaces" };

pub const CHART_REPOSITORY: Format = Format {
    pattern: r"^(https|oci)://[^\s/?#]+[^\s]*$",
    message: "an `https://` Helm repository or an `oci://` registry path",
};

pub const SEMVER: Format = Format {
    pattern: r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$",
    message: "a semantic version such as `0.29.2`",
};

pub const QUANTITY: Format = Format {
    pattern: r"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$",
    message: "a Kubernetes quantity such as `10Gi`",
};

pub const CIDR: Format = Format {
    pattern: r"^(([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*/[0-9]{1,3})$",
    message: "a CIDR block such as `10.0.0.0/16` or `fd00::/8`",
};

/// A KV key relative to the KV mount: segments of letters, digits, `_`,
/// `-` and `.`, joined by single `/`.
pub const KV_KEY: Format = Format {
    pattern: r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$",
    message: "a KV key relative to `openbao.kvMount`, e.g. `databases/db-credentials` (no leading or trailing `/`)",
};

/// A Kubernetes Secret data key.
pub const SECRET_KEY: Format =
    Format { pattern: r"^[-._a-zA-Z0-9]+$", message: "a Secret key: letters, digits, `-`, `_` and `.`" };

/// A policy path: no quote, backslash or control character; `+` only as a
/// whole segment; `*` only as the last character; none of the template
/// openers `{{`, `${` nor the words the chart's `sed` rewrites in the server
/// configuration (one negative look-ahead, which ECMAScript and fancy-regex
/// share).
pub const POLICY_PATH: Format = Format {
    pattern: r#"^(?!.*(\{\{|\$\{|HOSTNAME|POD_IP|HOST_IP|API_ADDR|TRANSIT_ADDR|RAFT_ADDR))(([^*+/"\\\u0000-\u001f]*|\+)/)*([^*+/"\\\u0000-\u001f]*\*?|\+)$"#,
    message: "a policy path: `*` only as the last character, `+` only as a whole segment; no quotes, control characters, `{{`, `${` or the words the chart's sed rewrites (HOSTNAME, POD_IP, HOST_IP, API_ADDR, TRANSIT_ADDR, RAFT_ADDR)",
};

/// A repository-relative folder (`./clusters`).
pub const REPO_PATH: Format = Format {
    pattern: r"^(\./)?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/?$",
    message: "a repository-relative folder such as `./clusters`",
};

/// Which field has which format. `[]` after a field: each item of the list.
const FIELDS: &[(&str, &str, &Format)] = &[
    ("Topology", "sovereign", &SLUG),
    ("Topology", "domain", &FQDN),
    ("OpenBao", "namespace", &DNS_LABEL),
    ("OpenBao", "ingressClassName", &DNS_SUBDOMAIN),
    ("OpenBaoOverride", "ingressClassName", &DNS_SUBDOMAIN),
    ("Chart", "repository", &CHART_REPOSITORY),
    ("Chart", "version", &SEMVER),
    ("Storage", "size", &QUANTITY),
    ("Storage", "class", &DNS_SUBDOMAIN),
    ("ExternalSecrets", "namespace", &DNS_LABEL),
    ("ExternalSecrets", "serviceAccount", &DNS_SUBDOMAIN),
    ("ExternalSecrets", "readerRole", &NAME),
    ("ExternalSecrets", "pusherRole", &NAME),
    ("Replication", "interval", &DURATION),
    ("Flux", "path", &REPO_PATH),
    ("Flux", "interval", &DURATION),
    ("SourceRef", "name", &DNS_SUBDOMAIN),
    ("Region", "locationCode", &DNS_LABEL),
    ("Cluster", "issuer", &HTTPS_URL),
    ("Policy", "name", &NAME),
    ("Rule", "path", &POLICY_PATH),
    ("AuthRole", "name", &NAME),
    ("AuthRole", "policies[]", &NAME),
    ("AuthRole", "tokenTtl", &DURATION),
    ("AuthRole", "tokenMaxTtl", &DURATION),
    ("AuthRole", "regions[]", &DNS_LABEL),
    ("AppRoleRole", "secretIdTtl", &DURATION),
    ("AppRoleRole", "secretIdBoundCidrs[]", &CIDR),
    ("AppRoleRole", "tokenBoundCidrs[]", &CIDR),
    ("JwtRole", "mount", &DNS_LABEL),
    ("JwtRole", "oidcDiscoveryUrl", &HTTPS_URL),
    ("Secret", "name", &DNS_SUBDOMAIN),
    ("Secret", "namespace", &DNS_LABEL),
    ("Secret", "path", &KV_KEY),
    ("Secret", "keys[]", &SECRET_KEY),
    ("Secret", "pushFrom", &DNS_LABEL),
    ("Secret", "regions[]", &DNS_LABEL),
    ("Secret", "refreshInterval", &DURATION),
    ("SealSettings", "secretName", &DNS_SUBDOMAIN),
    ("SealSettings", "address", &URL),
];

/// Sets `pattern` (and its message) on every field of [`FIELDS`], plus the
/// formats that are more than one pattern.
pub fn apply(ed: &mut Editor) {
    for (def, field, format) in FIELDS {
        let (key, value) = ("pattern", json!(format.pattern));
        match field.strip_suffix("[]") {
            Some(list) => {
                ed.set_items(def, list, key, value);
                ed.set_items(def, list, "patternErrorMessage", json!(format!("must be {}", format.message)));
                ed.set_items(def, list, "type", json!("string"));
            }
            None => {
                ed.set(def, field, key, value);
                ed.set(def, field, "patternErrorMessage", json!(format!("must be {}", format.message)));
            }
        }
    }
    ed.set("Topology", "domain", "maxLength", json!(253));
    ed.set("Secret", "name", "maxLength", json!(253));
    // `*` alone means any; it is not mixed with names (a rule of its own).
    let any_or = |f: &Format| json!(format!("^(\\*|{})$", f.pattern.trim_start_matches('^').trim_end_matches('$')));
    ed.set_items("KubernetesRole", "serviceAccounts", "pattern", any_or(&DNS_SUBDOMAIN));
    ed.set_items(
        "KubernetesRole",
        "serviceAccounts",
        "patternErrorMessage",
        json!(format!("must be `*` or {}", DNS_SUBDOMAIN.message)),
    );
    ed.set_items("KubernetesRole", "namespaces", "pattern", any_or(&DNS_LABEL));
    ed.set_items(
        "KubernetesRole",
        "namespaces",
        "patternErrorMessage",
        json!(format!("must be `*` or {}", DNS_LABEL.message)),
    );
}
