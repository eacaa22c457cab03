//! Resource sets of constraints and role names, as the CIB writes them (Pacemaker 2.1's
//! `Promoted`/`Unpromoted` for the older names).

use super::config::CibSet;
use super::ids;
use crate::model::ResourceSet;

pub(super) fn role(text: &str) -> String {
    match text {
        "Master" => "Promoted".into(),
        "Slave" => "Unpromoted".into(),
        other => other.into(),
    }
}

pub(super) fn sets(owner: &str, sets: &[ResourceSet]) -> Vec<CibSet> {
    sets.iter()
        .enumerate()
        .map(|(i, s)| CibSet {
            id: ids::numbered_after(owner, i),
            resources: s.resources.iter().map(|r| r.value.clone()).collect(),
            sequential: s.sequential,
            require_all: s.require_all.unwrap_or(true),
            role: s.role.as_ref().map(|r| role(r)),
            action: s.action.as_ref().map(|a| a.value.clone()),
            score: s.score.as_ref().map(|s| s.value.to_string()),
            ordering: s.ordering.as_ref().map(|o| o.value.clone()),
        })
        .collect()
}
