//! Generates valid topologies of R regions × S secrets × P policies for the
//! benchmarks (not part of the CLI). Deterministic: the same sizes always
//! give the same text.

/// Sizes of a generated topology.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub regions: usize,
    pub secrets: usize,
    pub policies: usize,
}

impl Size {
    pub fn label(&self) -> String {
        format!("{}r x {}s x {}p", self.regions, self.secrets, self.policies)
    }
}

/// YAML text of a valid topology with the given sizes. Region `r000` is the
/// primary; every third secret is pushed; secrets go to all regions or to a
/// rotating subset; each policy gets a kubernetes role.
pub fn yaml(size: Size) -> String {
    let mut s = String::with_capacity(size.secrets * 200 + size.policies * 300 + size.regions * 200);
    s.push_str("sovereign: bench\ndomain: bench.example.org\n");
    s.push_str("openbao: {replicas: 3, kvMount: secret, seal: shamir}\n");
    s.push_str("replication: {mode: pull, interval: 1m}\n");
    s.push_str("regions:\n");
    for r in 0..size.regions {
        s.push_str(&format!("  - locationCode: r{r:03}\n"));
        if r == 0 {
            s.push_str("    primary: true\n");
        }
        s.push_str(&format!("    kubernetes: {{issuer: https://oidc.r{r:03}.bench.example.org}}\n"));
    }
    s.push_str("policies:\n");
    for p in 0..size.policies {
        s.push_str(&format!(
            "  - name: team-{p:04}\n    description: Access for team {p}.\n    rules:\n      - path: secret/data/team-{p:04}/*\n        capabilities: [read, list]\n      - path: secret/metadata/team-{p:04}/*\n        capabilities: [list]\n"
        ));
    }
    s.push_str("authRoles:\n");
    for p in 0..size.policies {
        s.push_str(&format!(
            "  - name: team-{p:04}\n    method: kubernetes\n    policies: [team-{p:04}]\n    tokenTtl: 1h\n    tokenMaxTtl: 4h\n    kubernetes: {{serviceAccounts: [team-{p:04}], namespaces: [ns-{p:04}]}}\n"
        ));
    }
    s.push_str("secrets:\n");
    for i in 0..size.secrets {
        let team = i % size.policies.max(1);
        s.push_str(&format!(
            "  - name: secret-{i:05}\n    namespace: ns-{team:04}\n    path: team-{team:04}/secret-{i:05}\n    keys: [username, password]\n"
        ));
        if i % 3 == 0 {
            s.push_str("    origin: push\n");
        }
        if i % 2 == 1 && size.regions > 1 {
            let a = i % size.regions;
            let b = (i + 1) % size.regions;
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            if a == b {
                s.push_str(&format!("    regions: [r{a:03}]\n"));
            } else {
                s.push_str(&format!("    regions: [r{a:03}, r{b:03}]\n"));
            }
        }
    }
    s
}
