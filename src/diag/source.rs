//! The topology text as read from disk, with a line index for positions.

use super::Span;

/// One input file: its display name (as the user named it) and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { name: name.into(), text, line_starts }
    }

    /// The span of `len_chars` characters starting at a 1-based `line` and
    /// 0-based character column `col0`, clamped to the text.
    pub fn span_at(&self, line: usize, col0: usize, len_chars: usize) -> Span {
        let line = line.clamp(1, self.line_starts.len());
        let start = self.line_starts[line - 1];
        let rest = &self.text[start..];
        let offset = start + byte_index(rest, col0);
        let len = byte_index(&self.text[offset..], len_chars);
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
        let column = self.text[self.line_starts[line_idx]..offset].chars().count() + 1;
        Span::new(offset, len, line_idx as u32 + 1, column as u32)
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

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
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
    }
}
