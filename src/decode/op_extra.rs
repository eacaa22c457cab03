//! An operation's less common options and its `params` sets.

use super::nvsets::SetPaths;
use super::reader::NodeView;
use crate::model::OpExtra;

/// `params_path`, `sets`: where the op's `params` and `params-set`s are described (a
/// primitive's or a template's op).
pub(super) fn op_extra(
    op: &NodeView<'_>,
    params_path: &'static str,
    sets: &'static SetPaths,
) -> OpExtra {
    OpExtra {
        start_delay: op.text("start-delay"),
        interval_origin: op.str("interval-origin"),
        enabled: op.bool("enabled"),
        record_pending: op.bool("record-pending"),
        description: op.str("description"),
        params: op.child_pairs("params", params_path),
        param_sets: super::nvsets::sets(op, "params-set", sets),
    }
}
