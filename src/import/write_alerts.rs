//! An alert as an `alert` spec node.

use super::kdl_text::{string, with_children};
use super::write_rules::plain_then_further;
use crate::cib::CibAlert;

/// Each alert as a spec node, in order.
pub(super) fn alerts(alerts: &[CibAlert]) -> Vec<String> {
    alerts.iter().map(alert).collect()
}

fn alert(a: &CibAlert) -> String {
    let mut children = plain_then_further(&a.params, &a.meta, &a.param_sets, &a.meta_sets);
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
        let sets = plain_then_further(&r.params, &r.meta, &r.param_sets, &r.meta_sets);
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
