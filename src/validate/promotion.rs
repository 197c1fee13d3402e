//! Promotion hazards (SPEC §4: DR promotion is a one-line change of
//! `primary:` followed by `generate`): valid topologies whose promotion
//! plan would lose data.
//!
//! W0708: an `origin: push` secret without `pushFrom` is pushed from
//! whichever region is the primary. Promoting another region turns that
//! region's ExternalSecret (`creationPolicy: Owner`) into a PushSecret:
//! Flux prunes the ExternalSecret, Kubernetes garbage-collects the Secret
//! it owns, and the new PushSecret has nothing to push; the old primary's
//! hand-made Secret gets an ExternalSecret instead. The cluster that holds
//! a Secret does not change with `primary:`, so its name belongs in the
//! topology.

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{Origin, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    let Some(primary) = t.primary() else { return };
    if t.regions.len() < 2 {
        return; // nothing to promote
    }
    let primary = primary.location_code.as_str();
    for s in t.secrets.iter().filter(|s| s.origin.value == Origin::Push && s.push_from.is_none()) {
        diags.push(
            Diagnostic::warning(
                codes::IMPLICIT_PUSH_FROM,
                s.origin.span,
                format!(
                    "secret `{}` is pushed from whichever region is the primary (now `{primary}`): promoting another region would delete the Kubernetes Secret there and push nothing",
                    s.name
                ),
            )
            .label("`origin: push` without `pushFrom`")
            .with_secondary(s.name.span, format!("the Kubernetes Secret `{}/{}` lives in one cluster", s.namespace, s.name))
            .hint(format!(
                "add `pushFrom: {primary}` (the cluster that holds the Kubernetes Secret); after a promotion the PushSecret stays there and writes to the new primary (docs/dr.md)"
            )),
        );
    }
}
