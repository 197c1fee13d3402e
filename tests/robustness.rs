//! Hostile and unusual input: every case is a clear diagnostic or correct
//! handling, in bounded time, never a panic (exit 101).

use std::path::Path;
use std::process::Command;

fn sovc_validate(path: &Path) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_sovc"))
        .args(["validate", "--format", "json"])
        .arg(path)
        .output()
        .expect("run sovc");
    let code = out.status.code().expect("exit code");
    assert_ne!(code, 101, "sovc panicked: {}", String::from_utf8_lossy(&out.stderr));
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (code, json)
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .map_or_else(Vec::new, |d| d.iter().map(|x| x["code"].as_str().unwrap_or_default().to_string()).collect())
}

fn example() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/omantel.yaml")).unwrap()
}

#[test]
fn alias_bomb_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "sovereign: bomb\ndomain: a.example\nregions: []\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!("x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    let (code, json) = sovc_validate(&write(&dir, "bomb.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn deep_nesting_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("sovereign: deep\ndomain: a.example\nregions: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (code, json) = sovc_validate(&write(&dir, "deep.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn a_50_mb_file_is_rejected_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = example();
    text.push('#');
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    text.push('\n');
    let (code, json) = sovc_validate(&write(&dir, "huge.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
    let msg = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("larger than"), "{msg}");
}

#[test]
fn invalid_utf8_is_reported_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"sovereign: ok-name\ndomain: a.exa".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"mple\nregions: []\n");
    let (code, json) = sovc_validate(&write(&dir, "bad-utf8.yaml", &bytes));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0108"]);
    assert_eq!(json["diagnostics"][0]["line"], 2);
    assert_eq!(json["diagnostics"][0]["column"], 14);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(example().as_bytes());
    let (code, json) = sovc_validate(&write(&dir, "bom.yaml", &bytes));
    assert_eq!(code, 0, "{json}");
}

#[test]
fn crlf_line_endings_are_accepted_and_positions_stay_right() {
    let dir = tempfile::tempdir().unwrap();
    let good = example().replace('\n', "\r\n");
    let (code, _) = sovc_validate(&write(&dir, "crlf.yaml", good.as_bytes()));
    assert_eq!(code, 0);
    let bad = good.replacen("sovereign: omantel", "sovereign: Omantel", 1);
    let (code, json) = sovc_validate(&write(&dir, "crlf-bad.yaml", bad.as_bytes()));
    assert_eq!(code, 1);
    let d = &json["diagnostics"][0];
    assert_eq!((d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()), (Some("E0301"), Some(5), Some(12)));
    assert_eq!(d["source_line"], "sovereign: Omantel");
}

#[test]
fn tabs_in_indentation_are_a_syntax_error_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let text = example().replacen("  namespace: openbao", "\tnamespace: openbao", 1);
    let (code, json) = sovc_validate(&write(&dir, "tabs.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0101"]);
    assert!(json["diagnostics"][0]["line"].as_u64().unwrap() >= 8);
}

#[test]
fn binary_garbage_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut state: u32 = 0x9e37_79b9;
    for i in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..(64 + i * 37) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            // Mostly YAML punctuation and letters, some raw bytes.
            let table = b"{}[]:,-&*!|>'\"#%@` \n\tabcxyz019";
            let b = if state % 7 == 0 { (state >> 8) as u8 } else { table[(state as usize >> 3) % table.len()] };
            bytes.push(b);
        }
        let (code, _) = sovc_validate(&write(&dir, &format!("g{i}.yaml"), &bytes));
        assert_eq!(code, 1, "garbage case {i} should be invalid");
    }
}

