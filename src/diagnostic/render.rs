//! Renders diagnostics with the spec source attached once.

use super::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;

struct WithSource<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.id))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.code.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(d.label.clone(), d.span);
        let related = d
            .related
            .iter()
            .map(|(span, label)| LabeledSpan::new_with_span(Some(label.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Diagnostics shown in full at most: past them a user fixes what is shown first.
pub(super) const MAX_SHOWN: usize = 100;
/// Bytes of rendered diagnostics after which the rest are only counted: each shows a snippet
/// of the source, so a long line repeated under many diagnostics adds up.
const MAX_RENDERED_BYTES: usize = 256 * 1024;

/// Renders the diagnostics against the named source, the first [`MAX_SHOWN`] of them (fewer
/// when they grow past [`MAX_RENDERED_BYTES`]), then a line that counts the others.
///
/// `color` selects ANSI colours; without it the output has the same Unicode box drawing and no
/// escape codes, at a fixed width, which is what golden files store.
pub fn render_all(diagnostics: &[Diagnostic], source: &NamedSource<String>, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for (shown, diagnostic) in diagnostics.iter().enumerate() {
        if shown == MAX_SHOWN || out.len() > MAX_RENDERED_BYTES {
            let hidden = diagnostics.len() - shown;
            out.push_str(&format!(
                "... and {hidden} more diagnostic(s), not shown: fix the ones above first\n"
            ));
            break;
        }
        let wrapped = WithSource { diagnostic, source };
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut out, &wrapped);
    }
    out
}
