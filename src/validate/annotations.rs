//! Ingress annotation keys (`openbao.ingressAnnotations` and a region's
//! override): each must be a Kubernetes qualified name, as the API server
//! checks annotation keys (`[prefix/]name`: an optional DNS-1123 subdomain
//! prefix, then a name of at most 63 characters from `A-Za-z0-9-_.` that
//! starts and ends with a letter or digit). Values are free text, checked
//! with every other string (`walk`).

use super::names::is_dns_subdomain;
use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;
use indexmap::IndexMap;

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    keys(&t.openbao.ingress_annotations, diags);
    for r in &t.regions {
        if let Some(o) = &r.openbao {
            keys(&o.ingress_annotations, diags);
        }
    }
}

fn keys(annotations: &IndexMap<Sp<String>, Sp<String>>, diags: &mut Diagnostics) {
    for key in annotations.keys() {
        if let Some(problem) = key_problem(key) {
            diags.push(
                Diagnostic::error(
                    codes::INVALID_ANNOTATION_KEY,
                    key.span,
                    format!("`{}` is not valid as an annotation key", key.as_str()),
                )
                .label(problem)
                .hint("write `name` or `prefix/name`, e.g. `nginx.ingress.kubernetes.io/backend-protocol`"),
            );
        }
    }
}

/// What is wrong with `key` as a Kubernetes annotation key, if anything.
pub fn key_problem(key: &str) -> Option<&'static str> {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if let Some(p) = prefix
        && !is_dns_subdomain(p)
    {
        return Some("the prefix before `/` is not a DNS-1123 subdomain");
    }
    let bytes = name.as_bytes();
    let inner = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    match (bytes.first(), bytes.last()) {
        (None, _) => Some("the name is empty"),
        _ if bytes.len() > 63 => Some("the name is longer than 63 characters"),
        (Some(f), Some(l)) if !f.is_ascii_alphanumeric() || !l.is_ascii_alphanumeric() => {
            Some("the name must start and end with a letter or digit")
        }
        _ if !bytes.iter().all(inner) => Some("the name may hold only letters, digits, `-`, `_` and `.`"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::key_problem;

    #[test]
    fn qualified_names_as_kubernetes_checks_them() {
        for ok in ["a", "backend-protocol", "nginx.ingress.kubernetes.io/backend-protocol", "A_b.c-9", "x/y"] {
            assert_eq!(key_problem(ok), None, "{ok}");
        }
        let long = "n".repeat(64);
        for bad in ["", "/x", "x/", "Nginx.io/x", "a/b/c", "-a", "a-", "a b", "a:b", long.as_str()] {
            assert!(key_problem(bad).is_some(), "{bad:?}");
        }
    }
}