#[test]
fn deep_block_nesting_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("sovereign: deep\ndomain: a.example\nregions:\n");
    for depth in 1..2_000 {
        text.push_str(&"  ".repeat(depth));
        text.push_str("a:\n");
    }
    let (code, json) = sovc_validate(&write(&dir, "deep-block.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn an_alias_bomb_of_maps_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "sovereign: bomb\ndomain: a.example\nregions: []\nm0: &m0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x}\n",
    );
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "m{i}: &m{i} {{a: *m{p}, b: *m{p}, c: *m{p}, d: *m{p}, e: *m{p}, f: *m{p}, g: *m{p}, h: *m{p}}}\n"
        ));
    }
    let (code, json) = sovc_validate(&write(&dir, "map-bomb.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn too_many_values_are_rejected_even_without_aliases() {
    let dir = tempfile::tempdir().unwrap();
    // 2.1 million one-character items, one per line: 6 MB, under the size
    // limit, over the node limit.
    let mut text = String::from("sovereign: many\ndomain: a.example\nregions: [");
    text.push_str(&"  a,\n".repeat(2_100_000));
    text.push_str("a]\n");
    let (code, json) = sovc_validate(&write(&dir, "many.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn a_50_mb_kdl_file_is_rejected_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/omantel.kdl")).unwrap();
    text.push_str("// ");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    text.push('\n');
    let (code, json) = sovc_validate(&write(&dir, "huge.kdl", text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["E0105"]);
}

#[test]
fn kdl_deep_nesting_invalid_utf8_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let kdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/omantel.kdl")).unwrap();
    let deep = format!("sovereign deep\n{}{}\n", "a {".repeat(5_000), "}".repeat(5_000));
    let (code, json) = sovc_validate(&write(&dir, "deep.kdl", deep.as_bytes()));
    assert_eq!((code, codes(&json)), (1, vec!["E0105".to_string()]));

    let mut bytes = b"sovereign ok-name\ndomain a.exa".to_vec();
    bytes.extend_from_slice(&[0xc3, 0x28]);
    let (code, json) = sovc_validate(&write(&dir, "bad-utf8.kdl", &bytes));
    assert_eq!((code, codes(&json)), (1, vec!["E0108".to_string()]));
    assert_eq!(
        (json["diagnostics"][0]["line"].as_u64(), json["diagnostics"][0]["column"].as_u64()),
        (Some(2), Some(13))
    );

    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(kdl.as_bytes());
    let (code, json) = sovc_validate(&write(&dir, "bom.kdl", &bom));
    assert_eq!(code, 0, "{json}");

    let crlf = kdl.replace('\n', "\r\n");
    let (code, json) = sovc_validate(&write(&dir, "crlf.kdl", crlf.as_bytes()));
    assert_eq!(code, 0, "{json}");
    let bad = crlf.replacen("sovereign omantel", "sovereign Omantel", 1);
    let (code, json) = sovc_validate(&write(&dir, "crlf-bad.kdl", bad.as_bytes()));
    assert_eq!(code, 1);
    let line = kdl.lines().position(|l| l.starts_with("sovereign omantel")).unwrap() + 1;
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("E0301"), Some(line as u64), Some(11))
    );
}

#[test]
fn a_tab_after_a_colon_is_a_located_error_naming_the_tab() {
    // YAML 1.2 allows a tab between `:` and a value, but saphyr-parser (the
    // parser sovc uses) does not: sovc reports it at the tab, saying why.
    let dir = tempfile::tempdir().unwrap();
    let text = example().replacen("sovereign: omantel", "sovereign:\tomantel", 1);
    let (code, json) = sovc_validate(&write(&dir, "tab-sep.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("E0101"), Some(5), Some(12)),
        "{json}"
    );
    assert!(d["hint"].as_str().unwrap().contains("tab"), "{json}");
}

#[test]
fn empty_comment_only_nul_and_lone_cr_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, want) in [
        ("empty.yaml", &b""[..], "E0104"),
        ("comment.yaml", &b"# nothing here\n"[..], "E0104"),
        ("empty.kdl", &b""[..], "E0104"),
        ("nul.yaml", &b"sovereign: a\0b\n"[..], "E0101"),
    ] {
        let (code, json) = sovc_validate(&write(&dir, name, bytes));
        assert_eq!(code, 1, "{name}");
        assert_eq!(codes(&json).first().map(String::as_str), Some(want), "{name}: {json}");
        assert!(json["diagnostics"][0]["line"].as_u64().is_some(), "{name}: no line in {json}");
    }
    // Old Mac line endings: one error on the right line, not a panic.
    let cr = example().replace('\n', "\r").replacen("sovereign: omantel", "sovereign: Omantel", 1);
    let (code, json) = sovc_validate(&write(&dir, "cr.yaml", cr.as_bytes()));
    assert_eq!(code, 1, "{json}");
    assert!(codes(&json).contains(&"E0301".to_string()), "{json}");
}

#[test]
fn a_multi_megabyte_single_line_is_read_in_linear_time() {
    // A minified one-liner: every value's column used to be found by
    // counting from the start of the line (quadratic: hours for this file).
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("{sovereign: one-line, domain: a.example, regions: [], junk: [");
    text.push_str(&"\u{e9}, ".repeat(300_000));
    text.push_str("x], zzz: 1}\n");
    let (code, json) = sovc_validate(&write(&dir, "one-line.yaml", text.as_bytes()));
    assert_eq!(code, 1);
    let zzz = json["diagnostics"].as_array().unwrap().iter().find(|d| d["message"].as_str().unwrap().contains("zzz"));
    let zzz = zzz.unwrap_or_else(|| panic!("no finding about `zzz`: {json}"));
    let column = text[..text.find("zzz").unwrap()].chars().count() + 1;
    assert_eq!((zzz["line"].as_u64(), zzz["column"].as_u64()), (Some(1), Some(column as u64)));
}
