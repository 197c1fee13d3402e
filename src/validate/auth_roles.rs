//! Auth role rules: the method block matches `method`, TTLs are ordered,
//! and every role carries the constraint its auth method demands (approle:
//! a secret id or CIDR binding; jwt: a bound claim; kubernetes: `*` alone).

use super::catalogue::duplicates;
use super::formats::parse_duration;
use crate::diag::{Diagnostic, Diagnostics, Span, codes};
use crate::model::{AuthRole, Method, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    for role in &t.auth_roles {
        method_blocks(role, diags);
        ttls(role, diags);
        duplicates(&role.policies, "policy", diags);
        if let Some(regions) = &role.regions {
            duplicates(regions, "region", diags);
        }
        if let (Method::AppRole, Some(a)) = (role.method.value, &role.approle)
            && !a.bind_secret_id.value
            && a.secret_id_bound_cidrs.is_empty()
            && a.token_bound_cidrs.is_empty()
        {
            diags.push(
                Diagnostic::error(
                    codes::APPROLE_UNCONSTRAINED,
                    a.bind_secret_id.span,
                    format!("approle role `{}` has no constraint: anyone with its role id could log in", role.name),
                )
                .label("no secret id required")
                .hint("keep `bindSecretId: true` (the default), or bind `secretIdBoundCidrs` / `tokenBoundCidrs`"),
            );
        }
        if let (Method::Jwt, Some(j)) = (role.method.value, &role.jwt)
            && j.bound_audiences.is_empty()
            && j.bound_subject.is_none()
            && j.bound_claims.is_empty()
        {
            diags.push(
                Diagnostic::error(
                    codes::JWT_UNBOUND,
                    j.span,
                    format!("jwt role `{}` has no bound constraint: any token of the issuer could log in", role.name),
                )
                .label("no boundAudiences, boundSubject or boundClaims")
                .hint("add `boundSubject` (the workload's exact `sub`), `boundAudiences` or `boundClaims`"),
            );
        }
        if let (Method::Kubernetes, Some(k)) = (role.method.value, &role.kubernetes) {
            for list in [&k.service_accounts, &k.namespaces] {
                if list.len() > 1
                    && let Some(star) = list.iter().find(|s| s.as_str() == "*")
                {
                    diags.push(
                        Diagnostic::error(
                            codes::WILDCARD_MIXED,
                            star.span,
                            format!("`*` is listed with names in role `{}`", role.name),
                        )
                        .label("`*` alone means any; OpenBao rejects it next to names")
                        .hint("keep `[\"*\"]` alone, or list only names (globs such as `app-*` are allowed)"),
                    );
                }
                duplicates(list, "name", diags);
            }
        }
    }
}

/// The block each method needs, and no block of another method.
fn method_blocks(role: &AuthRole, diags: &mut Diagnostics) {
    let method = role.method.value;
    let blocks: [(Method, &str, Option<Span>); 4] = [
        (Method::Kubernetes, "kubernetes", role.kubernetes.as_ref().map(|b| b.span)),
        (Method::AppRole, "approle", role.approle.as_ref().map(|b| b.span)),
        (Method::Jwt, "jwt", role.jwt.as_ref().map(|b| b.span)),
        (Method::Cert, "cert", role.cert.as_ref().map(|b| b.span)),
    ];
    for (m, key, span) in blocks {
        match span {
            Some(span) if m != method => diags.push(
                Diagnostic::error(
                    codes::METHOD_BLOCK,
                    span,
                    format!("role `{}` has a `{key}` block but its method is `{method}`", role.name),
                )
                .label(format!("belongs to method `{key}`"))
                .hint(format!("remove `{key}:`, or set `method: {key}` and remove the `{method}` settings")),
            ),
            None if m == method && m != Method::AppRole => {
                let example = match m {
                    Method::Kubernetes => "kubernetes: {serviceAccounts: [app], namespaces: [app]}",
                    Method::Jwt => "jwt: {mount: jwt-spire, oidcDiscoveryUrl: https://..., boundSubject: ...}",
                    _ => "cert: {caFile: ca.pem, allowedUriSans: [spiffe://...]}",
                };
                diags.push(
                    Diagnostic::error(
                        codes::METHOD_BLOCK,
                        role.method.span,
                        format!("role `{}` of method `{method}` has no `{key}` block", role.name),
                    )
                    .label(format!("needs a `{key}:` block"))
                    .hint(format!("add `{example}`")),
                );
            }
            _ => {}
        }
    }
}

fn ttls(role: &AuthRole, diags: &mut Diagnostics) {
    let (Some(ttl), Some(max)) = (&role.token_ttl, &role.token_max_ttl) else { return };
    let (Some(t), Some(m)) = (parse_duration(ttl), parse_duration(max)) else { return };
    if m > 0 && t > m {
        diags.push(
            Diagnostic::error(
                codes::TTL_EXCEEDS_MAX,
                ttl.span,
                format!("role `{}`: tokenTtl `{ttl}` is longer than tokenMaxTtl `{max}`", role.name),
            )
            .label("longer than the maximum")
            .with_secondary(max.span, "the maximum")
            .hint(format!("OpenBao rejects the role: lower tokenTtl to at most `{max}`, or raise tokenMaxTtl")),
        );
    }
}
