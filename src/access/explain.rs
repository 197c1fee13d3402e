//! `sovc explain`: which roles can do what on a path and which rule
//! decides (`--path`), and what one role can reach (`--role`). Both are
//! computed per region with the evaluator in [`super::acl`], so they show
//! exactly what the proofs rely on.

use super::acl::DEFAULT_POLICY;
use super::needs::{data_path, metadata_path};
use super::roles::roles_in_region;
use super::{Acl, CapSet, Entry, Kind};
use crate::diag::SourceFile;
use crate::model::Topology;
use serde::Serialize;
use std::fmt::Write;

/// One block of a policy, located.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceView {
    pub policy: String,
    pub pattern: String,
    pub capabilities: CapSet,
    /// 1-based line in the topology file; `None` for built-in policies.
    pub line: Option<u32>,
}

/// The merged rule that decides a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleView {
    pub pattern: String,
    pub kind: Kind,
    pub capabilities: CapSet,
    pub sources: Vec<SourceView>,
}

impl RuleView {
    fn of(e: &Entry) -> Self {
        RuleView {
            pattern: e.pattern(),
            kind: e.kind,
            capabilities: e.capabilities,
            sources: e
                .sources
                .iter()
                .map(|s| SourceView {
                    policy: s.policy.clone(),
                    pattern: s.pattern.clone(),
                    capabilities: s.capabilities,
                    line: s.span.is_real().then_some(s.span.line),
                })
                .collect(),
        }
    }
}

/// What one role gets on the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleOnPath {
    pub role: String,
    pub mount: String,
    /// `sys/capabilities-self` semantics: `deny` when nothing is granted.
    pub capabilities: CapSet,
    pub decided_by: Option<RuleView>,
    /// Other rules that match the path but lose to the deciding one.
    pub outranked: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionOnPath {
    pub region: String,
    pub roles: Vec<RoleOnPath>,
}

/// `sovc explain --path`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathExplanation {
    pub path: String,
    /// Catalogued secrets whose data or metadata path this is.
    pub secrets: Vec<String>,
    pub regions: Vec<RegionOnPath>,
}

/// One secret a role reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecretReach {
    pub secret: String,
    pub data_path: String,
    pub data: CapSet,
    pub data_rule: Option<String>,
    pub metadata_path: String,
    pub metadata: CapSet,
    pub metadata_rule: Option<String>,
}

/// What a role reaches in a group of regions where it is the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleReach {
    pub regions: Vec<String>,
    pub mount: String,
    pub policies: Vec<String>,
    pub secrets: Vec<SecretReach>,
    pub rules: Vec<RuleView>,
}

/// `sovc explain --role`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleExplanation {
    pub role: String,
    /// One entry per distinct view (a role is usually the same everywhere).
    pub reach: Vec<RoleReach>,
}

/// Why an explanation cannot be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExplainError {
    UnknownRegion(String, Vec<String>),
    UnknownRole(String, Vec<String>),
}

impl std::fmt::Display for ExplainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExplainError::UnknownRegion(r, all) => write!(f, "no region `{r}` (regions: {})", all.join(", ")),
            ExplainError::UnknownRole(r, all) => {
                write!(f, "no role `{r}` in the chosen region(s) (roles: {})", all.join(", "))
            }
        }
    }
}

fn regions<'t>(t: &'t Topology, only: Option<&str>) -> Result<Vec<&'t str>, ExplainError> {
    let all: Vec<&str> = t.regions.iter().map(|r| r.location_code.as_str()).collect();
    match only {
        None => Ok(all),
        Some(r) if all.contains(&r) => Ok(vec![all[all.iter().position(|a| *a == r).unwrap_or(0)]]),
        Some(r) => Err(ExplainError::UnknownRegion(r.to_string(), all.iter().map(|s| s.to_string()).collect())),
    }
}

/// Which roles can do what on `path`, region by region.
pub fn explain_path(t: &Topology, path: &str, region: Option<&str>) -> Result<PathExplanation, ExplainError> {
    let path = path.trim_start_matches('/').to_string();
    let secrets = t
        .secrets
        .iter()
        .filter(|s| data_path(t, s) == path || metadata_path(t, s) == path)
        .map(|s| format!("{}/{}", s.namespace, s.name))
        .collect();
    let mut out = Vec::new();
    for code in regions(t, region)? {
        let roles = roles_in_region(t, code)
            .iter()
            .map(|view| {
                let acl = view.acl();
                let (caps, entry) = acl.capabilities(&path);
                let outranked = acl
                    .matching(&path)
                    .into_iter()
                    .filter(|m| entry.is_none_or(|e| e.key != m.key || e.kind != m.kind))
                    .map(Entry::pattern)
                    .collect();
                RoleOnPath {
                    role: view.name.clone(),
                    mount: view.mount.clone(),
                    capabilities: caps,
                    decided_by: entry.map(RuleView::of),
                    outranked,
                }
            })
            .collect();
        out.push(RegionOnPath { region: code.to_string(), roles });
    }
    Ok(PathExplanation { path, secrets, regions: out })
}

