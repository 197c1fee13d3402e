//! Seal rules: each seal type gets exactly the settings it uses, and the
//! ones it cannot work without.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Seal, SealType, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    seal(&t.openbao.seal, diags);
    for r in &t.regions {
        if let Some(s) = r.openbao.as_ref().and_then(|o| o.seal.as_ref()) {
            seal(s, diags);
        }
    }
}

/// (allowed settings, required settings) of a seal type.
fn settings(kind: SealType) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        SealType::Shamir => (&[], &[]),
        SealType::Static => (&["secretName", "keyId"], &[]),
        SealType::Transit => (&["address", "keyName", "mountPath", "secretName"], &["address", "keyName"]),
        SealType::AwsKms => (&["key", "region", "secretName"], &["key", "region"]),
        SealType::GcpCkms => {
            (&["project", "region", "keyRing", "key", "secretName"], &["project", "region", "keyRing", "key"])
        }
        SealType::AzureKeyVault => {
            (&["tenantId", "vaultName", "keyName", "secretName"], &["tenantId", "vaultName", "keyName"])
        }
    }
}

fn seal(s: &Seal, diags: &mut Diagnostics) {
    let kind = s.kind.value;
    let (allowed, required) = settings(kind);
    let given: [(&str, &Option<Sp<String>>); 11] = [
        ("secretName", &s.secret_name),
        ("keyId", &s.key_id),
        ("address", &s.address),
        ("mountPath", &s.mount_path),
        ("keyName", &s.key_name),
        ("key", &s.key),
        ("region", &s.region),
        ("project", &s.project),
        ("keyRing", &s.key_ring),
        ("tenantId", &s.tenant_id),
        ("vaultName", &s.vault_name),
    ];
    for (name, value) in given {
        if let Some(v) = value
            && !allowed.contains(&name)
        {
            let users: Vec<&str> =
                [SealType::Static, SealType::Transit, SealType::AwsKms, SealType::GcpCkms, SealType::AzureKeyVault]
                    .into_iter()
                    .filter(|k| settings(*k).0.contains(&name))
                    .map(crate::model::Keyword::word)
                    .collect();
            diags.push(
                Diagnostic::error(
                    codes::SEAL_SETTINGS,
                    v.span,
                    format!("`{name}` is not a setting of the `{kind}` seal"),
                )
                .label(format!("used by: {}", users.join(", ")))
                .hint(if allowed.is_empty() {
                    format!("the `{kind}` seal has no settings: remove `{name}`")
                } else {
                    format!("the `{kind}` seal's settings are: {}", allowed.join(", "))
                }),
            );
        }
    }
    let missing: Vec<&str> =
        required.iter().copied().filter(|r| given.iter().any(|(n, v)| n == r && v.is_none())).collect();
    if !missing.is_empty() && s.kind.span.is_real() {
        diags.push(
            Diagnostic::error(
                codes::SEAL_SETTINGS,
                s.kind.span,
                format!(
                    "the `{kind}` seal needs {}",
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .label("settings missing")
            .hint(format!(
                "add {} to the seal",
                missing.iter().map(|m| format!("`{m}:`")).collect::<Vec<_>>().join(", ")
            )),
        );
    }
}
