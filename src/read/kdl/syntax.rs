//! KDL syntax errors → diagnostics: every error the `kdl` parser recovered
//! from, at its KDL `line:column`, with the parser's own help text.

use crate::diag::{Diagnostic, Diagnostics, SourceFile, codes};
use ::kdl::KdlError;

pub fn report(src: &SourceFile, err: &KdlError, diags: &mut Diagnostics) {
    let mut seen = Vec::new();
    for d in &err.diagnostics {
        let (mut from, mut to) = locate(&src.text, d.span.offset(), d.span.offset() + d.span.len());
        // An error at the very end (an unclosed block or string) points at
        // the last character written, not at an empty line after it.
        let written = src.text.trim_end().len();
        if from >= written && written > 0 {
            from = floor(&src.text, written - 1);
            to = written;
        }
        let span = src.span_of_bytes(from, (to - from).max(1));
        let message = d.message.clone().unwrap_or_else(|| "unexpected input".to_string());
        if seen.contains(&(span.offset, message.clone())) {
            continue;
        }
        seen.push((span.offset, message.clone()));
        let token = src.text.get(from..to).unwrap_or_default();
        let hint = match (d.help.clone(), advice(token)) {
            (Some(h), Some(a)) => format!("{h} ({a})"),
            (Some(h), None) => h,
            (None, Some(a)) => a.to_string(),
            (None, None) => "check for an unclosed quote, brace or `/*` comment on this line or before it".to_string(),
        };
        diags.push(
            Diagnostic::error(codes::KDL_SYNTAX, span, format!("KDL syntax error: {}", lowercase_first(&message)))
                .label(d.label.clone().unwrap_or_else(|| "here".to_string()))
                .hint(hint),
        );
    }
    if seen.is_empty() {
        diags.push(
            Diagnostic::error(codes::KDL_SYNTAX, src.start(), "KDL syntax error: the document could not be parsed")
                .hint("check the file is KDL v2 (booleans are `#true`/`#false`, `/` or `:` in values need quotes)"),
        );
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// The parser's span, narrowed to the offending token. Some spans of the
/// `kdl` crate start far too early (at the document start) but end right
/// after the bad token: keep the last line's token, from after its `=`.
pub(super) fn locate(text: &str, from: usize, to: usize) -> (usize, usize) {
    let to = floor(text, to.min(text.len()));
    let from = floor(text, from.min(to));
    let line = match text[from..to].rfind('\n') {
        Some(nl) => from + nl + 1,
        // Such a span on the first line: `key=` is still in it.
        None if from == 0 && text[..to].contains('=') => 0,
        None => return (from, to),
    };
    let start = match text[line..to].rfind('=') {
        Some(eq) => line + eq + 1,
        None => line + text[line..to].len() - text[line..to].trim_start().len(),
    };
    // Extend to the end of the token the parser gave up in.
    let end = text[to..]
        .find(|c: char| c.is_whitespace() || matches!(c, ';' | '}' | '{' | '='))
        .map_or(text.len(), |i| to + i);
    (start, end.max(start))
}

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// sovc's advice for the usual slips, added to the parser's own help.
fn advice(token: &str) -> Option<&'static str> {
    let t = token.trim_start_matches(['+', '-']);
    if matches!(token, "true" | "false" | "null" | "yes" | "no") {
        return Some("KDL v2 writes booleans and null as #true, #false and #null");
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(|c: char| !c.is_ascii_digit() && c != '_') {
        return Some(
            "a value that starts with a digit is read as a number: quote text such as \"1h\", \"10Gi\" or \"0.29.2\"",
        );
    }
    None
}
