//! Spreading redactions: once one diagnostic has flagged a value as a
//! credential (and redacts its span), no other diagnostic may show it
//! either — not in its source excerpt, its message, its labels or its hint
//! (a name rule would otherwise quote the value, or suggest a lower-cased
//! copy of it).

use super::{Diagnostic, Diagnostics, SourceFile, Span};

/// Applies every diagnostic's redactions to all diagnostics.
pub fn spread(source: &SourceFile, diags: Diagnostics) -> Diagnostics {
    let items = diags.into_vec();
    let spans: Vec<Span> = items.iter().flat_map(|d| d.redact.iter().copied()).collect();
    let mut out = Diagnostics::new();
    if spans.is_empty() {
        items.into_iter().for_each(|d| out.push(d));
        return out;
    }
    // The value as written, without the quotes a span of a quoted scalar includes.
    let values: Vec<&str> = spans
        .iter()
        .filter_map(|s| source.text.get(s.offset..s.offset + s.len))
        .map(|v| v.trim_matches(|c| c == '\'' || c == '"'))
        .filter(|v| v.len() >= 8)
        .collect();
    for mut d in items {
        for s in &spans {
            if !d.redact.contains(s) {
                d.redact.push(*s);
            }
        }
        scrub(&mut d, &values);
        out.push(d);
    }
    out
}

fn scrub(d: &mut Diagnostic, values: &[&str]) {
    d.message = mask_tokens(&d.message);
    d.primary.message = mask_tokens(&d.primary.message);
    for l in &mut d.secondary {
        l.message = mask_tokens(&l.message);
    }
    if d.hint.as_deref().is_some_and(|h| mask_tokens(h) != h) {
        d.hint = None;
    }
    for v in values {
        d.message = mask(&d.message, v);
        d.primary.message = mask(&d.primary.message, v);
        for l in &mut d.secondary {
            l.message = mask(&l.message, v);
        }
        if let Some(h) = &d.hint {
            // A hint built from the value (a suggested spelling) is dropped whole.
            if mask(h, v) != *h {
                d.hint = None;
            }
        }
    }
}

/// `text` with every token (between white space, quotes and backticks)
/// that the credential detector flags cut to its first four characters.
fn mask_tokens(text: &str) -> String {
    // A PEM block goes whole, its body lines are not tokens of their own.
    if let Some(begin) = text.find("-----BEGIN") {
        let rest = &text[begin..];
        let end = rest.find("-----END").map_or(rest.len(), |e| {
            let after = &rest[e + 8..];
            e + 8 + after.find("-----").map_or(after.len(), |i| i + 5)
        });
        return format!("{}-----BEGIN …{}", mask_tokens(&text[..begin]), mask_tokens(&rest[end..]));
    }
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if crate::validate::credential_kind(token).is_some() {
            out.extend(token.chars().take(4));
            out.push('…');
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '`' | '\'' | '"') {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// `text` with every case-insensitive occurrence of `value` cut to its
/// first four characters and `…`.
fn mask(text: &str, value: &str) -> String {
    let (lower, needle) = (text.to_lowercase(), value.to_lowercase());
    if needle.is_empty() || lower.len() != text.len() || !lower.contains(&needle) {
        return text.to_string();
    }
    let keep: String = value.chars().take(4).collect();
    let mut out = String::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find(&needle) {
        out.push_str(&text[at..at + i]);
        out.push_str(&keep);
        out.push('…');
        at += i + needle.len();
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_case_insensitively() {
        assert_eq!(mask("`hvs.ABCdef123` is bad", "hvs.abcDEF123"), "`hvs.…` is bad");
        assert_eq!(mask("nothing here", "hvs.abcDEF123"), "nothing here");
    }
}
