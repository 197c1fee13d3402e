//! A topology value full of YAML and HCL metacharacters — quotes, `#`,
//! `: `, braces, brackets, anchors, tags, block indicators, backslashes,
//! newlines, document markers, NEL/LS — cannot change the structure of any
//! generated file: each file parses, has the same shape (keys, list
//! lengths, block kinds, value types) as with a plain value, and the value
//! reads back intact. What cannot be written safely (`${` in HCL, the
//! chart's `sed` words, a name that would be a path) is refused.
//!
//! The values are put into the model directly, past validation, so these
//! tests hold for the renderer alone, whatever validation lets through.

mod emit_common;
use emit_common as common;

use hcl::{Body, Expression, Structure};
use serde_json::{Value, json};
use sovc::diag::Sp;
use sovc::model::{SealType, Topology};
use sovc::output::OutputFile;
use std::collections::BTreeMap;

/// Everything YAML or HCL v1 could read as structure. (`%{` is left out:
/// plain text for OpenBao's HCL v1, a template directive for the HCL2
/// parser these tests use; `${` is tested apart, it is refused.)
const NASTY: &str = "q\"uo'te #hash: colon {brace} {{tpl}} [br] &anc *ali !tag |pipe >fold @at `bt` \\back\\\\slash\n\
                     new: line\n- item\n---\n...\nend\ttab\r\u{85}nel\u{2028}ls // /* c */ <<EOT\n";
const PLAIN: &str = "plainvalue";

type Mutator = fn(&mut Topology, &str);

fn s(v: &str) -> Sp<String> {
    Sp::synthetic(v.to_string(), Default::default())
}

/// Every free-text field that reaches the output and is not a file name.
fn mutators() -> Vec<(&'static str, Mutator)> {
    vec![
        ("policies[].description", |t, v| t.policies[0].description = Some(s(v))),
        ("policies[].rules[].path", |t, v| t.policies[0].rules[0].path = s(v)),
        ("secrets[].path", |t, v| t.secrets.iter_mut().for_each(|x| x.path = s(v))),
        ("secrets[].keys", |t, v| t.secrets[0].keys = Some(vec![s(v), s("other")])),
        ("secrets[].namespace", |t, v| t.secrets[0].namespace = s(v)),
        ("secrets[].refreshInterval", |t, v| t.secrets[0].refresh_interval = s(v)),
        ("openbao.namespace", |t, v| t.openbao.namespace = s(v)),
        ("openbao.kvMount", |t, v| t.openbao.kv_mount = s(v)),
        ("openbao.storage.size", |t, v| t.openbao.storage.size = s(v)),
        ("openbao.storage.class", |t, v| t.openbao.storage.class = Some(s(v))),
        ("openbao.ingressClassName", |t, v| t.openbao.ingress_class_name = Some(s(v))),
        ("openbao.ingressAnnotations (value)", |t, v| {
            t.openbao.ingress_annotations.insert(s("example.com/note"), s(v));
        }),
        ("openbao.chart.repository", |t, v| t.openbao.chart.repository = s(v)),
        ("openbao.chart.version", |t, v| t.openbao.chart.version = s(v)),
        ("openbao.seal (transit)", |t, v| {
            t.openbao.seal.kind.value = SealType::Transit;
            t.openbao.seal.address = Some(s(v));
            t.openbao.seal.key_name = Some(s(v));
            t.openbao.seal.mount_path = Some(s(v));
            t.openbao.seal.secret_name = Some(s(v));
        }),
        ("openbao.seal (static)", |t, v| {
            t.openbao.seal.kind.value = SealType::Static;
            t.openbao.seal.key_id = Some(s(v));
        }),
        ("openbao.seal (gcpckms)", |t, v| {
            t.openbao.seal.kind.value = SealType::GcpCkms;
            t.openbao.seal.project = Some(s(v));
            t.openbao.seal.region = Some(s(v));
            t.openbao.seal.key_ring = Some(s(v));
            t.openbao.seal.key = Some(s(v));
        }),
        ("domain", |t, v| t.domain = s(v)),
        ("externalSecrets.namespace", |t, v| t.external_secrets.namespace = s(v)),
        ("externalSecrets.serviceAccount", |t, v| t.external_secrets.service_account = s(v)),
        ("externalSecrets.readerRole", |t, v| t.external_secrets.reader_role = Some(s(v))),
        ("externalSecrets.pusherRole", |t, v| t.external_secrets.pusher_role = Some(s(v))),
        ("replication.interval", |t, v| t.replication.interval = s(v)),
        ("flux.path", |t, v| t.flux.path = s(v)),
        ("flux.interval", |t, v| t.flux.interval = s(v)),
        ("flux.sourceRef.name", |t, v| t.flux.source_ref.name = s(v)),
        ("flux.externalSecretsKustomization", |t, v| t.flux.external_secrets_kustomization = s(v)),
    ]
}

