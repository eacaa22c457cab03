//! An operation's less common options and its `params` and `meta` sets.

use super::nvsets::SetPaths;
use super::reader::NodeView;
use crate::model::OpExtra;

/// Where a primitive's or a template's op and its sets are described in the schema.
pub(super) struct OpPaths {
    pub params: &'static str,
    pub params_set: &'static SetPaths,
    pub meta: &'static str,
    pub meta_set: &'static SetPaths,
}

pub(super) const PRIMITIVE_OP: OpPaths = OpPaths {
    params: "cluster.primitive.op.params",
    params_set: &super::nvsets::PRIMITIVE_OP_PARAMS_SET,
    meta: "cluster.primitive.op.meta",
    meta_set: &super::nvsets::PRIMITIVE_OP_META_SET,
};

pub(super) const TEMPLATE_OP: OpPaths = OpPaths {
    params: "cluster.template.op.params",
    params_set: &super::nvsets::TEMPLATE_OP_PARAMS_SET,
    meta: "cluster.template.op.meta",
    meta_set: &super::nvsets::TEMPLATE_OP_META_SET,
};

/// `paths`: where the op's attribute sets are described.
pub(super) fn op_extra(op: &NodeView<'_>, paths: &'static OpPaths) -> OpExtra {
    OpExtra {
        start_delay: op.text("start-delay"),
        interval_origin: op.str("interval-origin"),
        enabled: op.bool("enabled"),
        record_pending: op.bool("record-pending"),
        description: op.str("description"),
        params: op.child_pairs("params", paths.params),
        param_sets: super::nvsets::sets(op, "params-set", paths.params_set),
        meta: op.child_pairs("meta", paths.meta),
        meta_sets: super::nvsets::sets(op, "meta-set", paths.meta_set),
    }
}
