//! A diagnostic about an imported file, with where it is: line and column, and the element
//! path (`/cib/configuration/constraints/rsc_ticket[@id='t1']`) that names it in the XML.

use crate::diagnostic::{Diagnostic, render_all};
use miette::NamedSource;

#[derive(Debug, Clone)]
pub struct Finding {
    /// Its span points into the imported file; its label is the element path.
    pub diagnostic: Diagnostic,
    pub path: String,
    /// A short name of what could not be imported (`bundle`, `op@description`), for
    /// counting refusals by construct.
    pub construct: String,
    /// 1-based line and column of the span's start.
    pub line: u32,
    pub column: u32,
}

impl Finding {
    pub fn new(source: &str, diagnostic: Diagnostic, path: String, construct: String) -> Self {
        let (line, column) = line_column(source, diagnostic.span.offset());
        let diagnostic = diagnostic.label(path.clone());
        Finding {
            diagnostic,
            path,
            construct,
            line,
            column,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(source: &str, offset: usize) -> (u32, u32) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// Renders findings against the file they point into, as `hacc check` renders diagnostics.
pub fn render_findings(findings: &[Finding], name: &str, source: &str, color: bool) -> String {
    let diagnostics: Vec<Diagnostic> = findings.iter().map(|f| f.diagnostic.clone()).collect();
    render_all(
        &diagnostics,
        &NamedSource::new(name, source.to_string()),
        color,
    )
}
