//! What the editor shows besides errors: examples for the fields a person
//! types most, and richer markdown where a table or a snippet says more than
//! the model's doc comment. (Plain descriptions come from the doc comments;
//! `cleanup::markdown` mirrors them into `markdownDescription`.)

use super::edit::Editor;
use serde_json::json;

const EXAMPLES: &[(&str, &str, &[&str])] = &[
    ("Topology", "sovereign", &["omantel"]),
    ("Topology", "domain", &["omantel.openova.io"]),
    ("OpenBao", "namespace", &["openbao"]),
    ("OpenBao", "ingressClassName", &["cilium", "nginx"]),
    ("OpenBao", "kvMount", &["secret"]),
    ("Chart", "repository", &["https://openbao.github.io/openbao-helm", "oci://ghcr.io/openbao/charts"]),
    ("Chart", "version", &["0.29.2"]),
    ("Storage", "size", &["10Gi"]),
    ("StorageOverride", "size", &["20Gi"]),
    ("Replication", "interval", &["1m", "5m"]),
    ("Flux", "path", &["./clusters"]),
    ("Flux", "interval", &["10m"]),
    ("Region", "locationCode", &["hnmp", "hfrp"]),
    ("Region", "provider", &["hetzner", "aws", "on-prem"]),
    ("Region", "cloudRegion", &["nbg1", "eu-central-1"]),
    ("Cluster", "issuer", &["https://oidc.hnmp.omantel.openova.io"]),
    ("Policy", "name", &["nexus-runtime"]),
    ("Rule", "path", &["secret/data/nexus/infrastructure/*", "secret/data/nexus/users/+/oauth/*"]),
    ("AuthRole", "name", &["nexus-server"]),
    ("AuthRole", "tokenTtl", &["1h"]),
    ("AuthRole", "tokenMaxTtl", &["4h"]),
    ("AppRoleRole", "secretIdTtl", &["24h"]),
    ("JwtRole", "mount", &["jwt-spire"]),
    ("JwtRole", "oidcDiscoveryUrl", &["https://spire-oidc.demo.local"]),
    ("JwtRole", "boundSubject", &["spiffe://demo.local/ns/apps/sa/backend"]),
    ("CertRole", "caFile", &["spire-bundle.pem"]),
    ("Secret", "name", &["db-credentials"]),
    ("Secret", "namespace", &["databases"]),
    ("Secret", "path", &["databases/db-credentials"]),
    ("Secret", "refreshInterval", &["1h"]),
];

pub fn apply(ed: &mut Editor) {
    for (def, prop, examples) in EXAMPLES {
        ed.set(def, prop, "examples", json!(examples));
    }
    ed.set(
        "Topology",
        "regions",
        "markdownDescription",
        json!(
            "The regions: one Kubernetes cluster with its own OpenBao each. Exactly one is `primary: true`; \
             every non-primary region needs `kubernetes.issuer` for cross-region trust.\n\n\
             ```yaml\nregions:\n  - locationCode: hnmp\n    primary: true\n    kubernetes: {issuer: https://oidc.hnmp.example.org}\n```"
        ),
    );
    ed.set(
        "Rule",
        "path",
        "markdownDescription",
        json!(
            "API path pattern the rule grants on.\n\n\
             - `*` only as the last character (prefix match), `+` only as a whole segment;\n\
             - under the KV v2 mount, go through `data/` or `metadata/`: `secret/data/app/*`, not `secret/app/*`;\n\
             - no quotes, `{{`, `${`, or the words the chart's sed rewrites (`HOSTNAME`, `POD_IP`, ...)."
        ),
    );
    ed.set(
        "Rule",
        "capabilities",
        "markdownDescription",
        json!("Capabilities granted on the path, from OpenBao's set. `deny` overrides everything and stands alone."),
    );
    ed.set(
        "Secret",
        "origin",
        "markdownDescription",
        json!(
            "Where the value is written:\n\n\
             - `external` (default): into the primary's OpenBao by other means (people, CI);\n\
             - `push`: a Kubernetes Secret in `pushFrom`'s cluster, pushed to the primary by a PushSecret."
        ),
    );
}
