//! Silenced warnings: checks the codes listed in `lints.allow` and the
//! `allowLints` of policies and auth roles (E0805), then drops the warnings
//! they silence — everywhere for `lints.allow`, inside the item for
//! `allowLints`. Errors are never silenced.

use crate::diag::{Diagnostic, Diagnostics, Sp, Span, codes};
use crate::model::{AuthRole, Policy, Topology};
use crate::read::decode::suggest;

fn warning_codes() -> Vec<&'static str> {
    codes::ALL.iter().map(|(c, _)| *c).filter(|c| c.starts_with('W')).collect()
}

/// Reports every listed code that is not a warning code.
pub fn check(t: &Topology, diags: &mut Diagnostics) {
    let lists = std::iter::once(&t.lints.allow)
        .chain(t.policies.iter().map(|p| &p.allow_lints))
        .chain(t.auth_roles.iter().map(|r| &r.allow_lints));
    let known = warning_codes();
    for code in lists.flatten() {
        if known.contains(&code.as_str()) {
            continue;
        }
        let is_error = codes::ALL.iter().any(|(c, _)| *c == code.as_str());
        let (label, hint) = if is_error {
            (
                "an error, which cannot be silenced",
                "fix the error instead; only warning codes (W…) can be allowed".to_string(),
            )
        } else {
            let hint = match suggest(code, &known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the warning codes are: {}", known.join(", ")),
            };
            ("no warning has this code", hint)
        };
        diags.push(
            Diagnostic::error(codes::UNKNOWN_LINT, code.span, format!("`{}` is not a warning code", code.as_str()))
                .label(label)
                .hint(hint),
        );
    }
}

/// The stretch of the file an item's known values cover.
fn extent<'a>(spans: impl IntoIterator<Item = &'a Span>) -> Option<(usize, usize)> {
    spans.into_iter().filter(|s| s.is_real()).fold(None, |acc, s| {
        let (lo, hi) = (s.offset, s.offset + s.len);
        Some(acc.map_or((lo, hi), |(a, b): (usize, usize)| (a.min(lo), b.max(hi))))
    })
}

fn spans_of(list: &[Sp<String>]) -> impl Iterator<Item = &Span> {
    list.iter().map(|s| &s.span)
}

fn policy_extent(p: &Policy) -> Option<(usize, usize)> {
    let rules =
        p.rules.iter().flat_map(|r| std::iter::once(&r.path.span).chain(r.capabilities.iter().map(|c| &c.span)));
    extent(
        std::iter::once(&p.name.span)
            .chain(p.description.iter().map(|d| &d.span))
            .chain(rules)
            .chain(spans_of(&p.allow_lints)),
    )
}

fn role_extent(r: &AuthRole) -> Option<(usize, usize)> {
    let k8s = r.kubernetes.iter().flat_map(|k| spans_of(&k.service_accounts).chain(spans_of(&k.namespaces)));
    let jwt = r
        .jwt
        .iter()
        .flat_map(|j| [&j.mount.span, &j.oidc_discovery_url.span].into_iter().chain(spans_of(&j.bound_audiences)));
    let cert = r.cert.iter().map(|c| &c.ca_file.span);
    let approle =
        r.approle.iter().flat_map(|a| std::iter::once(&a.bind_secret_id.span).chain(spans_of(&a.token_bound_cidrs)));
    let spans = [&r.name.span, &r.method.span]
        .into_iter()
        .chain(spans_of(&r.policies))
        .chain(r.token_ttl.iter().map(|s| &s.span))
        .chain(r.token_max_ttl.iter().map(|s| &s.span))
        .chain(r.regions.iter().flat_map(|rs| spans_of(rs)))
        .chain(k8s)
        .chain(jwt)
        .chain(cert)
        .chain(approle)
        .chain(spans_of(&r.allow_lints));
    extent(spans)
}

/// Drops the warnings the topology silences.
pub fn apply(t: &Topology, diags: &mut Diagnostics) {
    let global: Vec<&str> = t.lints.allow.iter().map(|c| c.as_str()).collect();
    let mut scoped: Vec<((usize, usize), Vec<&str>)> = Vec::new();
    for p in t.policies.iter().filter(|p| !p.allow_lints.is_empty()) {
        scoped.extend(policy_extent(p).map(|e| (e, p.allow_lints.iter().map(|c| c.as_str()).collect())));
    }
    for r in t.auth_roles.iter().filter(|r| !r.allow_lints.is_empty()) {
        scoped.extend(role_extent(r).map(|e| (e, r.allow_lints.iter().map(|c| c.as_str()).collect())));
    }
    if global.is_empty() && scoped.is_empty() {
        return;
    }
    diags.retain(|d| {
        if d.is_error() {
            return true;
        }
        if global.contains(&d.code) {
            return false;
        }
        let at = d.primary.span;
        !(at.is_real()
            && scoped.iter().any(|((lo, hi), codes)| (*lo..*hi).contains(&at.offset) && codes.contains(&d.code)))
    });
}
