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

/// A Go duration as Flux, ESO and OpenBao read it (`30s`, `10m`, `1h30m`, `0`).
pub const DURATION: Format = Format {
    pattern: r"^(0|([0-9]+(\.[0-9]+)?(ms|s|m|h))+)$",
    message: "a duration such as `30s`, `10m` or `1h30m` (units ms, s, m, h)",
};

/// `scheme://host[:port][/path]`: no user information, query or fragment;
/// the path in URL characters.
macro_rules! url {
    ($scheme:literal) => {
        concat!("^", url!(@body $scheme))
    };
    (@body $scheme:literal) => {
        concat!($scheme, r"://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9\-._~/%:@!$&()*+,;=]*)?$")
    };
}

/// An interval: a duration longer than zero.
pub const INTERVAL: Format = Format {
    pattern: r"^(?!(0|(0+(\.0+)?(ms|s|m|h))+)$)([0-9]+(\.[0-9]+)?(ms|s|m|h))+$",
    message: "a duration longer than zero such as `1m` or `10m` (units ms, s, m, h)",
};

pub const HTTPS_URL: Format = Format {
    pattern: url!("https"),
    message: "an `https://host[:port][/path]` URL (no credentials, query or fragment)",
};

pub const URL: Format = Format {
    pattern: url!("(https|http)"),
    message: "an `https://` (or `http://`) `host[:port][/path]` URL (no credentials, query or fragment)",
};

/// An OIDC discovery base URL: OpenBao appends `/.well-known/...` itself.
pub const DISCOVERY_URL: Format = Format {
    pattern: concat!(r"^(?!.*/\.well-known/)", url!(@body "https")),
    message: "an `https://` OIDC discovery base URL, without `/.well-known/openid-configuration`",
};

pub const CHART_REPOSITORY: Format =
    Format { pattern: url!("(https|oci)"), message: "an `https://` Helm repository or an `oci://` registry path" };

pub const SEMVER: Format = Format {
    pattern: r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$",
    message: "a semantic version such as `0.29.2`",
};

pub const QUANTITY: Format = Format {
    pattern: r"^([0-9]*[1-9][0-9]*(\.[0-9]+)?|[0-9]+\.[0-9]*[1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$",
    message: "a positive Kubernetes quantity such as `10Gi` or `500Mi`",
};

pub const CIDR: Format = Format {
    pattern: concat!(
        r"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])$",
        r"|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$"
    ),
    message: "a CIDR block such as `10.0.0.0/16` (prefix up to 32) or `fd00::/8` (up to 128)",
};

/// One path segment of letters, digits, `-`, `_` and `.`, but not `.` or `..`.
macro_rules! segment {
    () => {
        r"([A-Za-z0-9_-][A-Za-z0-9_.-]*|\.[A-Za-z0-9_-][A-Za-z0-9_.-]*|\.\.[A-Za-z0-9_.-]+)"
    };
}

/// A KV key relative to the KV mount: clean segments joined by single `/`,
/// not starting with the `data/` or `metadata/` sovc adds itself.
pub const KV_KEY: Format = Format {
    pattern: concat!(r"^(?!(data|metadata)/)", segment!(), "(/", segment!(), ")*$"),
    message: "a KV key relative to `openbao.kvMount`, e.g. `databases/db-credentials`: letters, digits, `-`, `_`, `.`; no empty, `.` or `..` segments; no `data/` prefix",
};

/// A Kubernetes Secret data key (not `.` or `..`).
pub const SECRET_KEY: Format =
    Format { pattern: concat!("^", segment!(), "$"), message: "a Secret key: letters, digits, `-`, `_` and `.`" };

/// A policy path in OpenBao's path alphabet (letters, digits, `-`, `_`,
/// `.`, `@`, `=`, `:`, `~`, `/`); `+` only as a whole segment; `*` only as
/// the last character; none of the words the chart's `sed` rewrites (one
/// negative look-ahead, which ECMAScript and fancy-regex share).
pub const POLICY_PATH: Format = Format {
    pattern: r"^(?!.*(HOSTNAME|POD_IP|HOST_IP|API_ADDR|TRANSIT_ADDR|RAFT_ADDR))(([A-Za-z0-9_.@=:~-]*|\+)/)*([A-Za-z0-9_.@=:~-]*\*?|\+)$",
    message: "a policy path: letters, digits, `-`, `_`, `.`, `/`; `*` only as the last character, `+` only as a whole segment; none of the words the chart's sed rewrites (HOSTNAME, POD_IP, HOST_IP, API_ADDR, TRANSIT_ADDR, RAFT_ADDR)",
};

/// A repository-relative folder (`./clusters`): clean segments, nothing
/// absolute, no `..`.
pub const REPO_PATH: Format = Format {
    pattern: concat!(r"^(\./)?(", segment!(), "(/", segment!(), ")*)?$"),
    message: "a clean repository-relative folder such as `./clusters` (no leading `/`, no empty, `.` or `..` segments)",
};

