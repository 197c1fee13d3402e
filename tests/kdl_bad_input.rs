//! Bad KDL input: syntax errors, wrong shapes and validation rules, each
//! asserting the exit code, the diagnostic code and the KDL `line:column`
//! of the offending token (and, where a YAML spelling exists, that YAML
//! gets the same code: one decoder, one set of rules).

use std::path::Path;
use std::process::Command;

struct Case {
    name: &'static str,
    kdl: &'static str,
    code: &'static str,
    line: u32,
    column: u32,
    /// The text the diagnostic must point at.
    token: &'static str,
    /// The same mistake in YAML, when it has one: must give the same code.
    yaml: Option<&'static str>,
}

fn run(dir: &Path, file: &str, text: &[u8]) -> (i32, serde_json::Value) {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sovc"))
        .args(["validate", "--format", "json"])
        .arg(&path)
        .output()
        .expect("run sovc");
    let code = out.status.code().expect("exit code");
    assert_ne!(code, 101, "sovc panicked on {file}: {}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null))
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = json["diagnostics"]
        .as_array()
        .map_or_else(Vec::new, |d| d.iter().map(|x| x["code"].as_str().unwrap_or_default().to_string()).collect());
    v.sort();
    v.dedup();
    v
}

fn cases() -> Vec<Case> {
    vec![
        // ---- KDL syntax (E0109) ----
        Case {
            name: "unquoted duration",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nsecret s namespace=n path=\"a/b\" refreshInterval=1h\n",
            code: "E0109",
            line: 4,
            column: 49,
            token: "1h",
            yaml: None,
        },
        Case {
            name: "KDL v1 boolean",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=true\n",
            code: "E0109",
            line: 3,
            column: 19,
            token: "true",
            yaml: None,
        },
        Case {
            name: "unquoted size in a nested section",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao {\n    storage size=10Gi\n}\nregion r1 primary=#true\n",
            code: "E0109",
            line: 4,
            column: 18,
            token: "10Gi",
            yaml: None,
        },
        Case {
            name: "unquoted chart version",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao {\n    chart version=0.29.2\n}\nregion r1 primary=#true\n",
            code: "E0109",
            line: 4,
            column: 19,
            token: "0.29.2",
            yaml: None,
        },
        Case {
            name: "string broken by a newline",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\npolicy p description=\"half\nrule \"secret/data/x\" read\n",
            code: "E0109",
            line: 4,
            column: 22,
            token: "\"half",
            yaml: None,
        },
        Case {
            name: "unclosed child block",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    provider hetzner\n",
            code: "E0109",
            line: 3,
            column: 25,
            token: "{",
            yaml: None,
        },
        Case {
            name: "stray closing brace",
            kdl: "sovereign acme\ndomain acme.example.com\n}\nregion r1 primary=#true\n",
            code: "E0109",
            line: 3,
            column: 1,
            token: "}",
            yaml: None,
        },
        // ---- reading ----
        Case {
            name: "only comments",
            kdl: "// nothing here\n/* nor here */\n",
            code: "E0104",
            line: 1,
            column: 1,
            token: "//",
            yaml: Some("# nothing here\n"),
        },
        // ---- shape: the decoder's codes at the KDL token ----
        Case {
            name: "unknown property",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primray=#true\n",
            code: "E0201",
            line: 3,
            column: 11,
            token: "primray",
            yaml: Some("sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primray: true}\n"),
        },
        Case {
            name: "unknown top-level node",
            kdl: "sovreign acme\ndomain acme.example.com\nregion r1 primary=#true\n",
            code: "E0201",
            line: 1,
            column: 1,
            token: "sovreign",
            yaml: Some("sovreign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\n"),
        },
        Case {
            name: "unknown field in a nested section",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=\"https://oidc.example.com\" audience=x\n}\n",
            code: "E0201",
            line: 4,
            column: 50,
            token: "audience",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - locationCode: r1\n    primary: true\n    kubernetes: {issuer: https://oidc.example.com, audience: x}\n",
            ),
        },
        Case {
            name: "property where a section is needed",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true kubernetes=\"https://oidc.example.com\"\n",
            code: "E0202",
            line: 3,
            column: 36,
            token: "\"https://oidc.example.com\"",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true, kubernetes: https://oidc.example.com}\n",
            ),
        },
        Case {
            name: "list field written as a property",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nsecret s namespace=n path=\"a/b\" keys=password\n",
            code: "E0202",
            line: 4,
            column: 38,
            token: "password",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\nsecrets:\n  - {name: s, namespace: n, path: a/b, keys: password}\n",
            ),
        },
        Case {
            name: "list field with a child block",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nsecret s namespace=n path=\"a/b\" {\n    keys password {\n        username\n    }\n}\n",
            code: "E0202",
            line: 6,
            column: 9,
            token: "username",
            yaml: None,
        },
        Case {
            name: "plural list node",
            kdl: "sovereign acme\ndomain acme.example.com\nregions {\n    region r1 primary=#true\n}\n",
            code: "E0201",
            line: 3,
            column: 1,
            token: "regions",
            yaml: None,
        },
        Case {
            name: "missing required field",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nsecret s path=\"a/b\"\n",
            code: "E0203",
            line: 4,
            column: 1,
            token: "secret",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\nsecrets:\n  - {name: s, path: a/b}\n",
            ),
        },
        Case {
            name: "string where an integer is needed",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao replicas=\"3\"\nregion r1 primary=#true\n",
            code: "E0202",
            line: 3,
            column: 18,
            token: "\"3\"",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nopenbao: {replicas: \"3\"}\nregions:\n  - {locationCode: r1, primary: true}\n",
            ),
        },
        Case {
            name: "replicas out of range",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao {\n    replicas 11\n}\nregion r1 primary=#true\n",
            code: "E0205",
            line: 4,
            column: 14,
            token: "11",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nopenbao: {replicas: 11}\nregions:\n  - {locationCode: r1, primary: true}\n",
            ),
        },
        Case {
            name: "property given twice",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true provider=a provider=b\n",
            code: "E0102",
            line: 3,
            column: 36,
            token: "provider=b",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true, provider: a, provider: b}\n",
            ),
        },
        Case {
            name: "property and child of the same name",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao kvMount=secret {\n    kvMount kv\n}\nregion r1 primary=#true\n",
            code: "E0102",
            line: 4,
            column: 5,
            token: "kvMount kv",
            yaml: None,
        },
        Case {
            name: "misspelt auth method",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nauthRole app method=kuberntes {\n    policies p\n}\n",
            code: "E0204",
            line: 4,
            column: 21,
            token: "kuberntes",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\nauthRoles:\n  - {name: app, method: kuberntes, policies: [p]}\n",
            ),
        },
        Case {
            name: "bad capability",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\npolicy p {\n    rule \"secret/data/app/*\" read fly\n}\n",
            code: "E0501",
            line: 5,
            column: 35,
            token: "fly",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\npolicies:\n  - name: p\n    rules: [{path: secret/data/app/*, capabilities: [read, fly]}]\n",
            ),
        },
        Case {
            name: "type annotation",
            kdl: "sovereign acme\ndomain acme.example.com\nopenbao replicas=(u8)3\nregion r1 primary=#true\n",
            code: "E0202",
            line: 3,
            column: 19,
            token: "u8",
            yaml: None,
        },
        Case {
            name: "second argument on an item",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 r2 primary=#true\n",
            code: "E0202",
            line: 3,
            column: 11,
            token: "r2",
            yaml: None,
        },
        Case {
            name: "argument on a section",
            kdl: "sovereign acme\ndomain acme.example.com\nflux \"./clusters\" interval=\"5m\"\nregion r1 primary=#true\n",
            code: "E0202",
            line: 3,
            column: 6,
            token: "\"./clusters\"",
            yaml: None,
        },
        Case {
            name: "boolean where a string is needed",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true provider=#true\n",
            code: "E0202",
            line: 3,
            column: 34,
            token: "#true",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true, provider: true}\n",
            ),
        },
        // ---- validation rules at the KDL token ----
        Case {
            name: "two primaries",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nregion r2 primary=#true\n",
            code: "E0402",
            line: 4,
            column: 19,
            token: "#true",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\n  - {locationCode: r2, primary: true}\n",
            ),
        },
        Case {
            name: "bad sovereign slug",
            kdl: "sovereign Acme_Corp\ndomain acme.example.com\nregion r1 primary=#true\n",
            code: "E0301",
            line: 1,
            column: 11,
            token: "Acme_Corp",
            yaml: Some(
                "sovereign: Acme_Corp\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\n",
            ),
        },
        Case {
            name: "bad DNS label as location code",
            kdl: "sovereign acme\ndomain acme.example.com\nregion EU_1 primary=#true\n",
            code: "E0302",
            line: 3,
            column: 8,
            token: "EU_1",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: EU_1, primary: true}\n",
            ),
        },
        Case {
            name: "domain that is not an FQDN",
            kdl: "sovereign acme\ndomain localhost\nregion r1 primary=#true\n",
            code: "E0304",
            line: 2,
            column: 8,
            token: "localhost",
            yaml: Some("sovereign: acme\ndomain: localhost\nregions:\n  - {locationCode: r1, primary: true}\n"),
        },
        Case {
            name: "duplicate location code",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nregion r1\n",
            code: "E0403",
            line: 4,
            column: 8,
            token: "r1",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\n  - {locationCode: r1}\n",
            ),
        },
        Case {
            name: "duplicate policy",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\npolicy p { rule \"secret/data/a\" read; }\npolicy p { rule \"secret/data/b\" read; }\n",
            code: "E0404",
            line: 5,
            column: 8,
            token: "p",
            yaml: None,
        },
        Case {
            name: "role names an unknown policy",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nauthRole app method=kubernetes {\n    policies app-read\n    kubernetes { serviceAccounts app; namespaces app; }\n}\n",
            code: "E0407",
            line: 5,
            column: 14,
            token: "app-read",
            yaml: None,
        },
        Case {
            name: "http issuer",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=\"http://x.example.com\"\n}\npolicy p {\n    rule \"secret/data/*/x\" read\n    rule \"secret/app\" read\n}\nsecret s namespace=n path=\"a/b\" {\n    regions nowhere\n}\n",
            code: "E0310",
            line: 4,
            column: 23,
            token: "\"http://",
            yaml: None,
        },
        Case {
            name: "`*` mid-path",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=\"http://x.example.com\"\n}\npolicy p {\n    rule \"secret/data/*/x\" read\n    rule \"secret/app\" read\n}\nsecret s namespace=n path=\"a/b\" {\n    regions nowhere\n}\n",
            code: "E0306",
            line: 7,
            column: 10,
            token: "\"secret/data/*/x",
            yaml: None,
        },
        Case {
            name: "KV v2 path without data/",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=\"http://x.example.com\"\n}\npolicy p {\n    rule \"secret/data/*/x\" read\n    rule \"secret/app\" read\n}\nsecret s namespace=n path=\"a/b\" {\n    regions nowhere\n}\n",
            code: "E0506",
            line: 8,
            column: 10,
            token: "\"secret/app",
            yaml: None,
        },
        Case {
            name: "unknown region",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=\"http://x.example.com\"\n}\npolicy p {\n    rule \"secret/data/*/x\" read\n    rule \"secret/app\" read\n}\nsecret s namespace=n path=\"a/b\" {\n    regions nowhere\n}\n",
            code: "E0408",
            line: 11,
            column: 13,
            token: "nowhere",
            yaml: None,
        },
        Case {
            name: "unknown lint code",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nlints { allow W9999; }\n",
            code: "E0805",
            line: 4,
            column: 15,
            token: "W9999",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\nlints: {allow: [W9999]}\n",
            ),
        },
        Case {
            name: "a URL left unquoted would lose its tail to a comment",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true {\n    kubernetes issuer=https://oidc.example.com\n}\n",
            code: "E0109",
            line: 4,
            column: 23,
            token: "https:",
            yaml: None,
        },
        // ---- plaintext credentials (E0601): a path is checked segment by segment ----
        Case {
            name: "GitHub token as a policy path segment",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\npolicy p {\n    rule \"secret/data/app/ghp_4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG\" read\n}\n",
            code: "E0601",
            line: 5,
            column: 10,
            token: "\"secr",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\npolicies:\n  - name: p\n    rules: [{path: secret/data/app/ghp_4f9Qx2LmZ8rT1vB7nK3pW6yH0cJ5dS9aE2uG, capabilities: [read]}]\n",
            ),
        },
        Case {
            name: "AWS key as a secret path segment",
            kdl: "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\nsecret s namespace=n path=\"app/AKIAIOSFODNN7EXAMPLE/config\"\n",
            code: "E0601",
            line: 4,
            column: 27,
            token: "\"app/",
            yaml: Some(
                "sovereign: acme\ndomain: acme.example.com\nregions:\n  - {locationCode: r1, primary: true}\nsecrets:\n  - {name: s, namespace: n, path: app/AKIAIOSFODNN7EXAMPLE/config}\n",
            ),
        },
    ]
}

/// Whether `shown` is the source `line` as a diagnostic of case `c` must
/// show it: as written, or for a credential (E0601) with the value after
/// its first four characters masked by `*` up to its closing quote.
fn shows(shown: &str, line: &str, c: &Case) -> bool {
    if c.code != "E0601" {
        return shown == line;
    }
    let from = c.column as usize - 1 + 4;
    let to = line[from..].find('"').map_or(line.len(), |i| from + i + 1);
    let masked = format!("{}{}{}", &line[..from], "*".repeat(to - from), &line[to..]);
    shown == masked
}

#[test]
fn bad_kdl_is_reported_with_codes_at_kdl_positions() {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases();
    assert!(cases.len() >= 25);
    let mut failures = Vec::new();
    for c in &cases {
        let (exit, json) = run(dir.path(), "bad.kdl", c.kdl.as_bytes());
        let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
        if exit != 1 {
            failures.push(format!("{}: exit {exit}, expected 1", c.name));
        }
        let hit = diags.iter().find(|d| d["code"] == c.code && d["line"] == c.line && d["column"] == c.column);
        match hit {
            None => failures.push(format!(
                "{}: no {} at {}:{}; got {:?}",
                c.name,
                c.code,
                c.line,
                c.column,
                diags
                    .iter()
                    .map(|d| format!("{} {}:{} {}", d["code"], d["line"], d["column"], d["message"]))
                    .collect::<Vec<_>>()
            )),
            Some(d) => {
                // The diagnostic shows the KDL source line and points at the token.
                let line = c.kdl.lines().nth(c.line as usize - 1).unwrap();
                let at: String = line.chars().skip(c.column as usize - 1).collect();
                if !shows(d["source_line"].as_str().unwrap_or_default(), line, c) {
                    failures.push(format!("{}: source line {:?}", c.name, d["source_line"]));
                }
                if !at.starts_with(c.token) {
                    failures.push(format!("{}: {}:{} is {at:?}, not {:?}", c.name, c.line, c.column, c.token));
                }
            }
        }
        if let Some(yaml) = c.yaml {
            let (yexit, yjson) = run(dir.path(), "bad.yaml", yaml.as_bytes());
            if yexit != exit || !codes(&yjson).contains(&c.code.to_string()) {
                failures.push(format!("{}: YAML gives exit {yexit} and {:?}", c.name, codes(&yjson)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kdl_syntax_errors_are_all_reported_with_the_parsers_help() {
    let dir = tempfile::tempdir().unwrap();
    // The parser recovers after a bad argument, so both of these are
    // reported in one run.
    let text = "sovereign acme\ndomain acme.example.com\nopenbao {\n    chart version 0.29.2\n}\nregion r1 primary=#true\nsecret s { refreshInterval 30m; }\n";
    let (exit, json) = run(dir.path(), "two.kdl", text.as_bytes());
    assert_eq!(exit, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    let at: Vec<(u64, u64)> =
        diags.iter().map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())).collect();
    assert_eq!(at, [(4, 19), (7, 28)], "{diags:#?}");
    for d in diags {
        assert_eq!(d["code"], "E0109");
        let hint = d["hint"].as_str().unwrap();
        assert!(hint.contains("value terminator"), "the kdl crate's help is kept: {hint}");
        assert!(hint.contains("quote"), "sovc's advice is added: {hint}");
    }
}

#[test]
fn every_bad_property_value_is_reported_in_one_run() {
    // The `kdl` parser stops at the first bad property value; sovc blanks
    // it and parses again (src/read/kdl/recover.rs), so every one is
    // reported, each at its own token, with the parser's help, and so is a
    // different error after them (here a bad argument, then an unclosed
    // block at the end).
    let dir = tempfile::tempdir().unwrap();
    let text = "sovereign acme\ndomain acme.example.com\nopenbao {\n    chart version=0.29.2\n    storage size=10Gi class=fast\n}\n\
                region r1 primary=#yes\nregion r2 {\n    kubernetes issuer=\"https://oidc.example.com\"\n}\n\
                secret s namespace=n path=\"a/b\" refreshInterval=1h\nsecret t namespace=n path=\"c/d\" {\n    keys 1a\n}\n\
                policy p {\n";
    let (exit, json) = run(dir.path(), "many.kdl", text.as_bytes());
    assert_eq!(exit, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    let at: Vec<(u64, u64, String)> = diags
        .iter()
        .map(|d| {
            let (line, column) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            let token: String =
                text.lines().nth(line as usize - 1).unwrap().chars().skip(column as usize - 1).collect();
            (line, column, token.split_whitespace().next().unwrap_or_default().to_string())
        })
        .collect();
    // (The unclosed block gets two of the parser's messages.)
    let mut tokens: Vec<(u64, u64, &str)> = at.iter().map(|(l, c, t)| (*l, *c, t.as_str())).collect();
    tokens.dedup();
    assert_eq!(
        tokens,
        [(4, 19, "0.29.2"), (5, 18, "10Gi"), (7, 19, "#yes"), (11, 49, "1h"), (13, 10, "1a"), (15, 10, "{")],
        "{diags:#?}"
    );
    for d in diags {
        assert_eq!(d["code"], "E0109");
        assert!(!d["hint"].as_str().unwrap().is_empty());
    }
    // Quoting the values leaves only the unclosed block: the placeholders
    // sovc parses with never stand for a value that was right.
    let fixed = text
        .replace("0.29.2", "\"0.29.2\"")
        .replace("10Gi", "\"10Gi\"")
        .replace("#yes", "#true")
        .replace("=1h", "=\"1h\"")
        .replace("keys 1a", "keys a1");
    let (_, json) = run(dir.path(), "fixed.kdl", fixed.as_bytes());
    let mut left: Vec<(u64, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    left.dedup();
    assert_eq!(left, [(15, 10)], "{json:#}");
}

#[test]
fn hints_are_spelt_in_kdl_for_kdl_input() {
    let dir = tempfile::tempdir().unwrap();
    let (_, json) = run(dir.path(), "np.kdl", b"sovereign acme\ndomain acme.example.com\nregion r1\n");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E0401");
    let hint = d["hint"].as_str().unwrap();
    assert!(hint.contains("`primary=#true`") && !hint.contains("primary: true"), "{hint}");
}

#[test]
fn hostile_kdl_is_stopped_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("sovereign acme\n{}{}\n", "a {".repeat(100_000), "}".repeat(100_000));
    let (exit, json) = run(dir.path(), "deep.kdl", deep.as_bytes());
    assert_eq!((exit, codes(&json)), (1, vec!["E0105".to_string()]));
    let (exit, json) = run(dir.path(), "bin.kdl", b"sovereign \xff\xfe\n");
    assert_eq!((exit, codes(&json)), (1, vec!["E0108".to_string()]));
    for garbage in ["{{{{", "\"", "#\"", "/*", "a=b=c", "(t)", "\u{feff}sovereign x", "r#\"x\"#", "-", "a \\"] {
        let (exit, _) = run(dir.path(), "g.kdl", garbage.as_bytes());
        assert_eq!(exit, 1, "{garbage:?}");
    }
}

#[test]
fn mutated_examples_never_panic_and_always_locate_their_errors() {
    // Deterministic mutations of a real topology: each byte position gets a
    // deletion and insertions of KDL's structural characters.
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/single-region.kdl")).unwrap();
    let inserts: &[&[u8]] = &[b"{", b"}", b"\"", b"=", b"#", b"/*", b"(", b" 1x", b";", b"\\", b"\xc3"];
    let mut runs = 0;
    for i in (0..text.len()).step_by(7) {
        let mut variants = vec![[&text[..i], &text[i + 1..]].concat()];
        for ins in inserts {
            variants.push([&text[..i], ins, &text[i..]].concat());
        }
        for v in variants {
            let loaded = sovc::pipeline::load_bytes("m.kdl", &v, sovc::read::InputFormat::Kdl, Path::new("."));
            runs += 1;
            for d in loaded.diagnostics.iter() {
                let sp = d.primary.span;
                assert!(sp.offset + sp.len <= loaded.source.text.len(), "span outside the text at mutation {i}");
                if sp.is_real() {
                    assert!(
                        sp.line as usize <= loaded.source.text.lines().count().max(1),
                        "{}: line {}",
                        d.code,
                        sp.line
                    );
                }
            }
        }
    }
    assert!(runs > 1000);
}

#[test]
fn warnings_point_at_kdl_tokens_and_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    let text = "sovereign acme\ndomain acme.example.com\nregion r1 primary=#true\npolicy p { rule \"secret/data/app/*\" read; }\nauthRole a method=kubernetes {\n    policies p\n    kubernetes { serviceAccounts \"*\"; namespaces app; }\n}\n";
    let (exit, json) = run(dir.path(), "warn.kdl", text.as_bytes());
    assert_eq!(exit, 0, "{json:#}");
    let w = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "W0905").expect("W0905");
    assert_eq!((w["line"].as_u64(), w["column"].as_u64()), (Some(7), Some(34)), "{w:#}");
    assert_eq!(w["source_line"], "    kubernetes { serviceAccounts \"*\"; namespaces app; }");
    // The hint's silencing advice is spelt in KDL.
    assert!(w["hint"].as_str().unwrap().contains("`allowLints W0905`"), "{w:#}");
}
