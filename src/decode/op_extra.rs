//! An operation's less common options and its `params`.

use super::reader::NodeView;
use crate::model::OpExtra;

/// `params_path`: where the op's `params` are described (a primitive's or a template's op).
pub(super) fn op_extra(op: &NodeView<'_>, params_path: &'static str) -> OpExtra {
    OpExtra {
        start_delay: op.text("start-delay"),
        interval_origin: op.str("interval-origin"),
        enabled: op.bool("enabled"),
        record_pending: op.bool("record-pending"),
        description: op.str("description"),
        params: op.child_pairs("params", params_path),
    }
}
