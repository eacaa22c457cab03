//! What a KDL document says, without its layout: used to prove that layout changed nothing else.

use kdl::{KdlDocument, KdlNode};

/// Whether both sources parse as KDL v2 to the same nodes, entries, types and values.
pub fn same_meaning(a: &str, b: &str) -> bool {
    match (KdlDocument::parse_v2(a), KdlDocument::parse_v2(b)) {
        (Ok(a), Ok(b)) => document(&a) == document(&b),
        _ => false,
    }
}

fn document(doc: &KdlDocument) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.nodes() {
        self::node(node, 0, &mut out);
    }
    out
}

/// One line per node, entry and block boundary, with its depth.
fn node(node: &KdlNode, depth: usize, out: &mut Vec<String>) {
    out.push(format!(
        "{depth} node {:?} {:?}",
        node.ty().map(kdl::KdlIdentifier::value),
        node.name().value()
    ));
    for entry in node.entries() {
        out.push(format!(
            "{depth} entry {:?} {:?} {:?}",
            entry.name().map(kdl::KdlIdentifier::value),
            entry.ty().map(kdl::KdlIdentifier::value),
            entry.value()
        ));
    }
    if let Some(children) = node.children() {
        out.push(format!("{depth} {{"));
        for child in children.nodes() {
            self::node(child, depth + 1, out);
        }
        out.push(format!("{depth} }}"));
    }
}
