//! Reference rules: exactly one primary, unique names, and every name a
//! topology refers to (policies, regions, roles) exists; every non-primary
//! region names the issuer the primary must trust.

use super::{Context, did_you_mean};
use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Method, Topology};
use crate::naming;
use std::collections::HashMap;

pub fn check(t: &Topology, cx: &Context<'_>, diags: &mut Diagnostics) {
    primary(t, diags);
    unique(t.regions.iter().map(|r| &r.location_code), codes::DUPLICATE_LOCATION, "location code", diags);
    unique(t.policies.iter().map(|p| &p.name), codes::DUPLICATE_POLICY, "policy", diags);
    unique(t.auth_roles.iter().map(|r| &r.name), codes::DUPLICATE_ROLE, "auth role", diags);
    let policy_names: Vec<&str> = t.policies.iter().map(|p| p.name.as_str()).collect();
    for role in &t.auth_roles {
        for p in &role.policies {
            if t.policy(p).is_none() && !cx.was_dropped(p) && p.as_str() != "default" {
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_POLICY,
                        p.span,
                        format!("auth role `{}` names unknown policy `{}`", role.name, p),
                    )
                    .label("no policy has this name")
                    .hint(
                        did_you_mean(p, policy_names.iter().copied())
                            .unwrap_or_else(|| "declare it under `policies:`".to_string()),
                    ),
                );
            }
        }
        for r in role.regions.iter().flatten() {
            region_ref(t, cx, r, &format!("auth role `{}`", role.name), diags);
        }
    }
    for s in &t.secrets {
        for r in s.regions.iter().flatten().chain(&s.push_from) {
            region_ref(t, cx, r, &format!("secret `{}`", s.name), diags);
        }
    }
    for (field, role) in
        [("readerRole", &t.external_secrets.reader_role), ("pusherRole", &t.external_secrets.pusher_role)]
    {
        if let Some(name) = role {
            eso_role(t, cx, field, name, diags);
        }
    }
    issuers(t, diags);
}

fn region_ref(t: &Topology, cx: &Context<'_>, r: &Sp<String>, owner: &str, diags: &mut Diagnostics) {
    if t.region(r).is_some() || cx.was_dropped(r) {
        return;
    }
    let codes_list: Vec<&str> = t.regions.iter().map(|r| r.location_code.as_str()).collect();
    diags.push(
        Diagnostic::error(codes::UNKNOWN_REGION, r.span, format!("{owner} names unknown region `{r}`"))
            .label("no region has this location code")
            .hint(
                did_you_mean(r, codes_list.iter().copied())
                    .unwrap_or_else(|| format!("the regions are: {}", codes_list.join(", "))),
            ),
    );
}

fn eso_role(t: &Topology, cx: &Context<'_>, field: &str, name: &Sp<String>, diags: &mut Diagnostics) {
    match t.auth_role(name) {
        None if !cx.was_dropped(name) => {
            let names: Vec<&str> = t.auth_roles.iter().map(|r| r.name.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_ROLE,
                    name.span,
                    format!("externalSecrets.{field} names unknown auth role `{name}`"),
                )
                .label("no auth role has this name")
                .hint(did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
                    format!("declare it under `authRoles:`, or remove `{field}` to use the role sovc derives")
                })),
            );
        }
        Some(role) if role.method.value != Method::Kubernetes => diags.push(
            Diagnostic::error(
                codes::ROLE_METHOD,
                name.span,
                format!("externalSecrets.{field} names `{name}`, a role of method `{}`", role.method.value),
            )
            .label(if field == "readerRole" {
                "ESO logs in to its local OpenBao with its Kubernetes service account"
            } else {
                "the primary's ESO logs in to the primary's OpenBao with its Kubernetes service account"
            })
            .with_secondary(role.method.span, "the role's method")
            .hint("name a role with `method: kubernetes` bound to ESO's service account"),
        ),
        _ => {}
    }
}

/// Every non-primary region's ESO reaches the primary (`bao-primary`, and
/// replication) through `jwt-<code>` on the primary, which trusts the
/// region's service-account issuer.
fn issuers(t: &Topology, diags: &mut Diagnostics) {
    let Some(primary) = t.primary() else { return };
    for (i, r) in t.regions.iter().enumerate() {
        let duplicate = t.regions[..i].iter().any(|o| o.location_code.value == r.location_code.value);
        if duplicate || r.primary.value || r.kubernetes.as_ref().is_some_and(|k| k.issuer.is_some()) {
            continue;
        }
        diags.push(
            Diagnostic::error(
                codes::MISSING_ISSUER,
                r.location_code.span,
                format!("region `{}` has no `kubernetes.issuer`", r.location_code),
            )
            .label("the primary cannot trust this cluster's service accounts")
            .with_secondary(primary.location_code.span, "the primary")
            .hint(format!(
                "the primary `{}` authenticates this region's ESO through `{}`, which needs the cluster's \
                 service-account issuer: add `kubernetes: {{issuer: https://...}}`",
                primary.location_code,
                naming::jwt_mount(&r.location_code)
            )),
        );
    }
}

fn primary(t: &Topology, diags: &mut Diagnostics) {
    let primaries: Vec<_> = t.regions.iter().filter(|r| r.primary.value).collect();
    match primaries.as_slice() {
        [] if !t.regions.is_empty() => diags.push(
            Diagnostic::error(codes::NO_PRIMARY, t.regions[0].location_code.span, "no region is the primary")
                .label("e.g. this one")
                .hint("mark the region that takes every write with `primary: true`"),
        ),
        [_] | [] => {}
        [first, rest @ ..] => {
            for r in rest {
                diags.push(
                    Diagnostic::error(
                        codes::MULTIPLE_PRIMARIES,
                        r.primary.span,
                        format!("region `{}` is a second primary", r.location_code),
                    )
                    .label("second primary")
                    .with_secondary(first.primary.span, format!("`{}` is already the primary", first.location_code))
                    .hint("exactly one region is the primary; promote another one by moving `primary: true`"),
                );
            }
        }
    }
}

fn unique<'a>(names: impl Iterator<Item = &'a Sp<String>>, code: &'static str, what: &str, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Sp<String>> = HashMap::new();
    for n in names {
        if let Some(first) = seen.get(n.as_str()) {
            diags.push(
                Diagnostic::error(code, n.span, format!("duplicate {what} `{n}`"))
                    .label("defined again here")
                    .with_secondary(first.span, "first defined here")
                    .hint(format!("each {what} must be unique")),
            );
        } else {
            seen.insert(n.as_str(), n);
        }
    }
}
