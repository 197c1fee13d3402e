//! A region's OpenBao: the shared `openbao` block with the region's
//! overrides applied, resolved into chart source, Helm values and the HCL
//! server configuration (HA Raft, TLS listener, one `retry_join` per pod,
//! Kubernetes service registration, the seal).

use super::{
    ChartPlan, LowerError, OpenBaoPlan, SealPlan, SecretEnvPlan, SelfInitPlan, ServerConfigPlan, Setting, ValuesPlan,
};
use crate::diag::Sp;
use crate::model::{Region, Seal, SealType, Topology};
use crate::naming;

const CHART: &str = "openbao";
const DATA_PATH: &str = "/openbao/data";
const STATIC_SEAL_SECRET: &str = "openbao-unseal";
const STATIC_SEAL_KEY_ID: &str = "k1";
const TRANSIT_MOUNT: &str = "transit/";

pub fn lower(topology: &Topology, region: &Region) -> Result<OpenBaoPlan, LowerError> {
    let shared = &topology.openbao;
    let over = region.openbao.as_ref();
    let code = region.location_code.value.as_str();
    let namespace = shared.namespace.value.clone();
    let replicas = over.and_then(|o| o.replicas.as_ref()).unwrap_or(&shared.replicas).value;
    // Field by field: a region setting only `size` keeps the shared class.
    let storage = over.and_then(|o| o.storage.as_ref());
    let storage_size = storage.and_then(|s| s.size.as_ref()).unwrap_or(&shared.storage.size);
    let storage_class = storage.and_then(|s| s.class.as_ref()).or(shared.storage.class.as_ref());
    let ingress_class = over.and_then(|o| o.ingress_class_name.as_ref()).or(shared.ingress_class_name.as_ref());
    let seal = over.and_then(|o| o.seal.as_ref()).unwrap_or(&shared.seal);
    // Key by key: the region's value wins; sorted for stable output.
    let mut annotations = std::collections::BTreeMap::new();
    for (k, v) in shared.ingress_annotations.iter().chain(over.into_iter().flat_map(|o| &o.ingress_annotations)) {
        annotations.insert(k.value.clone(), v.value.clone());
    }
    let release = naming::OPENBAO_RELEASE;
    let tls_dir = naming::userconfig_dir(naming::OPENBAO_TLS_SECRET);
    let ca_file = format!("{tls_dir}/{}", naming::CA_CERT_KEY);

    let sealed = lower_seal(seal)?;
    let mut secret_volumes = vec![naming::OPENBAO_TLS_SECRET.to_string()];
    // One volume per Secret: a seal Secret named like the TLS one is mounted once.
    secret_volumes.extend(sealed.volume.filter(|v| v != naming::OPENBAO_TLS_SECRET));
    let retry_join =
        (0..replicas).map(|i| format!("https://{release}-{i}.{release}-internal.{namespace}.svc:8200")).collect();

    Ok(OpenBaoPlan {
        namespace: namespace.clone(),
        release_name: release.to_string(),
        chart: chart(topology),
        interval: topology.flux.interval.value.clone(),
        values_configmap: naming::OPENBAO_VALUES_CONFIGMAP.to_string(),
        values: ValuesPlan {
            replicas,
            storage_size: storage_size.value.clone(),
            storage_class: storage_class.map(|c| c.value.clone()),
            ingress_class: ingress_class.map(|c| c.value.clone()),
            ingress_annotations: annotations.into_iter().map(|(key, value)| Setting { key, value }).collect(),
            host: naming::bao_host(code, &topology.domain.value),
            tls_secret: naming::OPENBAO_TLS_SECRET.to_string(),
            ca_cert_file: ca_file.clone(),
            secret_volumes,
            secret_env: sealed.env,
            self_init: crate::configure::self_init::values(topology, region)
                .map(|v| SelfInitPlan { config_map: v.config_map.to_string(), extra_args: v.extra_args }),
        },
        server: ServerConfigPlan {
            cluster_name: format!("bao-{code}"),
            tls_cert_file: format!("{tls_dir}/tls.crt"),
            tls_key_file: format!("{tls_dir}/tls.key"),
            tls_ca_file: ca_file,
            data_path: DATA_PATH.to_string(),
            retry_join,
            seal: sealed.stanza,
        },
    })
}

