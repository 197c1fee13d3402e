//! OpenBao's ACL evaluation, reproduced: which rule of a token's policies
//! decides a request path, and what that rule allows.
//!
//! The behaviour follows OpenBao 2.6.2 (`vault/policy/policy.go` parsing,
//! `vault/policy/acl.go` `NewACL`, `AllowOperation`,
//! `CheckAllowedFromNonExactPaths`; `reference/openbao-policies.md` §4–§5):
//!
//! - a leading `/` is stripped; a pattern is a *segment-wildcard* path when it
//!   is `+`, contains `/+` or starts with `+/`; otherwise a trailing `*` makes
//!   it a *prefix* (the `*` removed) and anything else is *exact*;
//! - rules are merged by pattern text across every policy of the token:
//!   capabilities are unioned, and a `deny` anywhere makes the merged rule
//!   deny-only (different patterns never merge);
//! - a request is decided by exactly one merged rule: the exact rule for the
//!   path; for LIST/SCAN also the exact rule without the trailing `/`; for a
//!   LIST ending in `/` first the non-exact rules of the path without it;
//!   otherwise the highest-priority match among the longest prefix rule and
//!   every matching segment-wildcard rule. Priority: later first `+`/glob
//!   position, then non-prefix over prefix, then fewer `+` segments, then
//!   longer pattern, then lexicographically larger;
//! - no deciding rule means denied; a deciding rule denies when it holds
//!   `deny` or lacks the operation's capability.

use crate::diag::Span;
use crate::model::{Capability, Keyword, Policy};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashMap;

/// A set of capabilities (a bitmap, as OpenBao keeps it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CapSet(u16);

impl CapSet {
    pub const EMPTY: CapSet = CapSet(0);

    fn bit(c: Capability) -> u16 {
        1 << (c as u16)
    }

    pub fn of(caps: impl IntoIterator<Item = Capability>) -> Self {
        let mut s = CapSet::EMPTY;
        for c in caps {
            s.0 |= Self::bit(c);
        }
        s
    }

    /// The set a parsed rule holds: `deny` drops every other capability.
    pub fn parsed(caps: impl IntoIterator<Item = Capability>) -> Self {
        let s = Self::of(caps);
        if s.has(Capability::Deny) { CapSet::of([Capability::Deny]) } else { s }
    }

    pub fn has(self, c: Capability) -> bool {
        self.0 & Self::bit(c) != 0
    }

    pub fn is_deny(self) -> bool {
        self.has(Capability::Deny)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: CapSet) -> CapSet {
        CapSet(self.0 | other.0)
    }

    /// The capabilities of `self` that `other` lacks.
    pub fn minus(self, other: CapSet) -> CapSet {
        CapSet(self.0 & !other.0)
    }

    pub fn contains_all(self, other: CapSet) -> bool {
        other.minus(self).is_empty()
    }

    /// The capabilities, in OpenBao's declaration order.
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::WORDS.iter().filter_map(|w| Capability::from_word(w)).filter(move |c| self.has(*c))
    }

    pub fn words(self) -> Vec<&'static str> {
        self.iter().map(Keyword::word).collect()
    }

    /// `read, list` (or `nothing`), for messages.
    pub fn describe(self) -> String {
        if self.is_empty() { "nothing".to_string() } else { self.words().join(", ") }
    }
}

impl Serialize for CapSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.words().serialize(s)
    }
}

/// A request operation (`logical.Operation`), each checked against one
/// capability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    Read,
    Create,
    Update,
    Patch,
    Delete,
    List,
    Scan,
}

impl Op {
    /// The operation a capability authorises (`sudo` and `deny` have none).
    pub fn for_capability(c: Capability) -> Option<Op> {
        Some(match c {
            Capability::Read => Op::Read,
            Capability::Create => Op::Create,
            Capability::Update => Op::Update,
            Capability::Patch => Op::Patch,
            Capability::Delete => Op::Delete,
            Capability::List => Op::List,
            Capability::Scan => Op::Scan,
            Capability::Sudo | Capability::Deny => return None,
        })
    }