/// Which field has which format. `[]` after a field: each item of the list.
/// Fields naming other items (a role's `policies`, `regions`, `pushFrom`)
/// have none: sovc reports those as unknown references, not as formats.
const FIELDS: &[(&str, &str, &Format)] = &[
    ("Topology", "sovereign", &SLUG),
    ("Topology", "domain", &FQDN),
    ("OpenBao", "namespace", &DNS_LABEL),
    ("OpenBao", "kvMount", &DNS_LABEL),
    ("OpenBao", "ingressClassName", &DNS_SUBDOMAIN),
    ("OpenBaoOverride", "ingressClassName", &DNS_SUBDOMAIN),
    ("Chart", "repository", &CHART_REPOSITORY),
    ("Chart", "version", &SEMVER),
    ("Storage", "size", &QUANTITY),
    ("Storage", "class", &DNS_SUBDOMAIN),
    ("StorageOverride", "size", &QUANTITY),
    ("StorageOverride", "class", &DNS_SUBDOMAIN),
    ("ExternalSecrets", "namespace", &DNS_LABEL),
    ("ExternalSecrets", "serviceAccount", &DNS_SUBDOMAIN),
    ("Replication", "interval", &INTERVAL),
    ("Flux", "path", &REPO_PATH),
    ("Flux", "interval", &INTERVAL),
    ("SourceRef", "name", &DNS_SUBDOMAIN),
    ("Flux", "externalSecretsKustomization", &DNS_SUBDOMAIN),
    ("Region", "locationCode", &DNS_LABEL),
    ("Cluster", "issuer", &HTTPS_URL),
    ("Policy", "name", &NAME),
    ("Rule", "path", &POLICY_PATH),
    ("AuthRole", "name", &NAME),
    ("AuthRole", "tokenTtl", &DURATION),
    ("AuthRole", "tokenMaxTtl", &DURATION),
    ("AppRoleRole", "secretIdTtl", &DURATION),
    ("AppRoleRole", "secretIdBoundCidrs[]", &CIDR),
    ("AppRoleRole", "tokenBoundCidrs[]", &CIDR),
    ("JwtRole", "mount", &DNS_LABEL),
    ("JwtRole", "oidcDiscoveryUrl", &DISCOVERY_URL),
    ("Secret", "name", &DNS_SUBDOMAIN),
    ("Secret", "namespace", &DNS_LABEL),
    ("Secret", "path", &KV_KEY),
    ("Secret", "keys[]", &SECRET_KEY),
    ("Secret", "refreshInterval", &DURATION),
    ("SealSettings", "secretName", &DNS_SUBDOMAIN),
    ("SealSettings", "address", &URL),
];

/// Characters free text may not hold: control characters (Unicode `Cc`)
/// and the invisible or direction-changing ones.
const NO_CONTROL: &str = r"[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]*";
/// The same, line breaks allowed (a policy description becomes comments).
const NO_CONTROL_MULTILINE: &str =
    r"[^\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]*";
/// What free text reaching OpenBao's configuration may not contain: Helm
/// `tpl` markers, HCL interpolation and the chart's `sed` words.
const OPENBAO_GUARD: &str = r"(?![\s\S]*(\{\{|\}\}|\$\{|HOSTNAME|POD_IP|HOST_IP|API_ADDR|TRANSIT_ADDR|RAFT_ADDR))";
const OPENBAO_GUARD_MESSAGE: &str =
    "no control characters, `{{`, `}}`, `${` or the words the chart's sed rewrites (HOSTNAME, POD_IP, ...)";

/// Free text written into OpenBao's server configuration (on top of any
/// format); the rest of the free text only reaches policies and roles as
/// data, where braces, `${` and the sed words are harmless.
const OPENBAO_TEXT: &[(&str, &str)] = &[
    ("SealSettings", "keyId"),
    ("SealSettings", "address"),
    ("SealSettings", "mountPath"),
    ("SealSettings", "keyName"),
    ("SealSettings", "key"),
    ("SealSettings", "region"),
    ("SealSettings", "project"),
    ("SealSettings", "keyRing"),
    ("SealSettings", "tenantId"),
    ("SealSettings", "vaultName"),
];

/// Free text elsewhere: only control characters are refused.
const PLAIN_TEXT: &[(&str, &str)] = &[
    ("Region", "provider"),
    ("Region", "cloudRegion"),
    ("CertRole", "caFile"),
    ("Cluster", "issuer"),
    ("Policy", "description"),
    ("KubernetesRole", "audience"),
    ("JwtRole", "oidcDiscoveryUrl"),
    ("JwtRole", "userClaim"),
    ("JwtRole", "boundAudiences[]"),
    ("JwtRole", "boundSubject"),
    ("CertRole", "allowedUriSans[]"),
    ("CertRole", "allowedCommonNames[]"),
    ("CertRole", "allowedDnsSans[]"),
];

