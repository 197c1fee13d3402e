//! Every string value of the model, with what it is and where it ends up.
//!
//! Rules that apply to all text (a credential pasted anywhere, control
//! characters, template or `sed` markers reaching OpenBao's configuration)
//! walk this list instead of knowing every field.

use crate::diag::Sp;
use crate::model::{Seal, Topology};
use indexmap::IndexMap;

/// What an ingress annotation value is called (free text that may hold
/// line breaks: some controllers take multi-line snippets).
pub const ANNOTATION_VALUE: &str = "an ingress annotation value";

/// How a string is otherwise checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A name or format with its own strict character set (DNS label,
    /// duration, ...): a control character or marker already fails there.
    Strict,
    /// Free text or a loosely checked value (descriptions, URLs, claims).
    Free,
    /// A policy path: `policy_paths` owns every check of its characters.
    PolicyPath,
}

/// One string of the topology.
pub struct Text<'a> {
    pub value: &'a Sp<String>,
    /// What the value is, for messages ("a policy description").
    pub what: &'static str,
    pub kind: Kind,
    /// Whether the value reaches OpenBao's server configuration text, which
    /// the chart passes through Helm `tpl` and rewrites with `sed` at start.
    pub server_config: bool,
}

struct Walk<'a> {
    out: Vec<Text<'a>>,
}

impl<'a> Walk<'a> {
    fn add(&mut self, value: &'a Sp<String>, what: &'static str, kind: Kind, server_config: bool) {
        if value.span.is_real() {
            self.out.push(Text { value, what, kind, server_config });
        }
    }

    fn opt(&mut self, value: &'a Option<Sp<String>>, what: &'static str, kind: Kind, server_config: bool) {
        if let Some(v) = value {
            self.add(v, what, kind, server_config);
        }
    }

    fn all(&mut self, values: &'a [Sp<String>], what: &'static str, kind: Kind, server_config: bool) {
        for v in values {
            self.add(v, what, kind, server_config);
        }
    }

    /// Keys have their own format (`annotations`); values are free text
    /// that may span lines (`text`).
    fn annotations(&mut self, annotations: &'a IndexMap<Sp<String>, Sp<String>>) {
        for (k, v) in annotations {
            self.add(k, "an annotation key", Kind::Strict, false);
            self.add(v, ANNOTATION_VALUE, Kind::Free, false);
        }
    }

    fn seal(&mut self, s: &'a Seal) {
        use Kind::Free;
        self.opt(&s.secret_name, "a seal secret name", Kind::Strict, true);
        for v in [&s.key_id, &s.address, &s.mount_path, &s.key_name, &s.key, &s.region, &s.project, &s.key_ring] {
            self.opt(v, "a seal setting", Free, true);
        }
        self.opt(&s.tenant_id, "a seal setting", Free, true);
        self.opt(&s.vault_name, "a seal setting", Free, true);
    }
}

