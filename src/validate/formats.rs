//! Format rules: durations, storage sizes, the chart version, URLs, CIDR
//! blocks, OpenBao replica counts and the Flux path.

use crate::diag::{Diagnostic, Diagnostics, Sp, codes};
use crate::model::{Seal, SealType, Storage, Topology};

pub fn check(t: &Topology, diags: &mut Diagnostics) {
    let o = &t.openbao;
    chart_repository(&o.chart.repository, diags);
    chart_version(&o.chart.version, diags);
    storage(&o.storage, diags);
    replicas(&o.replicas, diags);
    seal_address(&o.seal, diags);
    positive_duration(&t.replication.interval, "replication.interval", diags);
    positive_duration(&t.flux.interval, "flux.interval", diags);
    flux_path(&t.flux.path, diags);
    for r in &t.regions {
        if let Some(issuer) = r.kubernetes.as_ref().and_then(|k| k.issuer.as_ref()) {
            https_url(issuer, "the cluster's service-account issuer", diags);
        }
        if let Some(o) = &r.openbao {
            if let Some(n) = &o.replicas {
                replicas(n, diags);
            }
            if let Some(size) = o.storage.as_ref().and_then(|s| s.size.as_ref()) {
                storage_size(size, diags);
            }
            if let Some(s) = &o.seal {
                seal_address(s, diags);
            }
        }
    }
    for role in &t.auth_roles {
        for d in [&role.token_ttl, &role.token_max_ttl].into_iter().flatten() {
            duration(d, diags);
        }
        if let Some(a) = &role.approle {
            if let Some(d) = &a.secret_id_ttl {
                duration(d, diags);
            }
            for c in a.secret_id_bound_cidrs.iter().chain(&a.token_bound_cidrs) {
                cidr(c, diags);
            }
        }
        if let Some(j) = &role.jwt {
            https_url(&j.oidc_discovery_url, "an OIDC discovery URL", diags);
            if j.oidc_discovery_url.contains("/.well-known/") {
                let base = j.oidc_discovery_url.split("/.well-known/").next().unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        codes::INVALID_URL,
                        j.oidc_discovery_url.span,
                        "the OIDC discovery URL includes the `/.well-known/` document",
                    )
                    .label("OpenBao appends /.well-known/openid-configuration itself")
                    .hint(format!("did you mean `{base}`?")),
                );
            }
        }
    }
    for s in &t.secrets {
        duration(&s.refresh_interval, diags);
    }
}

/// Parses a Go-style duration (`90s`, `1h30m`, `1.5h`, `250ms`, `0`) into
/// milliseconds. Flux, ESO and OpenBao all accept this form.
pub fn parse_duration(s: &str) -> Option<u128> {
    if s == "0" {
        return Some(0);
    }
    let mut rest = s;
    let mut total: f64 = 0.0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num.starts_with('.') || num.ends_with('.') || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[num_len..];
        let (factor, unit_len) = if rest.starts_with("ms") {
            (1.0, 2)
        } else if rest.starts_with('s') {
            (1e3, 1)
        } else if rest.starts_with('m') {
            (60e3, 1)
        } else if rest.starts_with('h') {
            (3600e3, 1)
        } else {
            return None;
        };
        rest = &rest[unit_len..];
        total += value * factor;
    }
    (total.is_finite() && total < 1e15).then_some(total as u128)
}

fn duration_hint(s: &str) -> String {
    let t = s.trim().to_ascii_lowercase();
    if let Some(days) = t.strip_suffix('d').and_then(|n| n.parse::<u64>().ok()) {
        return format!("durations have no `d` unit: did you mean `{}h`?", days * 24);
    }
    let compact: String = t.split_whitespace().collect();
    for (long, short) in [
        ("hours", "h"),
        ("hour", "h"),
        ("minutes", "m"),
        ("minute", "m"),
        ("min", "m"),
        ("seconds", "s"),
        ("second", "s"),
        ("sec", "s"),
    ] {
        if let Some(n) = compact.strip_suffix(long)
            && parse_duration(&format!("{n}{short}")).is_some()
        {
            return format!("did you mean `{n}{short}`?");
        }
    }
    if parse_duration(&compact).is_some() {
        return format!("did you mean `{compact}`?");
    }
    if t.parse::<u64>().is_ok() {
        return format!("give a unit: did you mean `{t}s`?");
    }
    "write a duration such as 30s, 10m, 1h or 1h30m (units ms, s, m, h)".to_string()
}

fn duration(s: &Sp<String>, diags: &mut Diagnostics) -> Option<u128> {
    if !s.span.is_real() {
        return parse_duration(s);
    }
    let parsed = parse_duration(s);
    if parsed.is_none() {
        diags.push(
            Diagnostic::error(codes::INVALID_DURATION, s.span, format!("`{}` is not a duration", s.as_str()))
                .label("expected a duration such as 1h or 30m")
                .hint(duration_hint(s)),
        );
    }
    parsed
}

