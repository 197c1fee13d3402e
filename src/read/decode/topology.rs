//! Decoding the root and the installation sections (`openbao`,
//! `externalSecrets`, `replication`, `flux`).

use super::decoder::Decoder;
use crate::diag::{Sp, Span};
use crate::model::{
    Chart, ExternalSecrets, Flux, Lints, OpenBao, OpenBaoOverride, Replication, Seal, SourceRef, Storage,
    StorageOverride, Topology, defaults,
};
use crate::read::tree::{Node, Value};
use indexmap::IndexMap;

const ROOT: &[&str] = &[
    "sovereign",
    "domain",
    "openbao",
    "externalSecrets",
    "replication",
    "flux",
    "regions",
    "policies",
    "authRoles",
    "secrets",
    "lints",
];

impl Decoder<'_> {
    pub fn topology(&mut self, root: &Node) -> Option<Topology> {
        let f = self.fields(root, "the topology", ROOT, Span::new(0, 0, 1, 1))?;
        // Sections with defaults fall back to them when broken (the error is
        // already reported), so the rest of the topology is still validated.
        let missing = || Sp::synthetic(String::new(), Span::default());
        let sovereign = self.req(&f, "sovereign", Self::string).unwrap_or_else(missing);
        let domain = self.req(&f, "domain", Self::string).unwrap_or_else(missing);
        let openbao = self.or(&f, "openbao", OpenBao::default, |d, n, _| d.openbao(n, f.key_span("openbao")));
        let external_secrets = self.or(&f, "externalSecrets", ExternalSecrets::default, |d, n, _| {
            d.external_secrets(n, f.key_span("externalSecrets"))
        });
        let replication =
            self.or(&f, "replication", Replication::default, |d, n, _| d.replication(n, f.key_span("replication")));
        let flux = self.or(&f, "flux", Flux::default, |d, n, _| d.flux(n, f.key_span("flux")));
        let regions = self.req(&f, "regions", |d, n, w| {
            d.non_empty(n, w, crate::diag::codes::EMPTY_LIST, "a Sovereign has at least one region, its primary");
            d.list(n, w, Self::region)
        });
        let policies = self.or(&f, "policies", Vec::new, |d, n, w| d.list(n, w, Self::policy));
        let auth_roles = self.or(&f, "authRoles", Vec::new, |d, n, w| d.list(n, w, Self::auth_role));
        let secrets = self.or(&f, "secrets", Vec::new, |d, n, w| d.list(n, w, Self::secret));
        let lints = self.or(&f, "lints", Lints::default, |d, n, _| {
            let lf = d.fields(n, "`lints`", &["allow"], f.key_span("lints").unwrap_or_default())?;
            Some(Lints { allow: d.or(&lf, "allow", Vec::new, Self::strings)? })
        });
        Some(Topology {
            sovereign,
            domain,
            openbao: openbao.unwrap_or_default(),
            external_secrets: external_secrets.unwrap_or_default(),
            replication: replication.unwrap_or_default(),
            flux: flux.unwrap_or_default(),
            regions: regions.unwrap_or_default(),
            policies: policies.unwrap_or_default(),
            auth_roles: auth_roles.unwrap_or_default(),
            secrets: secrets.unwrap_or_default(),
            lints: lints.unwrap_or_default(),
        })
    }

    fn openbao(&mut self, node: &Node, at: Option<Span>) -> Option<OpenBao> {
        const F: &[&str] =
            &["namespace", "chart", "replicas", "storage", "ingressClassName", "ingressAnnotations", "kvMount", "seal"];
        let f = self.fields(node, "`openbao`", F, at.unwrap_or_default())?;
        let namespace = self.or(&f, "namespace", defaults::openbao_namespace, Self::string);
        let chart = self.or(&f, "chart", Chart::default, |d, n, _| d.chart(n, f.key_span("chart")));
        let replicas = self.or(&f, "replicas", defaults::replicas, |d, n, w| d.uint(n, w, 1, 9));
        let storage = self.or(&f, "storage", Storage::default, |d, n, _| d.storage(n, f.key_span("storage")));
        let ingress_class_name = self.opt(&f, "ingressClassName", Self::string);
        let ingress_annotations = self.or(&f, "ingressAnnotations", IndexMap::new, Self::annotations);
        let kv_mount = self.or(&f, "kvMount", defaults::kv_mount, Self::string);
        let seal = self.or(&f, "seal", Seal::default, |d, n, _| d.seal(n, f.key_span("seal")));
        Some(OpenBao {
            namespace: namespace?,
            chart: chart?,
            replicas: replicas?,
            storage: storage?,
            ingress_class_name: self.present(&f, "ingressClassName", ingress_class_name)?,
            ingress_annotations: ingress_annotations?,
            kv_mount: kv_mount?,
            seal: seal?,
        })
    }

    /// Per-region overrides of `openbao`.
    pub(super) fn openbao_override(&mut self, node: &Node, at: Option<Span>) -> Option<OpenBaoOverride> {
        const F: &[&str] = &["replicas", "storage", "ingressClassName", "ingressAnnotations", "seal"];
        let f = self.fields(node, "the region's `openbao`", F, at.unwrap_or_default())?;
        let replicas = self.opt(&f, "replicas", |d, n, w| d.uint(n, w, 1, 9));
        let storage = self.opt(&f, "storage", |d, n, _| d.storage_override(n, f.key_span("storage")));
        let ingress_class_name = self.opt(&f, "ingressClassName", Self::string);
        let ingress_annotations = self.or(&f, "ingressAnnotations", IndexMap::new, Self::annotations);
        let seal = self.opt(&f, "seal", |d, n, _| d.seal(n, f.key_span("seal")));
        Some(OpenBaoOverride {
            replicas: self.present(&f, "replicas", replicas)?,
            storage: self.present(&f, "storage", storage)?,
            ingress_class_name: self.present(&f, "ingressClassName", ingress_class_name)?,
            ingress_annotations: ingress_annotations?,
            seal: self.present(&f, "seal", seal)?,
        })
    }

    /// For an optional field: `Some(None)` when absent, `Some(Some(v))` when
    /// valid, `None` when present but invalid (already reported).
    pub(super) fn present<T>(
        &mut self,
        f: &super::decoder::Fields<'_>,
        key: &str,
        value: Option<T>,
    ) -> Option<Option<T>> {
        match (f.get(key), value) {
            (None, _) => Some(None),
            (Some(_), Some(v)) => Some(Some(v)),
            (Some(_), None) => None,
        }
    }

    fn chart(&mut self, node: &Node, at: Option<Span>) -> Option<Chart> {
        let f = self.fields(node, "`openbao.chart`", &["repository", "version"], at.unwrap_or_default())?;
        let repository = self.or(&f, "repository", defaults::chart_repository, Self::string);
        let version = self.or(&f, "version", defaults::chart_version, Self::string);
        Some(Chart { repository: repository?, version: version? })
    }

    fn storage(&mut self, node: &Node, at: Option<Span>) -> Option<Storage> {
        let f = self.fields(node, "`storage`", &["size", "class"], at.unwrap_or_default())?;
        let size = self.or(&f, "size", defaults::storage_size, Self::string);
        let class = self.opt(&f, "class", Self::string);
        Some(Storage { size: size?, class: self.present(&f, "class", class)? })
    }

    /// `ingressAnnotations`: a map of annotation keys (kept with their
    /// positions, validated later) to string values.
    fn annotations(&mut self, node: &Node, what: &str) -> Option<IndexMap<Sp<String>, Sp<String>>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a map of annotation keys to values");
            return None;
        };
        let mut out = IndexMap::new();
        let mut ok = true;
        for e in entries {
            match self.string(&e.value, &format!("annotation `{}`", e.key)) {
                Some(v) => {
                    out.insert(Sp::new(e.key.clone(), e.key_span), v);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A region's `storage`: no defaults, what is omitted comes from the
    /// shared block.
    fn storage_override(&mut self, node: &Node, at: Option<Span>) -> Option<StorageOverride> {
        let f = self.fields(node, "`storage`", &["size", "class"], at.unwrap_or_default())?;
        let size = self.opt(&f, "size", Self::string);
        let class = self.opt(&f, "class", Self::string);
        Some(StorageOverride { size: self.present(&f, "size", size)?, class: self.present(&f, "class", class)? })
    }

    /// `seal: shamir` or `seal: {type: static, secretName: ...}`.
    fn seal(&mut self, node: &Node, at: Option<Span>) -> Option<Seal> {
        if let Value::Str(_) = node.value {
            return self.keyword(node, "`seal`").map(Seal::of);
        }
        const F: &[&str] = &[
            "type",
            "secretName",
            "keyId",
            "address",
            "mountPath",
            "keyName",
            "key",
            "region",
            "project",
            "keyRing",
            "tenantId",
            "vaultName",
        ];
        let f = self.fields(node, "`seal`", F, at.unwrap_or_default())?;
        let kind = self.req(&f, "type", Self::keyword)?;
        let mut seal = Seal::of(kind);
        let mut ok = true;
        for (key, slot) in [
            ("secretName", &mut seal.secret_name),
            ("keyId", &mut seal.key_id),
            ("address", &mut seal.address),
            ("mountPath", &mut seal.mount_path),
            ("keyName", &mut seal.key_name),
            ("key", &mut seal.key),
            ("region", &mut seal.region),
            ("project", &mut seal.project),
            ("keyRing", &mut seal.key_ring),
            ("tenantId", &mut seal.tenant_id),
            ("vaultName", &mut seal.vault_name),
        ] {
            if let Some(n) = f.get(key) {
                match self.string(n, &format!("`seal.{key}`")) {
                    Some(v) => *slot = Some(v),
                    None => ok = false,
                }
            }
        }
        ok.then_some(seal)
    }

    fn external_secrets(&mut self, node: &Node, at: Option<Span>) -> Option<ExternalSecrets> {
        const F: &[&str] = &["namespace", "serviceAccount", "apiVersion", "readerRole", "pusherRole"];
        let f = self.fields(node, "`externalSecrets`", F, at.unwrap_or_default())?;
        let d = ExternalSecrets::default();
        let namespace = self.or(&f, "namespace", || d.namespace.clone(), Self::string);
        let service_account = self.or(&f, "serviceAccount", || d.service_account.clone(), Self::string);
        let api_version = self.or(&f, "apiVersion", || d.api_version.clone(), Self::keyword);
        let reader_role = self.opt(&f, "readerRole", Self::string);
        let pusher_role = self.opt(&f, "pusherRole", Self::string);
        Some(ExternalSecrets {
            namespace: namespace?,
            service_account: service_account?,
            api_version: api_version?,
            reader_role: self.present(&f, "readerRole", reader_role)?,
            pusher_role: self.present(&f, "pusherRole", pusher_role)?,
        })
    }

    fn replication(&mut self, node: &Node, at: Option<Span>) -> Option<Replication> {
        let f = self.fields(node, "`replication`", &["mode", "interval"], at.unwrap_or_default())?;
        let d = Replication::default();
        let mode = self.or(&f, "mode", || d.mode.clone(), Self::keyword);
        let interval = self.or(&f, "interval", || d.interval.clone(), Self::string);
        Some(Replication { mode: mode?, interval: interval? })
    }

    fn flux(&mut self, node: &Node, at: Option<Span>) -> Option<Flux> {
        let f = self.fields(
            node,
            "`flux`",
            &["path", "sourceRef", "interval", "prune", "wait", "externalSecretsKustomization"],
            at.unwrap_or_default(),
        )?;
        let path = self.or(&f, "path", defaults::flux_path, Self::string);
        let source_ref = self.or(&f, "sourceRef", SourceRef::default, |d, n, _| {
            let sf = d.fields(n, "`flux.sourceRef`", &["kind", "name"], f.key_span("sourceRef").unwrap_or_default())?;
            let dflt = SourceRef::default();
            let kind = d.or(&sf, "kind", || dflt.kind.clone(), Self::keyword);
            let name = d.or(&sf, "name", || dflt.name.clone(), Self::string);
            Some(SourceRef { kind: kind?, name: name? })
        });
        let interval = self.or(&f, "interval", defaults::flux_interval, Self::string);
        let prune = self.or(&f, "prune", defaults::flux_prune, Self::boolean);
        let wait = self.or(&f, "wait", defaults::flux_wait, Self::boolean);
        let eso = self.or(&f, "externalSecretsKustomization", defaults::flux_eso_kustomization, Self::string);
        Some(Flux {
            path: path?,
            source_ref: source_ref?,
            interval: interval?,
            prune: prune?,
            wait: wait?,
            external_secrets_kustomization: eso?,
        })
    }
}
