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
///
/// A token holding `/` (a policy path, a secret's KV path, a file path, a
/// URL's path) is also checked segment by segment: `secret/data/AKIA…/*`
/// as a whole starts with `secret` and has the statistics of words, but
/// its third segment is an AWS key. A known shape (a prefix, a JWT) wins
/// over "random", in the token or a segment.
///
/// Whether the token as a whole looks random is asked only when it is not
/// a path (see [`path_like`]): base64, whose alphabet holds `/`, is one
/// string, but the lower-case words of a path must not lend their case to
/// an upper-case id in another segment (an EKS issuer's
/// `amazonaws.com/id/A1B2…` is not a credential).
pub fn credential_kind(s: &str) -> Option<&'static str> {
    if s.contains("-----BEGIN") || s.contains("PRIVATE KEY-----") {
        return Some("a PEM block");
    }
    let tokens = s.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '/' | '=' | '.' | '-')));
    tokens.filter(|t| !t.is_empty()).find_map(|token| {
        let segments = || token.split('/').filter(|s| !s.is_empty());
        known_shape(token).or_else(|| segments().find_map(known_shape)).or_else(|| {
            let random = if path_like(token) { segments().any(random_token) } else { random_token(token) };
            random.then_some("a long random token")
        })
    })
}

/// A `/`-separated token with at least one segment that is a plain name
/// (three or more lower-case letters, digits, `.`, `-`, `_`, starting with
/// a letter: `secret`, `data`, `oidc.example.com`): a path, not base64.
fn path_like(token: &str) -> bool {
    token.contains('/')
        && token.split('/').any(|s| {
            s.len() >= 3
                && s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
        })
}

/// A token with a well-known credential prefix, or a JWT.
fn known_shape(token: &str) -> Option<&'static str> {
    for (prefix, min, what) in PREFIXES {
        if let Some(rest) = token.strip_prefix(prefix)
            && rest.len() >= *min
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && rest.bytes().any(|b| b.is_ascii_digit())
        {
            return Some(what);
        }
    }
    (token.starts_with("eyJ") && token.split('.').filter(|p| p.len() >= 10).count() >= 3).then_some("a JWT")
}

/// A token of which some `.`/`:`/`-` separated part looks random.
fn random_token(token: &str) -> bool {
    token.split(['.', ':', '-']).any(random_looking)
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
    fn credentials_as_path_segments_are_recognised() {
        for (s, kind) in [
            ("secret/data/app/ghp_4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG", "a GitHub token"),
            ("secret/data/AKIAIOSFODNN7EXAMPLE/*", "an AWS access key id"),
            ("app/glpat-x8Kq2mZ9rT4vB7nW3pY6", "a GitLab token"),
            ("/etc/ca/hvs.CAESIJ2x9kQk3mZ0b1X7fVnq8T4/ca.pem", "an OpenBao/Vault service token"),
            ("https://issuer.example.com/xoxb-1234567890-abcdefghij/keys", "a Slack token"),
            ("secret/data/q2Xv8Jr0LkT9bWz3yHnPu5Ad7sQfE1m/*", "a long random token"),
            // Base64 (an AWS secret access key) holds `/` and is one string.
            ("Zq3Lm8Rt/Xv2Kp9Wb4Nc7/Hy5Jd1Fs6Ga0Te", "a long random token"),
        ] {
            assert_eq!(credential_kind(s), Some(kind), "{s}");
        }
        // A known shape in a segment wins over the whole looking random.
        assert_eq!(
            credential_kind("kv/ghp_4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG/q2Xv8Jr0LkT9bWz3yHnPu5Ad7sQfE1m"),
            Some("a GitHub token")
        );
    }

    #[test]
    fn ordinary_paths_are_not_credentials() {
        for s in [
            "secret/data/nexus/users/+/oauth/*",
            "nexus/users/+/oauth/*",
            "ci-deployer",
            "secret/data/ci-deployer/github",
            "sys/policies/acl/app-read",
            "auth/kubernetes-eu1/role/external-secrets-reader",
            "databases/db-credentials",
            "transit/keys/autounseal",
            "clusters/hz-fsn1/openbao",
            "./certs/spire-ca.pem",
            "oci://ghcr.io/openbao/charts",
            "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
            "projects/my-project-123456/locations/global/keyRings/openbao/cryptoKeys/unseal",
            "secret/data/tenants/123e4567-e89b-12d3-a456-426614174000/*",
            "https://oidc.eks.us-west-2.amazonaws.com/id/A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6",
        ] {
            assert_eq!(credential_kind(s), None, "{s}");
        }
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
