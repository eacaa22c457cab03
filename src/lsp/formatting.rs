//! `textDocument/formatting`: the layout `hacc fmt` writes, as one edit of the whole text.

use super::position::Lines;
use crate::layout::canonical;
use lsp_types::TextEdit;

/// The edits that lay `text` out canonically: none when it already is; `None` when it cannot
/// be laid out (it does not parse), so the editor changes nothing.
pub(super) fn edits(text: &str) -> Option<Vec<TextEdit>> {
    let laid_out = canonical(text).ok()?;
    if laid_out == text {
        return Some(Vec::new());
    }
    let lines = Lines::new(text);
    Some(vec![TextEdit::new(lines.range(0, text.len()), laid_out)])
}