/// Every string written in the topology (defaults are left out).
pub fn texts(t: &Topology) -> Vec<Text<'_>> {
    use Kind::{Free, PolicyPath, Strict};
    let mut w = Walk { out: Vec::new() };
    w.add(&t.sovereign, "the sovereign slug", Strict, true);
    w.add(&t.domain, "the domain", Strict, true);
    let o = &t.openbao;
    w.add(&o.namespace, "a namespace", Strict, true);
    w.add(&o.chart.repository, "the chart repository", Free, false);
    w.add(&o.chart.version, "the chart version", Strict, false);
    w.add(&o.storage.size, "a storage size", Strict, false);
    w.opt(&o.storage.class, "a storage class", Strict, false);
    w.opt(&o.ingress_class_name, "an ingress class", Strict, false);
    w.annotations(&o.ingress_annotations);
    w.add(&o.kv_mount, "the KV mount", Strict, false);
    w.seal(&o.seal);
    let e = &t.external_secrets;
    w.add(&e.namespace, "a namespace", Strict, false);
    w.add(&e.service_account, "a service account", Strict, false);
    w.opt(&e.reader_role, "a role name", Strict, false);
    w.opt(&e.pusher_role, "a role name", Strict, false);
    w.add(&t.replication.interval, "a duration", Strict, false);
    w.add(&t.flux.path, "the Flux path", Free, false);
    w.add(&t.flux.source_ref.name, "the Flux source name", Strict, false);
    w.add(&t.flux.interval, "a duration", Strict, false);
    w.add(&t.flux.external_secrets_kustomization, "a Kustomization name", Strict, false);
    for r in &t.regions {
        w.add(&r.location_code, "a location code", Strict, true);
        w.opt(&r.provider, "a provider", Free, false);
        w.opt(&r.cloud_region, "a cloud region", Free, false);
        if let Some(k) = &r.kubernetes {
            w.opt(&k.issuer, "an issuer URL", Free, false);
        }
        if let Some(o) = &r.openbao {
            if let Some(s) = &o.storage {
                w.opt(&s.size, "a storage size", Strict, false);
                w.opt(&s.class, "a storage class", Strict, false);
            }
            w.opt(&o.ingress_class_name, "an ingress class", Strict, false);
            w.annotations(&o.ingress_annotations);
            if let Some(s) = &o.seal {
                w.seal(s);
            }
        }
    }
    for p in &t.policies {
        w.add(&p.name, "a policy name", Strict, false);
        w.opt(&p.description, "a policy description", Free, false);
        for rule in &p.rules {
            w.add(&rule.path, "a policy path", PolicyPath, false);
        }
    }
    for role in &t.auth_roles {
        w.add(&role.name, "a role name", Strict, false);
        w.all(&role.policies, "a policy name", Strict, false);
        w.opt(&role.token_ttl, "a duration", Strict, false);
        w.opt(&role.token_max_ttl, "a duration", Strict, false);
        if let Some(rs) = &role.regions {
            w.all(rs, "a location code", Strict, false);
        }
        if let Some(k) = &role.kubernetes {
            w.all(&k.service_accounts, "a service account", Strict, false);
            w.all(&k.namespaces, "a namespace", Strict, false);
            w.opt(&k.audience, "an audience", Free, false);
        }
        if let Some(a) = &role.approle {
            w.opt(&a.secret_id_ttl, "a duration", Strict, false);
            w.all(&a.secret_id_bound_cidrs, "a CIDR block", Strict, false);
            w.all(&a.token_bound_cidrs, "a CIDR block", Strict, false);
        }
        if let Some(j) = &role.jwt {
            w.add(&j.mount, "a JWT mount", Strict, false);
            w.add(&j.oidc_discovery_url, "an OIDC discovery URL", Free, false);
            w.add(&j.user_claim, "a claim name", Free, false);
            w.all(&j.bound_audiences, "an audience", Free, false);
            w.opt(&j.bound_subject, "a bound subject", Free, false);
            for v in j.bound_claims.values() {
                w.add(v, "a bound claim", Free, false);
            }
        }
        if let Some(c) = &role.cert {
            w.add(&c.ca_file, "a CA file path", Free, false);
            w.all(&c.allowed_uri_sans, "an allowed URI SAN", Free, false);
            w.all(&c.allowed_common_names, "an allowed common name", Free, false);
            w.all(&c.allowed_dns_sans, "an allowed DNS SAN", Free, false);
        }
    }
    for s in &t.secrets {
        w.add(&s.name, "a secret name", Strict, false);
        w.add(&s.namespace, "a namespace", Strict, false);
        w.add(&s.path, "a secret path", Strict, false);
        if let Some(keys) = &s.keys {
            w.all(keys, "a secret key", Strict, false);
        }
        w.opt(&s.push_from, "a location code", Strict, false);
        if let Some(rs) = &s.regions {
            w.all(rs, "a location code", Strict, false);
        }
        w.add(&s.refresh_interval, "a duration", Strict, false);
    }
    w.out
}