/// A value's shape: strings become "", every key, length and type stays.
fn shape(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(""),
        Value::Array(a) => Value::Array(a.iter().map(shape).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        other => other.clone(),
    }
}

/// Strings of a YAML value, keys included.
fn leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            leaves(x, out)
        }),
        _ => {}
    }
}

/// An HCL body's shape, plus its string values (labels included).
fn hcl_shape(body: &Body, strings: &mut Vec<String>) -> Value {
    fn expr(e: &Expression, strings: &mut Vec<String>) -> Value {
        match e {
            Expression::String(s) => {
                strings.push(s.clone());
                json!("string")
            }
            Expression::Array(items) => Value::Array(items.iter().map(|i| expr(i, strings)).collect()),
            Expression::Bool(b) => json!(b),
            Expression::Number(n) => json!(n.to_string()),
            other => json!(format!("expression {other:?}")),
        }
    }
    Value::Array(
        body.iter()
            .map(|st| match st {
                Structure::Attribute(a) => json!({"attr": a.key(), "value": expr(a.expr(), strings)}),
                Structure::Block(b) => {
                    for l in b.labels() {
                        strings.push(l.as_str().to_string());
                    }
                    json!({"block": b.identifier(), "labels": b.labels().len(), "body": hcl_shape(b.body(), strings)})
                }
            })
            .collect(),
    )
}

/// A POSIX shell script's shape: its words (single-quoted, double-quoted
/// and bare parts of one word joined), comments, line ends and heredoc
/// bodies (`SOVC_JSON` bodies parsed as JSON, `SOVC_POLICY` as HCL), with
/// the words and JSON strings collected. A value that escaped its quotes
/// would add or merge words, lines or comments.
fn sh_shape(path: &str, text: &str, strings: &mut Vec<String>) -> Value {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut word, mut in_word) = (0, String::new(), false);
    // Whether the current word began with unquoted text (a heredoc marker does).
    let mut bare_start = false;
    let mut heredocs: Vec<String> = Vec::new();
    let end_word = |word: &mut String, in_word: &mut bool, out: &mut Vec<Value>, strings: &mut Vec<String>| {
        if *in_word {
            out.push(json!("w"));
            strings.push(std::mem::take(word));
            *in_word = false;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' => {
                let close = chars[i + 1..].iter().position(|&x| x == '\'').unwrap_or_else(|| panic!("{path}: open '"));
                word.extend(&chars[i + 1..i + 1 + close]);
                bare_start &= in_word;
                in_word = true;
                i += close + 2;
            }
            '"' => {
                let mut j = i + 1;
                while chars[j] != '"' {
                    if chars[j] == '\\' {
                        j += 1;
                    }
                    word.push(chars[j]);
                    j += 1;
                }
                bare_start &= in_word;
                in_word = true;
                i = j + 1;
            }
            '\\' => {
                // An escaped character outside quotes (`'\''` ends, escapes
                // and reopens a single-quoted string).
                bare_start |= !in_word;
                word.push(chars[i + 1]);
                in_word = true;
                i += 2;
            }
            '#' if !in_word => {
                let end = chars[i..].iter().position(|&x| x == '\n').map_or(chars.len(), |p| i + p);
                out.push(json!("comment"));
                i = end;
            }
            ' ' | '\t' => {
                end_word(&mut word, &mut in_word, &mut out, strings);
                i += 1;
            }
            '\n' => {
                if in_word && bare_start && word.starts_with("<<") {
                    heredocs.push(word.trim_start_matches("<<").to_string());
                }
                end_word(&mut word, &mut in_word, &mut out, strings);
                out.push(json!("nl"));
                i += 1;
                for delim in std::mem::take(&mut heredocs) {
                    let rest: String = chars[i..].iter().collect();
                    let end = rest.find(&format!("\n{delim}\n")).unwrap_or_else(|| panic!("{path}: heredoc {delim}"));
                    let body = &rest[..end + 1];
                    let parsed = if delim == "SOVC_JSON" {
                        let v: Value =
                            serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: JSON: {e}\n{body}"));
                        leaves(&v, strings);
                        shape(&v)
                    } else {
                        let b = hcl::parse(body).unwrap_or_else(|e| panic!("{path}: HCL: {e}\n{body}"));
                        hcl_shape(&b, strings)
                    };
                    out.push(json!({ "heredoc": delim, "body": parsed }));
                    i += rest[..end + 1 + delim.len() + 1].chars().count();
                }
            }
            c => {
                bare_start |= !in_word;
                word.push(c);
                in_word = true;
                i += 1;
            }
        }
    }
    end_word(&mut word, &mut in_word, &mut out, strings);
    Value::Array(out)
}