/// The catalogued secrets `acl` reaches, with the deciding rules.
pub(super) fn reach(t: &Topology, acl: &Acl) -> Vec<SecretReach> {
    reach_in(t, &CataloguePaths::new(t), acl)
}

/// Every catalogued secret's `data/` and `metadata/` paths, computed once
/// and kept sorted, so the secrets a rule can match are found by binary
/// search instead of deciding every secret for every role.
pub(super) struct CataloguePaths {
    /// `(data path, metadata path)` per secret, in topology order.
    paths: Vec<(String, String)>,
    /// Every path of `paths` with its secret's index, sorted by path.
    sorted: Vec<(String, usize)>,
}

impl CataloguePaths {
    pub(super) fn new(t: &Topology) -> CataloguePaths {
        let paths: Vec<(String, String)> = t.secrets.iter().map(|s| (data_path(t, s), metadata_path(t, s))).collect();
        let mut sorted: Vec<(String, usize)> =
            paths.iter().enumerate().flat_map(|(i, (d, m))| [(d.clone(), i), (m.clone(), i)]).collect();
        sorted.sort();
        CataloguePaths { paths, sorted }
    }

    /// The secrets some rule of `acl` matches at all. A secret no rule
    /// matches is denied on both paths, so it can be skipped.
    fn candidates(&self, acl: &Acl) -> Vec<bool> {
        let mut hit = vec![false; self.paths.len()];
        for e in acl.entries() {
            let key = e.key.as_str();
            let range = match e.kind {
                // `+` patterns: no cheap index; every secret is a candidate.
                Kind::SegmentWildcard => return vec![true; self.paths.len()],
                Kind::Exact => {
                    let from = self.sorted.partition_point(|(p, _)| p.as_str() < key);
                    let to = from + self.sorted[from..].iter().take_while(|(p, _)| p == key).count();
                    from..to
                }
                Kind::Prefix => {
                    let from = self.sorted.partition_point(|(p, _)| p.as_str() < key);
                    let to = from + self.sorted[from..].partition_point(|(p, _)| p.starts_with(key));
                    from..to
                }
            };
            for (_, i) in &self.sorted[range] {
                hit[*i] = true;
            }
        }
        hit
    }
}

/// [`reach`] with the catalogue's paths computed once for many ACLs.
pub(super) fn reach_in(t: &Topology, catalogue: &CataloguePaths, acl: &Acl) -> Vec<SecretReach> {
    let hit = catalogue.candidates(acl);
    t.secrets
        .iter()
        .zip(&catalogue.paths)
        .zip(hit)
        .filter(|(_, hit)| *hit)
        .filter_map(|((s, (dp, mp)), _)| {
            let (data, de) = acl.capabilities(dp);
            let (metadata, me) = acl.capabilities(mp);
            if data.is_deny() && metadata.is_deny() {
                return None;
            }
            Some(SecretReach {
                secret: format!("{}/{}", s.namespace, s.name),
                data_path: dp.clone(),
                data,
                data_rule: de.map(Entry::pattern),
                metadata_path: mp.clone(),
                metadata,
                metadata_rule: me.map(Entry::pattern),
            })
        })
        .collect()
}

/// What `role` reaches (catalogued secrets × capabilities) and its rules.
pub fn explain_role(t: &Topology, role: &str, region: Option<&str>) -> Result<RoleExplanation, ExplainError> {
    let mut out: Vec<RoleReach> = Vec::new();
    let mut known: Vec<String> = Vec::new();
    for code in regions(t, region)? {
        let views = roles_in_region(t, code);
        for v in &views {
            if !known.contains(&v.name) {
                known.push(v.name.clone());
            }
        }
        for view in views.iter().filter(|v| v.name == role) {
            let acl = view.acl();
            let this = RoleReach {
                regions: vec![code.to_string()],
                mount: view.mount.clone(),
                policies: view.policies.iter().map(|p| p.name.clone()).collect(),
                secrets: reach(t, &acl),
                rules: acl.entries().iter().map(RuleView::of).collect(),
            };
            match out.iter_mut().find(|r| {
                r.mount == this.mount
                    && r.policies == this.policies
                    && r.secrets == this.secrets
                    && r.rules == this.rules
            }) {
                Some(r) => r.regions.push(code.to_string()),
                None => out.push(this),
            }
        }
    }
    if out.is_empty() {
        return Err(ExplainError::UnknownRole(role.to_string(), known));
    }
    Ok(RoleExplanation { role: role.to_string(), reach: out })
}

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Exact => "exact",
        Kind::Prefix => "glob",
        Kind::SegmentWildcard => "`+` segments",
    }
}

