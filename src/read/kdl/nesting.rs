//! A nesting pre-check run before the `kdl` parser, which recurses once per
//! `{` level and would overflow the stack on hostile input (`a{a{a{...`).
//!
//! A small lexer that skips strings (quoted, multi-line, raw) and comments
//! (line, nested block) and counts child-block depth.

use crate::diag::{SourceFile, Span};
use crate::read::limits;

/// The `{` that opens a block nested deeper than [`limits::MAX_DEPTH`].
pub fn too_deep(src: &SourceFile) -> Option<Span> {
    let b = src.text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'{' => {
                depth += 1;
                if depth > limits::MAX_DEPTH {
                    return Some(src.span_of_bytes(i, 1));
                }
                i += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'"' => i = skip_string(b, i, 0),
            b'#' => {
                let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                i = if b.get(i + hashes) == Some(&b'"') { skip_string(b, i + hashes, hashes) } else { i + hashes };
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| i + p);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i),
            _ => i += 1,
        }
    }
    None
}

/// Skips a string starting at the `"` at `i`; `hashes > 0` for raw strings.
fn skip_string(b: &[u8], i: usize, hashes: usize) -> usize {
    let multi = b[i..].starts_with(b"\"\"\"");
    let quote: &[u8] = if multi { b"\"\"\"" } else { b"\"" };
    let mut j = i + quote.len();
    while j < b.len() {
        if hashes == 0 && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j..].starts_with(quote)
            && b[j + quote.len()..].iter().take(hashes).filter(|&&c| c == b'#').count() == hashes
        {
            return j + quote.len() + hashes;
        }
        j += 1;
    }
    b.len()
}

fn skip_block_comment(b: &[u8], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        if b[j..].starts_with(b"/*") {
            depth += 1;
            j += 2;
        } else if b[j..].starts_with(b"*/") {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(text: &str) -> Option<(u32, u32)> {
        too_deep(&SourceFile::new("t.kdl", text)).map(|s| (s.line, s.column))
    }

    #[test]
    fn counts_blocks_but_not_braces_in_strings_or_comments() {
        let open = "a{".repeat(limits::MAX_DEPTH);
        assert_eq!(deep(&open), None);
        assert_eq!(deep(&format!("{open}a{{")), Some((1, 2 * limits::MAX_DEPTH as u32 + 2)));
        let noise = "x \"{{{\\\"{\" #\"{{\"# \"\"\"\n{{{\n\"\"\" // {{{{\n/* {{ /* { */ { */ y\n".repeat(100);
        assert_eq!(deep(&format!("{noise}{open}")), None);
    }
}
