//! Parsing: source text -> [`Document`], with every syntax error as a diagnostic.

mod fast;
mod from_kdl;
mod tree;

pub use tree::{Document, Entry, Name, Node, Value};

use crate::diagnostic::{self as diag, Diagnostic};
use kdl::KdlDocument;

/// Plain specs take the fast path; anything else, and every error, is the kdl crate's.
pub fn parse(source: &str) -> Result<Document<'_>, Vec<Diagnostic>> {
    if let Some(doc) = fast::parse(source) {
        return Ok(doc);
    }
    parse_with_kdl(source)
}

/// The kdl crate's parse of any source, converted; its errors become diagnostics.
fn parse_with_kdl(source: &str) -> Result<Document<'static>, Vec<Diagnostic>> {
    match KdlDocument::parse_v2(source) {
        Ok(doc) => Ok(from_kdl::document(&doc)),
        Err(error) => Err(error
            .diagnostics
            .into_iter()
            .map(|d| {
                let message = d
                    .message
                    .unwrap_or_else(|| "invalid KDL".into())
                    .to_lowercase();
                let label = d.label.unwrap_or_else(|| "here".into());
                let diagnostic = Diagnostic::new(&diag::SYNTAX, d.span, message).label(label);
                match d.help {
                    Some(help) => diagnostic.help(help),
                    None => diagnostic.help("see https://kdl.dev for the KDL v2 syntax"),
                }
            })
            .collect()),
    }
}
