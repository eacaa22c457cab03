//! Shared by the checks of text values: which values to leave alone, and how a problem reads.

use crate::diagnostic::{self as diag, Code, Diagnostic, Diagnostics, shown};
use crate::spanned::Spanned;

/// Codes that say what is wrong with the value they point at, rather than use it as a place.
const VALUE_CODES: &[&Code] = &[
    &diag::MISSING_VALUE,
    &diag::WRONG_TYPE,
    &diag::INVALID_VALUE,
    &diag::INVALID_ADDRESS,
    &diag::INVALID_DURATION,
    &diag::INVALID_SCORE,
    &diag::INVALID_AGENT,
    &diag::UNCARRIED_VALUE,
    &diag::DUPLICATE_NAME,
    &diag::INVALID_ID,
    &diag::UNKNOWN_REFERENCE,
    &diag::UNKNOWN_CLUSTER_PROPERTY,
];

/// Whether a value's form is already settled: a problem with it was reported (a placeholder
/// for a missing value sits where "missing" was reported), or it holds a NUL character, which
/// the decoder reports for every value. One problem per value is enough.
pub(super) fn settled(diags: &Diagnostics, value: &Spanned<String>) -> bool {
    value.contains('\0')
        || diags
            .iter()
            .any(|d| d.span == value.span && VALUE_CODES.contains(&d.code))
}

/// "node name `x` does not start with a letter", or "node name is empty".
pub(super) fn problem(
    code: &'static Code,
    what: &str,
    value: &Spanned<String>,
    why: &str,
) -> Diagnostic {
    let message = if value.is_empty() {
        format!("{what} is empty")
    } else {
        format!("{what} `{}` {why}", shown(value))
    };
    Diagnostic::new(code, value.span, message)
}

/// Reports `why` for a value whose form is not settled yet.
pub(super) fn report(
    diags: &mut Diagnostics,
    value: &Spanned<String>,
    why: Option<&str>,
    diagnostic: impl FnOnce(&str) -> Diagnostic,
) {
    if let Some(why) = why
        && !settled(diags, value)
    {
        diags.push(diagnostic(why));
    }
}

/// Free text cib.crm carries in crmsh's quoting (a description): refused where crmsh would
/// not load it unchanged.
pub(super) fn crm_text(diags: &mut Diagnostics, what: &str, value: &Spanned<String>) {
    report(
        diags,
        value,
        crate::limits::crm::value_problem(value),
        |why| {
            Diagnostic::new(
                &diag::UNCARRIED_VALUE,
                value.span,
                format!("{what} `{}` cannot be written to cib.crm", shown(value)),
            )
            .label(why)
            .help("keep it on one line, in ASCII, without a backslash before `\"` or at the end")
        },
    );
}
