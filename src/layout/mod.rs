//! `hacc fmt`: the canonical layout of a spec. Only whitespace changes: every name, value and
//! comment is kept as written, in its order.

mod lexer;
mod meaning;
mod printer;
mod tree;

pub use meaning::same_meaning;

use crate::diagnostic::Diagnostic;

#[derive(Debug)]
pub enum LayoutError {
    /// The source is not KDL v2.
    Syntax(Vec<Diagnostic>),
    /// The laid-out text would mean something else: a defect of the formatter, never written.
    MeaningChanged,
}

/// The source laid out canonically.
pub fn canonical(source: &str) -> Result<String, LayoutError> {
    crate::parse::parse(source).map_err(LayoutError::Syntax)?;
    let laid_out = printer::document(&tree::document(&lexer::tokens(source)));
    // A formatter must never change what a file says: refuse rather than write a file that
    // means something else.
    if same_meaning(source, &laid_out) {
        Ok(laid_out)
    } else {
        Err(LayoutError::MeaningChanged)
    }
}

/// The comments of a source, in order: what layout must keep.
pub fn comments(source: &str) -> Vec<&str> {
    lexer::tokens(source)
        .into_iter()
        .filter_map(|t| match t {
            lexer::Token::LineComment(text) | lexer::Token::BlockComment(text) => Some(text),
            _ => None,
        })
        .collect()
}
