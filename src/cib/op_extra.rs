//! An operation's less common options -> CIB attributes and its instance attributes.

use super::attr_sets::{attr_set, pairs};
use super::config::{CibOpExtra, CibRule};
use super::ids;
use super::nvsets::ruled_sets;
use crate::model::OpExtra;

pub(super) fn build(
    op_id: &str,
    extra: &OpExtra,
    rule: impl Fn(&str, &crate::model::Rule) -> CibRule,
) -> CibOpExtra {
    let text = |v: &Option<crate::spanned::Spanned<String>>| v.as_ref().map(|v| v.value.clone());
    let flag = |v: &Option<crate::spanned::Spanned<bool>>| v.as_ref().map(|v| v.value.to_string());
    CibOpExtra {
        start_delay: text(&extra.start_delay),
        interval_origin: text(&extra.interval_origin),
        enabled: flag(&extra.enabled),
        record_pending: flag(&extra.record_pending),
        description: text(&extra.description),
        params: attr_set(ids::instance_attributes(op_id), pairs(&extra.params)),
        param_sets: ruled_sets(&extra.param_sets, &rule),
        meta: attr_set(ids::meta_attributes(op_id), pairs(&extra.meta)),
        meta_sets: ruled_sets(&extra.meta_sets, &rule),
    }
}
