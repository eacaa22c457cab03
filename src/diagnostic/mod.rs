//! Diagnostics: one type for every problem hacc reports, with a stable code.

mod codes;
pub mod format;
mod render;
mod shown;
mod suggest;

pub use codes::*;
pub use codes::{ALL_CODES, Code, Severity, find as find_code};
pub use render::render_all;
pub use shown::shown;
pub use suggest::did_you_mean;

use miette::SourceSpan;

/// A problem in a spec, pointing at the narrowest span that shows it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static Code,
    pub message: String,
    pub span: SourceSpan,
    pub label: Option<String>,
    /// Other places that explain the problem ("first defined here").
    pub related: Vec<(SourceSpan, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static Code, span: SourceSpan, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn related(mut self, span: SourceSpan, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean" help when a close candidate exists.
    pub fn suggest<'a>(self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(word, candidates) {
            Some(best) => self.help(format!("did you mean `{}`?", shown(best))),
            None => self,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity
    }

    pub fn is_error(&self) -> bool {
        self.code.severity == Severity::Error
    }
}

/// Diagnostics collected over one run, reported together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorted by position, then code, so output is stable.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (a.span.offset(), a.code.id).cmp(&(b.span.offset(), b.code.id)));
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
