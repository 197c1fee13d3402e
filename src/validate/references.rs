//! Reference rules: exactly one primary, unique names, and every name a
//! topology refers to exists.

use super::Context;
use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;
use std::collections::HashMap;

pub fn check(t: &Topology, cx: &Context<'_>, diags: &mut Diagnostics) {
    primary(t, diags);
    unique(t.regions.iter().map(|r| &r.location_code), codes::DUPLICATE_LOCATION, "location code", diags);
    unique(t.policies.iter().map(|p| &p.name), codes::DUPLICATE_POLICY, "policy", diags);
    unique(t.auth_roles.iter().map(|r| &r.name), codes::DUPLICATE_ROLE, "auth role", diags);
    for role in &t.auth_roles {
        for p in &role.policies {
            if t.policy(p).is_none() && !cx.was_dropped(p) && p.as_str() != "default" {
                let names: Vec<&str> = t.policies.iter().map(|p| p.name.as_str()).collect();
                let hint = match crate::read::decode::suggest(p, &names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "declare it under `policies:`".to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_POLICY,
                        p.span,
                        format!("auth role `{}` names unknown policy `{}`", role.name, p),
                    )
                    .label("no policy has this name")
                    .hint(hint),
                );
            }
        }
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
