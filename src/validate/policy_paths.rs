//! Policy path rules: paths that stay safe in HCL, Helm `tpl` and the
//! chart's `sed`, wildcards OpenBao honours, and KV v2 paths that go
//! through `data/` or `metadata/`.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;

/// Substrings the chart's start script rewrites with `sed` anywhere in the
/// server configuration (policies embedded in it included).
pub const SED_WORDS: &[&str] = &["HOSTNAME", "POD_IP", "HOST_IP", "API_ADDR", "TRANSIT_ADDR", "RAFT_ADDR"];

/// KV v2 API sub-paths of a mount (`<mount>/<sub>/<key>`).
const KV_V2_SUBPATHS: &[&str] =
    &["data", "metadata", "delete", "undelete", "destroy", "subkeys", "detailed-metadata", "config"];

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    for p in &t.policies {
        for rule in &p.rules {
            let path = &rule.path;
            if unsafe_chars(path, diags) {
                continue;
            }
            sed_words(path, "a policy path", diags);
            wildcards(path, diags);
            kv_v2(path, &t.openbao.kv_mount, diags);
        }
    }
}

/// The first `sed` word in `s`, if any.
pub fn sed_word(s: &str) -> Option<&'static str> {
    SED_WORDS.iter().find(|w| s.contains(**w)).copied()
}

/// E0308 for any value that reaches OpenBao's configuration text.
pub fn sed_words(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if let Some(word) = sed_word(s) {
        diags.push(
            Diagnostic::error(
                codes::SED_REWRITTEN,
                s.span,
                format!("{what} contains `{word}`, which the OpenBao chart rewrites"),
            )
            .label(format!("`{word}` would be replaced by the pod's value at start-up"))
            .hint(format!(
                "the chart's start script runs `sed` over the whole configuration, replacing {}; \
                     spell it differently (e.g. lower case)",
                SED_WORDS.join(", ")
            )),
        );
    }
}

/// Quotes, backslashes, control characters, template markers and anything
/// outside the path alphabet. Returns true when it reported.
fn unsafe_chars(path: &Sp<String>, diags: &mut Diagnostics) -> bool {
    let (problem, hint): (String, &str) = if path.is_empty() {
        ("the path is empty".into(), "give an API path such as secret/data/app/*")
    } else if path.contains("{{") || path.contains("}}") {
        (
            "`{{`/`}}` would make it an OpenBao identity template and break the chart's Helm `tpl`".into(),
            "sovc does not emit templated policies; write the literal path",
        )
    } else if path.contains("${") {
        ("`${` breaks HCL strings".into(), "remove `${`; paths use letters, digits, `-`, `_`, `.`, `/`, `+` and `*`")
    } else if let Some(c) = path.chars().find(|c| c.is_control()) {
        (format!("it holds the control character `{}`", c.escape_default()), "write the path on one line")
    } else if let Some(c) = path.chars().find(|c| matches!(c, '"' | '\'' | '\\' | '`')) {
        (
            format!("`{c}` would end or escape the HCL string"),
            "remove the quote; paths are never quoted inside the value",
        )
    } else if let Some(c) = path.chars().find(|c| {
        !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+' | '*' | '@' | '=' | ':' | '~'))
    }) {
        (
            format!("`{c}` is not used in OpenBao API paths"),
            "paths use letters, digits, `-`, `_`, `.`, `/`, `+` and `*`",
        )
    } else {
        return false;
    };
    diags.push(
        Diagnostic::error(
            codes::UNSAFE_POLICY_PATH,
            path.span,
            format!("policy path `{}` is unsafe: {problem}", path.escape_debug()),
        )
        .label("not safe in a policy path")
        .hint(hint),
    );
    true
}

fn wildcards(path: &Sp<String>, diags: &mut Diagnostics) {
    if let Some(i) = path.find('*')
        && i + 1 != path.len()
    {
        let segments: Vec<&str> = path.split('/').collect();
        let hint = if segments.contains(&"*") && segments.last() != Some(&"*") {
            let fixed: Vec<&str> = segments
                .iter()
                .enumerate()
                .map(|(n, s)| if *s == "*" && n + 1 < segments.len() { "+" } else { *s })
                .collect();
            format!("`+` matches one whole segment: did you mean `{}`?", fixed.join("/"))
        } else {
            "`*` is a glob only as the last character (a prefix match); use `+` for one whole segment".to_string()
        };
        diags.push(
            Diagnostic::error(codes::GLOB_NOT_LAST, path.span, format!("policy path `{path}` has `*` before its end"))
                .label("OpenBao reads an inner `*` literally: this rule never matches")
                .hint(hint),
        );
    }
    let segments: Vec<&str> = path.split('/').collect();
    if let Some(seg) = segments.iter().find(|s| s.contains('+') && **s != "+" && **s != "+*") {
        diags.push(
            Diagnostic::error(
                codes::PLUS_NOT_SEGMENT,
                path.span,
                format!("policy path `{path}` has `+` inside the segment `{seg}`"),
            )
            .label("`+` matches one whole segment only")
            .hint("write `+` alone between slashes (`secret/data/+/db`), or `*` at the end for a prefix"),
        );
    } else if path.contains("+*") {
        diags.push(
            Diagnostic::error(codes::PLUS_NOT_SEGMENT, path.span, format!("policy path `{path}` has `+*`"))
                .label("OpenBao forbids `+*`")
                .hint("use `+` for one segment, or end with `/*` for everything below"),
        );
    }
}

/// `secret/foo` under the KV v2 mount reaches nothing: the API paths are
/// `secret/data/foo` and `secret/metadata/foo`.
fn kv_v2(path: &Sp<String>, mount: &str, diags: &mut Diagnostics) {
    let p = path.trim_start_matches('/');
    let Some(rest) = p.strip_prefix(mount).and_then(|r| r.strip_prefix('/')) else { return };
    let first = rest.split('/').next().unwrap_or_default();
    if rest.is_empty() || first == "+" || first.ends_with('*') || KV_V2_SUBPATHS.contains(&first) {
        return;
    }
    diags.push(
        Diagnostic::error(
            codes::KV_V2_PATH,
            path.span,
            format!("`{path}` is under the KV v2 mount `{mount}` but not under `{mount}/data/` or `{mount}/metadata/`"),
        )
        .label("a KV v1-style path: it matches no KV v2 API path")
        .hint(format!(
            "KV v2 paths need `{mount}/data/...`: did you mean `{mount}/data/{rest}`? (listing needs `{mount}/metadata/{rest}`)"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sed_words_are_found_inside_longer_words() {
        assert_eq!(sed_word("secret/data/MYHOSTNAMES"), Some("HOSTNAME"));
        assert_eq!(sed_word("secret/data/hostname"), None);
    }
}
