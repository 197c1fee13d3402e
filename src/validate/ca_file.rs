//! The cert roles' `caFile`: a PEM file next to the topology that holds at
//! least one certificate and no private key.

use super::Context;
use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::Topology;
use std::io::Read;

/// CA bundles are small; anything bigger is the wrong file.
const MAX_CA_BYTES: u64 = 1 << 20;

pub fn check(t: &Topology, cx: &Context<'_>, diags: &mut Diagnostics) {
    for role in &t.auth_roles {
        if let Some(cert) = &role.cert {
            if let Some(problem) = problem(&cert.ca_file, cx) {
                diags.push(
                    Diagnostic::error(
                        codes::CA_FILE,
                        cert.ca_file.span,
                        format!("caFile `{}` of role `{}` {problem}", cert.ca_file, role.name),
                    )
                    .label("not a usable CA file")
                    .hint("caFile is a PEM file with the CA certificate(s), relative to the topology file"),
                );
            }
        }
    }
}

fn problem(file: &Sp<String>, cx: &Context<'_>) -> Option<String> {
    let rel = std::path::Path::new(file.as_str());
    if file.is_empty() {
        return Some("is empty".into());
    }
    if rel.is_absolute() {
        return Some("is an absolute path; the output would depend on this machine".into());
    }
    let path = cx.base_dir.join(rel);
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path).and_then(|f| f.take(MAX_CA_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Some(format!("cannot be read ({})", e.kind()));
    }
    if bytes.len() as u64 > MAX_CA_BYTES {
        return Some("is larger than 1 MiB".into());
    }
    let Ok(blocks) = pem::parse_many(&bytes) else {
        return Some("is not a PEM file".into());
    };
    if blocks.iter().any(|b| b.tag().contains("PRIVATE KEY")) {
        return Some("holds a private key; it must hold CA certificates only".into());
    }
    let certs = blocks.iter().filter(|b| b.tag() == "CERTIFICATE").count();
    if certs == 0 || blocks.iter().any(|b| b.tag() == "CERTIFICATE" && b.contents().first() != Some(&0x30)) {
        return Some("holds no PEM certificate".into());
    }
    None
}
