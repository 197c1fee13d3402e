//! Proofs that declared ESO roles grant what every consumer needs: the
//! failures point at the secret and at the policy rule (two locations).

use sovc::diag::{Diagnostic, render_human};
use sovc::pipeline::{Loaded, load_bytes};
use sovc::read::InputFormat;
use std::path::Path;

/// Two regions, a reader and a pusher role the user declares, and the
/// policies given.
fn topology(reader_rules: &str, pusher_rules: &str, reader_regions: &str) -> String {
    format!(
        r#"sovereign: omantel
domain: omantel.openova.io
externalSecrets:
  readerRole: app-reader
  pusherRole: app-pusher
regions:
  - locationCode: hnmp
    primary: true
    kubernetes: {{issuer: https://oidc.hnmp.omantel.openova.io}}
  - locationCode: hfrp
    kubernetes: {{issuer: https://oidc.hfrp.omantel.openova.io}}
policies:
  - name: reader
    rules:
{reader_rules}
  - name: pusher
    rules:
{pusher_rules}
authRoles:
  - name: app-reader
    method: kubernetes
    policies: [reader]
{reader_regions}    kubernetes: {{serviceAccounts: [external-secrets], namespaces: [external-secrets]}}
  - name: app-pusher
    method: kubernetes
    policies: [pusher]
    regions: [hnmp]
    kubernetes: {{serviceAccounts: [external-secrets], namespaces: [external-secrets]}}
secrets:
  - name: nexus-oauth
    namespace: nexus
    path: nexus/infrastructure/oauth
  - name: db-credentials
    namespace: databases
    path: databases/db-credentials
    origin: push
    regions: [hnmp]
"#
    )
}

const READER_OK: &str = "      - path: secret/data/nexus/*\n        capabilities: [read]\n      - path: secret/data/databases/*\n        capabilities: [read]";
const PUSHER_OK: &str = "      - path: secret/data/databases/*\n        capabilities: [create, read, update]\n      - path: secret/metadata/databases/*\n        capabilities: [create, read, update]";

fn load(text: &str) -> Loaded {
    load_bytes("topology.yaml", text.as_bytes(), InputFormat::Yaml, Path::new("."))
}

fn access_errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.code.starts_with("E08")).collect()
}

/// `line:column` of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("`{needle}` #{nth} in topology")).0;
    let line = text[..at].matches('\n').count() as u32 + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() as u32 + 1;
    (line, column)
}

fn at(d: &Diagnostic) -> (u32, u32) {
    (d.primary.span.line, d.primary.span.column)
}

#[test]
fn declared_roles_that_grant_everything_pass() {
    let loaded = load(&topology(READER_OK, PUSHER_OK, ""));
    let all: Vec<_> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    assert!(loaded.valid().is_some(), "{all:#?}");
    assert!(access_errors(&loaded).is_empty());
}

#[test]
fn a_reader_policy_missing_data_fails_at_the_secret_and_the_rule() {
    let reader = "      - path: secret/nexus/*\n        capabilities: [read]\n      - path: secret/data/databases/*\n        capabilities: [read]";
    let text = topology(reader, PUSHER_OK, "");
    let loaded = load(&text);
    let errors = access_errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "E0801");
    assert_eq!(at(d), position(&text, "nexus/infrastructure/oauth", 0), "primary: the secret's path");
    assert_eq!(d.secondary.len(), 1);
    let rule = &d.secondary[0];
    assert_eq!((rule.span.line, rule.span.column), position(&text, "secret/nexus/*", 0), "secondary: the rule");
    assert!(d.message.contains("cannot read `secret/data/nexus/infrastructure/oauth`"), "{}", d.message);
    assert!(d.message.contains("reader role `app-reader`"), "{}", d.message);
    assert!(d.label_text().contains("hnmp, hfrp"), "both regions named: {}", d.primary.message);
    assert!(d.hint.as_deref().unwrap().contains("`secret/data/nexus/*`"), "{:?}", d.hint);
    insta::with_settings!({snapshot_path => "../snapshots/access", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("reader_missing_data", render_human(&loaded.source, std::slice::from_ref(d), false));
    });
}

#[test]
fn a_pusher_without_metadata_rights_fails() {
    let pusher = "      - path: secret/data/databases/*\n        capabilities: [create, read, update]";
    let text = topology(READER_OK, pusher, "");
    let loaded = load(&text);
    let errors = access_errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "E0801");
    assert!(
        d.message
            .contains("pusher role `app-pusher` cannot create/read/update `secret/metadata/databases/db-credentials`"),
        "{}",
        d.message
    );
    assert_eq!(at(d), position(&text, "databases/db-credentials", 0));
    let rule = &d.secondary[0];
    assert_eq!((rule.span.line, rule.span.column), position(&text, "secret/data/databases/*", 1), "the pusher's rule");
    assert!(d.hint.as_deref().unwrap().contains("metadata/"), "{:?}", d.hint);
}

