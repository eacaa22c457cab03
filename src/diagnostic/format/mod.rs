//! Diagnostics for machines: `hacc check --format json|sarif|github`. The human format is
//! [`crate::diagnostic::render_all`].

mod github;
mod json;
mod position;
mod sarif;

use super::{Diagnostic, Severity};

/// How `hacc check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with labels and help, on stderr
    Human,
    /// One JSON document (schema: schemas/diagnostics.json)
    Json,
    /// A SARIF 2.1.0 log for code-scanning tools
    Sarif,
    /// GitHub Actions workflow commands, one annotation per diagnostic
    Github,
}

/// The diagnostics of one spec file, with the source their spans point into.
pub struct Report<'a> {
    /// The spec's path as the user gave it.
    pub file: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

impl Report<'_> {
    /// The number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, self.diagnostics.len() - errors)
    }
}

/// The report in a machine format; `None` for [`Format::Human`].
pub fn render(format: Format, report: &Report) -> Option<String> {
    match format {
        Format::Human => None,
        Format::Json => Some(json::render(report)),
        Format::Sarif => Some(sarif::render(report)),
        Format::Github => Some(github::render(report)),
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
