//! Decoding the list sections: regions, policies, auth roles, secrets.

use super::decoder::{Decoder, Fields};
use crate::diag::{Sp, Span, codes};
use crate::model::{
    AppRoleRole, AuthRole, CertRole, Cluster, JwtRole, KubernetesRole, Policy, Region, Rule, Secret, defaults,
};
use crate::read::tree::{Node, Value};
use indexmap::IndexMap;

/// A method block located at its key (`jwt:`), so validation can point at a
/// block that belongs to another method.
fn block<T>(value: T, f: &Fields<'_>, key: &str, node: &Node) -> Sp<T> {
    Sp::new(value, f.key_span(key).unwrap_or(node.span))
}

impl Decoder<'_> {
    pub(super) fn region(&mut self, node: &Node) -> Option<Region> {
        const F: &[&str] = &["locationCode", "primary", "provider", "cloudRegion", "kubernetes", "openbao"];
        let f = self.fields(node, "a region", F, node.span)?;
        let location_code = self.req(&f, "locationCode", Self::string);
        let primary = self.or(&f, "primary", || Sp::synthetic(false, Span::default()), Self::boolean);
        let provider = self.opt(&f, "provider", Self::string);
        let cloud_region = self.opt(&f, "cloudRegion", Self::string);
        let kubernetes = self.opt(&f, "kubernetes", |d, n, _| {
            let kf = d.fields(n, "`kubernetes`", &["issuer"], f.key_span("kubernetes").unwrap_or_default())?;
            let issuer = d.opt(&kf, "issuer", Self::string);
            Some(Cluster { issuer: d.present(&kf, "issuer", issuer)? })
        });
        let openbao = self.opt(&f, "openbao", |d, n, _| d.openbao_override(n, f.key_span("openbao")));
        Some(Region {
            location_code: location_code?,
            primary: primary?,
            provider: self.present(&f, "provider", provider)?,
            cloud_region: self.present(&f, "cloudRegion", cloud_region)?,
            kubernetes: self.present(&f, "kubernetes", kubernetes)?,
            openbao: self.present(&f, "openbao", openbao)?,
        })
    }

    pub(super) fn policy(&mut self, node: &Node) -> Option<Policy> {
        let f = self.fields(node, "a policy", &["name", "description", "rules", "allowLints"], node.span)?;
        let name = self.req(&f, "name", Self::string);
        let description = self.opt(&f, "description", Self::string);
        let rules = self.req(&f, "rules", |d, n, w| {
            d.non_empty(n, w, codes::EMPTY_LIST, "give the policy at least one `- path: ...` rule, or remove it");
            d.list(n, w, |d, rule| {
                let rf = d.fields(rule, "a policy rule", &["path", "capabilities"], rule.span)?;
                let path = d.req(&rf, "path", Self::string);
                let capabilities = d.req(&rf, "capabilities", |d, n, w| {
                    if !matches!(n.value, Value::Seq(_)) {
                        d.wrong_type(n, w, "a list of capabilities");
                        return None;
                    }
                    d.non_empty(
                        n,
                        w,
                        codes::EMPTY_CAPABILITIES,
                        "list what the rule grants, e.g. [read], or `[deny]` to forbid the path",
                    );
                    // An unknown capability is reported and left out; the
                    // rule stays, so its path is still checked.
                    d.list(n, w, |d, c| d.keyword_coded(c, "a capability", codes::INVALID_CAPABILITY))
                });
                Some(Rule { path: path?, capabilities: capabilities? })
            })
        });
        let allow_lints = self.or(&f, "allowLints", Vec::new, Self::strings);
        Some(Policy {
            name: name?,
            description: self.present(&f, "description", description)?,
            rules: rules?,
            allow_lints: allow_lints?,
        })
    }

    pub(super) fn auth_role(&mut self, node: &Node) -> Option<AuthRole> {
        const F: &[&str] = &[
            "name",
            "method",
            "policies",
            "tokenTtl",
            "tokenMaxTtl",
            "regions",
            "kubernetes",
            "approle",
            "jwt",
            "cert",
            "allowLints",
        ];
        let f = self.fields(node, "an auth role", F, node.span)?;
        let name = self.req(&f, "name", Self::string);
        let method = self.req(&f, "method", Self::keyword);
        let policies = self.req(&f, "policies", Self::strings);
        let token_ttl = self.opt(&f, "tokenTtl", Self::string);
        let token_max_ttl = self.opt(&f, "tokenMaxTtl", Self::string);
        let regions = self.opt(&f, "regions", Self::strings);
        let kubernetes = self.opt(&f, "kubernetes", |d, n, _| {
            d.kubernetes_role(n, f.key_span("kubernetes")).map(|b| block(b, &f, "kubernetes", n))
        });
        let approle = self
            .opt(&f, "approle", |d, n, _| d.approle_role(n, f.key_span("approle")).map(|b| block(b, &f, "approle", n)));
        let jwt = self.opt(&f, "jwt", |d, n, _| d.jwt_role(n, f.key_span("jwt")).map(|b| block(b, &f, "jwt", n)));
        let cert = self.opt(&f, "cert", |d, n, _| d.cert_role(n, f.key_span("cert")).map(|b| block(b, &f, "cert", n)));
        let allow_lints = self.or(&f, "allowLints", Vec::new, Self::strings);
        Some(AuthRole {
            name: name?,
            method: method?,
            policies: policies?,
            token_ttl: self.present(&f, "tokenTtl", token_ttl)?,
            token_max_ttl: self.present(&f, "tokenMaxTtl", token_max_ttl)?,
            regions: self.present(&f, "regions", regions)?,
            kubernetes: self.present(&f, "kubernetes", kubernetes)?,
            approle: self.present(&f, "approle", approle)?,
            jwt: self.present(&f, "jwt", jwt)?,
            cert: self.present(&f, "cert", cert)?,
            allow_lints: allow_lints?,
        })
    }

    fn kubernetes_role(&mut self, node: &Node, at: Option<Span>) -> Option<KubernetesRole> {
        let f =
            self.fields(node, "`kubernetes`", &["serviceAccounts", "namespaces", "audience"], at.unwrap_or_default())?;
        let service_accounts = self.req(&f, "serviceAccounts", |d, n, w| {
            d.some_strings(n, w, "name the service accounts that may log in, or `[\"*\"]` for any")
        });
        let namespaces = self.req(&f, "namespaces", |d, n, w| {
            d.some_strings(n, w, "name the namespaces of those service accounts, or `[\"*\"]` for any")
        });
        let audience = self.opt(&f, "audience", Self::string);
        Some(KubernetesRole {
            service_accounts: service_accounts?,
            namespaces: namespaces?,
            audience: self.present(&f, "audience", audience)?,
        })
    }

    fn approle_role(&mut self, node: &Node, at: Option<Span>) -> Option<AppRoleRole> {
        const F: &[&str] = &["bindSecretId", "secretIdTtl", "secretIdNumUses", "secretIdBoundCidrs", "tokenBoundCidrs"];
        let f = self.fields(node, "`approle`", F, at.unwrap_or_default())?;
        let bind_secret_id = self.or(&f, "bindSecretId", defaults::bind_secret_id, Self::boolean);
        let secret_id_ttl = self.opt(&f, "secretIdTtl", Self::string);
        let secret_id_num_uses = self.opt(&f, "secretIdNumUses", |d, n, w| d.uint(n, w, 0, 1_000_000));
        let secret_id_bound_cidrs = self.or(&f, "secretIdBoundCidrs", Vec::new, Self::strings);
        let token_bound_cidrs = self.or(&f, "tokenBoundCidrs", Vec::new, Self::strings);
        Some(AppRoleRole {
            bind_secret_id: bind_secret_id?,
            secret_id_ttl: self.present(&f, "secretIdTtl", secret_id_ttl)?,
            secret_id_num_uses: self.present(&f, "secretIdNumUses", secret_id_num_uses)?,
            secret_id_bound_cidrs: secret_id_bound_cidrs?,
            token_bound_cidrs: token_bound_cidrs?,
        })
    }

    fn jwt_role(&mut self, node: &Node, at: Option<Span>) -> Option<JwtRole> {
        const F: &[&str] = &["mount", "oidcDiscoveryUrl", "userClaim", "boundAudiences", "boundSubject", "boundClaims"];
        let f = self.fields(node, "`jwt`", F, at.unwrap_or_default())?;
        let mount = self.req(&f, "mount", Self::string);
        let oidc_discovery_url = self.req(&f, "oidcDiscoveryUrl", Self::string);
        let user_claim = self.or(&f, "userClaim", defaults::jwt_user_claim, Self::string);
        let bound_audiences = self.or(&f, "boundAudiences", Vec::new, Self::strings);
        let bound_subject = self.opt(&f, "boundSubject", Self::string);
        let bound_claims = self.or(&f, "boundClaims", IndexMap::new, |d, n, w| {
            let Value::Map(entries) = &n.value else {
                d.wrong_type(n, w, "a map of claim names to values");
                return None;
            };
            let mut claims = IndexMap::new();
            let mut ok = true;
            for e in entries {
                match d.string(&e.value, &format!("claim `{}`", e.key)) {
                    Some(v) => {
                        claims.insert(e.key.clone(), v);
                    }
                    None => ok = false,
                }
            }
            ok.then_some(claims)
        });
        Some(JwtRole {
            mount: mount?,
            oidc_discovery_url: oidc_discovery_url?,
            user_claim: user_claim?,
            bound_audiences: bound_audiences?,
            bound_subject: self.present(&f, "boundSubject", bound_subject)?,
            bound_claims: bound_claims?,
        })
    }

    fn cert_role(&mut self, node: &Node, at: Option<Span>) -> Option<CertRole> {
        const F: &[&str] = &["caFile", "allowedUriSans", "allowedCommonNames", "allowedDnsSans"];
        let f = self.fields(node, "`cert`", F, at.unwrap_or_default())?;
        let ca_file = self.req(&f, "caFile", Self::string);
        let allowed_uri_sans = self.or(&f, "allowedUriSans", Vec::new, Self::strings);
        let allowed_common_names = self.or(&f, "allowedCommonNames", Vec::new, Self::strings);
        let allowed_dns_sans = self.or(&f, "allowedDnsSans", Vec::new, Self::strings);
        Some(CertRole {
            ca_file: ca_file?,
            allowed_uri_sans: allowed_uri_sans?,
            allowed_common_names: allowed_common_names?,
            allowed_dns_sans: allowed_dns_sans?,
        })
    }

    pub(super) fn secret(&mut self, node: &Node) -> Option<Secret> {
        const F: &[&str] = &["name", "namespace", "path", "keys", "origin", "pushFrom", "regions", "refreshInterval"];
        let f = self.fields(node, "a secret", F, node.span)?;
        let name = self.req(&f, "name", Self::string);
        let namespace = self.req(&f, "namespace", Self::string);
        let path = self.req(&f, "path", Self::string);
        let keys = self.opt(&f, "keys", |d, n, w| {
            d.some_strings(n, w, "list the properties to copy, or remove `keys` to copy the whole map")
        });
        let origin = self.or(&f, "origin", Secret::default_origin, Self::keyword);
        let push_from = self.opt(&f, "pushFrom", Self::string);
        let regions = self.opt(&f, "regions", Self::strings);
        let refresh_interval = self.or(&f, "refreshInterval", defaults::refresh_interval, Self::string);
        Some(Secret {
            name: name?,
            namespace: namespace?,
            path: path?,
            keys: self.present(&f, "keys", keys)?,
            origin: origin?,
            push_from: self.present(&f, "pushFrom", push_from)?,
            regions: self.present(&f, "regions", regions)?,
            refresh_interval: refresh_interval?,
        })
    }
}