fn positive_duration(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    if duration(s, diags) == Some(0) {
        diags.push(
            Diagnostic::error(codes::INVALID_DURATION, s.span, format!("`{what}` must be longer than zero"))
                .label("a zero interval never reconciles")
                .hint("use an interval such as 1m or 10m"),
        );
    }
}

/// A Kubernetes quantity for a volume: a positive number with an optional
/// binary or decimal suffix.
fn is_quantity(s: &str) -> bool {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    let number_ok = !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.matches('.').count() <= 1
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    number_ok && ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"].contains(&suffix)
}

fn storage(s: &Storage, diags: &mut Diagnostics) {
    storage_size(&s.size, diags);
}

fn storage_size(size: &Sp<String>, diags: &mut Diagnostics) {
    if !size.span.is_real() || is_quantity(size) {
        return;
    }
    let t = size.trim();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ').trim();
    let unit = t[digits.len()..].trim().to_ascii_lowercase();
    let fixed = match unit.as_str() {
        "ki" | "kib" | "kb" => Some("Ki"),
        "mi" | "mib" | "mb" => Some("Mi"),
        "gi" | "gib" | "gb" | "g" => Some("Gi"),
        "ti" | "tib" | "tb" | "t" => Some("Ti"),
        _ => None,
    };
    let hint = match fixed {
        Some(u) if is_quantity(&format!("{digits}{u}")) => format!("did you mean `{digits}{u}`?"),
        _ => "write a positive Kubernetes quantity such as 10Gi or 500Mi".to_string(),
    };
    diags.push(
        Diagnostic::error(codes::INVALID_SIZE, size.span, format!("`{}` is not a storage size", size.as_str()))
            .label("not a Kubernetes quantity")
            .hint(hint),
    );
}

fn replicas(n: &Sp<u32>, diags: &mut Diagnostics) {
    if n.span.is_real() && n.value % 2 == 0 {
        diags.push(
            Diagnostic::error(
                codes::REPLICAS,
                n.span,
                format!("{} OpenBao replicas cannot keep a Raft quorum well", n.value),
            )
            .label("an even number of voters")
            .hint(if n.value > 2 {
                format!(
                    "Raft tolerates as many failures with {} voters as with {}: use {} or {}",
                    n.value,
                    n.value - 1,
                    n.value - 1,
                    n.value + 1
                )
            } else {
                "2 voters tolerate no failure, like 1: use 3".to_string()
            }),
        );
    }
}

fn chart_version(v: &Sp<String>, diags: &mut Diagnostics) {
    if !v.span.is_real() || semver::Version::parse(v).is_ok() {
        return;
    }
    let stripped = v.trim().trim_start_matches('v');
    let hint = if semver::Version::parse(stripped).is_ok() {
        format!("did you mean `{stripped}`?")
    } else {
        "give the exact chart version, e.g. 0.29.2 (quote it if YAML reads it as a number)".to_string()
    };
    diags.push(
        Diagnostic::error(codes::INVALID_VERSION, v.span, format!("`{}` is not a semantic version", v.as_str()))
            .label("not MAJOR.MINOR.PATCH")
            .hint(hint),
    );
}

/// Why `url` is not a clean `scheme://host[:port][/path]` URL, if it is not.
fn url_problem(url: &str, schemes: &[&str]) -> Option<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(format!("it has no scheme; it must start with {}", schemes.join(" or ")));
    };
    if !schemes.iter().any(|s| s.trim_end_matches("://") == scheme) {
        return Some(format!("`{scheme}://` is not allowed here; use {}", schemes.join(" or ")));
    }
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    if authority.contains('@') {
        return Some("it holds user information (`user@`); credentials never go in the topology".to_string());
    }
    let (host, port) = if authority.starts_with('[') {
        match authority.split_once(']') {
            Some((h, rest)) => (&authority[..h.len() + 1], rest.strip_prefix(':')),
            None => (authority, None),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if let Some(port) = port
        && port.parse::<u16>().map_or(true, |p| p == 0)
    {
        return Some(format!("`{port}` is not a port"));
    }
    let host_ok = if let Some(ip6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        ip6.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        host.parse::<std::net::Ipv4Addr>().is_ok() || super::names::is_dns_subdomain(&host.to_ascii_lowercase())
    };
    if !host_ok {
        return Some(format!("`{host}` is not a host name"));
    }
    if path.contains(['?', '#']) {
        return Some("it has a query or fragment".to_string());
    }
    if !path.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%:@!$&()*+,;=".contains(&b)) {
        return Some("its path holds characters that must be percent-encoded".to_string());
    }
    None
}

