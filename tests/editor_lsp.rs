//! End to end with the real yaml-language-server (pinned in
//! tests/editor/lsp/package-lock.json, installed with `npm ci` into
//! target/editor-lsp): the editor experience SPEC §1 promises.
//!
//! Skipped, with a message, only when node/npm are absent; with
//! `SOVC_REQUIRE_LSP=1` (set by `.ci/run`) a missing node is a failure.

#[path = "editor/lsp_client.rs"]
mod lsp_client;

use lsp_client::Client;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn required() -> bool {
    std::env::var("SOVC_REQUIRE_LSP").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn tool_works(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The installed server's entry point, or `None` (skip) without node.
fn server() -> Option<PathBuf> {
    static SERVER: OnceLock<Option<PathBuf>> = OnceLock::new();
    SERVER.get_or_init(install).clone()
}

fn install() -> Option<PathBuf> {
    for tool in ["node", "npm"] {
        if !tool_works(tool) {
            assert!(!required(), "SOVC_REQUIRE_LSP is set but `{tool}` is not installed");
            eprintln!("SKIPPED: the yaml-language-server tests need node and npm; `{tool}` is not installed");
            return None;
        }
    }
    let pinned = Path::new(MANIFEST).join("tests/editor/lsp");
    let dir = Path::new(MANIFEST).join("target/editor-lsp");
    let lock = std::fs::read(pinned.join("package-lock.json")).expect("committed package-lock.json");
    let stamp = dir.join(".installed-lock");
    let entry = dir.join("node_modules/yaml-language-server/bin/yaml-language-server");
    if std::fs::read(&stamp).ok().as_ref() != Some(&lock) || !entry.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["package.json", "package-lock.json"] {
            std::fs::copy(pinned.join(f), dir.join(f)).unwrap();
        }
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"])
            .current_dir(&dir)
            .output()
            .expect("run npm ci");
        assert!(out.status.success(), "npm ci failed:\n{}", String::from_utf8_lossy(&out.stderr));
        std::fs::write(&stamp, &lock).unwrap();
    }
    Some(entry)
}

fn settings() -> Value {
    json!({
        "validate": true,
        "hover": true,
        "completion": true,
        "format": {"enable": false},
        "schemaStore": {"enable": false},
    })
}

/// A started and configured server, or `None` (skip).
fn client() -> Option<Client> {
    let entry = server()?;
    let mut c = Client::start("node", &entry, settings());
    c.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": null,
            "capabilities": {
                "textDocument": {
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                    "publishDiagnostics": {},
                },
            },
        }),
    );
    c.notify("initialized", json!({}));
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"yaml": settings()}}));
    Some(c)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(c: &mut Client, uri: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
}

fn describe(diags: &[Value]) -> String {
    diags
        .iter()
        .map(|d| format!("line {}: {}", d["range"]["start"]["line"].as_u64().unwrap_or(0) + 1, d["message"]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The starter topology `sovc init` writes, with its schema beside it.
fn starter() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sovc")).arg("init").arg(tmp.path()).output().unwrap();
    assert!(out.status.success());
    let path = tmp.path().join("sovereign.yaml");
    (tmp, path)
}

#[test]
fn good_topologies_have_no_diagnostics() {
    let Some(mut c) = client() else { return };
    let (_tmp, init) = starter();
    let mut files = vec![init];
    for entry in std::fs::read_dir(Path::new(MANIFEST).join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            files.push(path);
        }
    }
    assert!(files.len() >= 3);
    for path in &files {
        let u = uri(path);
        open(&mut c, &u, &std::fs::read_to_string(path).unwrap());
        let diags = c.diagnostics(&u);
        assert!(diags.is_empty(), "{}:\n{}", path.display(), describe(&diags));
    }
    c.shutdown();
}

#[test]
fn mistakes_are_reported_on_their_lines() {
    let Some(mut c) = client() else { return };
    let path = Path::new(MANIFEST).join("tests/editor/bad.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let u = uri(&path);
    open(&mut c, &u, &text);
    let diags = c.diagnostics(&u);
    let on = |line: usize| -> Vec<&Value> {
        diags.iter().filter(|d| d["range"]["start"]["line"].as_u64() == Some(line as u64)).collect()
    };
    let mut problems = Vec::new();
    let mut expected_lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, want)) = line.split_once("# ! ") else { continue };
        expected_lines.push(i);
        let here = on(i);
        if !here.iter().any(|d| d["message"].as_str().is_some_and(|m| m.contains(want.trim()))) {
            problems.push(format!("line {}: expected a diagnostic containing {:?}", i + 1, want.trim()));
        }
    }
    assert!(expected_lines.len() >= 10, "the fixture lost its markers");
    for d in &diags {
        let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
        if !expected_lines.contains(&line) {
            problems.push(format!("line {}: unexpected diagnostic {}", line + 1, d["message"]));
        }
    }
    assert!(problems.is_empty(), "{}\n\nall diagnostics:\n{}", problems.join("\n"), describe(&diags));
    c.shutdown();
}

