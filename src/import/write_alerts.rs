//! An alert as an `alert` spec node.

use super::kdl_text::{set_line, string, with_children};
use crate::cib::{AttrSet, CibAlert, RuledSet};

/// Each alert as a spec node, in order; `ruled_sets` writes further sets as spec nodes.
pub(super) fn alerts(
    alerts: &[CibAlert],
    ruled_sets: impl Fn(&str, &[RuledSet]) -> Vec<String>,
) -> Vec<String> {
    alerts.iter().map(|a| alert(a, &ruled_sets)).collect()
}

/// An element's plain sets, then its further ones.
fn sets(
    params: &Option<AttrSet>,
    meta: &Option<AttrSet>,
    param_sets: &[RuledSet],
    meta_sets: &[RuledSet],
    ruled_sets: &impl Fn(&str, &[RuledSet]) -> Vec<String>,
) -> Vec<String> {
    let mut lines: Vec<String> = [set_line("params", params), set_line("meta", meta)]
        .into_iter()
        .flatten()
        .collect();
    lines.extend(ruled_sets("params-set", param_sets));
    lines.extend(ruled_sets("meta-set", meta_sets));
    lines
}

fn alert(a: &CibAlert, ruled_sets: &impl Fn(&str, &[RuledSet]) -> Vec<String>) -> String {
    let mut children = sets(&a.params, &a.meta, &a.param_sets, &a.meta_sets, ruled_sets);
    if let Some(select) = &a.select {
        let mut head = "select".to_string();
        for (on, name) in [
            (select.nodes, "nodes"),
            (select.fencing, "fencing"),
            (select.resources, "resources"),
        ] {
            if on {
                head.push_str(&format!(" {name}=#true"));
            }
        }
        let names: Vec<String> = select
            .attributes
            .iter()
            .flatten()
            .map(|(_, name)| format!("attribute {}", string(name)))
            .collect();
        // Every attribute is selected by `attributes=#true`; named ones by their lines.
        if select.attributes.as_ref().is_some_and(Vec::is_empty) {
            head.push_str(" attributes=#true");
        }
        children.push(with_children(head, &names));
    }
    for r in &a.recipients {
        let sets = sets(&r.params, &r.meta, &r.param_sets, &r.meta_sets, ruled_sets);
        children.push(with_children(
            format!("recipient {}", string(&r.value)),
            &sets,
        ));
    }
    with_children(
        format!("alert {} path={}", string(&a.id), string(&a.path)),
        &children,
    )
}
