//! Name-value sets as crmsh writes them: the pairs of a spec list, and a set with crmsh's ids.

use super::config::{AttrSet, Pair};
use super::ids;
use crate::model::NvPair;

pub(super) fn pairs(list: &[NvPair]) -> Vec<(String, String)> {
    list.iter()
        .map(|p| (p.name.value.clone(), p.value.value.clone()))
        .collect()
}

/// A set with crmsh's ids, or None when it would be empty (crmsh writes no empty sets).
pub(super) fn attr_set(id: String, pairs: Vec<(String, String)>) -> Option<AttrSet> {
    if pairs.is_empty() {
        return None;
    }
    let pairs = pairs
        .into_iter()
        .map(|(name, value)| Pair {
            id: ids::nvpair(&id, &name),
            name,
            value,
        })
        .collect();
    Some(AttrSet { id, pairs })
}