fn url(s: &Sp<String>, what: &str, schemes: &[&str], example: &str, diags: &mut Diagnostics) {
    if !s.span.is_real() {
        return;
    }
    if let Some(problem) = url_problem(s, schemes) {
        let hint = if !s.contains("://") && super::names::is_dns_subdomain(s.split('/').next().unwrap_or_default()) {
            format!("did you mean `{}{}`?", schemes[0], s.as_str())
        } else if let Some(rest) = s.strip_prefix("http://")
            && schemes == ["https://"]
        {
            format!("OpenBao and ESO require TLS here: did you mean `https://{rest}`?")
        } else {
            format!("write {what} such as {example}")
        };
        diags.push(
            Diagnostic::error(
                codes::INVALID_URL,
                s.span,
                format!("`{}` is not a valid URL for {what}: {problem}", s.as_str()),
            )
            .label("not a usable URL")
            .hint(hint),
        );
    }
}

fn https_url(s: &Sp<String>, what: &str, diags: &mut Diagnostics) {
    url(s, what, &["https://"], "https://oidc.example.com", diags);
}

fn chart_repository(s: &Sp<String>, diags: &mut Diagnostics) {
    url(s, "a chart repository", &["https://", "oci://"], "https://openbao.github.io/openbao-helm", diags);
}

fn seal_address(s: &Seal, diags: &mut Diagnostics) {
    if let (SealType::Transit, Some(a)) = (s.kind.value, &s.address) {
        url(a, "a transit seal address", &["https://", "http://"], "https://vault.example.com:8200", diags);
    }
}

fn cidr(s: &Sp<String>, diags: &mut Diagnostics) {
    let ok = s.split_once('/').is_some_and(|(ip, len)| match (ip.parse::<std::net::IpAddr>(), len.parse::<u8>()) {
        (Ok(std::net::IpAddr::V4(_)), Ok(n)) => n <= 32 && !len.starts_with('+'),
        (Ok(std::net::IpAddr::V6(_)), Ok(n)) => n <= 128 && !len.starts_with('+'),
        _ => false,
    });
    if !ok {
        let hint = match s.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(_)) => {
                format!("a single address is a /32 block: did you mean `{}/32`?", s.as_str())
            }
            Ok(std::net::IpAddr::V6(_)) => {
                format!("a single address is a /128 block: did you mean `{}/128`?", s.as_str())
            }
            Err(_) => "write an address block such as 10.0.0.0/16 or fd00::/8".to_string(),
        };
        diags.push(
            Diagnostic::error(codes::INVALID_CIDR, s.span, format!("`{}` is not a CIDR block", s.as_str()))
                .label("expected ADDRESS/PREFIX")
                .hint(hint),
        );
    }
}

/// `flux.path`: a clean path inside the Git repository (`./clusters`).
fn flux_path(s: &Sp<String>, diags: &mut Diagnostics) {
    if !s.span.is_real() {
        return;
    }
    let body = s.strip_prefix("./").unwrap_or(s);
    let problem = if s.starts_with('/') {
        Some("it is absolute; Flux paths are relative to the repository root")
    } else if body.is_empty() {
        None
    } else if body.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        Some("it has empty, `.` or `..` segments")
    } else if !body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/')) {
        Some("it holds characters other than letters, digits, `-`, `_`, `.` and `/`")
    } else {
        None
    };
    if let Some(problem) = problem {
        let cleaned: Vec<&str> = s.split('/').filter(|seg| !seg.is_empty() && *seg != "." && *seg != "..").collect();
        let hint = if cleaned.is_empty() {
            "write a folder relative to the repository root, e.g. ./clusters".to_string()
        } else {
            format!("did you mean `./{}`?", cleaned.join("/"))
        };
        diags.push(
            Diagnostic::error(
                codes::INVALID_REPO_PATH,
                s.span,
                format!("`{}` is not a usable flux.path: {problem}", s.as_str()),
            )
            .label("not a clean repository-relative folder")
            .hint(hint),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_go() {
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("250ms"), Some(250));
        assert_eq!(parse_duration("1.5h"), Some(5_400_000));
        assert_eq!(parse_duration("0"), Some(0));
        for bad in ["", "1d", "h", "1", "1 h", "-1h", "1.h", ".5h", "1hm"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(duration_hint("2d"), "durations have no `d` unit: did you mean `48h`?");
        assert_eq!(duration_hint("30 min"), "did you mean `30m`?");
    }

    #[test]
    fn quantities_and_urls() {
        assert!(is_quantity("10Gi") && is_quantity("1.5Ti") && is_quantity("500M"));
        assert!(!is_quantity("0Gi") && !is_quantity("10GB") && !is_quantity("Gi") && !is_quantity("1..2Gi"));
        assert_eq!(url_problem("https://oidc.example.com", &["https://"]), None);
        assert_eq!(url_problem("https://[fd00::1]:8443/x", &["https://"]), None);
        assert_eq!(url_problem("https://10.0.0.1:8200", &["https://"]), None);
        assert!(url_problem("https://user:pw@h.example", &["https://"]).is_some());
        assert!(url_problem("http://h.example", &["https://"]).is_some());
        assert!(url_problem("https://h.example/a b", &["https://"]).is_some());
        assert!(url_problem("https://h.example:0", &["https://"]).is_some());
    }
}
