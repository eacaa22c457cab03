use crate::spanned::Spanned;
use serde::Serialize;

/// A name/value attribute (params, meta, defaults, node attributes, utilization).
///
/// Values are kept in the textual form Pacemaker stores (`true`, `100`, `10s`).
#[derive(Debug, Clone, Serialize)]
pub struct NvPair {
    pub name: Spanned<String>,
    pub value: Spanned<String>,
}

/// Looks up an attribute by name in a list of pairs.
pub fn find<'a>(pairs: &'a [NvPair], name: &str) -> Option<&'a NvPair> {
    pairs.iter().find(|p| p.name.value == name)
}
