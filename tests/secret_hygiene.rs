//! Secret hygiene on the way out (issue 10): no generated file holds a
//! value the plaintext-credential rule (E0601) would flag, for every
//! example and for generated topologies; and a credential written anywhere
//! in a topology is never echoed in full by any diagnostic format.

mod support;

use proptest::prelude::*;
use sovc::diag::{Diagnostic, render_github, render_human, render_json};
use sovc::output::OutputFile;
use sovc::pipeline::{Loaded, generate_files, load_bytes, load_file};
use sovc::read::InputFormat;
use sovc::validate::credential_kind;
use std::path::Path;
use support::topology_strategy::{GenTopology, topology};

/// Every line of every file, checked with the E0601 detector. The one
/// PEM kind allowed out is a CERTIFICATE block: a cert role's CA, copied from
/// its `caFile` (public material; validation refuses a file holding a
/// private key), which the configure script writes to OpenBao.
fn assert_no_credentials(files: &[OutputFile]) -> Result<(), TestCaseError> {
    for f in files {
        let mut in_certificate = false;
        for (i, line) in f.contents.lines().enumerate() {
            if line.trim_start().starts_with("-----BEGIN CERTIFICATE-----") {
                in_certificate = true;
            }
            if in_certificate {
                in_certificate = !line.trim_start().starts_with("-----END CERTIFICATE-----");
                continue;
            }
            let line = &without_inline_certificates(line);
            // Name the place and the kind, never the value.
            prop_assert!(credential_kind(line).is_none(), "{}:{} holds {:?}", f.path, i + 1, credential_kind(line));
        }
    }
    Ok(())
}

#[test]
fn files_generated_from_every_example_hold_no_credential() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "kdl")) {
            continue;
        }
        let loaded = load_file(&path, None).unwrap();
        let t = loaded.valid().unwrap_or_else(|| panic!("{} is not valid", path.display()));
        let files = generate_files(t, &path.display().to_string(), &dir).unwrap();
        assert!(!files.is_empty());
        assert_no_credentials(&files).unwrap();
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} examples found");
}

/// `line` with every certificate written on one line (JSON-escaped, as the
/// configure script passes a cert role's CA) cut out.
fn without_inline_certificates(line: &str) -> String {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(BEGIN) {
        out.push_str(&rest[..at]);
        match rest[at..].find(END) {
            Some(end) => rest = &rest[at + end + END.len()..],
            None => return out + &rest[at..],
        }
    }
    out + rest
}

/// Credential-shaped values of every kind the detector knows.
const CREDENTIALS: &[&str] = &[
    "hvs.CAESIJ2x9kQk3mZ0b1X7fVnq8T4",
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG",
    "xoxb-2937462-Tq8vKz3LmX9pR4wN",
    "glpat-Xy7Kq2Lm9Pz4Rt8Vb3Nw",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    "TgM98a71kyn+YNgcQ2wZ7xLp4RvB",
    "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----",
];

/// Puts `cred` in one of the topology's string fields (`slot` picks which).
fn plant(g: &mut GenTopology, slot: usize, cred: &str) {
    let c = cred.to_string();
    match slot % 12 {
        0 => g.regions[0].provider = Some(c),
        1 => g.regions[0].cloud_region = Some(c),
        2 => g.policies[0].description = Some(c),
        3 => g.policies[0].name = c,
        4 => g.regions[0].code = c,
        5 => g.sovereign = c,
        7 if !g.secrets.is_empty() => g.secrets[0].path = c,
        8 if !g.secrets.is_empty() => g.secrets[0].namespace = c,
        // A segment of a path: the detector checks paths segment by segment.
        10 if !g.policies[0].rules.is_empty() => g.policies[0].rules[0].0 = format!("secret/data/app/{c}/*"),
        11 if !g.secrets.is_empty() => g.secrets[0].path = format!("apps/{c}/config"),
        _ => g.roles.iter_mut().for_each(|r| r.service_accounts = vec![c.clone()]),
    }
}

fn outputs(loaded: &Loaded) -> [String; 3] {
    let diags: Vec<Diagnostic> = loaded.diagnostics.iter().cloned().collect();
    [
        render_human(&loaded.source, &diags, false),
        render_json(&loaded.source, &diags),
        render_github(&loaded.source, &diags),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Files generated from any valid generated topology hold no credential.
    #[test]
    fn generated_files_hold_no_credential(g in topology()) {
        let loaded = load_bytes("prop.yaml", g.to_yaml().as_bytes(), InputFormat::Yaml, Path::new("."));
        if let Some(t) = loaded.valid() {
            assert_no_credentials(&generate_files(t, "prop.yaml", Path::new(".")).unwrap())?;
        }
    }

    /// A credential anywhere in the topology is an error, and no output
    /// format shows more of it than its first characters.
    #[test]
    fn a_planted_credential_is_rejected_and_never_echoed(
        g in topology(),
        slot in 0usize..12,
        cred in proptest::sample::select(CREDENTIALS),
    ) {
        let mut g = g;
        plant(&mut g, slot, cred);
        let loaded = load_bytes("prop.yaml", g.to_yaml().as_bytes(), InputFormat::Yaml, Path::new("."));
        prop_assert!(loaded.valid().is_none(), "a credential in slot {} was accepted", slot);
        // The secret part: past the first 8 characters (of a PEM block's body).
        let body = if cred.contains('\n') { cred.lines().nth(1).unwrap() } else { cred };
        let tail: String = body.chars().skip(8).collect();
        for (format, out) in ["human", "json", "github"].iter().zip(outputs(&loaded)) {
            prop_assert!(!out.contains(tail.as_str()), "slot {} leaks in {} output:\n{}", slot, format, out);
        }
    }
}
