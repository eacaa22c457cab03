//! Byte offsets as the line and column numbers editors, SARIF and GitHub show.

use miette::SourceSpan;
use serde::Serialize;

/// A 1-based line and column; columns count Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a span lies: its bytes, where it starts, and the position just after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub offset: usize,
    pub length: usize,
    pub start: Position,
    /// Exclusive, as in SARIF and LSP: the position of the first character after the span.
    pub end: Position,
    /// Inclusive: the position of the span's last character (its start when it is empty).
    pub last: Position,
}

/// The start of every line of a source, to turn offsets into positions in O(log lines).
pub(super) struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex {
            source,
            line_starts,
        }
    }

    /// The position of the character at `offset`. An offset past the end, or inside a
    /// character, is moved back to the nearest character start, so any span has a position.
    pub(super) fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.source[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    pub(super) fn region(&self, span: SourceSpan) -> Region {
        let offset = self.floor_char_boundary(span.offset());
        let end_offset = self.floor_char_boundary(span.offset().saturating_add(span.len()));
        let end_offset = end_offset.max(offset);
        let last = match self.source[offset..end_offset].char_indices().last() {
            Some((at, _)) => self.position(offset + at),
            None => self.position(offset),
        };
        Region {
            offset,
            length: end_offset - offset,
            start: self.position(offset),
            end: self.position(end_offset),
            last,
        }
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, Position};

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let index = LineIndex::new("ab\nçd\r\n\nx");
        assert_eq!(index.position(0), at(1, 1));
        assert_eq!(index.position(2), at(1, 3));
        assert_eq!(index.position(3), at(2, 1));
        // `ç` is two bytes but one column.
        assert_eq!(index.position(5), at(2, 2));
        // Inside `ç`: moved back to its start.
        assert_eq!(index.position(4), at(2, 1));
        assert_eq!(index.position(9), at(4, 1));
        assert_eq!(index.position(10), at(4, 2));
        assert_eq!(index.position(1000), at(4, 2));
    }

    #[test]
    fn regions_end_after_and_at_their_last_character() {
        let index = LineIndex::new("ab\ncd\n");
        let region = index.region((1, 3).into());
        assert_eq!((region.offset, region.length), (1, 3));
        assert_eq!(region.start, at(1, 2));
        assert_eq!(region.end, at(2, 2));
        assert_eq!(region.last, at(2, 1));
        let empty = index.region((4, 0).into());
        assert_eq!(
            (empty.start, empty.end, empty.last),
            (at(2, 2), at(2, 2), at(2, 2))
        );
        let past_end = index.region((5, 10).into());
        assert_eq!((past_end.offset, past_end.length), (5, 1));
    }
}
