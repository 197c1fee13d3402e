//! Hints in KDL spelling. The decoder and the rules are shared with YAML and
//! write their examples in YAML (`` `primary: true` ``, `` `[a, b]` ``); for
//! a KDL topology each backticked YAML snippet is rewritten to what the user
//! would type in KDL (`` `primary=#true` ``, `` `a b` ``).

use crate::diag::Diagnostics;

/// Rewrites the hints of every diagnostic.
pub fn diagnostics(diags: &mut Diagnostics) {
    for d in diags.iter_mut() {
        if let Some(h) = d.hint.take() {
            d.hint = Some(hint(&h));
        }
    }
}

/// Rewrites each `` `snippet` `` of a hint.
pub fn hint(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    // An odd number of backticks leaves the last snippet unclosed: keep it.
    let closed = rest.len() - rest.len() % 2;
    for (i, part) in rest.iter().enumerate() {
        out.push('`');
        if i % 2 == 0 && i < closed { out.push_str(&snippet(part)) } else { out.push_str(part) }
    }
    out
}

fn snippet(s: &str) -> String {
    if let Some(items) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return items.split(',').map(str::trim).collect::<Vec<_>>().join(" ");
    }
    let Some((key, value)) = s.split_once(':') else { return s.to_string() };
    if !is_key(key) || value.starts_with("//") {
        return s.to_string();
    }
    match value.trim() {
        "" => key.to_string(),
        "true" | "false" | "null" => format!("{key}=#{}", value.trim()),
        v if v.starts_with('[') => format!("{key} {}", snippet(v)),
        v => format!("{key}={}", quote(v)),
    }
}

fn is_key(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// Quotes a value KDL would not read as a bare string.
fn quote(v: &str) -> String {
    let bare = !v.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && !v.contains(|c: char| c.is_whitespace() || "/\\(){}[];=\"#".contains(c));
    if bare || v.starts_with('"') { v.to_string() } else { format!("\"{v}\"") }
}

#[cfg(test)]
mod tests {
    use super::hint;

    #[test]
    fn yaml_snippets_become_kdl() {
        assert_eq!(hint("mark it with `primary: true`"), "mark it with `primary=#true`");
        assert_eq!(hint("add `regions:` to the topology"), "add `regions` to the topology");
        assert_eq!(hint("write a list, e.g. `[a, b]`"), "write a list, e.g. `a b`");
        assert_eq!(hint("use `path: secret/data/app`"), "use `path=\"secret/data/app\"`");
        assert_eq!(hint("set `tokenTtl: 1h` or `keys: [a, b]`"), "set `tokenTtl=\"1h\"` or `keys a b`");
        assert_eq!(hint("did you mean `primary`?"), "did you mean `primary`?");
        assert_eq!(hint("an `https://x` URL and a lone ` tick"), "an `https://x` URL and a lone ` tick");
    }
}
