//! An operation's `start-delay` and `interval-origin` exclude each other (Pacemaker's schema
//! takes one or the other).

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Resource};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let ops = cluster.resources.iter().flat_map(|r| match r {
        Resource::Primitive(p) => p.ops.as_slice(),
        _ => &[],
    });
    for op in ops {
        if let (Some(delay), Some(origin)) = (&op.extra.start_delay, &op.extra.interval_origin) {
            diags.push(
                Diagnostic::new(
                    &diag::INVALID_VALUE,
                    origin.span,
                    "`interval-origin` and `start-delay` exclude each other",
                )
                .label("interval origin")
                .related(delay.span, "start delay")
                .help("keep one of them: the CIB takes either"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::codes_of;

    fn codes(op: &str) -> Vec<&'static str> {
        codes_of(&format!(
            "property \"stonith-enabled\" #false {{ unsafe-acknowledged \"test\"; }}\n\
             primitive \"a\" agent=\"ocf:pacemaker:Dummy\" {{ {op} }}"
        ))
    }

    #[test]
    fn op_options() {
        let good = codes(
            r#"op "monitor" interval="10s" start-delay="5s" enabled=#false record-pending=#true {
                   params OCF_CHECK_LEVEL=10
               }
               op "start" interval-origin="2024-01-01T00:00:00Z""#,
        );
        assert!(good.is_empty(), "{good:?}");
        assert_eq!(
            codes(r#"op "monitor" interval="10s" start-delay="5s" interval-origin="10:00""#),
            ["E0105"]
        );
        assert_eq!(
            codes(r#"op "monitor" interval="10s" start-delay="soon""#),
            ["E0109"]
        );
        assert_eq!(
            codes(r#"op "monitor" interval="10s" { params "a b"=1; }"#),
            ["E0202"]
        );
    }
}
