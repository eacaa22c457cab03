//! An `op`'s less common attributes and its instance and meta attributes.

use super::attr_set::attr_sets;
use super::element::{Context, attribute_span};
use crate::cib::CibOpExtra;
use crate::diagnostic as diag;
use roxmltree::Node;

/// The attributes [`CibOpExtra`] carries, for the op's list of known attributes.
pub(super) const ATTRIBUTES: [&str; 5] = [
    "start-delay",
    "interval-origin",
    "enabled",
    "record-pending",
    "description",
];

pub(super) fn op_extra(ctx: &mut Context<'_>, op: Node<'_, '_>) -> CibOpExtra {
    let mut flag = |name: &str| {
        let text = op.attribute(name)?;
        if !matches!(text, "true" | "false") {
            // The spec writes these as KDL booleans.
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                attribute_span(op, name),
                op,
                format!("op {name}"),
                format!("`{name}` is `true` or `false` in the spec, not `{text}`"),
                None,
            );
            return None;
        }
        Some(text.to_string())
    };
    let enabled = flag("enabled");
    let record_pending = flag("record-pending");
    let (params, param_sets) = attr_sets(ctx, op, "instance_attributes", None, true);
    let (meta, meta_sets) = attr_sets(ctx, op, "meta_attributes", None, true);
    CibOpExtra {
        start_delay: op.attribute("start-delay").map(str::to_string),
        interval_origin: op.attribute("interval-origin").map(str::to_string),
        enabled,
        record_pending,
        description: op.attribute("description").map(str::to_string),
        params,
        param_sets,
        meta,
        meta_sets,
    }
}
