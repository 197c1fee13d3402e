//! Shared helpers of the tests that drive `sovc generate` on a real tree:
//! running the binary, reading a whole directory, editing a topology.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example the tests generate from.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/omantel.yaml")
}

/// The result of one run of the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `bin` with `args` in `cwd`, with `env` added.
pub fn run_bin(bin: &Path, cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin);
    cmd.args(args).current_dir(cwd).env_remove("SOVC_FAULT").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run sovc");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs this build's `sovc` with `args` in `cwd`.
pub fn sovc(cwd: &Path, args: &[&str]) -> Run {
    run_bin(Path::new(env!("CARGO_BIN_EXE_sovc")), cwd, args, &[])
}

/// `sovc generate TOPOLOGY -o DIR [extra…]`, run in DIR's parent.
pub fn generate(topology: &Path, dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["generate", topology.to_str().unwrap(), "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    sovc(dir.parent().unwrap(), &args)
}

/// Every entry under `dir`: files with their bytes, directories as `None`
/// (with a trailing `/`).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, cur: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        let mut entries: Vec<_> = fs::read_dir(cur).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if fs::symlink_metadata(&p).unwrap().is_dir() {
                out.insert(format!("{rel}/"), None);
                walk(root, &p, out);
            } else {
                out.insert(rel, Some(fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// The generated files of a snapshot (not sovc's own `.sovc/` state).
pub fn generated(snap: &BTreeMap<String, Option<Vec<u8>>>) -> Vec<&str> {
    snap.iter().filter(|(p, c)| c.is_some() && !p.starts_with(".sovc/")).map(|(p, _)| p.as_str()).collect()
}

/// Writes a copy of the example, edited by `edit`, as `dir/name`.
pub fn topology(dir: &Path, name: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let text = fs::read_to_string(example()).unwrap();
    let path = dir.join(name);
    fs::write(&path, edit(text)).unwrap();
    path
}

/// Replaces exactly one occurrence of `from`.
pub fn replace_once(text: String, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "expected one `{from}` in the example");
    text.replacen(from, to, 1)
}

/// The example without its third region `hlrp`.
pub fn without_region(text: String) -> String {
    let start = text.find("  - locationCode: hlrp\n").expect("region hlrp");
    let end = start + text[start..].find("\npolicies:").expect("policies after regions");
    let text = format!("{}{}", &text[..start], &text[end + 1..]);
    replace_once(text, "regions: [hfrp, hlrp]", "regions: [hfrp]")
}

/// The example with one more secret, `grafana-admin`.
pub fn with_secret(text: String) -> String {
    format!(
        "{}  - name: grafana-admin\n    namespace: monitoring\n    path: monitoring/grafana-admin\n    keys: [password]\n    origin: external\n",
        text.trim_end_matches('\n').to_string() + "\n"
    )
}

/// The example without its secret `registry-pull`.
pub fn without_secret(text: String) -> String {
    let start = text.find("  - name: registry-pull\n").expect("secret registry-pull");
    let rest = &text[start + 1..];
    let end = rest.find("\n  - ").map(|i| start + 1 + i + 1).unwrap_or(text.len());
    format!("{}{}", &text[..start], &text[end..])
}
