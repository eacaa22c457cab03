//! Byte offsets as LSP positions: 0-based lines, and columns in UTF-16 code units, which is
//! what LSP requires unless another encoding is negotiated.

use lsp_types::{Position, Range};

/// The start of every line of a text, to convert offsets and positions both ways.
pub(super) struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts; LSP ends lines at `\n`, `\r\n` and `\r`.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (at, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(at + 1);
            }
        }
        Lines { text, starts }
    }

    /// The position of `offset`; an offset inside a character or past the end moves back to
    /// the nearest character start, so every span has a position.
    pub(super) fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.starts[line]..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(column))
    }

    pub(super) fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of `position`. A column past the end of its line means the line's end
    /// (as LSP says), a line past the last one means the end of the text, and a column in the
    /// middle of a character (between the halves of a surrogate pair) means that character.
    pub(super) fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + at;
            }
        }
        end
    }

    /// Where line `line`'s text ends, before its line break.
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let text = &self.text[self.starts[line]..next];
        let without_break = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .or_else(|| text.strip_suffix('\r'))
            .unwrap_or(text);
        self.starts[line] + without_break.len()
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use lsp_types::Position;

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is 2 bytes and 1 unit, `😀` is 4 bytes and 2 units.
        let lines = Lines::new("aé😀b\nx");
        assert_eq!(lines.position(1), Position::new(0, 1));
        assert_eq!(lines.position(3), Position::new(0, 2));
        assert_eq!(lines.position(7), Position::new(0, 4));
        assert_eq!(lines.position(9), Position::new(1, 0));
        // Inside `😀`: moved back to its start.
        assert_eq!(lines.position(5), Position::new(0, 2));
        assert_eq!(lines.position(100), Position::new(1, 1));
    }

    #[test]
    fn positions_become_offsets_again() {
        let text = "aé😀b\r\nx\ry";
        let lines = Lines::new(text);
        for offset in [0, 1, 3, 7, 8, 10, 11, 12] {
            assert_eq!(lines.offset(lines.position(offset)), offset, "{offset}");
        }
        // Between the halves of `😀`: the character's start.
        assert_eq!(lines.offset(Position::new(0, 3)), 3);
        // Past the end of a line: its end, before `\r\n`.
        assert_eq!(lines.offset(Position::new(0, 50)), 8);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn every_line_break_lsp_knows_ends_a_line() {
        let lines = Lines::new("a\nb\r\nc\rd");
        assert_eq!(lines.position(2), Position::new(1, 0));
        assert_eq!(lines.position(5), Position::new(2, 0));
        assert_eq!(lines.position(7), Position::new(3, 0));
    }
}
