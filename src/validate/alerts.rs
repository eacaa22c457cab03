//! Alerts: the agent path and recipients must reach cib.crm unchanged, selected attribute
//! names must be attribute names, and a `select` must select something.

use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::{crm, names};
use crate::model::Cluster;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for alert in &cluster.alerts {
        let texts = std::iter::once(("alert path", &alert.path))
            .chain(alert.recipients.iter().map(|r| ("recipient", &r.value)));
        for (what, value) in texts {
            // `why` is a sentence of its own, so it is the label, not the end of the message.
            report(diags, value, crm::value_problem(value), |why| {
                Diagnostic::new(
                    &diag::UNCARRIED_VALUE,
                    value.span,
                    format!("{what} `{}` cannot be written to cib.crm", shown(value)),
                )
                .label(why)
                .help(
                    "keep it on one line, in ASCII, without a backslash before `\"` or at the end",
                )
            });
        }
        for recipient in alert.recipients.iter().filter(|r| r.value.is_empty()) {
            report(diags, &recipient.value, Some("is empty"), |_| {
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    recipient.value.span,
                    "recipient is empty",
                )
                .label("names no recipient")
                .help("write the file, address or whatever the alert agent takes")
            });
        }
        let Some(select) = &alert.select else {
            continue;
        };
        for name in &select.attribute_names {
            report(diags, name, names::attribute_name(name), |why| {
                problem(&diag::INVALID_ID, "attribute name", name, why)
                    .label("not an attribute name")
                    .help("Pacemaker attribute names use letters, digits, `_`, `.` and `-`")
            });
        }
        if let (Some(off), Some(first)) = (&select.attributes, select.attribute_names.first())
            && !off.value
        {
            diags.push(
                Diagnostic::new(
                    &diag::MIXED_CONSTRAINT,
                    first.span,
                    format!(
                        "alert `{}` selects attributes with `attributes=#false`",
                        shown(&alert.id)
                    ),
                )
                .label("attribute selected")
                .related(off.span, "attribute changes not selected")
                .help("remove `attributes=#false`, or the `attribute` lines"),
            );
        }
        let nothing = !(select.nodes
            || select.fencing
            || select.resources
            || select.attributes.is_some()
            || !select.attribute_names.is_empty());
        if nothing {
            diags.push(
                Diagnostic::new(
                    &diag::MISSING_VALUE,
                    select.span,
                    format!("alert `{}` selects no events", shown(&alert.id)),
                )
                .label("selects nothing")
                .help("add `nodes=#true`, `fencing=#true`, `resources=#true` or `attributes=#true`, or remove `select` to get every event"),
            );
        }
    }
}
