//! The kdl crate's document, for what the fast path leaves to it, as a [`Document`].

use super::tree::{Document, Entry, Name, Node, Value};
use kdl::{KdlDocument, KdlEntry, KdlIdentifier, KdlNode, KdlValue};
use miette::SourceSpan;

pub(super) fn document(doc: &KdlDocument) -> Document<'static> {
    Document { nodes: nodes(doc) }
}

fn nodes(doc: &KdlDocument) -> Vec<Node<'static>> {
    doc.nodes().iter().map(node).collect()
}

fn node(node: &KdlNode) -> Node<'static> {
    Node {
        name: name(node.name()),
        span: node.span(),
        entries: node.entries().iter().map(entry).collect(),
        children: node.children().map(nodes),
    }
}

fn name(identifier: &KdlIdentifier) -> Name<'static> {
    Name {
        value: identifier.value().to_string().into(),
        span: identifier.span(),
    }
}

fn entry(entry: &KdlEntry) -> Entry<'static> {
    Entry {
        name: entry.name().map(name),
        value: value(entry.value()),
        span: entry.span(),
        value_span: value_span(entry),
    }
}

fn value(value: &KdlValue) -> Value<'static> {
    match value {
        KdlValue::String(s) => Value::String(s.clone().into()),
        KdlValue::Integer(i) => Value::Integer(*i),
        KdlValue::Float(f) => Value::Float(*f),
        KdlValue::Bool(b) => Value::Bool(*b),
        KdlValue::Null => Value::Null,
    }
}

/// A property's value ends its entry and is as long as its text as written; an argument's
/// span is the value's.
fn value_span(entry: &KdlEntry) -> SourceSpan {
    let span = entry.span();
    match entry.format() {
        Some(format) if entry.name().is_some() && format.value_repr.len() <= span.len() => {
            let len = format.value_repr.len();
            SourceSpan::new((span.offset() + span.len() - len).into(), len)
        }
        _ => span,
    }
}
