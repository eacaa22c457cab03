//! The less common options of an operation, beside name, interval, timeout, role and on-fail.

use super::NvPair;
use crate::spanned::Spanned;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct OpExtra {
    /// Wait this long before the operation (excludes `interval_origin`).
    pub start_delay: Option<Spanned<String>>,
    /// When a recurring operation's intervals are counted from (ISO 8601).
    pub interval_origin: Option<Spanned<String>>,
    /// `#false` keeps the operation configured without running it.
    pub enabled: Option<Spanned<bool>>,
    /// Whether the cluster records the operation while it runs.
    pub record_pending: Option<Spanned<bool>>,
    /// Free text for people (`description=`), kept in the CIB.
    pub description: Option<Spanned<String>>,
    /// Operation instance attributes, e.g. `OCF_CHECK_LEVEL`.
    pub params: Vec<NvPair>,
    /// Further sets of them, each with its own id, score and rule (a level per node).
    pub param_sets: Vec<super::NvSet>,
    /// Operation options as meta attributes (`timeout`, `on-fail`, ...): Pacemaker reads them
    /// over `op-defaults` and under the op's own attributes.
    pub meta: Vec<NvPair>,
    /// Further sets of them, each with its own id, score and rule.
    pub meta_sets: Vec<super::NvSet>,
}
