//! A `bundle` as a spec `bundle` node (its primitive is written on its own, before it) and a
//! remote node's entry as a `remote-node`.

use super::kdl_text::{opt, set_line, string, with_children};
use super::write_rules::ruled_sets;
use crate::cib::{CibBundle, CibMapping, CibNode};
use crate::model::BUNDLE_INTEGER_OPTIONS;
use std::fmt::Write as _;

fn options(line: &mut String, list: &[(&'static str, String)]) {
    for (name, value) in list {
        let text = match *name {
            _ if BUNDLE_INTEGER_OPTIONS.contains(name) => value.clone(),
            "add-host" => format!("#{value}"),
            _ => string(value),
        };
        let _ = write!(line, " {name}={text}");
    }
}

fn mapping(kind: &str, m: &CibMapping) -> String {
    let mut line = format!("{kind} {}", string(&m.id));
    options(&mut line, &m.attrs);
    line
}

pub(super) fn bundle(b: &CibBundle) -> String {
    let mut head = format!("bundle {}", string(&b.id));
    if let Some(p) = &b.primitive {
        let _ = write!(head, " primitive={}", string(&p.id));
    }
    super::kdl_text::opt(&mut head, "description", &b.description);
    let mut engine = b.engine.clone();
    options(&mut engine, &b.container);
    let mut children = vec![engine];
    if let Some(network) = &b.network {
        let mut line = "network".to_string();
        options(&mut line, &network.options);
        let ports: Vec<String> = network
            .ports
            .iter()
            .map(|p| mapping("port-mapping", p))
            .collect();
        children.push(with_children(line, &ports));
    }
    children.extend(b.storage.iter().map(|s| mapping("storage-mapping", s)));
    children.extend(set_line("params", &b.params));
    children.extend(ruled_sets("params-set", &b.param_sets));
    children.extend(set_line("meta", &b.meta));
    children.extend(ruled_sets("meta-set", &b.meta_sets));
    with_children(head, &children)
}

/// `remote-node "name" [cib-id=...] { attribute ...; utilization ...; attribute-set ...;
/// utilization-set ... }`.
pub(super) fn remote_node(node: &CibNode) -> String {
    let mut head = format!("remote-node {}", string(&node.uname));
    if let Some(id) = &node.cib_id {
        let _ = write!(head, " cib-id={}", string(id));
    }
    opt(&mut head, "description", &node.description);
    let mut children: Vec<String> = set_line("attribute", &node.attributes)
        .into_iter()
        .chain(set_line("utilization", &node.utilization))
        .collect();
    children.extend(ruled_sets("attribute-set", &node.attribute_sets));
    children.extend(ruled_sets("utilization-set", &node.utilization_sets));
    with_children(head, &children)
}
