//! Name and format rules: slugs, DNS labels and subdomains, the domain.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    slug(&t.sovereign, diags);
    fqdn(&t.domain, diags);
    dns_label(&t.openbao.namespace, "a namespace", diags);
    for r in &t.regions {
        dns_label(&r.location_code, "a location code", diags);
    }
}

/// `^[a-z][a-z0-9-]{2,31}$`
fn slug(s: &Sp<String>, diags: &mut Diagnostics) {
    let ok = !s.span.is_real()
        || (3..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        diags.push(
            Diagnostic::error(codes::INVALID_SLUG, s.span, format!("`{}` is not a valid sovereign slug", s.as_str()))
                .label("must match ^[a-z][a-z0-9-]{2,31}$")
                .hint("3 to 32 characters: a lower-case letter, then lower-case letters, digits and `-`"),
        );
    }
}

/// Whether `s` is a DNS-1123 label (RFC 1123, as Kubernetes checks it).
pub fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub fn dns_label(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if !is_dns_label(s) {
        diags.push(
            Diagnostic::error(codes::INVALID_DNS_LABEL, s.span, format!("`{}` is not valid as {what}", s.as_str()))
                .label("not a DNS-1123 label")
                .hint("use at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit"),
        );
    }
}

fn fqdn(s: &Sp<String>, diags: &mut Diagnostics) {
    let labels: Vec<&str> = s.split('.').collect();
    let ok = !s.span.is_real() || s.len() <= 253 && labels.len() >= 2 && labels.iter().all(|l| is_dns_label(l));
    if !ok {
        diags.push(
            Diagnostic::error(
                codes::INVALID_FQDN,
                s.span,
                format!("`{}` is not a fully qualified domain name", s.as_str()),
            )
            .label("not an FQDN")
            .hint("write the domain as lower-case DNS labels joined by dots, e.g. omantel.openova.io"),
        );
    }
}