#[test]
fn a_pusher_with_read_only_metadata_is_insufficient() {
    let pusher = "      - path: secret/data/databases/*\n        capabilities: [create, read, update]\n      - path: secret/metadata/databases/*\n        capabilities: [read, list]";
    let text = topology(READER_OK, pusher, "");
    let loaded = load(&text);
    let errors = access_errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "E0802");
    assert!(d.message.contains("cannot create/update `secret/metadata/databases/db-credentials`"), "{}", d.message);
    let rule = &d.secondary[0];
    assert_eq!((rule.span.line, rule.span.column), position(&text, "secret/metadata/databases/*", 0));
    assert!(rule.message.contains("grants only read, list"), "{}", rule.message);
}

#[test]
fn a_deny_on_the_exact_path_fails() {
    let reader =
        format!("{READER_OK}\n      - path: secret/data/nexus/infrastructure/oauth\n        capabilities: [deny]");
    let text = topology(&reader, PUSHER_OK, "");
    let loaded = load(&text);
    let errors = access_errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "E0803");
    assert_eq!(at(d), position(&text, "nexus/infrastructure/oauth", 1), "the secret (after the rule in the file)");
    let rule = &d.secondary[0];
    assert_eq!((rule.span.line, rule.span.column), position(&text, "secret/data/nexus/infrastructure/oauth", 0));
    assert!(d.hint.as_deref().unwrap().contains("exactly"), "{:?}", d.hint);
}

#[test]
fn a_broader_deny_with_a_more_specific_allow_passes() {
    // OpenBao uses the most specific rule: `secret/data/nexus/*` beats `secret/*`.
    let reader = format!("      - path: secret/*\n        capabilities: [deny]\n{READER_OK}");
    let loaded = load(&topology(&reader, PUSHER_OK, ""));
    assert!(access_errors(&loaded).is_empty(), "{:#?}", access_errors(&loaded));
}

#[test]
fn a_more_specific_deny_beats_a_broader_allow() {
    let reader = format!("{READER_OK}\n      - path: secret/data/nexus/infrastructure/*\n        capabilities: [deny]");
    let loaded = load(&topology(&reader, PUSHER_OK, ""));
    let errors = access_errors(&loaded);
    assert_eq!(errors.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0803"]);
    assert!(errors[0].hint.as_deref().unwrap().contains("more specific rule"), "{:?}", errors[0].hint);
}

#[test]
fn plus_and_glob_edge_cases_decide_like_openbao() {
    // `+` takes one segment and the trailing glob the rest: grants the read.
    let ok = "      - path: secret/data/+/infrastructure/*\n        capabilities: [read]\n      - path: secret/data/databases/+\n        capabilities: [read]";
    let loaded = load(&topology(ok, PUSHER_OK, ""));
    assert!(access_errors(&loaded).is_empty(), "{:#?}", access_errors(&loaded));

    // `+` is exactly one segment: `secret/data/+/oauth` misses `nexus/infrastructure/oauth`.
    let short = "      - path: secret/data/+/oauth\n        capabilities: [read]\n      - path: secret/data/databases/*\n        capabilities: [read]";
    let loaded = load(&topology(short, PUSHER_OK, ""));
    assert_eq!(access_errors(&loaded).iter().map(|d| d.code).collect::<Vec<_>>(), ["E0801"]);

    // A glob without `/` crosses segment boundaries: `secret/data/nex*` covers it.
    let glob = "      - path: secret/data/nex*\n        capabilities: [read]\n      - path: secret/data/databases/*\n        capabilities: [read]";
    let loaded = load(&topology(glob, PUSHER_OK, ""));
    assert!(access_errors(&loaded).is_empty(), "{:#?}", access_errors(&loaded));

    // An exact rule with fewer capabilities beats the glob that grants read.
    let exact =
        format!("{READER_OK}\n      - path: secret/data/nexus/infrastructure/oauth\n        capabilities: [list]");
    let loaded = load(&topology(&exact, PUSHER_OK, ""));
    assert_eq!(access_errors(&loaded).iter().map(|d| d.code).collect::<Vec<_>>(), ["E0802"]);
}

#[test]
fn a_declared_reader_missing_from_a_region_fails_once_per_region() {
    let text = topology(READER_OK, PUSHER_OK, "    regions: [hnmp]\n");
    let loaded = load(&text);
    let errors = access_errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "E0804");
    assert!(d.message.contains("region `hfrp`"), "{}", d.message);
    assert_eq!(at(d), position(&text, "app-reader", 1), "the role definition");
    assert_eq!(
        (d.secondary[0].span.line, d.secondary[0].span.column),
        position(&text, "nexus/infrastructure/oauth", 0)
    );
}

trait LabelText {
    fn label_text(&self) -> &str;
}

impl LabelText for Diagnostic {
    fn label_text(&self) -> &str {
        &self.primary.message
    }
}
