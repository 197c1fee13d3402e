//! The proof that the ESO roles grant what their consumers need: every
//! need (see [`super::needs`]) is decided with OpenBao's semantics against
//! the role's ACL in the region whose OpenBao checks it. What falls short is
//! returned with the rule that decided (or the closest rule when none
//! matched), so a diagnostic can point at both the secret and the policy.

use super::needs::{Consumer, Need, PathNeed, needs};
use super::roles::{role_acl, role_in_region, role_mount};
use super::{Acl, CapSet, Entry, RuleRef};
use crate::model::{Secret, Topology};
use std::collections::HashMap;

/// Why a need is not met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shortfall {
    /// The role does not exist in the region whose OpenBao checks the need.
    RoleAbsent,
    /// No rule of the role's policies matches the path.
    NoRule {
        /// The role's rule that comes closest, if it has any rule.
        closest: Option<RuleRef>,
        /// The path the closest rule would have matched had it been written
        /// for KV v2 (`secret/nexus/*` → `secret/data/nexus/*`).
        kv2_fix: Option<String>,
    },
    /// The deciding rule denies.
    Denied(Entry),
    /// The deciding rule lacks capabilities.
    Insufficient(Entry),
}

/// One unmet need, gathered over the regions where it fails alike.
#[derive(Clone, Debug)]
pub struct Failure<'t> {
    pub consumer: Consumer,
    pub secret: &'t Secret,
    pub role: String,
    pub path: String,
    /// What the consumer needs there.
    pub needed: CapSet,
    /// What it does not get.
    pub missing: CapSet,
    pub shortfall: Shortfall,
    /// Regions whose consumers fail this way (object regions).
    pub regions: Vec<String>,
    /// The OpenBao regions that check it.
    pub openbao: Vec<String>,
}

/// Proves every need whose role the user declared
/// (`externalSecrets.readerRole` / `pusherRole`). Derived roles are proven
/// by construction, checked by `tests/access_derived.rs` with this evaluator.
///
/// A declared role serves a need only on the auth mount the need's store
/// logs in at ([`Need::mount`]): a role on another mount (another method) is
/// not the one that answers the login, and is skipped here because E0414
/// reports it at the setting.
pub fn prove(topology: &Topology) -> Vec<Failure<'_>> {
    let all = needs(topology);
    let declared: Vec<&Need<'_>> = all.iter().filter(|n| n.role_is_declared(topology)).collect();
    let mut acls: HashMap<&str, Acl> = HashMap::new();
    for need in &declared {
        if let Some(role) = topology.auth_role(&need.role) {
            acls.entry(role.name.as_str()).or_insert_with(|| role_acl(topology, role));
        }
    }
    prove_needs(declared, |need| {
        let role = topology.auth_role(&need.role)?;
        if role_mount(role) != need.mount() {
            return None;
        }
        let acl = acls.get(role.name.as_str())?;
        Some(role_in_region(role, &need.openbao).then_some(acl))
    })
}

/// Proves `needs`, asking `acl_for` for the ACL of each need's role in the
/// need's OpenBao: `None` skips the need (role unknown, reported
/// elsewhere), `Some(None)` means the role does not exist there.
pub fn prove_needs<'t, 'n, 'a>(
    needs: impl IntoIterator<Item = &'n Need<'t>>,
    acl_for: impl Fn(&Need<'t>) -> Option<Option<&'a Acl>>,
) -> Vec<Failure<'t>>
where
    't: 'n,
{
    let mut out: Vec<Failure<'t>> = Vec::new();
    for need in needs {
        let Some(acl) = acl_for(need) else { continue };
        for path in &need.paths {
            let found = match acl {
                // One finding per consumer is enough when the role is absent.
                None if !std::ptr::eq(path, &need.paths[0]) => continue,
                None => vec![(Shortfall::RoleAbsent, path.capabilities)],
                Some(acl) => check_path(acl, path),
            };
            for (shortfall, missing) in found {
                merge(&mut out, need, path, shortfall, missing);
            }
        }
    }
    out
}