    pub fn capability(self) -> Capability {
        match self {
            Op::Read => Capability::Read,
            Op::Create => Capability::Create,
            Op::Update => Capability::Update,
            Op::Patch => Capability::Patch,
            Op::Delete => Capability::Delete,
            Op::List => Capability::List,
            Op::Scan => Capability::Scan,
        }
    }

    /// The path the server checks: LIST and SCAN requests end in `/`
    /// (OpenBao's HTTP layer appends it).
    pub fn request_path(self, path: &str) -> String {
        match self {
            Op::List | Op::Scan if !path.ends_with('/') => format!("{path}/"),
            _ => path.to_string(),
        }
    }
}

/// One `path` block of one policy, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleRef {
    /// The policy holding the block.
    pub policy: String,
    /// The pattern as written.
    pub pattern: String,
    /// Its capabilities (after `deny` dropped the others).
    pub capabilities: CapSet,
    /// Where the pattern is written (synthetic for built-in policies).
    #[serde(skip)]
    pub span: Span,
}

/// A policy as the evaluator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AclPolicy {
    pub name: String,
    pub rules: Vec<RuleRef>,
}

/// The name of the policy OpenBao attaches to every token.
pub const DEFAULT_POLICY: &str = "default";

impl AclPolicy {
    pub fn new(name: &str, rules: impl IntoIterator<Item = (String, CapSet, Span)>) -> Self {
        AclPolicy {
            name: name.to_string(),
            rules: rules
                .into_iter()
                .map(|(pattern, capabilities, span)| RuleRef { policy: name.to_string(), pattern, capabilities, span })
                .collect(),
        }
    }

    pub fn from_model(p: &Policy) -> Self {
        Self::new(
            &p.name,
            p.rules
                .iter()
                .map(|r| (r.path.value.clone(), CapSet::parsed(r.capabilities.iter().map(|c| c.value)), r.path.span)),
        )
    }

    /// The token-self part of OpenBao's built-in `default` policy (what ESO
    /// relies on to validate a store: `auth/token/lookup-self`), plus its
    /// cubbyhole rule. Attached to every token unless
    /// `token_no_default_policy` is set, which sovc never does.
    pub fn builtin_default() -> Self {
        use Capability::*;
        let rule = |p: &str, c: &[Capability]| (p.to_string(), CapSet::of(c.iter().copied()), Span::default());
        Self::new(
            DEFAULT_POLICY,
            [
                rule("auth/token/lookup-self", &[Read]),
                rule("auth/token/renew-self", &[Update]),
                rule("auth/token/revoke-self", &[Update]),
                rule("sys/capabilities-self", &[Update]),
                rule("cubbyhole/*", &[Create, Read, Update, Delete, List]),
            ],
        )
    }
}

/// How a merged rule matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// No wildcard: matches the path exactly.
    Exact,
    /// Trailing `*`: matches every path starting with the pattern's prefix.
    Prefix,
    /// Holds `+` segments (and maybe a trailing `*`).
    SegmentWildcard,
}

/// The rule the ACL holds for one pattern text: every block with that text,
/// merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The pattern as OpenBao keys it: leading `/` stripped; for prefix rules
    /// the trailing `*` stripped.
    pub key: String,
    pub kind: Kind,
    /// Merged capabilities: the union, or deny-only once any block denies.
    pub capabilities: CapSet,
    /// Every block that contributed, in policy order.
    pub sources: Vec<RuleRef>,
}

impl Entry {
    /// The pattern as written (`secret/data/app/*`).
    pub fn pattern(&self) -> String {
        match self.kind {
            Kind::Prefix => format!("{}*", self.key),
            _ => self.key.clone(),
        }
    }

    /// The block to point at: the first that denies when the rule denies,
    /// else the first.
    pub fn blame(&self) -> &RuleRef {
        let deny = self.capabilities.is_deny();
        self.sources.iter().find(|s| !deny || s.capabilities.is_deny()).unwrap_or(&self.sources[0])
    }
}

