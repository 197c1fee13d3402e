//! Escaping of topology values into the two output languages: YAML scalars
//! and HCL (v1) strings. Every value a template prints goes through one of
//! these (the environment's formatter applies them automatically), so no
//! value can add a key, a document, a block or a comment to the output.

use std::fmt::Write as _;

/// A YAML double-quoted scalar that reads back as exactly `s`, in YAML 1.1
/// (PyYAML, go-yaml v2, which Kubernetes tooling uses) and YAML 1.2 alike.
///
/// Besides `"` and `\`, every character either version treats as a line
/// break (`\n`, `\r`, NEL, LS, PS), every other control character, and the
/// byte-order mark are written as escapes, so nothing is folded or dropped.
pub fn yaml_quote(s: &str) -> String {
    double_quoted(s)
}

/// `s` between double quotes with the escapes YAML and HCL v1 share: `\"`,
/// `\\`, `\n`, `\r`, `\t`, and `\uXXXX` for the rest of
/// [`needs_unicode_escape`].
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_unicode_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters written as `\uXXXX` in YAML and HCL output: C0/C1 controls,
/// DEL, the Unicode line and paragraph separators and the BOM.
fn needs_unicode_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `text` as the body of a YAML literal block scalar (`|-`), every line
/// indented by `indent` spaces; `None` when a block cannot carry the text
/// verbatim (then the caller quotes it instead).
pub fn yaml_block(text: &str, indent: usize) -> Option<String> {
    let unsafe_char = text.chars().any(|c| c != '\n' && c != '\t' && needs_unicode_escape(c));
    let leading_space = text.starts_with(' ') || text.starts_with('\t') || text.starts_with('\n');
    if text.is_empty() || unsafe_char || leading_space || text.ends_with('\n') || text.contains(" \n") {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from("|-");
    for line in text.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// Why a value cannot be written as an HCL v1 string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HclUnrepresentable(pub String);

/// An HCL v1 double-quoted string that OpenBao's parser (hcl
/// v1.0.1-vault-7) reads back as exactly `s`.
///
/// Only the escapes HCL v1 knows are used (`\\ \" \n \r \t \uXXXX`). HCL v1
/// has no escape for `${`: inside a string it starts an interpolation
/// that swallows the closing quote when unbalanced, so such a value is
/// refused rather than written.
pub fn hcl_quote(s: &str) -> Result<String, HclUnrepresentable> {
    if s.contains("${") {
        return Err(HclUnrepresentable(format!(
            "{s:?} contains `${{`, which HCL v1 strings cannot hold (it starts an interpolation)"
        )));
    }
    Ok(double_quoted(s))
}

/// An HCL v1 double-quoted string for any `s`: the [`hcl_quote`] escapes,
/// and braces written as `\u007b`/`\u007d`, so the text never holds `{{`
/// or `${` (templating and interpolation markers) yet reads back as `s`.
pub fn hcl_quote_braces_escaped(s: &str) -> String {
    double_quoted(s).replace('{', "\\u007b").replace('}', "\\u007d")
}

/// Free text as `#` comment lines: every line break the HCL or YAML lexers
/// know starts a new `# ` line, other control characters become spaces,
/// so the text cannot end the comment early.
pub fn comment_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        let clean: String = line.chars().map(|c| if needs_unicode_escape(c) { ' ' } else { c }).collect();
        let clean = clean.trim_end();
        if clean.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(clean);
            out.push('\n');
        }
    }
    out
}

/// Protects text that the openbao chart passes through Helm's `tpl`: a
/// literal `{{` is written as the template action `{{ "{{" }}`, which
/// prints `{{`. (`}}` outside an action is plain text for Go templates.)
pub fn helm_tpl_literal(text: &str) -> String {
    text.replace("{{", "{{ \"{{\" }}")
}

/// Substrings the openbao chart's start command rewrites with `sed`
/// everywhere in the server configuration (openbao-helm.md §3).
pub const CHART_SED_WORDS: [&str; 6] = ["HOST_IP", "POD_IP", "HOSTNAME", "API_ADDR", "TRANSIT_ADDR", "RAFT_ADDR"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_quote_escapes_structure_and_line_breaks() {
        assert_eq!(yaml_quote("a: b # c"), "\"a: b # c\"");
        assert_eq!(yaml_quote("x\"\\\ny"), "\"x\\\"\\\\\\ny\"");
        assert_eq!(yaml_quote("n\u{85}l\u{2028}"), "\"n\\u0085l\\u2028\"");
        assert_eq!(yaml_quote(""), "\"\"");
    }

    #[test]
    fn yaml_block_refuses_what_it_cannot_carry() {
        assert_eq!(yaml_block("a\n\nb", 2).as_deref(), Some("|-\n  a\n\n  b"));
        assert_eq!(yaml_block(" lead", 2), None);
        assert_eq!(yaml_block("trail\n", 2), None);
        assert_eq!(yaml_block("x\u{85}y", 2), None);
        assert_eq!(yaml_block("sp \nx", 2), None);
    }

    #[test]
    fn hcl_quote_uses_only_hcl1_escapes() {
        assert_eq!(hcl_quote("a\"b\\c\nd").unwrap(), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(hcl_quote("%{x} $x {{y}}").unwrap(), "\"%{x} $x {{y}}\"");
        assert!(hcl_quote("a${b}").is_err());
    }

    #[test]
    fn comments_cannot_be_left() {
        assert_eq!(comment_lines("one\npath \"x\" {}\r\n"), "# one\n# path \"x\" {}\n#\n#\n");
        assert_eq!(comment_lines("a\u{2028}b"), "# a\n# b\n");
    }

    #[test]
    fn tpl_braces_are_printed_literally() {
        assert_eq!(helm_tpl_literal("a {{ b }}"), "a {{ \"{{\" }} b }}");
    }
}