/// Line and column (0-based) of the first occurrence of `needle`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|col| (i, col)))
        .unwrap_or_else(|| panic!("`{needle}` not in the document"))
}

fn hover_text(result: &Value) -> String {
    match &result["contents"] {
        Value::String(s) => s.clone(),
        Value::Object(m) => m.get("value").and_then(Value::as_str).unwrap_or_default().to_string(),
        Value::Array(parts) => parts
            .iter()
            .map(|p| {
                p.as_str().map(str::to_string).unwrap_or_else(|| p["value"].as_str().unwrap_or_default().to_string())
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

#[test]
fn hover_shows_the_description() {
    let Some(mut c) = client() else { return };
    let (_tmp, path) = starter();
    let text = std::fs::read_to_string(&path).unwrap();
    let u = uri(&path);
    open(&mut c, &u, &text);
    assert!(c.diagnostics(&u).is_empty());
    for (needle, expected) in [
        ("method:", "The role then needs the block of the same name"),
        ("locationCode:", "Short DNS label naming the region"),
        ("kvMount:", "The KV v2 secrets engine mount"),
    ] {
        let (line, col) = position(&text, needle);
        let result = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": line, "character": col + 2}}),
        );
        let shown = hover_text(&result);
        assert!(shown.contains(expected), "hover on `{needle}` shows {shown:?}, expected it to contain {expected:?}");
    }
    c.shutdown();
}

#[test]
fn completion_inside_method_offers_the_methods() {
    let Some(mut c) = client() else { return };
    let (_tmp, path) = starter();
    let text = std::fs::read_to_string(&path).unwrap().replacen("method: kubernetes", "method: ", 1);
    let u = uri(&path);
    open(&mut c, &u, &text);
    let _ = c.diagnostics(&u);
    let (line, col) = position(&text, "method: ");
    let result = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": {"line": line, "character": col + "method: ".len()}}),
    );
    let items =
        result.get("items").and_then(Value::as_array).or_else(|| result.as_array()).cloned().unwrap_or_default();
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    for method in ["kubernetes", "approle", "jwt", "cert"] {
        assert!(labels.contains(&method), "completion offers {labels:?}, not `{method}`");
    }
    let jwt = items.iter().find(|i| i["label"] == "jwt").unwrap();
    assert!(jwt["documentation"].to_string().contains("JWT"), "no per-value documentation: {jwt}");
    c.shutdown();
}

/// `(code, line)` of every diagnostic `sovc validate` reports.
fn sovc_diagnostics(file: &Path) -> Vec<(String, u64)> {
    let out =
        Command::new(env!("CARGO_BIN_EXE_sovc")).args(["validate", "--format", "json"]).arg(file).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d["code"].as_str().unwrap_or_default().to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect()
}

/// Over the whole bad-input suite, the editor never flags a line that
/// `sovc validate` has nothing to say about (tests/schema_agreement.rs
/// checks the other direction, code by code, with the same schema).
#[test]
fn the_editor_raises_no_false_alarm_on_the_bad_input_suite() {
    let Some(mut c) = client() else { return };
    let schema = Path::new(MANIFEST).join("schemas/sovereign.schema.json");
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(MANIFEST).join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the bad-input suite is missing");
    let mut problems = Vec::new();
    let mut not_compared = Vec::new();
    let mut flagged = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        // The suite has no modeline: prepend one (and shift lines back).
        let doc = format!("# yaml-language-server: $schema={}\n{text}", uri(&schema));
        let u = uri(path);
        open(&mut c, &u, &doc);
        let diags = c.diagnostics(&u);
        let reported = sovc_diagnostics(path);
        // Reading errors (E01xx: syntax, duplicate keys, ...) are located by
        // each YAML parser its own way; the schema plays no part in them.
        if reported.iter().any(|(code, _)| code.starts_with("E01")) {
            not_compared.push(path.file_name().unwrap().to_string_lossy().into_owned());
            continue;
        }
        let sovc: Vec<u64> = reported.iter().map(|(_, line)| *line).collect();
        for d in diags {
            let line = d["range"]["start"]["line"].as_u64().unwrap_or(0); // 0-based in `doc` = 1-based in the file
            flagged += 1;
            if !sovc.contains(&line) {
                problems.push(format!(
                    "{}:{line}: the editor says {} where sovc reports nothing (sovc lines {sovc:?})",
                    path.file_name().unwrap().to_string_lossy(),
                    d["message"]
                ));
            }
        }
    }
    eprintln!("not compared (reading errors): {not_compared:?}");
    assert!(not_compared.len() <= files.len() / 5, "too many reading-error cases: {not_compared:?}");
    assert!(flagged >= 40, "only {flagged} editor diagnostics over the suite");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    c.shutdown();
}
