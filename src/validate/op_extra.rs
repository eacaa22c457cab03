//! An operation's `start-delay` and `interval-origin` exclude each other (Pacemaker's schema
//! takes one or the other).

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Resource};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let ops = cluster.resources.iter().flat_map(|r| match r {
        Resource::Primitive(p) | Resource::Template(p) => p.ops.as_slice(),
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