/// A file's shape (per document; the OpenBao server configuration inside
/// values.yaml parsed as HCL too) and every string it holds.
fn file_shape(f: &OutputFile) -> (Value, Vec<String>) {
    let mut strings = Vec::new();
    if f.path.ends_with(".md") {
        return (markdown_shape(&f.contents, &mut strings), strings);
    }
    if f.path.ends_with(".sh") {
        return (sh_shape(&f.path, &f.contents, &mut strings), strings);
    }
    if f.path.ends_with(".hcl") {
        let body = hcl::parse(&f.contents).unwrap_or_else(|e| panic!("{}: HCL: {e}\n{}", f.path, f.contents));
        return (hcl_shape(&body, &mut strings), strings);
    }
    let docs = common::yaml_docs(&f.contents).unwrap_or_else(|e| panic!("{}: YAML: {e}\n{}", f.path, f.contents));
    let mut shapes: Vec<Value> = docs.iter().map(shape).collect();
    for d in &docs {
        leaves(d, &mut strings);
    }
    if f.path.ends_with("/sovc-self-init.yaml") {
        // The self-initialisation stanza and its selector script.
        let data = &docs[0]["data"];
        let body = hcl::parse(data["self-init.hcl"].as_str().unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        shapes.push(hcl_shape(&body, &mut strings));
        shapes.push(sh_shape(&f.path, data["select.sh"].as_str().unwrap(), &mut strings));
    }
    if f.path.ends_with("/values.yaml") {
        let config = docs[0]["server"]["ha"]["raft"]["config"].as_str().unwrap().replace("{{ \"{{\" }}", "{{");
        let body = hcl::parse(&config).unwrap_or_else(|e| panic!("{}: server config: {e}\n{config}", f.path));
        shapes.push(hcl_shape(&body, &mut strings));
    }
    (Value::Array(shapes), strings)
}

/// A markdown file's shape (headings by level, table rows by cell count,
/// text and blank lines) and its text with markdown escapes removed.
fn markdown_shape(text: &str, strings: &mut Vec<String>) -> Value {
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            out.extend(if c == '\\' { chars.next() } else { Some(c) });
        }
        out
    }
    fn cells(row: &str) -> Vec<String> {
        let (mut cells, mut cur, mut escaped) = (Vec::new(), String::new(), false);
        for c in row.trim().trim_start_matches('|').chars() {
            match c {
                '|' if !escaped => cells.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
            escaped = c == '\\' && !escaped;
        }
        cells
    }
    Value::Array(
        text.lines()
            .map(|l| {
                if l.starts_with('#') {
                    let level = l.chars().take_while(|c| *c == '#').count();
                    strings.push(unescape(l[level..].trim()));
                    json!({"heading": level})
                } else if l.starts_with('|') {
                    let row = cells(l);
                    strings.extend(row.iter().map(|c| unescape(c.trim())));
                    json!({"row": row.len()})
                } else if l.is_empty() {
                    json!("blank")
                } else {
                    strings.push(unescape(l));
                    json!("text")
                }
            })
            .collect(),
    )
}

