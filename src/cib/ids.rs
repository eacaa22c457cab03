//! The ids crmsh derives when it loads a crm script, so cib.xml can use the very same ones.
//!
//! crmsh names an attribute set `<owner>-<kind>`, an nvpair `<set>-<name>` (operations: see
//! `Op::id`), and numbers repeated children by retrying with `-0`, `-1`, ...
//! while an id is taken (the first rule of `loc` is `loc-rule`, the second `loc-rule-0`; the
//! sets of `col` are `col-0`, `col-1` because `col` itself is taken).

use crate::limits::names::is_word_char;

pub(super) fn instance_attributes(owner: &str) -> String {
    format!("{owner}-instance_attributes")
}

pub(super) fn meta_attributes(owner: &str) -> String {
    format!("{owner}-meta_attributes")
}

pub(super) fn utilization(owner: &str) -> String {
    format!("{owner}-utilization")
}

/// The attribute set of a Pacemaker Remote node's entry, as `crm_attribute` names it.
pub(super) fn remote_node_attributes(node_id: &str) -> String {
    format!("nodes-{node_id}")
}

/// `<set>-<name>`, with every character of the name an XML id cannot hold (`#`, `:`, a space,
/// anything not ASCII, ...) written `_`: crmsh would put the name in unchanged and make an
/// id the schema refuses (`n1-instance_attributes-#health-cpu`). Two names of one set that
/// differ only there derive the same id; validation refuses them (E0438).
pub(super) fn nvpair(set: &str, name: &str) -> String {
    format!("{set}-{}", id_part(name))
}

/// Whether crmsh's `<set>-<name>` is an id as it stands for a pair named `name`.
pub(crate) fn is_id_part(name: &str) -> bool {
    name.chars().all(is_word_char)
}

/// `name` as it stands in a derived id: unchanged when it can be, else each character an id
/// cannot hold replaced by `_`.
pub(crate) fn id_part(name: &str) -> std::borrow::Cow<'_, str> {
    if is_id_part(name) {
        std::borrow::Cow::Borrowed(name)
    } else {
        let safe = |c: char| if is_word_char(c) { c } else { '_' };
        std::borrow::Cow::Owned(name.chars().map(safe).collect())
    }
}

/// The `index`-th id (from 0) crmsh hands out for `base` when `base` itself is free at first:
/// `base`, `base-0`, `base-1`, ...
pub(super) fn numbered(base: &str, index: usize) -> String {
    match index {
        0 => base.to_string(),
        n => format!("{base}-{}", n - 1),
    }
}

/// The `index`-th id (from 0) for children of an object that already owns `base`:
/// `base-0`, `base-1`, ...
pub(super) fn numbered_after(base: &str, index: usize) -> String {
    format!("{base}-{index}")
}

/// Fencing levels have no owner: crmsh numbers them from `fencing`.
pub(super) const FENCING_LEVEL_BASE: &str = "fencing";
pub(super) const PROPERTIES_ID: &str = "cib-bootstrap-options";
pub(super) const RSC_DEFAULTS_ID: &str = "rsc-options";
pub(super) const OP_DEFAULTS_ID: &str = "op-options";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_follows_crmsh() {
        let rules: Vec<String> = (0..3).map(|i| numbered("loc-rule", i)).collect();
        assert_eq!(rules, ["loc-rule", "loc-rule-0", "loc-rule-1"]);
        let sets: Vec<String> = (0..2).map(|i| numbered_after("col", i)).collect();
        assert_eq!(sets, ["col-0", "col-1"]);
    }

    #[test]
    fn pair_ids_hold_only_id_characters() {
        let set = "n1-instance_attributes";
        assert_eq!(
            nvpair(set, "site.zone-a_1"),
            "n1-instance_attributes-site.zone-a_1"
        );
        assert_eq!(
            nvpair(set, "#health-cpu"),
            "n1-instance_attributes-_health-cpu"
        );
        assert_eq!(
            nvpair(set, "master-db:0"),
            "n1-instance_attributes-master-db_0"
        );
        assert_eq!(nvpair(set, "a b\u{e9}"), "n1-instance_attributes-a_b_");
        assert!(is_id_part("standby") && !is_id_part("#uname") && !is_id_part("a:b"));
    }
}
