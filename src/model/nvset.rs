//! Further attribute sets of an element: crmsh's `meta $id=... rule ...`.

use super::{NvPair, Rule, Score};
use crate::spanned::Spanned;
use miette::SourceSpan;
use serde::Serialize;

/// An attribute set beside an element's plain one (`property-set`, `meta-set`, ...), with its
/// own id. Pacemaker takes each name from the set with the highest score (default 0) that has
/// it and whose rule holds; of sets with equal scores, from the one written last (it sorts
/// them in reverse document order, stably). The cluster options' `cib-bootstrap-options` set
/// comes before all others.
#[derive(Debug, Clone, Serialize)]
pub struct NvSet {
    #[serde(skip)]
    pub span: SourceSpan,
    pub id: Spanned<String>,
    pub score: Option<Spanned<Score>>,
    /// When the set applies; always, without one.
    pub rule: Option<Rule>,
    /// Further `rule` blocks: a set has one rule, so validation refuses them.
    #[serde(skip)]
    pub extra_rules: Vec<SourceSpan>,
    /// The pairs of every `values` line, merged in order.
    pub pairs: Vec<NvPair>,
}
