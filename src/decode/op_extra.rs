//! An operation's less common options and its `params`.

use super::reader::NodeView;
use crate::model::OpExtra;

pub(super) fn op_extra(op: &NodeView<'_>) -> OpExtra {
    OpExtra {
        start_delay: op.text("start-delay"),
        interval_origin: op.str("interval-origin"),
        enabled: op.bool("enabled"),
        record_pending: op.bool("record-pending"),
        params: op.child_pairs("params", "cluster.primitive.op.params"),
    }
}