fn chart(topology: &Topology) -> ChartPlan {
    let repo = topology.openbao.chart.repository.value.trim_end_matches('/');
    let version = topology.openbao.chart.version.value.clone();
    if repo.starts_with("oci://") {
        ChartPlan {
            kind: "OCIRepository".into(),
            source_name: CHART.into(),
            url: format!("{repo}/{CHART}"),
            chart: CHART.into(),
            version,
        }
    } else {
        ChartPlan {
            kind: "HelmRepository".into(),
            source_name: CHART.into(),
            url: repo.to_string(),
            chart: CHART.into(),
            version,
        }
    }
}

/// A seal resolved into its stanza and what the pods need for it.
struct Sealed {
    stanza: Option<SealPlan>,
    /// A Secret to mount under `/openbao/userconfig/`.
    volume: Option<String>,
    env: Vec<SecretEnvPlan>,
}

fn lower_seal(seal: &Seal) -> Result<Sealed, LowerError> {
    let kind = seal.kind.value;
    let field = |name: &str| format!("openbao.seal.{name}");
    let need = |v: &Option<Sp<String>>, name: &str| {
        v.as_ref()
            .map(|s| s.value.clone())
            .ok_or_else(|| LowerError { field: field(name), message: format!("the `{kind}` seal needs `{name}`") })
    };
    let set = |key: &str, value: String| Setting { key: key.to_string(), value };
    let env_from = |secret: &Option<Sp<String>>, names: &[&str]| -> Vec<SecretEnvPlan> {
        secret
            .as_ref()
            .map(|s| {
                names
                    .iter()
                    .map(|n| SecretEnvPlan {
                        env_name: n.to_string(),
                        secret_name: s.value.clone(),
                        secret_key: n.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (settings, volume, env) = match kind {
        SealType::Shamir => return Ok(Sealed { stanza: None, volume: None, env: Vec::new() }),
        SealType::Static => {
            let secret = seal.secret_name.as_ref().map_or(STATIC_SEAL_SECRET.to_string(), |s| s.value.clone());
            let key_id = seal.key_id.as_ref().map_or(STATIC_SEAL_KEY_ID.to_string(), |s| s.value.clone());
            let key = format!("file://{}/key", naming::userconfig_dir(&secret));
            (vec![set("current_key_id", key_id), set("current_key", key)], Some(secret), Vec::new())
        }
        SealType::Transit => {
            let mount = seal.mount_path.as_ref().map_or(TRANSIT_MOUNT.to_string(), |s| s.value.clone());
            let settings = vec![
                set("address", need(&seal.address, "address")?),
                set("key_name", need(&seal.key_name, "keyName")?),
                set("mount_path", mount),
            ];
            (settings, None, env_from(&seal.secret_name, &["BAO_TOKEN"]))
        }
        SealType::AwsKms => {
            let settings =
                vec![set("region", need(&seal.region, "region")?), set("kms_key_id", need(&seal.key, "key")?)];
            (settings, None, env_from(&seal.secret_name, &["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]))
        }
        SealType::GcpCkms => {
            let mut settings = vec![
                set("project", need(&seal.project, "project")?),
                set("region", need(&seal.region, "region")?),
                set("key_ring", need(&seal.key_ring, "keyRing")?),
                set("crypto_key", need(&seal.key, "key")?),
            ];
            let volume = seal.secret_name.as_ref().map(|s| s.value.clone());
            if let Some(secret) = &volume {
                settings.push(set("credentials", format!("{}/credentials.json", naming::userconfig_dir(secret))));
            }
            (settings, volume, Vec::new())
        }
        SealType::AzureKeyVault => {
            let settings = vec![
                set("tenant_id", need(&seal.tenant_id, "tenantId")?),
                set("vault_name", need(&seal.vault_name, "vaultName")?),
                set("key_name", need(&seal.key_name, "keyName")?),
            ];
            (settings, None, env_from(&seal.secret_name, &["AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"]))
        }
    };
    Ok(Sealed { stanza: Some(SealPlan { kind: kind.to_string(), settings }), volume, env })
}
