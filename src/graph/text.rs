//! How much room text takes. The SVG names a monospace font, whose glyphs all advance by the
//! same width (0.6 em in DejaVu Sans Mono, Menlo and Consolas), so a line's width follows from
//! its length without reading any font file.

/// Font size of a box's first line.
pub(super) const TITLE_SIZE: f64 = 13.0;
/// Font size of the other lines of a box, and of edge labels.
pub(super) const DETAIL_SIZE: f64 = 11.0;
/// A line's height, as a multiple of its font size.
pub(super) const LINE_HEIGHT: f64 = 1.3;
/// The font family the SVG asks for, first choice first.
pub(super) const FONT_FAMILY: &str = "DejaVu Sans Mono, Menlo, Consolas, monospace";

/// Advance of one character, in em; a little above 0.6 so no line touches its box.
const CHAR_ADVANCE: f64 = 0.62;
/// Space between text and the edge of its box.
pub(super) const PAD_X: f64 = 10.0;
pub(super) const PAD_Y: f64 = 6.0;

/// A block of lines: the first in the title size when `titled`, the rest in the detail size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block<'a> {
    pub lines: &'a [String],
    pub titled: bool,
}

impl Block<'_> {
    pub(super) fn size(&self, line: usize) -> f64 {
        if self.titled && line == 0 {
            TITLE_SIZE
        } else {
            DETAIL_SIZE
        }
    }

    /// Width and height of the block with its padding; zero for no lines.
    pub(super) fn extent(&self) -> (f64, f64) {
        if self.lines.is_empty() {
            return (0.0, 0.0);
        }
        let width = (0..self.lines.len())
            .map(|i| width(&self.lines[i], self.size(i)))
            .fold(0.0, f64::max);
        let height: f64 = (0..self.lines.len())
            .map(|i| self.size(i) * LINE_HEIGHT)
            .sum();
        (width + 2.0 * PAD_X, height + 2.0 * PAD_Y)
    }

    /// The baseline of each line, from the top of the block.
    pub(super) fn baselines(&self) -> Vec<f64> {
        let mut top = PAD_Y;
        (0..self.lines.len())
            .map(|i| {
                let size = self.size(i);
                let baseline = top + size * 0.95;
                top += size * LINE_HEIGHT;
                baseline
            })
            .collect()
    }
}

/// The width of `text` at font `size`.
pub(super) fn width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * CHAR_ADVANCE
}