fn tree_shape(files: &[OutputFile]) -> BTreeMap<String, (Value, Vec<String>)> {
    files.iter().map(|f| (f.path.clone(), file_shape(f))).collect()
}

fn base() -> Topology {
    let example = common::examples().into_iter().find(|p| common::stem(p) == "omantel").unwrap();
    common::load(&example)
}

#[test]
fn metacharacters_in_any_field_cannot_change_structure() {
    for (field, mutate) in mutators() {
        let mut plain = base();
        mutate(&mut plain, PLAIN);
        let mut nasty = base();
        mutate(&mut nasty, NASTY);
        let want = tree_shape(&common::generate(&plain, "omantel.yaml"));
        let got = tree_shape(&common::generate(&nasty, "omantel.yaml"));
        assert_eq!(want.keys().collect::<Vec<_>>(), got.keys().collect::<Vec<_>>(), "{field}: file set changed");
        let mut found = false;
        for (path, (shape, strings)) in &got {
            assert_eq!(&want[path].0, shape, "{field}: structure of {path} changed");
            // The value reads back intact, alone or inside a composed
            // string (URL, path, comment-free text).
            found |= strings.iter().any(|s| s.contains(NASTY));
        }
        let in_comment_only = field == "policies[].description";
        assert!(found || in_comment_only, "{field}: value not found intact in the output");
        if in_comment_only {
            let f = common::generate(&nasty, "omantel.yaml");
            let policy = f.iter().find(|f| f.path.ends_with("/policies/nexus-runtime.hcl")).unwrap();
            assert!(
                policy
                    .contents
                    .lines()
                    .take_while(|l| !l.starts_with("path"))
                    .all(|l| l.is_empty() || l.starts_with('#'))
            );
        }
    }
}

#[test]
fn the_header_file_name_cannot_leave_its_comment() {
    let files = common::generate(&base(), "evil\nkind: Secret\u{2028}x.yaml");
    for f in &files {
        assert_eq!(f.contents.lines().next().unwrap().matches('#').count(), 1, "{}", f.path);
        assert!(f.contents.lines().nth(1).is_none_or(|l| !l.starts_with("kind: Secret")), "{}", f.path);
    }
    let plain = tree_shape(&common::generate(&base(), "omantel.yaml"));
    let evil = tree_shape(&files);
    for (path, (shape, _)) in &plain {
        assert_eq!(&evil[path].0, shape, "{path}");
    }
}

fn refused(mutate: impl Fn(&mut Topology), what: &str) {
    let mut t = base();
    mutate(&mut t);
    match sovc::pipeline::generate_files(&t, "omantel.yaml", std::path::Path::new(".")) {
        Ok(_) => panic!("{what}: generated although it cannot be written safely"),
        Err(e) => assert!(!e.to_string().is_empty(), "{what}: empty error"),
    }
}

#[test]
fn what_cannot_be_written_safely_is_refused() {
    refused(|t| t.policies[0].rules[0].path = s("secret/data/${x}"), "`${` in an HCL string");
    refused(
        |t| {
            t.openbao.seal.kind.value = SealType::Transit;
            t.openbao.seal.address = Some(s("https://${HOST}"));
            t.openbao.seal.key_name = Some(s("k"));
        },
        "`${` in the server config",
    );
    for word in ["HOSTNAME", "POD_IP", "HOST_IP", "API_ADDR", "TRANSIT_ADDR", "RAFT_ADDR"] {
        refused(
            |t| {
                t.openbao.seal.kind.value = SealType::Static;
                t.openbao.seal.key_id = Some(s(&format!("key-{word}")));
            },
            word,
        );
    }
    refused(|t| t.secrets[0].name = s("../../etc/passwd"), "secret name as a path");
    refused(|t| t.policies[0].name = s("a/b"), "policy name as a path");
    refused(|t| t.regions[1].location_code = s(".."), "location code as a path");
    refused(|t| t.regions[1].location_code = s("x\ny"), "newline in a folder name");
}
