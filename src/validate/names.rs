//! Name rules: the sovereign slug, DNS-1123 labels (location codes,
//! namespaces, mounts) and subdomains (Kubernetes object names), the FQDN
//! domain, and OpenBao policy and role names.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Seal, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    slug(&t.sovereign, diags);
    fqdn(&t.domain, diags);
    let o = &t.openbao;
    dns_label(&o.namespace, "a namespace", diags);
    dns_label(&o.kv_mount, "a KV mount path", diags);
    opt_subdomain(&o.storage.class, "a storage class name", diags);
    opt_subdomain(&o.ingress_class_name, "an IngressClass name", diags);
    seal(&o.seal, diags);
    let e = &t.external_secrets;
    dns_label(&e.namespace, "a namespace", diags);
    dns_subdomain(&e.service_account, "a ServiceAccount name", diags);
    dns_subdomain(&t.flux.source_ref.name, "a Flux source name", diags);
    dns_subdomain(&t.flux.external_secrets_kustomization, "a Kustomization name", diags);
    for r in &t.regions {
        dns_label(&r.location_code, "a location code", diags);
        if let Some(o) = &r.openbao {
            if let Some(s) = &o.storage {
                opt_subdomain(&s.class, "a storage class name", diags);
            }
            opt_subdomain(&o.ingress_class_name, "an IngressClass name", diags);
            if let Some(s) = &o.seal {
                seal(s, diags);
            }
        }
    }
    for p in &t.policies {
        openbao_name(&p.name, "policy", diags);
    }
    for role in &t.auth_roles {
        openbao_name(&role.name, "role", diags);
        if let Some(k) = &role.kubernetes {
            for sa in k.service_accounts.iter().filter(|s| s.as_str() != "*") {
                glob_name(sa, "a ServiceAccount name", codes::INVALID_DNS_SUBDOMAIN, is_dns_subdomain, diags);
            }
            for ns in k.namespaces.iter().filter(|s| s.as_str() != "*") {
                glob_name(ns, "a namespace", codes::INVALID_DNS_LABEL, is_dns_label, diags);
            }
        }
        if let Some(j) = &role.jwt {
            dns_label(&j.mount, "an auth mount path", diags);
        }
    }
    for s in &t.secrets {
        dns_subdomain(&s.name, "a Secret name", diags);
        dns_label(&s.namespace, "a namespace", diags);
    }
}

fn seal(s: &Seal, diags: &mut Diagnostics) {
    opt_subdomain(&s.secret_name, "a Secret name", diags);
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
                .hint(lower_hint(
                    s,
                    "3 to 32 characters: a lower-case letter, then lower-case letters, digits and `-`",
                )),
        );
    }
}

/// "did you mean `abc`?" when the lower-cased value would pass; else `fallback`.
fn lower_hint(s: &str, fallback: &str) -> String {
    let lower = s.to_ascii_lowercase().replace('_', "-");
    if lower != s && is_dns_label(&lower) { format!("did you mean `{lower}`?") } else { fallback.to_string() }
}

/// Whether `s` is a DNS-1123 label (RFC 1123, as Kubernetes checks it).
pub fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Whether `s` is a DNS-1123 subdomain: labels joined by dots, at most 253.
pub fn is_dns_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(is_dns_label)
}

pub fn dns_label(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if s.span.is_real() && !is_dns_label(s) {
        diags.push(
            Diagnostic::error(codes::INVALID_DNS_LABEL, s.span, format!("`{}` is not valid as {what}", s.as_str()))
                .label("not a DNS-1123 label")
                .hint(lower_hint(
                    s,
                    "use at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit",
                )),
        );
    }
}

fn dns_subdomain(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if s.span.is_real() && !is_dns_subdomain(s) {
        let lower = s.to_ascii_lowercase().replace('_', "-");
        let hint = if lower != s.as_str() && is_dns_subdomain(&lower) {
            format!("did you mean `{lower}`?")
        } else {
            "use lower-case letters, digits, `-` and `.` (at most 253), starting and ending with a letter or digit"
                .to_string()
        };
        diags.push(
            Diagnostic::error(codes::INVALID_DNS_SUBDOMAIN, s.span, format!("`{}` is not valid as {what}", s.as_str()))
                .label("not a DNS-1123 subdomain")
                .hint(hint),
        );
    }
}

fn opt_subdomain(s: &Option<Sp<String>>, what: &str, diags: &mut Diagnostics) {
    if let Some(s) = s {
        dns_subdomain(s, what, diags);
    }
}

/// A name OpenBao matches with globs (`eso-*`): checked with each `*` read as a letter.
fn glob_name(s: &Sp<String>, what: &str, code: &'static str, valid: fn(&str) -> bool, diags: &mut Diagnostics) {
    if !valid(&s.replace('*', "x")) {
        diags.push(
            Diagnostic::error(code, s.span, format!("`{}` is not valid as {what}", s.as_str()))
                .label("not a Kubernetes name or name pattern")
                .hint(lower_hint(s, "use lower-case letters, digits and `-` (`*` matches any characters)")),
        );
    }
}

fn fqdn(s: &Sp<String>, diags: &mut Diagnostics) {
    let labels: Vec<&str> = s.split('.').collect();
    let ok = !s.span.is_real() || s.len() <= 253 && labels.len() >= 2 && labels.iter().all(|l| is_dns_label(l));
    if !ok {
        let trimmed = s.trim_end_matches('.').to_ascii_lowercase();
        let hint = if trimmed != s.as_str() && trimmed.split('.').count() >= 2 && trimmed.split('.').all(is_dns_label) {
            format!("did you mean `{trimmed}`?")
        } else {
            "write the domain as lower-case DNS labels joined by dots, e.g. omantel.openova.io".to_string()
        };
        diags.push(
            Diagnostic::error(
                codes::INVALID_FQDN,
                s.span,
                format!("`{}` is not a fully qualified domain name", s.as_str()),
            )
            .label("not an FQDN")
            .hint(hint),
        );
    }
}

/// Policy and role names: lower case (OpenBao lower-cases policy names
/// itself), letters, digits, `-`, `_`, `.`; they become file and API path
/// segments.
fn openbao_name(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'));
    if !ok {
        let lower = s.to_ascii_lowercase().replace(' ', "-");
        let hint = if lower != s.as_str()
            && !lower.is_empty()
            && lower.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            format!("did you mean `{lower}`?")
        } else {
            format!(
                "a {what} name is 1 to 128 lower-case letters, digits, `-`, `_` and `.`, starting with a letter or digit"
            )
        };
        diags.push(
            Diagnostic::error(codes::INVALID_NAME, s.span, format!("`{}` is not a valid {what} name", s.as_str()))
                .label(format!("not an OpenBao {what} name"))
                .hint(hint),
        );
    }
}
