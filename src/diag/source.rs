//! The topology text as read from disk, with a line index for positions.

use super::Span;

/// One input file: its display name (as the user named it) and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// `char_marks[k]`: characters in `text[..k * MARK_STRIDE]`, so that a
    /// column or a character offset is found in bounded time however long
    /// the line (a minified multi-megabyte one-liner would otherwise cost
    /// time quadratic in its length).
    char_marks: Vec<u32>,
}

/// Bytes between two entries of [`SourceFile::char_marks`].
const MARK_STRIDE: usize = 256;

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        // Line breaks as YAML 1.2 and KDL count them: LF, CRLF and a lone CR.
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        let mut char_marks = Vec::with_capacity(bytes.len() / MARK_STRIDE + 1);
        let mut chars = 0u32;
        for block in bytes.chunks(MARK_STRIDE) {
            char_marks.push(chars);
            chars += block.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        char_marks.push(chars);
        SourceFile { name: name.into(), text, line_starts, char_marks }
    }

    /// The span of `len_chars` characters starting at a 1-based `line` and
    /// 0-based character column `col0`, clamped to the text.
    pub fn span_at(&self, line: usize, col0: usize, len_chars: usize) -> Span {
        let line = line.clamp(1, self.line_starts.len());
        let start = self.line_starts[line - 1];
        let offset = self.byte_of_char(self.chars_before(start).saturating_add(col0));
        let len = self.byte_of_char(self.chars_before(offset).saturating_add(len_chars)) - offset;
        Span::new(offset, len, line as u32, col0 as u32 + 1)
    }

    /// The span covering the bytes `offset..offset+len`.
    pub fn span_of_bytes(&self, offset: usize, len: usize) -> Span {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let len = len.min(self.text.len() - offset);
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let column = self.chars_before(offset) - self.chars_before(self.line_starts[line_idx]) + 1;
        Span::new(offset, len, line_idx as u32 + 1, column as u32)
    }

    /// Characters in a 1-based line, without its line ending.
    pub fn line_chars(&self, line: u32) -> usize {
        let idx = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(idx) else { return 0 };
        let end = start + self.line_text(line).len();
        self.chars_before(end) - self.chars_before(start)
    }

    /// Characters in `text[..byte]` (`byte` on a character boundary).
    fn chars_before(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let block = byte / MARK_STRIDE;
        let tail = &self.text.as_bytes()[block * MARK_STRIDE..byte];
        self.char_marks[block] as usize + tail.iter().filter(|&&b| !is_continuation(b)).count()
    }

    /// The byte offset of character number `chars` (the text's end when
    /// there are fewer characters).
    fn byte_of_char(&self, chars: usize) -> usize {
        // The last block starting at or before the character, then a scan.
        let block = self.char_marks.partition_point(|&m| (m as usize) <= chars).saturating_sub(1);
        let mut seen = self.char_marks[block] as usize;
        let from = (block * MARK_STRIDE).min(self.text.len());
        for (i, &b) in self.text.as_bytes()[from..].iter().enumerate() {
            if !is_continuation(b) {
                if seen == chars {
                    return from + i;
                }
                seen += 1;
            }
        }
        self.text.len()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &str {
        let idx = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(idx) else { return "" };
        let end = self.line_starts.get(idx + 1).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The span of the whole first line (for errors about the file as a whole).
    pub fn start(&self) -> Span {
        Span::new(0, 0, 1, 1)
    }
}

/// A UTF-8 continuation byte (`10xxxxxx`): not the start of a character.
fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_columns_in_characters() {
        let src = SourceFile::new("t.yaml", "a: 1\nnäme: x\n");
        let sp = src.span_at(2, 6, 1);
        assert_eq!((sp.line, sp.column), (2, 7));
        assert_eq!(&src.text[sp.offset..sp.offset + sp.len], "x");
        let back = src.span_of_bytes(sp.offset, 1);
        assert_eq!(back, sp);
        assert_eq!(src.line_text(2), "näme: x");
        assert_eq!(src.line_text(9), "");
        assert_eq!(src.line_chars(2), 7);
    }

    #[test]
    fn positions_agree_with_a_plain_scan_on_long_mixed_lines() {
        let line: String = (0..2000)
            .map(|i| {
                if i % 7 == 0 {
                    'ä'
                } else if i % 11 == 0 {
                    '😀'
                } else {
                    'x'
                }
            })
            .collect();
        let src = SourceFile::new("t", format!("a\n{line}\n"));
        for col0 in [0, 1, 255, 256, 257, 1000, 1999, 2000, 5000] {
            let sp = src.span_at(2, col0, 3);
            let rest = &src.text[2..];
            let start = 2 + rest.char_indices().nth(col0).map_or(rest.len(), |(i, _)| i);
            assert_eq!(sp.offset, start, "col {col0}");
            let want = src.text[sp.offset..].char_indices().nth(3).map_or(src.text.len() - sp.offset, |(i, _)| i);
            assert_eq!(sp.len, want, "col {col0}");
            if col0 < 2000 {
                assert_eq!(src.span_of_bytes(sp.offset, sp.len), sp, "col {col0}");
            }
        }
        assert_eq!(src.line_chars(2), 2000);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let src = SourceFile::new("t", "a: 1\rb: 2\r\nc: 3\n");
        assert_eq!(src.line_text(2), "b: 2");
        let sp = src.span_at(3, 3, 1);
        assert_eq!((&src.text[sp.offset..sp.offset + 1], sp.line, sp.column), ("3", 3, 4));
        assert_eq!(src.span_of_bytes(sp.offset, 1), sp);
    }
}