/// The compiled ACL of one token (all its policies).
#[derive(Clone, Debug, Default)]
pub struct Acl {
    entries: Vec<Entry>,
    exact: HashMap<String, usize>,
    prefix: HashMap<String, usize>,
    /// The distinct lengths of the `prefix` keys, longest first: the
    /// longest-prefix search looks only at these lengths.
    prefix_lens: Vec<usize>,
    segment: Vec<usize>,
}

/// The outcome for one request.
#[derive(Clone, Copy, Debug)]
pub struct Decision<'a> {
    /// The rule that decides, if any matches.
    pub entry: Option<&'a Entry>,
    /// The operation checked.
    pub op: Op,
}

impl Decision<'_> {
    pub fn allowed(&self) -> bool {
        self.entry.is_some_and(|e| !e.capabilities.is_deny() && e.capabilities.has(self.op.capability()))
    }

    pub fn denied_explicitly(&self) -> bool {
        self.entry.is_some_and(|e| e.capabilities.is_deny())
    }
}

/// A candidate of the non-exact search, with OpenBao's priority fields.
struct Candidate {
    first_wildcard: usize,
    is_prefix: bool,
    wildcards: usize,
    path_len: usize,
    index: usize,
}

impl Acl {
    /// Compiles `policies` the way `NewACL` does.
    pub fn new<'p>(policies: impl IntoIterator<Item = &'p AclPolicy>) -> Self {
        let mut acl = Acl::default();
        for policy in policies {
            for rule in &policy.rules {
                acl.insert(rule);
            }
        }
        acl
    }

    fn insert(&mut self, rule: &RuleRef) {
        let (key, kind) = classify(&rule.pattern);
        let slot = match kind {
            Kind::Exact => self.exact.get(&key),
            Kind::Prefix => self.prefix.get(&key),
            Kind::SegmentWildcard => self.segment.iter().find(|&&i| self.entries[i].key == key),
        }
        .copied();
        match slot {
            None => {
                let i = self.entries.len();
                self.entries.push(Entry {
                    key: key.clone(),
                    kind,
                    capabilities: rule.capabilities,
                    sources: vec![rule.clone()],
                });
                match kind {
                    Kind::Exact => {
                        self.exact.insert(key, i);
                    }
                    Kind::Prefix => {
                        if let Err(at) = self.prefix_lens.binary_search_by(|l| key.len().cmp(l)) {
                            self.prefix_lens.insert(at, key.len());
                        }
                        self.prefix.insert(key, i);
                    }
                    Kind::SegmentWildcard => self.segment.push(i),
                }
            }
            Some(i) => {
                let e = &mut self.entries[i];
                e.sources.push(rule.clone());
                e.capabilities = if e.capabilities.is_deny() || rule.capabilities.is_deny() {
                    CapSet::of([Capability::Deny])
                } else {
                    e.capabilities.union(rule.capabilities)
                };
            }
        }
    }

    /// Every merged rule, in the order their patterns first appeared.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Decides `op` on the API path `path` (for LIST/SCAN the path as
    /// requested; see [`Op::request_path`]).
    pub fn decide(&self, path: &str, op: Op) -> Decision<'_> {
        Decision { entry: self.resolve(path, op).map(|i| &self.entries[i]), op }
    }

    /// Decides a need: `capability` on `path`, with the path normalised the
    /// way the server receives it.
    pub fn check(&self, path: &str, capability: Capability) -> Option<Decision<'_>> {
        let op = Op::for_capability(capability)?;
        Some(self.decide(&op.request_path(path), op))
    }

    /// What `sys/capabilities-self` reports for `path`: the deciding rule's
    /// capabilities (LIST lookup semantics), `deny` when none or denied.
    pub fn capabilities(&self, path: &str) -> (CapSet, Option<&Entry>) {
        let d = self.decide(path, Op::List);
        match d.entry {
            Some(e) if !e.capabilities.is_deny() && !e.capabilities.is_empty() => (e.capabilities, Some(e)),
            e => (CapSet::of([Capability::Deny]), e),
        }
    }

    fn resolve(&self, path: &str, op: Op) -> Option<usize> {
        let path = path.trim_start_matches('/');
        if let Some(&i) = self.exact.get(path) {
            return Some(i);
        }
        let listing = matches!(op, Op::List | Op::Scan);
        if listing {
            if let Some(&i) = self.exact.get(path.strip_suffix('/').unwrap_or(path)) {
                return Some(i);
            }
        }
        if op == Op::List {
            if let Some(i) = path.strip_suffix('/').and_then(|trimmed| self.non_exact(trimmed)) {
                return Some(i);
            }
        }
        self.non_exact(path)
    }

    /// `CheckAllowedFromNonExactPaths`.
    fn non_exact(&self, path: &str) -> Option<usize> {
        let mut candidates = Vec::new();
        let longest_prefix = self
            .prefix_lens
            .iter()
            .copied()
            .filter(|&end| end <= path.len() && path.is_char_boundary(end))
            .find_map(|end| self.prefix.get(&path[..end]).map(|&i| (end, i)));
        if let Some((len, i)) = longest_prefix {
            if self.segment.is_empty() {
                return Some(i);
            }
            candidates.push(Candidate { first_wildcard: len, is_prefix: true, wildcards: 0, path_len: len, index: i });
        }
        if self.segment.is_empty() {
            return None;
        }
        let parts: Vec<&str> = path.split('/').collect();
        for &i in &self.segment {
            if let Some(c) = segment_match(&self.entries[i].key, &parts, i) {
                candidates.push(c);
            }
        }
        candidates
            .into_iter()
            .max_by(|a, b| {
                let key = |c: &Candidate| (c.first_wildcard, !c.is_prefix, Reverse(c.wildcards), c.path_len);
                key(a).cmp(&key(b)).then_with(|| self.wc_path(a).cmp(self.wc_path(b)))
            })
            .map(|c| c.index)
    }

    fn wc_path(&self, c: &Candidate) -> &str {
        let key = &self.entries[c.index].key;
        if self.entries[c.index].kind == Kind::SegmentWildcard { key.strip_suffix('*').unwrap_or(key) } else { key }
    }

    /// Every merged rule that matches `path` at all (exact, prefix or
    /// segment), whether or not it decides: for explanations.
    pub fn matching(&self, path: &str) -> Vec<&Entry> {
        let path = path.trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| match e.kind {
                Kind::Exact => e.key == path,
                Kind::Prefix => path.starts_with(&e.key),
                Kind::SegmentWildcard => segment_match(&e.key, &parts, *i).is_some(),
            })
            .map(|(_, e)| e)
            .collect()
    }
}