fn sources(rule: &RuleView, source: &SourceFile) -> String {
    rule.sources
        .iter()
        .map(|s| match s.line {
            Some(l) => format!("policy `{}` at {}:{l}", s.policy, source.name),
            None if s.policy == DEFAULT_POLICY => format!("built-in policy `{}`", s.policy),
            None => format!("policy `{}` derived by sovc", s.policy),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The human form of a path explanation.
pub fn render_path(e: &PathExplanation, source: &SourceFile) -> String {
    let mut s = format!("path `{}`\n", e.path);
    if !e.secrets.is_empty() {
        let _ = writeln!(s, "catalogued secret: {}", e.secrets.join(", "));
    }
    for r in &e.regions {
        let _ = writeln!(s, "\nregion {}", r.region);
        if r.roles.is_empty() {
            let _ = writeln!(s, "  no auth role is written to this region");
        }
        for role in &r.roles {
            let who = format!("{}@{}", role.role, role.mount);
            match &role.decided_by {
                Some(rule) => {
                    let _ = writeln!(
                        s,
                        "  {who}: {}\n    decided by `{}` ({}; {})",
                        role.capabilities.describe(),
                        rule.pattern,
                        kind_word(rule.kind),
                        sources(rule, source)
                    );
                }
                None => {
                    let _ = writeln!(s, "  {who}: deny (no rule matches; denied by default)");
                }
            }
            if !role.outranked.is_empty() {
                let _ = writeln!(
                    s,
                    "    outranked: {}",
                    role.outranked.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                );
            }
        }
    }
    s
}

/// The human form of a role explanation.
pub fn render_role(e: &RoleExplanation, source: &SourceFile) -> String {
    let mut s = format!("role `{}`\n", e.role);
    for r in &e.reach {
        let _ = writeln!(
            s,
            "\nregion{} {} (mount `{}`, policies {})",
            if r.regions.len() == 1 { "" } else { "s" },
            r.regions.join(", "),
            r.mount,
            r.policies.join(", ")
        );
        if r.secrets.is_empty() {
            let _ = writeln!(s, "  reaches no catalogued secret");
        } else {
            let _ = writeln!(s, "  catalogued secrets:");
            for sec in &r.secrets {
                let _ = writeln!(s, "    {}", sec.secret);
                for (path, caps, rule) in
                    [(&sec.data_path, sec.data, &sec.data_rule), (&sec.metadata_path, sec.metadata, &sec.metadata_rule)]
                {
                    let by = rule.as_ref().map(|p| format!(" (by `{p}`)")).unwrap_or_default();
                    let _ = writeln!(s, "      {path}: {}{by}", caps.describe());
                }
            }
        }
        let _ = writeln!(s, "  rules:");
        for rule in &r.rules {
            let _ = writeln!(s, "    {}: {} ({})", rule.pattern, rule.capabilities.describe(), sources(rule, source));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load_bytes;
    use crate::read::InputFormat;
    use std::path::Path;

    /// The indexed search gives exactly what deciding every secret gives,
    /// for exact, glob, root-glob, `+` and deny rules.
    #[test]
    fn indexed_reach_equals_deciding_every_secret() {
        let text = r#"sovereign: demo
domain: demo.example.org
regions:
  - {locationCode: aaa1, primary: true}
policies:
  - {name: exact, rules: [{path: secret/data/a/one, capabilities: [read]}]}
  - {name: glob, rules: [{path: secret/data/a/*, capabilities: [read]}, {path: secret/metadata/a/t*, capabilities: [list]}]}
  - {name: plus, rules: [{path: secret/data/+/two, capabilities: [read]}]}
  - {name: deny, rules: [{path: secret/data/b/*, capabilities: [deny]}, {path: secret/data/*, capabilities: [read]}]}
secrets:
  - {name: one, namespace: ns, path: a/one}
  - {name: two, namespace: ns, path: a/two}
  - {name: three, namespace: ns, path: b/two}
  - {name: four, namespace: ns, path: c/four}
"#;
        let loaded = load_bytes("t.yaml", text.as_bytes(), InputFormat::Yaml, Path::new("."));
        let diags: Vec<String> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
        let t = loaded.topology.as_ref().unwrap_or_else(|| panic!("reads: {diags:?}"));
        let catalogue = CataloguePaths::new(t);
        for policy in &t.policies {
            let acl = Acl::new(&[super::super::AclPolicy::from_model(policy)]);
            let naive: Vec<(String, CapSet, CapSet)> = t
                .secrets
                .iter()
                .map(|s| {
                    (
                        format!("{}/{}", s.namespace, s.name),
                        acl.capabilities(&data_path(t, s)).0,
                        acl.capabilities(&metadata_path(t, s)).0,
                    )
                })
                .filter(|(_, d, m)| !(d.is_deny() && m.is_deny()))
                .collect();
            let indexed: Vec<(String, CapSet, CapSet)> =
                reach_in(t, &catalogue, &acl).into_iter().map(|r| (r.secret, r.data, r.metadata)).collect();
            assert_eq!(indexed, naive, "policy {}", policy.name.value);
            assert!(!indexed.is_empty(), "policy {} reaches something", policy.name.value);
        }
    }
}