/// The shortfalls of one path need, one per deciding rule.
fn check_path(acl: &Acl, need: &PathNeed) -> Vec<(Shortfall, CapSet)> {
    let mut by_rule: Vec<(Option<&Entry>, CapSet)> = Vec::new();
    for cap in need.capabilities.iter() {
        let Some(d) = acl.check(&need.path, cap) else { continue };
        if d.allowed() {
            continue;
        }
        match by_rule.iter_mut().find(|(e, _)| e.map(|e| &e.key) == d.entry.map(|e| &e.key)) {
            Some((_, missing)) => *missing = missing.union(CapSet::of([cap])),
            None => by_rule.push((d.entry, CapSet::of([cap]))),
        }
    }
    by_rule
        .into_iter()
        .map(|(entry, missing)| {
            let shortfall = match entry {
                Some(e) if e.capabilities.is_deny() => Shortfall::Denied(e.clone()),
                Some(e) => Shortfall::Insufficient(e.clone()),
                None => closest(acl, &need.path),
            };
            (shortfall, missing)
        })
        .collect()
}

/// The rule of `acl` nearest to `path` when none matches: first one that
/// would match the KV v2 spelling of a KV v1 pattern, else the one sharing
/// the longest prefix with the path (built-in `default` rules excluded).
fn closest(acl: &Acl, path: &str) -> Shortfall {
    let rules: Vec<&RuleRef> = acl.entries().iter().flat_map(|e| &e.sources).filter(|r| r.span.is_real()).collect();
    for rule in &rules {
        if let Some(fixed) = kv2_spelling(&rule.pattern, path) {
            return Shortfall::NoRule { closest: Some((*rule).clone()), kv2_fix: Some(fixed) };
        }
    }
    let common = |r: &RuleRef| r.pattern.bytes().zip(path.bytes()).take_while(|(a, b)| a == b).count();
    let best = rules.iter().copied().fold(None::<&RuleRef>, |best, r| match best {
        Some(b) if common(b) >= common(r) => Some(b),
        _ => Some(r),
    });
    Shortfall::NoRule { closest: best.cloned(), kv2_fix: None }
}

/// If `pattern` is a KV v1 spelling (`<mount>/<key…>`) that matches `path`
/// (`<mount>/data|metadata/<key…>`) once `data/`/`metadata/` is inserted,
/// the corrected pattern.
fn kv2_spelling(pattern: &str, path: &str) -> Option<String> {
    let (mount, rest) = path.split_once('/')?;
    let (part, _) = rest.split_once('/')?;
    if !matches!(part, "data" | "metadata") {
        return None;
    }
    let tail = pattern.strip_prefix(mount)?.strip_prefix('/')?;
    if tail.starts_with("data/") || tail.starts_with("metadata/") {
        return None;
    }
    let fixed = format!("{mount}/{part}/{tail}");
    let single = super::AclPolicy::new("probe", [(fixed.clone(), CapSet::EMPTY, Default::default())]);
    let probe = Acl::new([&single]);
    probe.decide(path, super::Op::Read).entry.map(|_| fixed)
}

fn merge<'t>(out: &mut Vec<Failure<'t>>, need: &Need<'t>, path: &PathNeed, shortfall: Shortfall, missing: CapSet) {
    let same = |f: &Failure<'t>| {
        f.consumer == need.consumer
            && std::ptr::eq(f.secret, need.secret)
            && f.path == path.path
            && f.missing == missing
            && f.shortfall == shortfall
    };
    if let Some(f) = out.iter_mut().find(|f| same(f)) {
        if !f.regions.contains(&need.region) {
            f.regions.push(need.region.clone());
        }
        if !f.openbao.contains(&need.openbao) {
            f.openbao.push(need.openbao.clone());
        }
        return;
    }
    out.push(Failure {
        consumer: need.consumer,
        secret: need.secret,
        role: need.role.clone(),
        path: path.path.clone(),
        needed: path.capabilities,
        missing,
        shortfall,
        regions: vec![need.region.clone()],
        openbao: vec![need.openbao.clone()],
    });
}
