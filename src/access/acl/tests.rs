//! The evaluator against OpenBao's matching, one table row per behaviour.
//! Each row cites the rule it exercises: `ref §n` is
//! `reference/openbao-policies.md`, `acl.go`/`policy.go` name the OpenBao
//! 2.6.2 functions the reference was read from.

use super::*;
use Capability::*;

type Policies<'a> = &'a [(&'a str, &'a [(&'a str, &'a [Capability])])];

struct Case<'a> {
    cite: &'a str,
    policies: Policies<'a>,
    op: Op,
    /// The path as the server receives it (LIST/SCAN paths end in `/`).
    path: &'a str,
    allowed: bool,
    /// The pattern (as written) of the rule that decides; `None` = no rule.
    decided_by: Option<&'a str>,
}

fn compile(policies: Policies<'_>) -> Acl {
    let compiled: Vec<AclPolicy> = policies
        .iter()
        .map(|(name, rules)| {
            AclPolicy::new(
                name,
                rules.iter().map(|(p, c)| (p.to_string(), CapSet::parsed(c.iter().copied()), Span::default())),
            )
        })
        .collect();
    Acl::new(&compiled)
}

const CASES: &[Case<'static>] = &[
    Case {
        cite: "ref §4.3: an exact rule decides its own path",
        policies: &[("p", &[("secret/data/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: true,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "ref §5: a pattern without wildcards matches only itself",
        policies: &[("p", &[("secret/data/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app/db",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: a trailing `*` is a prefix match that may cross `/`",
        policies: &[("p", &[("secret/data/app/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/app/x/y",
        allowed: true,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §5: `secret/data/app*` also matches `secret/data/apple`",
        policies: &[("p", &[("secret/data/app*", &[Read])])],
        op: Op::Read,
        path: "secret/data/apple",
        allowed: true,
        decided_by: Some("secret/data/app*"),
    },
    Case {
        cite: "ref §5: `app/*` is the prefix `app/`, which `app` itself lacks",
        policies: &[("p", &[("secret/data/app/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: a prefix matches a path equal to the prefix (empty remainder)",
        policies: &[("p", &[("secret/data/app/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/app/",
        allowed: true,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §4.3: exact match first, even when it grants less than a glob",
        policies: &[("p", &[("secret/data/app/*", &[Read]), ("secret/data/app/db", &[List])])],
        op: Op::Read,
        path: "secret/data/app/db",
        allowed: false,
        decided_by: Some("secret/data/app/db"),
    },
    Case {
        cite: "acl.go CheckAllowedFromNonExactPaths: only the longest prefix rule is a candidate",
        policies: &[("p", &[("secret/*", &[Read]), ("secret/data/*", &[List])])],
        op: Op::Read,
        path: "secret/data/x",
        allowed: false,
        decided_by: Some("secret/data/*"),
    },
    Case {
        cite: "ref §4.3 consequence: a broader `deny` does not block a more specific allow",
        policies: &[("deny-all", &[("secret/*", &[Deny])]), ("app", &[("secret/data/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: true,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "ref §4.3: a longer glob allow beats a shorter glob deny",
        policies: &[("deny-all", &[("secret/*", &[Deny])]), ("app", &[("secret/data/app/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/app/x",
        allowed: true,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §4.3: the broader deny still decides paths no specific rule covers",
        policies: &[("deny-all", &[("secret/*", &[Deny])]), ("app", &[("secret/data/app/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/other",
        allowed: false,
        decided_by: Some("secret/*"),
    },
    Case {
        cite: "ref §4.2: same pattern in two policies, one denies: deny-only",
        policies: &[("a", &[("secret/data/app", &[Deny])]), ("b", &[("secret/data/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "acl.go NewACL: a later deny replaces earlier capabilities of the same pattern",
        policies: &[("a", &[("secret/data/app", &[Read])]), ("b", &[("secret/data/app", &[Deny])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "ref §4.2: same pattern in two policies: capabilities are unioned",
        policies: &[("a", &[("secret/data/app/*", &[Read])]), ("b", &[("secret/data/app/*", &[Update])])],
        op: Op::Update,
        path: "secret/data/app/x",
        allowed: true,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §1: the same pattern twice in one policy merges like two policies",
        policies: &[("a", &[("secret/metadata/app/*", &[Read]), ("secret/metadata/app/*", &[List])])],
        op: Op::List,
        path: "secret/metadata/app/",
        allowed: true,
        decided_by: Some("secret/metadata/app/*"),
    },
    Case {
        cite: "ref §4.3: different patterns never merge: the specific rule's capabilities alone count",
        policies: &[("a", &[("secret/data/app/*", &[Read])]), ("b", &[("secret/data/*", &[Update])])],
        op: Op::Update,
        path: "secret/data/app/x",
        allowed: false,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §4.4: no matching rule: denied by default",
        policies: &[("a", &[("secret/data/other/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: `+` matches exactly one whole segment",
        policies: &[("a", &[("secret/data/+/db", &[Read])])],
        op: Op::Read,
        path: "secret/data/app/db",
        allowed: true,
        decided_by: Some("secret/data/+/db"),
    },
    Case {
        cite: "ref §5: `+` does not match two segments",
        policies: &[("a", &[("secret/data/+/db", &[Read])])],
        op: Op::Read,
        path: "secret/data/a/b/db",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: `+` does not match a missing segment",
        policies: &[("a", &[("secret/data/+/db", &[Read])])],
        op: Op::Read,
        path: "secret/data/db",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "acl.go CheckAllowedFromNonExactPaths: `+` takes any segment, even an empty one",
        policies: &[("a", &[("secret/data/+/db", &[Read])])],
        op: Op::Read,
        path: "secret/data//db",
        allowed: true,
        decided_by: Some("secret/data/+/db"),
    },
    Case {
        cite: "ref §5 + §2 spec example: `+` segment with a trailing glob",
        policies: &[("a", &[("secret/data/nexus/users/+/oauth/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/nexus/users/u1/oauth/github/token",
        allowed: true,
        decided_by: Some("secret/data/nexus/users/+/oauth/*"),
    },
    Case {
        cite: "acl.go: a `+…/*` pattern needs at least its own segment count (`oauth/` incl. the empty last)",
        policies: &[("a", &[("secret/data/nexus/users/+/oauth/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/nexus/users/u1/oauth",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: `secret/+/foo*`: the glob prefix-matches the last segment",
        policies: &[("a", &[("secret/+/foo*", &[Read])])],
        op: Op::Read,
        path: "secret/a/foobar/baz",
        allowed: true,
        decided_by: Some("secret/+/foo*"),
    },
    Case {
        cite: "ref §4.3 priority 1: the later first wildcard wins",
        policies: &[("a", &[("secret/data/+/db", &[Read]), ("secret/+/app/db", &[Update])])],
        op: Op::Update,
        path: "secret/data/app/db",
        allowed: false,
        decided_by: Some("secret/data/+/db"),
    },
    Case {
        cite: "acl.go priority comment: prefer `foo/a*` over `foo/+` (glob position later)",
        policies: &[("a", &[("secret/data/a*", &[Read]), ("secret/data/+", &[List])])],
        op: Op::Read,
        path: "secret/data/abc",
        allowed: true,
        decided_by: Some("secret/data/a*"),
    },
    Case {
        cite: "ref §4.3 priority 2 / acl.go: prefer `foo/+` over `foo/*` at the same position",
        policies: &[("a", &[("secret/data/+", &[Read]), ("secret/data/*", &[List, Read, Update])])],
        op: Op::Update,
        path: "secret/data/x",
        allowed: false,
        decided_by: Some("secret/data/+"),
    },
    Case {
        cite: "acl.go priority comment: prefer `foo/+/bar` over `foo/+/ba*`",
        policies: &[("a", &[("secret/+/bar", &[Read]), ("secret/+/ba*", &[Update])])],
        op: Op::Update,
        path: "secret/x/bar",
        allowed: false,
        decided_by: Some("secret/+/bar"),
    },
    Case {
        cite: "ref §4.3 priority 3: fewer `+` segments win",
        policies: &[("a", &[("secret/+/+/db", &[Update]), ("secret/+/app/db", &[Read])])],
        op: Op::Update,
        path: "secret/x/app/db",
        allowed: false,
        decided_by: Some("secret/+/app/db"),
    },
    Case {
        cite: "ref §4.3 priority 4: the longer pattern wins (`foo/+/bar/ba*` over `foo/+/bar/b*`)",
        policies: &[("a", &[("secret/+/bar/ba*", &[Read]), ("secret/+/bar/b*", &[Update])])],
        op: Op::Update,
        path: "secret/x/bar/baz",
        allowed: false,
        decided_by: Some("secret/+/bar/ba*"),
    },
    Case {
        cite: "ref §4.3 priority 5: the lexicographically larger pattern wins",
        policies: &[("a", &[("secret/+/x/+", &[Read]), ("secret/+/+/y", &[Update])])],
        op: Op::Update,
        path: "secret/a/x/y",
        allowed: false,
        decided_by: Some("secret/+/x/+"),
    },
    Case {
        cite: "ref §4.3 priority 1: a `+` after the longest glob's prefix beats the glob",
        policies: &[("a", &[("secret/*", &[Read]), ("secret/data/+/db", &[Update])])],
        op: Op::Read,
        path: "secret/data/a/db",
        allowed: false,
        decided_by: Some("secret/data/+/db"),
    },
    Case {
        cite: "ref §4.3 priority 1: a longer glob prefix beats an earlier `+`",
        policies: &[("a", &[("secret/data/app/*", &[Read]), ("secret/+/app/x", &[List])])],
        op: Op::Read,
        path: "secret/data/app/x",
        allowed: true,
        decided_by: Some("secret/data/app/*"),
    },
    Case {
        cite: "ref §4.3: an exact rule beats a matching `+` rule",
        policies: &[("a", &[("secret/data/+/db", &[Update]), ("secret/data/app/db", &[Read])])],
        op: Op::Update,
        path: "secret/data/app/db",
        allowed: false,
        decided_by: Some("secret/data/app/db"),
    },
    Case {
        cite: "ref §5: a leading `/` in a pattern is stripped",
        policies: &[("a", &[("/secret/data/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: true,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "ref §5: an inner `*` is a literal character: the rule never matches real paths",
        policies: &[("a", &[("secret/*/app", &[Read])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "acl.go AllowOperation: LIST also tries the exact rule without the trailing `/`",
        policies: &[("a", &[("secret/metadata/app", &[List])])],
        op: Op::List,
        path: "secret/metadata/app/",
        allowed: true,
        decided_by: Some("secret/metadata/app"),
    },
    Case {
        cite: "acl.go AllowOperation: READ gets no trailing-`/` fallback",
        policies: &[("a", &[("secret/metadata/app", &[Read])])],
        op: Op::Read,
        path: "secret/metadata/app/",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "acl.go AllowOperation: LIST checks non-exact rules without the trailing `/` first",
        policies: &[("a", &[("secret/metadata/ap*", &[List]), ("secret/metadata/app/*", &[Read])])],
        op: Op::List,
        path: "secret/metadata/app/",
        allowed: true,
        decided_by: Some("secret/metadata/ap*"),
    },
    Case {
        cite: "ref §2: `capabilities = []` is legal, decides its path and grants nothing",
        policies: &[("a", &[("secret/data/app/*", &[Read]), ("secret/data/app/db", &[])])],
        op: Op::Read,
        path: "secret/data/app/db",
        allowed: false,
        decided_by: Some("secret/data/app/db"),
    },
    Case {
        cite: "ref §9: the KV v1 spelling `secret/nexus/*` matches nothing on a v2 mount",
        policies: &[("a", &[("secret/nexus/*", &[Read])])],
        op: Op::Read,
        path: "secret/data/nexus/x",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §9 / eso.md §6: `data/` rights do not cover `metadata/`",
        policies: &[("a", &[("secret/data/app/*", &[Create, Read, Update])])],
        op: Op::Update,
        path: "secret/metadata/app/x",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §3: `deny` in a block drops every other capability",
        policies: &[("a", &[("secret/data/app", &[Read, Deny])])],
        op: Op::Read,
        path: "secret/data/app",
        allowed: false,
        decided_by: Some("secret/data/app"),
    },
    Case {
        cite: "policy.go: `+` alone is a segment-wildcard pattern matching one-segment paths",
        policies: &[("a", &[("+", &[Read])])],
        op: Op::Read,
        path: "sys",
        allowed: true,
        decided_by: Some("+"),
    },
    Case {
        cite: "policy.go: `/+` marks a segment pattern, but acl.go compares `+foo` literally",
        policies: &[("a", &[("secret/+foo", &[Read])])],
        op: Op::Read,
        path: "secret/xfoo",
        allowed: false,
        decided_by: None,
    },
    Case {
        cite: "ref §5: SCAN needs `scan`, not `list`",
        policies: &[("a", &[("secret/metadata/app/*", &[List])])],
        op: Op::Scan,
        path: "secret/metadata/app/",
        allowed: false,
        decided_by: Some("secret/metadata/app/*"),
    },
];

#[test]
fn evaluator_agrees_with_openbao_on_the_table() {
    assert!(CASES.len() >= 35, "the table keeps at least 35 cases");
    let mut failures = Vec::new();
    for (n, case) in CASES.iter().enumerate() {
        let acl = compile(case.policies);
        let d = acl.decide(case.path, case.op);
        let decided_by = d.entry.map(Entry::pattern);
        if d.allowed() != case.allowed || decided_by.as_deref() != case.decided_by {
            failures.push(format!(
                "case {n} ({}): {:?} {}: got allowed={} by {:?}, want allowed={} by {:?}",
                case.cite,
                case.op,
                case.path,
                d.allowed(),
                decided_by,
                case.allowed,
                case.decided_by
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn list_needs_are_checked_on_the_slash_terminated_path() {
    // ref §5: a LIST on `metadata/app` is checked as `metadata/app/`.
    let acl = compile(&[("a", &[("secret/metadata/app/*", &[List])])]);
    assert!(acl.check("secret/metadata/app", List).unwrap().allowed());
    assert!(acl.check("secret/metadata/app", Sudo).is_none(), "sudo is no operation");
}

#[test]
fn capabilities_report_deny_when_nothing_or_deny_decides() {
    // acl.go Capabilities: deny or no capability at all is reported as `deny`.
    let acl = compile(&[("a", &[("secret/data/app/*", &[Read, List]), ("secret/data/app/x", &[Deny])])]);
    assert_eq!(acl.capabilities("secret/data/app/y").0.words(), ["read", "list"]);
    assert_eq!(acl.capabilities("secret/data/app/x").0.words(), ["deny"]);
    assert_eq!(acl.capabilities("secret/data/other").0.words(), ["deny"]);
}

#[test]
fn the_default_policy_lets_eso_look_itself_up() {
    // eso.md §2: ESO validates a store with GET auth/token/lookup-self,
    // which OpenBao's `default` policy grants.
    let acl = Acl::new([&AclPolicy::builtin_default()]);
    assert!(acl.decide("auth/token/lookup-self", Op::Read).allowed());
    assert!(!acl.decide("secret/data/app", Op::Read).allowed());
}

#[test]
fn blame_points_at_the_denying_block_of_a_merged_rule() {
    let acl = compile(&[("a", &[("secret/data/app", &[Read])]), ("b", &[("secret/data/app", &[Deny])])]);
    let e = acl.decide("secret/data/app", Op::Read).entry.unwrap();
    assert_eq!(e.sources.len(), 2);
    assert_eq!(e.blame().policy, "b");
}

#[test]
fn matching_lists_every_rule_that_matches_not_only_the_winner() {
    let acl =
        compile(&[("a", &[("secret/*", &[Deny]), ("secret/data/+/db", &[Read]), ("secret/data/app/db", &[Read])])]);
    let patterns: Vec<String> = acl.matching("secret/data/app/db").iter().map(|e| e.pattern()).collect();
    assert_eq!(patterns, ["secret/*", "secret/data/+/db", "secret/data/app/db"]);
}
