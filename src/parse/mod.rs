//! Parsing: source text -> KDL document, with every syntax error as a diagnostic.

mod fast;

use crate::diagnostic::{self as diag, Diagnostic};
use kdl::KdlDocument;

/// Plain specs take the fast path; anything else, and every error, is the kdl crate's.
pub fn parse(source: &str) -> Result<KdlDocument, Vec<Diagnostic>> {
    if let Some(doc) = fast::parse(source) {
        return Ok(doc);
    }
    KdlDocument::parse_v2(source).map_err(|error| {
        error
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
            .collect()
    })
}
