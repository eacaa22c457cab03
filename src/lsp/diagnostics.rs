//! `textDocument/publishDiagnostics`: what `hacc check` reports, with the same codes,
//! messages and spans, as LSP diagnostics.

use super::position::Lines;
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{check_source, check_spec};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use miette::SourceSpan;

/// Checks `text` as `hacc check` checks the file: a saved spec's copy sources are looked up
/// in its directory, an unsaved one is checked as text alone.
pub(super) fn of(uri: &Uri, text: &str) -> Vec<lsp_types::Diagnostic> {
    let outcome = match super::uri::spec_dir(uri) {
        Some(dir) => check_spec(text, &dir),
        None => check_source(text),
    };
    let lines = Lines::new(text);
    outcome
        .diagnostics
        .iter()
        .map(|d| convert(uri, &lines, d))
        .collect()
}

fn convert(uri: &Uri, lines: &Lines, d: &Diagnostic) -> lsp_types::Diagnostic {
    let related = d
        .related
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(lines, *span)),
            message: label.clone(),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: range(lines, d.span),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.id.to_string())),
        source: Some("hacc".to_string()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// The message, then the primary label and the help, one per line, as `check --format github`
/// writes them: an editor shows one text per diagnostic.
fn message(d: &Diagnostic) -> String {
    let mut message = d.message.clone();
    if let Some(label) = &d.label {
        message.push('\n');
        message.push_str(label);
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    message
}

fn range(lines: &Lines, span: SourceSpan) -> lsp_types::Range {
    lines.range(span.offset(), span.offset().saturating_add(span.len()))
}
