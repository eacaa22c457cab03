//! The imported spec must pass `hacc check`: each error it would get is reported at the CIB
//! object the failing spec node was written from.

use super::finding::Finding;
use super::write::Written;
use crate::diagnostic::{self as diag, Diagnostic};
use crate::pipeline::check_source;

pub(super) fn check(written: &Written, xml: &str) -> Vec<Finding> {
    let outcome = check_source(&written.text);
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| {
            let offset = d.span.offset();
            let origin = written
                .origins
                .iter()
                .find(|(range, _)| range.contains(&offset))
                .map(|(_, origin)| origin)
                .or(written.document.as_ref())?;
            let diagnostic = Diagnostic::new(
                &diag::IMPORT_REFUSED_BY_CHECK,
                origin.span,
                format!("`hacc check` would refuse the imported spec: {}", d.message),
            )
            .help(format!(
                "{} {}{}",
                d.code.id,
                d.code.title,
                d.help
                    .as_ref()
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default()
            ));
            Some(Finding::new(
                xml,
                diagnostic,
                origin.path.clone(),
                format!("check {} {}", d.code.id, d.code.title),
            ))
        })
        .collect()
}
