//! Access rules: the proof that declared ESO roles grant what every
//! consumer needs (E08xx, see `crate::access::prove`), reported at the
//! secret that needs it and at the policy rule that falls short; and the
//! least-privilege lints (W09xx, `crate::access::lints`).

use crate::access::needs::Consumer;
use crate::access::prove::{Failure, Shortfall, prove};
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::Topology;

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    crate::access::lints::check(t, diags);
    if t.primary().is_none() {
        return;
    }
    let failures = prove(t);
    let mut absent: Vec<(Consumer, String, String, Vec<&Failure<'_>>)> = Vec::new();
    for f in &failures {
        if f.shortfall == Shortfall::RoleAbsent {
            for openbao in &f.openbao {
                match absent.iter_mut().find(|(c, r, o, _)| *c == f.consumer && *r == f.role && o == openbao) {
                    Some((_, _, _, list)) => list.push(f),
                    None => absent.push((f.consumer, f.role.clone(), openbao.clone(), vec![f])),
                }
            }
        } else {
            diags.push(shortfall(t, f));
        }
    }
    for (consumer, role, region, list) in absent {
        diags.push(role_absent(t, consumer, &role, &region, &list));
    }
}

fn role_word(c: Consumer) -> &'static str {
    match c {
        Consumer::ExternalSecret => "reader",
        Consumer::PushSecret => "pusher",
        Consumer::ReplicationRead | Consumer::ReplicationPush => "replicator",
    }
}

fn regions(list: &[String]) -> String {
    let s = if list.len() == 1 { "" } else { "s" };
    format!("region{s} {}", list.join(", "))
}

fn shortfall(t: &Topology, f: &Failure<'_>) -> Diagnostic {
    let secret = format!("{}/{}", f.secret.namespace, f.secret.name);
    let role_span = t.auth_role(&f.role).map(|r| r.name.span).unwrap_or_default();
    let (code, detail) = match &f.shortfall {
        Shortfall::Denied(_) => (codes::ACCESS_DENIED, "a deny rule decides it".to_string()),
        Shortfall::Insufficient(e) => (
            codes::ACCESS_INSUFFICIENT,
            format!("the deciding rule `{}` grants {}", e.pattern(), e.capabilities.describe()),
        ),
        _ => (codes::ACCESS_NOT_GRANTED, "no rule of its policies matches the path".to_string()),
    };
    let message = format!(
        "{} role `{}` cannot {} `{}` for {} `{secret}`: {detail}",
        role_word(f.consumer),
        f.role,
        f.missing.words().join("/"),
        f.path,
        f.consumer.describe(),
    );
    let d = Diagnostic::error(code, f.secret.path.span, message).label(format!(
        "{} in {} needs {} on `{}`",
        f.consumer.describe(),
        regions(&f.regions),
        f.needed.describe(),
        f.path
    ));
    let missing = f.missing.describe();
    match &f.shortfall {
        Shortfall::Denied(e) => {
            let rule = e.blame();
            let hint = if e.key == f.path {
                format!(
                    "the deny names `{}` exactly, so no other rule can allow it; remove it from policy `{}`",
                    f.path, rule.policy
                )
            } else {
                format!(
                    "narrow the deny in policy `{}` so it no longer covers `{}`, or allow the path with a more specific rule (OpenBao uses the most specific match)",
                    rule.policy, f.path
                )
            };
            d.with_secondary(rule.span, format!("`deny` in policy `{}` decides `{}`", rule.policy, f.path)).hint(hint)
        }
        Shortfall::Insufficient(e) => {
            let rule = e.blame();
            d.with_secondary(
                rule.span,
                format!(
                    "decides `{}` but grants only {} (policy `{}`)",
                    f.path,
                    e.capabilities.describe(),
                    rule.policy
                ),
            )
            .hint(format!("add {missing} to this rule, or grant them on a more specific rule for `{}`", f.path))
        }
        Shortfall::NoRule { closest: Some(rule), kv2_fix } => {
            let d = d.with_secondary(
                rule.span,
                format!("closest rule of role `{}` (policy `{}`) does not match `{}`", f.role, rule.policy, f.path),
            );
            match kv2_fix {
                Some(fix) => d.hint(format!(
                    "KV v2 paths go through `data/` and `metadata/`: write `{fix}` (and grant {missing} there)"
                )),
                None => d.hint(grant_hint(f, &missing)),
            }
        }
        Shortfall::NoRule { closest: None, .. } | Shortfall::RoleAbsent => d
            .with_secondary(role_span, format!("role `{}` has no rule for `{}`", f.role, f.path))
            .hint(grant_hint(f, &missing)),
    }
}

fn grant_hint(f: &Failure<'_>, missing: &str) -> String {
    let metadata = f.path.split('/').nth(1) == Some("metadata");
    if metadata && matches!(f.consumer, Consumer::PushSecret | Consumer::ReplicationPush) {
        format!(
            "a PushSecret writes `metadata/` before `data/` and reads it back (reference/eso.md §6): grant {missing} on `{}` in a policy of role `{}`",
            f.path, f.role
        )
    } else {
        format!("grant {missing} on `{}` in a policy of role `{}`", f.path, f.role)
    }
}

fn role_absent(t: &Topology, consumer: Consumer, role: &str, region: &str, list: &[&Failure<'_>]) -> Diagnostic {
    let role_def = t.auth_role(role);
    let span = role_def.map(|r| r.name.span).unwrap_or_default();
    let first = list[0].secret;
    let more = if list.len() > 1 { format!(" (and {} more)", list.len() - 1) } else { String::new() };
    Diagnostic::error(
        codes::ROLE_NOT_IN_REGION,
        span,
        format!(
            "{} role `{role}` is not written to region `{region}`, whose OpenBao checks {} {}{}",
            role_word(consumer),
            list.len(),
            consumer.describe(),
            if list.len() == 1 { "" } else { "s" }
        ),
    )
    .label(format!("`regions` of this role leave out `{region}`"))
    .with_secondary(
        first.path.span,
        format!("{} `{}/{}`{more} logs in with it at `{region}`", consumer.describe(), first.namespace, first.name),
    )
    .hint(format!("add `{region}` to the role's `regions`, or drop `regions` to write the role to every region"))
}
