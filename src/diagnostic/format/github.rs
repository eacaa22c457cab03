//! `hacc check --format github`: one GitHub Actions workflow command per diagnostic, which the
//! runner shows as an annotation on the spec's lines.

use super::position::LineIndex;
use super::{Report, severity_name};
use crate::diagnostic::Diagnostic;
use std::fmt::Write as _;

/// A message as the runner reads it back: `%`, CR and LF are percent-encoded.
pub(super) fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value: also `:` and `,`, which separate the command's parts.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn annotation(out: &mut String, report: &Report, index: &LineIndex, d: &Diagnostic) {
    let region = index.region(d.span);
    let (start, last) = (region.start, region.last);
    let _ = write!(
        out,
        "::{} file={},line={}",
        severity_name(d.severity()),
        escape_property(report.file),
        start.line
    );
    // GitHub reads columns only for an annotation within one line.
    if start.line == last.line {
        let _ = write!(
            out,
            ",col={},endLine={},endColumn={}",
            start.column, last.line, last.column
        );
    } else {
        let _ = write!(out, ",endLine={}", last.line);
    }
    let mut message = d.message.clone();
    if let Some(label) = &d.label {
        let _ = write!(message, "\n{label}");
    }
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    let _ = writeln!(
        out,
        ",title={}::{}",
        escape_property(d.code.id),
        escape_data(&message)
    );
}

/// Every diagnostic as a workflow command, one per line.
pub(super) fn render(report: &Report) -> String {
    let index = LineIndex::new(report.source);
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        annotation(&mut out, report, &index, diagnostic);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn separators_and_line_breaks_are_percent_encoded() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