/// How OpenBao's parser classifies a pattern, and the key it stores it under.
pub fn classify(pattern: &str) -> (String, Kind) {
    let path = pattern.strip_prefix('/').unwrap_or(pattern);
    let segment = path == "+" || path.contains("/+") || path.starts_with("+/");
    if segment {
        (path.to_string(), Kind::SegmentWildcard)
    } else if let Some(prefix) = path.strip_suffix('*') {
        (prefix.to_string(), Kind::Prefix)
    } else {
        (path.to_string(), Kind::Exact)
    }
}

/// Whether the segment-wildcard pattern `full` matches the path split into
/// `parts`, with its priority fields.
fn segment_match(full: &str, parts: &[&str], index: usize) -> Option<Candidate> {
    if full.is_empty() {
        return None;
    }
    let first_wildcard = full.find('+').unwrap_or(0);
    let (current, is_prefix) = match full.strip_suffix('*') {
        Some(c) => (c, true),
        None => (full, false),
    };
    let acl_parts: Vec<&str> = current.split('/').collect();
    if parts.len() < acl_parts.len() || (!is_prefix && acl_parts.len() != parts.len()) {
        return None;
    }
    let mut wildcards = 0;
    let last = acl_parts.len() - 1;
    for (i, acl_part) in acl_parts.iter().enumerate() {
        if *acl_part == "+" {
            wildcards += 1;
        } else if *acl_part == parts[i] || (is_prefix && i == last && parts[i].starts_with(acl_part)) {
        } else {
            return None;
        }
    }
    Some(Candidate { first_wildcard, is_prefix, wildcards, path_len: current.len(), index })
}

#[cfg(test)]
mod tests;
