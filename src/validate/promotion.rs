//! Promotion hazards (SPEC §4: DR promotion is a one-line change of
//! `primary:` followed by `generate`): valid topologies whose promotion
//! plan would lose data.
//!
//! W0709: no non-primary region holds every catalogued secret (see
//! [`no_complete_standby`]).
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
use crate::lower::select;
use crate::model::{Origin, Region, ReplicationMode, Secret, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    let Some(primary_region) = t.primary() else { return };
    if t.regions.len() < 2 {
        return; // nothing to promote
    }
    no_complete_standby(t, primary_region, diags);
    let primary = primary_region.location_code.as_str();
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

/// W0709: no region but the primary would hold the whole catalogue.
/// Replication copies only what a region reads, so promoting any replica
/// leaves the other regions replicating from a primary that lacks some
/// keys (and a returning old primary is then overwritten with that view).
/// A region holds what it replicates and what its own cluster pushes.
fn no_complete_standby(t: &Topology, primary: &Region, diags: &mut Diagnostics) {
    if t.replication.mode.value != ReplicationMode::Pull || t.secrets.is_empty() {
        return;
    }
    // A `regions` entry naming no region (E0408) makes any gap a false one.
    let named = |code: &str| t.region(code).is_some();
    if t.secrets.iter().flat_map(|s| s.regions.iter().flatten()).any(|r| !named(r.as_str())) {
        return;
    }
    let primary_code = primary.location_code.as_str();
    let mut gaps: Vec<(&Region, Vec<&str>)> = Vec::new();
    for region in t.regions.iter().filter(|r| r.location_code.as_str() != primary_code) {
        let code = region.location_code.as_str();
        let replicated = select::replicated_into(t, code);
        let pushed: Vec<&Secret> = select::pushed_from(t, code).collect();
        // A secret with `regions: []` is read nowhere (W0703 says so).
        let lacks: Vec<&str> = t
            .secrets
            .iter()
            .filter(|s| !s.regions.as_ref().is_some_and(Vec::is_empty))
            .filter(|s| !replicated.iter().chain(&pushed).any(|h| std::ptr::eq(*h, *s)))
            .map(|s| s.name.as_str())
            .collect();
        if lacks.is_empty() {
            return; // a loss-free promotion target exists
        }
        gaps.push((region, lacks));
    }
    let Some((first, _)) = gaps.first() else { return };
    let at = if primary.primary.span.is_real() { primary.primary.span } else { primary.location_code.span };
    let mut d = Diagnostic::warning(
        codes::NO_COMPLETE_STANDBY,
        at,
        format!(
            "no replica holds every catalogued secret: promoting any of them loses secrets the primary `{primary_code}` holds"
        ),
    )
    .label("the primary holds the whole catalogue; replication copies only what a region reads");
    for (region, lacks) in &gaps {
        let shown: Vec<String> = lacks.iter().take(3).map(|n| format!("`{n}`")).collect();
        let more = if lacks.len() > 3 { format!(" and {} more", lacks.len() - 3) } else { String::new() };
        d = d.with_secondary(
            region.location_code.span,
            format!("`{}` would lack {}{more}", region.location_code, shown.join(", ")),
        );
    }
    let (first_code, first_lacks) = (first.location_code.as_str(), &gaps[0].1);
    diags.push(d.hint(format!(
        "make one region a complete standby: add it to the `regions` of the secrets it lacks (e.g. `{first_code}` to `{}`); or add `lints: {{allow: [{}]}}` if the missing secrets can be rewritten after a promotion (docs/dr.md)",
        first_lacks[0],
        codes::NO_COMPLETE_STANDBY
    )));
}
