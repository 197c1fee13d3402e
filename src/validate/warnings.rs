//! Warnings: valid topologies with a likely mistake. They never fail
//! validation.

use super::Context;
use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Method, Topology};

pub fn check(t: &Topology, cx: &Context<'_>, diags: &mut Diagnostics) {
    single_node(&t.openbao.replicas, diags);
    for r in &t.regions {
        if let Some(n) = r.openbao.as_ref().and_then(|o| o.replicas.as_ref()) {
            single_node(n, diags);
        }
    }
    // A role that failed to read, or names a policy that does not exist
    // (a typo of an existing one, often), may be the policy's user: stay quiet.
    let roles_known = cx.dropped.is_empty()
        && t.auth_roles.iter().all(|r| r.policies.iter().all(|p| p.as_str() == "default" || t.policy(p).is_some()));
    // `default` is attached to every token without being named.
    for p in t.policies.iter().filter(|p| roles_known && p.name.as_str() != "default") {
        let used = t.auth_roles.iter().any(|r| r.policies.iter().any(|n| n.value == p.name.value));
        if !used {
            diags.push(
                Diagnostic::warning(
                    codes::UNUSED_POLICY,
                    p.name.span,
                    format!("policy `{}` is attached to no auth role", p.name),
                )
                .label("no role grants it")
                .hint("add it to a role's `policies`, or remove it"),
            );
        }
    }
    for s in &t.secrets {
        if s.regions.as_ref().is_some_and(Vec::is_empty) {
            diags.push(
                Diagnostic::warning(
                    codes::UNUSED_REGION_FILTER,
                    s.name.span,
                    format!("secret `{}` is materialised in no region", s.name),
                )
                .label("`regions: []`")
                .hint("list the regions that need it, or remove `regions` for every region"),
            );
        }
    }
    for role in &t.auth_roles {
        if role.regions.as_ref().is_some_and(Vec::is_empty) {
            diags.push(
                Diagnostic::warning(
                    codes::ROLE_IN_NO_REGION,
                    role.name.span,
                    format!("auth role `{}` is created in no region", role.name),
                )
                .label("`regions: []`")
                .hint("list the regions that need it, or remove `regions` for every region"),
            );
        }
        if role.policies.is_empty() {
            diags.push(
                Diagnostic::warning(
                    codes::ROLE_WITHOUT_POLICY,
                    role.name.span,
                    format!("auth role `{}` grants no policy", role.name),
                )
                .label("its tokens only get `default`")
                .hint("add the policies its workload needs"),
            );
        }
        if let (Method::Cert, Some(c)) = (role.method.value, &role.cert)
            && c.allowed_uri_sans.is_empty()
            && c.allowed_common_names.is_empty()
            && c.allowed_dns_sans.is_empty()
        {
            diags.push(
                Diagnostic::warning(
                    codes::CERT_UNCONSTRAINED,
                    c.span,
                    format!("cert role `{}` accepts any certificate of its CA", role.name),
                )
                .label("no allowedUriSans, allowedCommonNames or allowedDnsSans")
                .hint("bind the workload's identity, e.g. `allowedUriSans: [spiffe://...]`"),
            );
        }
    }
}

fn single_node(n: &Sp<u32>, diags: &mut Diagnostics) {
    if n.span.is_real() && n.value == 1 {
        diags.push(
            Diagnostic::warning(codes::EVEN_REPLICAS_SMALL, n.span, "a single-node OpenBao has no high availability")
                .label("one Raft voter")
                .hint("use 3 (or 5) replicas in production"),
        );
    }
}
