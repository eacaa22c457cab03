//! Parsing: source text -> [`Document`], with every syntax error as a diagnostic.

mod depth;
mod fast;
mod from_kdl;
mod tree;

pub use tree::{Document, Entry, Node, Value};

use crate::diagnostic::{self as diag, Diagnostic};
use kdl::KdlDocument;

/// Plain specs take the fast path; anything else, and every error, is the kdl crate's. Both
/// recurse, so nesting past the limit is refused before either runs.
pub fn parse(source: &str) -> Result<Document<'_>, Vec<Diagnostic>> {
    if let Some((opener, span)) = depth::too_deep(source) {
        return Err(vec![too_deep(opener, span)]);
    }
    if let Some(doc) = fast::parse(source) {
        return Ok(doc);
    }
    parse_with_kdl(source)
}

fn too_deep(opener: depth::Opener, span: miette::SourceSpan) -> Diagnostic {
    let what = match opener {
        depth::Opener::Block => "block",
        depth::Opener::Comment => "`/*` comment",
        depth::Opener::Slashdash => "`/-` slashdash",
    };
    let limit = depth::MAX_DEPTH;
    Diagnostic::new(
        &diag::TOO_DEEP,
        span,
        format!("{what} nested more than {limit} levels deep"),
    )
    .label(format!("level {} opens here", limit + 1))
    .help(format!(
        "hacc reads at most {limit} levels of blocks, comments and slashdashes; a spec needs three levels of blocks: close each block where it ends"
    ))
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
                let span = first_line(source, d.span);
                let diagnostic = Diagnostic::new(&diag::SYNTAX, span, message).label(label);
                match d.help {
                    Some(help) => diagnostic.help(help),
                    None => diagnostic.help("see https://kdl.dev for the KDL v2 syntax"),
                }
            })
            .collect()),
    }
}

/// The part of `span` on its first line. A syntax error is at a place: the kdl crate's spans
/// of an unclosed block run to the end of the file, and shown whole, each repeats the rest of
/// the file (quadratic output for many unclosed blocks).
fn first_line(source: &str, span: miette::SourceSpan) -> miette::SourceSpan {
    let start = span.offset().min(source.len());
    let end = (start + span.len()).min(source.len());
    let line_end = source
        .get(start..end)
        .and_then(|text| text.find('\n'))
        .map_or(end, |at| start + at);
    miette::SourceSpan::new(start.into(), line_end - start)
}
