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
            report(diags, value, crm::value_problem(value), |why| {
                problem(&diag::UNCARRIED_VALUE, what, value, why)
                    .label("cannot be written to cib.crm")
                    .help("keep it on one line, in ASCII, without a backslash before `\"` or at the end")
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

#[cfg(test)]
mod tests {
    use crate::validate::tests::codes_of;

    fn codes(body: &str) -> Vec<&'static str> {
        codes_of(&format!(
            "property \"stonith-enabled\" #false {{ unsafe-acknowledged \"test\"; }}\n{body}"
        ))
    }

    #[test]
    fn sound_alerts_pass() {
        let codes = codes(
            r#"alert "log" path="/usr/share/pacemaker/alerts/alert_file.sh" {
                   params debug=1
                   meta timeout="10s" timestamp-format="%H:%M:%S"
                   select nodes=#true fencing=#true {
                       attribute "standby"
                   }
                   recipient "/var/log/alerts.log" {
                       meta timeout="5s"
                   }
               }
               alert "all" path="/usr/bin/alert.sh" { recipient "admin@example.com"; }"#,
        );
        assert!(codes.is_empty(), "{codes:?}");
    }

    #[test]
    fn bad_alerts_are_refused() {
        assert_eq!(codes(r#"alert "a" path="bin/alert.sh""#), ["E0105"]);
        assert_eq!(codes(r#"alert "a""#), ["E0103"]);
        assert_eq!(
            codes(r#"alert "a" path="/bin/a" { recipient "two\nlines"; }"#),
            ["E0112"]
        );
        assert_eq!(
            codes(r#"alert "a" path="/bin/a" { recipient ""; }"#),
            ["E0105"]
        );
        assert_eq!(codes(r#"alert "a" path="/bin/a" { select; }"#), ["E0103"]);
        assert_eq!(
            codes(r#"alert "a" path="/bin/a" { select attributes=#false { attribute "x"; }; }"#),
            ["E0412"]
        );
        assert_eq!(
            codes(r#"alert "a" path="/bin/a" { select { attribute "a b"; }; }"#),
            ["E0202"]
        );
        assert_eq!(
            codes(r#"alert "a" path="/bin/a" { params "a b"=1; }"#),
            ["E0202"]
        );
    }
}
