//! `hacc check --format json`: diagnostics for machines. The schema is
//! `schemas/diagnostics.json`; fields are only ever added within a `format_version`.

use super::position::{LineIndex, Position, Region};
use super::{Report, severity_name};
use crate::diagnostic::Diagnostic;
use miette::SourceSpan;
use serde::Serialize;

/// Version of the `--format json` schema.
pub(super) const JSON_FORMAT: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    hacc_version: &'static str,
    file: &'a str,
    valid: bool,
    summary: Summary,
    diagnostics: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: &'static str,
    severity: &'static str,
    title: &'static str,
    message: &'a str,
    file: &'a str,
    #[serde(flatten)]
    location: Location,
    labels: Vec<Label<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Location {
    span: Span,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Span {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct Label<'a> {
    primary: bool,
    message: Option<&'a str>,
    #[serde(flatten)]
    location: Location,
}

impl Location {
    fn of(index: &LineIndex, span: SourceSpan) -> Self {
        let Region {
            offset,
            length,
            start,
            end,
            ..
        } = index.region(span);
        Location {
            span: Span { offset, length },
            start,
            end,
        }
    }
}

fn entry<'a>(report: &Report<'a>, index: &LineIndex, d: &'a Diagnostic) -> Entry<'a> {
    let primary = Label {
        primary: true,
        message: d.label.as_deref(),
        location: Location::of(index, d.span),
    };
    let related = d.related.iter().map(|(span, label)| Label {
        primary: false,
        message: Some(label),
        location: Location::of(index, *span),
    });
    Entry {
        code: d.code.id,
        severity: severity_name(d.severity()),
        title: d.code.title,
        message: &d.message,
        file: report.file,
        location: Location::of(index, d.span),
        labels: std::iter::once(primary).chain(related).collect(),
        help: d.help.as_deref(),
    }
}

/// The diagnostics as pretty-printed JSON, with a final newline.
pub(super) fn render(report: &Report) -> String {
    let index = LineIndex::new(report.source);
    let (errors, warnings) = report.counts();
    let document = Document {
        format_version: JSON_FORMAT,
        hacc_version: env!("CARGO_PKG_VERSION"),
        file: report.file,
        valid: errors == 0,
        summary: Summary { errors, warnings },
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| entry(report, &index, d))
            .collect(),
    };
    // Plain structs of strings and numbers always serialize.
    let mut text = serde_json::to_string_pretty(&document).expect("diagnostics serialize");
    text.push('\n');
    text
}