/// A Kubernetes annotation key: an optional DNS-1123 subdomain prefix and
/// `/`, then a name of 1–63 characters (see `validate::annotations`).
const ANNOTATION_KEY: &str = r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

/// The schema of the field `def.field` (`[]`: its items), if it exists.
fn target<'a>(
    ed: &'a mut Editor,
    def: &str,
    field: &str,
) -> Option<&'a mut serde_json::Map<String, serde_json::Value>> {
    match field.strip_suffix("[]") {
        Some(list) => {
            let p = ed.prop(def, list)?;
            p.get_mut("items").and_then(serde_json::Value::as_object_mut)
        }
        None => ed.prop(def, field),
    }
}

/// Adds the free-text guards: on top of an existing pattern, or alone.
fn guard_text(ed: &mut Editor) {
    let mut fields: Vec<(&str, &str, bool)> = OPENBAO_TEXT.iter().map(|(d, f)| (*d, *f, true)).collect();
    fields.extend(PLAIN_TEXT.iter().map(|(d, f)| (*d, *f, false)));
    for (def, field, openbao) in fields {
        let Some(schema) = target(ed, def, field) else {
            ed.misses.push(format!("text field {def}.{field}"));
            continue;
        };
        let guard = if openbao { OPENBAO_GUARD } else { "" };
        let body = if field == "description" { NO_CONTROL_MULTILINE } else { NO_CONTROL };
        let (pattern, message) = match schema.get("pattern").and_then(serde_json::Value::as_str) {
            Some(p) => (
                format!("^{guard}{}", p.trim_start_matches('^')),
                format!(
                    "{}; {OPENBAO_GUARD_MESSAGE}",
                    schema.get("patternErrorMessage").and_then(serde_json::Value::as_str).unwrap_or("must be valid")
                ),
            ),
            None if openbao => (format!("^{guard}{body}$"), format!("free text with {OPENBAO_GUARD_MESSAGE}")),
            None => (format!("^{body}$"), "free text without control characters".to_string()),
        };
        schema.insert("pattern".into(), json!(pattern));
        schema.insert("patternErrorMessage".into(), json!(message));
    }
    // Ingress annotations: keys are Kubernetes qualified names (the prefix's
    // 253-character limit is left to sovc), values free text on any lines.
    for def in ["OpenBao", "OpenBaoOverride"] {
        let Some(annotations) = ed.prop(def, "ingressAnnotations") else {
            ed.misses.push(format!("annotations {def}.ingressAnnotations"));
            continue;
        };
        annotations.insert(
            "propertyNames".into(),
            json!({
                "pattern": ANNOTATION_KEY,
                "patternErrorMessage": "must be an annotation key: `name` or `prefix/name` (e.g. `nginx.ingress.kubernetes.io/backend-protocol`)",
            }),
        );
        annotations.insert(
            "additionalProperties".into(),
            json!({
                "type": "string",
                "pattern": format!("^{NO_CONTROL_MULTILINE}$"),
                "patternErrorMessage": "free text without control characters",
            }),
        );
    }
    // Bound claim values: the map's value schema.
    if let Some(claims) = ed.prop("JwtRole", "boundClaims") {
        claims.insert(
            "additionalProperties".into(),
            json!({
                "type": "string",
                "pattern": format!("^{NO_CONTROL}$"),
                "patternErrorMessage": "free text without control characters",
            }),
        );
    }
}

/// Sets `pattern` (and its message) on every field of [`FIELDS`], plus the
/// formats that are more than one pattern, and the free-text guards.
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
    guard_text(ed);
    ed.set("Topology", "domain", "maxLength", json!(253));
    ed.set("Rule", "path", "minLength", json!(1));
    ed.set("Secret", "name", "maxLength", json!(253));
    ed.set_items("Secret", "keys", "maxLength", json!(253));
    for (def, prop) in [("Policy", "name"), ("AuthRole", "name")] {
        ed.set(def, prop, "maxLength", json!(128));
    }
    // Kubernetes bindings take glob patterns (`eso-*`, `*`): a name with
    // each `*` read as a letter.
    let glob = |f: &Format| f.pattern.replace("a-z0-9", "a-z0-9*");
    for (prop, format) in [("serviceAccounts", &DNS_SUBDOMAIN), ("namespaces", &DNS_LABEL)] {
        ed.set_items("KubernetesRole", prop, "pattern", json!(glob(format)));
        ed.set_items(
            "KubernetesRole",
            prop,
            "patternErrorMessage",
            json!(format!("must be {}; `*` matches any characters", format.message)),
        );
    }
}
