//! Plaintext credentials: any value that looks like a secret (a PEM block,
//! a token with a well-known prefix, a JWT, a long random string) is an
//! error. The diagnostic never repeats the value and masks it in the
//! source excerpt.

use super::walk::Text;
use crate::diag::{Diagnostic, Diagnostics, codes};

/// Well-known credential prefixes and the minimum length of what follows.
const PREFIXES: &[(&str, usize, &str)] = &[
    ("hvs.", 20, "an OpenBao/Vault service token"),
    ("hvb.", 20, "an OpenBao/Vault batch token"),
    ("hvr.", 20, "an OpenBao/Vault recovery token"),
    ("s.", 24, "a legacy OpenBao/Vault token"),
    ("AKIA", 16, "an AWS access key id"),
    ("ASIA", 16, "an AWS temporary access key id"),
    ("ghp_", 30, "a GitHub token"),
    ("gho_", 30, "a GitHub token"),
    ("ghu_", 30, "a GitHub token"),
    ("ghs_", 30, "a GitHub token"),
    ("ghr_", 30, "a GitHub token"),
    ("github_pat_", 30, "a GitHub token"),
    ("glpat-", 20, "a GitLab token"),
    ("xoxb-", 10, "a Slack token"),
    ("xoxp-", 10, "a Slack token"),
    ("xoxa-", 10, "a Slack token"),
    ("xoxs-", 10, "a Slack token"),
    ("sk_live_", 16, "a Stripe key"),
    ("AIza", 35, "a Google API key"),
];

/// What `s` looks like, if it looks like a credential.
pub fn credential_kind(s: &str) -> Option<&'static str> {
    if s.contains("-----BEGIN") || s.contains("PRIVATE KEY-----") {
        return Some("a PEM block");
    }
    let tokens = s.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '/' | '=' | '.' | '-')));
    for token in tokens.filter(|t| !t.is_empty()) {
        for (prefix, min, what) in PREFIXES {
            if let Some(rest) = token.strip_prefix(prefix)
                && rest.len() >= *min
                && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                && rest.bytes().any(|b| b.is_ascii_digit())
            {
                return Some(what);
            }
        }
        if token.starts_with("eyJ") && token.split('.').filter(|p| p.len() >= 10).count() >= 3 {
            return Some("a JWT");
        }
        if token.split(['.', ':', '-']).any(random_looking) {
            return Some("a long random token");
        }
    }
    None
}

/// A long string with the statistics of random key material rather than of
/// words and identifiers: a long lower-case hex string, or mixed-case
/// letters with digits, high Shannon entropy, few runs of three or more
/// same-case letters (`AppConfig` is mostly such runs) and digits scattered
/// over several places (an identifier keeps them together: `Name2024`).
fn random_looking(s: &str) -> bool {
    let alnum = s.bytes().filter(u8::is_ascii_alphanumeric).count();
    if alnum < 20 {
        return false;
    }
    let has = |f: fn(&u8) -> bool| s.as_bytes().iter().any(f);
    if s.len() >= 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return has(u8::is_ascii_digit) && has(u8::is_ascii_lowercase);
    }
    if !has(u8::is_ascii_uppercase) || !has(u8::is_ascii_lowercase) {
        return false;
    }
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    let entropy: f64 = counts.iter().filter(|c| **c > 0).map(|&c| -(c as f64 / n) * (c as f64 / n).log2()).sum();
    // Letters in runs of >= 3 of one case, and the number of digit runs.
    let (mut in_runs, mut run, mut run_upper, mut digit_runs, mut prev_digit) = (0, 0, false, 0, false);
    for b in s.bytes().chain(std::iter::once(b' ')) {
        let letter = b.is_ascii_alphabetic();
        if letter && run > 0 && b.is_ascii_uppercase() == run_upper {
            run += 1;
        } else {
            if run >= 3 {
                in_runs += run;
            }
            run = usize::from(letter);
            run_upper = b.is_ascii_uppercase();
        }
        let digit = b.is_ascii_digit();
        if digit && !prev_digit {
            digit_runs += 1;
        }
        prev_digit = digit;
    }
    let words = in_runs as f64 / alnum as f64;
    entropy >= 3.8 && words <= 0.6 && (digit_runs >= 2 || words <= 0.35)
}

pub fn check(texts: &[Text<'_>], diags: &mut Diagnostics) {
    for t in texts {
        if let Some(kind) = credential_kind(t.value) {
            diags.push(
                Diagnostic::error(
                    codes::PLAINTEXT_SECRET,
                    t.value.span,
                    format!("{} looks like it holds {kind}", t.what),
                )
                .label("value hidden: it looks like a credential")
                .hint(
                    "the topology holds references only: keep the value in OpenBao (or a Kubernetes Secret) \
                         and remove it here; if it was ever committed, rotate it",
                )
                .redacting(t.value.span),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::credential_kind;

    #[test]
    fn credentials_are_recognised() {
        assert_eq!(credential_kind("hvs.CAESIJ2x9kQk3mZ0b1X7fVnq8T4"), Some("an OpenBao/Vault service token"));
        assert_eq!(credential_kind("key AKIAIOSFODNN7EXAMPLE here"), Some("an AWS access key id"));
        assert_eq!(credential_kind("-----BEGIN RSA PRIVATE KEY-----\nMIIB"), Some("a PEM block"));
        assert_eq!(credential_kind("q2Xv8Jr0LkT+9bWz3yHnPu5Ad7sQfE1m"), Some("a long random token"));
        assert_eq!(credential_kind("5f4dcc3b5aa765d61d8327deb882cf99"), Some("a long random token"));
        assert_eq!(credential_kind("ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVwxyz"), Some("a GitHub token"));
    }

    #[test]
    fn ordinary_values_are_not_credentials() {
        for s in [
            "Runtime access for the Nexus server.",
            "https://oidc.hnmp.omantel.openova.io",
            "spiffe://demo.local/ns/99-apps/sa/backend",
            "secret/data/nexus/users/+/oauth/*",
            "123e4567-e89b-12d3-a456-426614174000",
            "MyVeryLongApplicationName2024",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "system:serviceaccount:external-secrets:external-secrets",
            "s.th. like this",
            "AzureKeyVaultName2024ProdWestEurope",
            "HetznerCloudFalkenstein1Zone2",
            "projects/my-project-123456/locations/global/keyRings/openbao",
        ] {
            assert_eq!(credential_kind(s), None, "{s}");
        }
    }
}
