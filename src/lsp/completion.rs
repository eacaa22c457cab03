//! `textDocument/completion`: node names and properties from the schema, resource ids and
//! node names where a reference goes, agent names after `agent=`, and the agent's parameters
//! inside `params`.

use super::outline::{Node, Outline};
use super::position::Lines;
use super::snapshot::Snapshot;
use super::spot::{Spot, typing};
use super::vocabulary::{self as vocab, Target};
use crate::schema::{PropSchema, ValueType};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Position, TextEdit};
use std::ops::Range;

/// One thing to offer: what the list shows, what it writes, and a line about it.
struct Offer {
    label: String,
    insert: String,
    kind: CompletionItemKind,
    detail: String,
}

pub(super) fn at(snapshot: &Snapshot, position: Position) -> Vec<CompletionItem> {
    let (text, outline) = (snapshot.text, &snapshot.outline);
    let offset = snapshot.lines.offset(position);
    let Some((spot, replaced)) = typing(outline, text, offset) else {
        return Vec::new();
    };
    let offers = match spot {
        Spot::NodeName { parent, .. } => node_names(parent.map(|p| &outline.nodes[p])),
        Spot::Key { node, entry } => keys(outline, &outline.nodes[node], Some(entry), ""),
        Spot::Value { node, entry } => {
            let node = &outline.nodes[node];
            match &node.entries[entry].key {
                Some(key) => values(outline, node, &key.text),
                None => Vec::new(),
            }
        }
        Spot::Argument { node, entry } => {
            let node = &outline.nodes[node];
            let index = match entry {
                Some(entry) => node.entries[entry].argument,
                // A gap between entries: the arguments before it say which one goes there.
                None => Some(node.args().filter(|a| a.span.end <= offset).count()),
            };
            let mut offers = index.map_or_else(Vec::new, |i| arguments(outline, node, i));
            // A key is never quoted: an opened string is a value being typed.
            if !text[replaced.clone()].starts_with(['"', '#']) {
                offers.extend(keys(outline, node, entry, "="));
            }
            offers
        }
    };
    offers
        .into_iter()
        .map(|offer| item(offer, &snapshot.lines, &replaced))
        .collect()
}

fn item(offer: Offer, lines: &Lines, replaced: &Range<usize>) -> CompletionItem {
    CompletionItem {
        label: offer.label,
        kind: Some(offer.kind),
        detail: Some(offer.detail),
        // Clients match what is typed, quote included, against this.
        filter_text: Some(offer.insert.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: lines.range(replaced.start, replaced.end),
            new_text: offer.insert,
        })),
        ..CompletionItem::default()
    }
}

fn node_names(parent: Option<&Node>) -> Vec<Offer> {
    vocab::child_names(parent)
        .into_iter()
        .map(|(name, schema)| Offer {
            label: name.to_string(),
            insert: name.to_string(),
            kind: CompletionItemKind::KEYWORD,
            detail: schema.doc.clone(),
        })
        .collect()
}

/// The property keys `node` does not have yet (the one being edited aside), each followed
/// by `suffix`; inside `params`, the agent's parameters.
fn keys(outline: &Outline, node: &Node, editing: Option<usize>, suffix: &str) -> Vec<Offer> {
    let written: Vec<&str> = node
        .entries
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != editing)
        .filter_map(|(_, e)| Some(e.key.as_ref()?.text.as_str()))
        .collect();
    let offer = |name: &str, detail: &str| Offer {
        label: name.to_string(),
        insert: format!("{name}{suffix}"),
        kind: CompletionItemKind::PROPERTY,
        detail: detail.to_string(),
    };
    let fresh = |name: &&str| !written.contains(name);
    if let Some((_, params)) = vocab::agent_params(outline, node) {
        return params
            .iter()
            .filter(|p| fresh(&p.name))
            .map(|p| offer(p.name, p.doc))
            .collect();
    }
    let Some(schema) = vocab::node_schema(&node.path) else {
        return Vec::new();
    };
    schema
        .props
        .iter()
        .filter(|(name, _)| *name != "*" && fresh(&name.as_str()))
        .map(|(name, prop)| offer(name, &prop.doc))
        .collect()
}

/// What may follow `key=`.
fn values(outline: &Outline, node: &Node, key: &str) -> Vec<Offer> {
    let Some(schema) = vocab::prop_schema(node, key) else {
        return Vec::new();
    };
    if let Some(target) = vocab::reference(node, key, schema.ty) {
        return references(outline, node, target);
    }
    enumerated(schema)
}

fn enumerated(schema: &PropSchema) -> Vec<Offer> {
    let fixed = |text: &str, insert: String| Offer {
        label: text.to_string(),
        insert,
        kind: CompletionItemKind::ENUM_MEMBER,
        detail: schema.doc.clone(),
    };
    match (schema.ty, &schema.values) {
        (_, Some(values)) => values.iter().map(|v| fixed(v, quoted(v))).collect(),
        (ValueType::Bool, None) => ["#true", "#false"]
            .into_iter()
            .map(|b| fixed(b, b.to_string()))
            .collect(),
        (ValueType::Agent, None) => crate::agents::known()
            .iter()
            .map(|(name, _)| Offer {
                label: name.to_string(),
                insert: quoted(name),
                kind: CompletionItemKind::CLASS,
                detail: "resource agent hacc checks the parameters of".to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What argument number `index` of `node` may be: names of resources or nodes where a
/// reference goes.
fn arguments(outline: &Outline, node: &Node, index: usize) -> Vec<Offer> {
    let Some(schema) = vocab::arg_schema(node, index) else {
        return Vec::new();
    };
    match vocab::reference(node, &schema.name, schema.ty) {
        Some(target) => references(outline, node, target),
        None => Vec::new(),
    }
}

/// The defined names of `target`, but not `node`'s own id: nothing refers to itself.
fn references(outline: &Outline, node: &Node, target: Target) -> Vec<Offer> {
    let own = node.args().next().map(|w| w.span.clone());
    vocab::definitions(outline, target)
        .filter(|(_, id)| Some(&id.span) != own.as_ref())
        .map(|(defining, id)| Offer {
            label: id.text.clone(),
            insert: quoted(&id.text),
            kind: CompletionItemKind::REFERENCE,
            detail: match defining.prop("agent") {
                Some(agent) => format!("{} ({})", vocab::kind(defining), agent.text),
                None => vocab::kind(defining).to_string(),
            },
        })
        .collect()
}

/// `text` as a KDL quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::at;
    use lsp_types::CompletionItemKind;

    /// The labels and kinds offered at the end of `text`.
    fn offered(text: &str) -> Vec<(String, CompletionItemKind)> {
        let snapshot = super::super::snapshot::Snapshot::read(text);
        at(&snapshot, snapshot.lines.position(text.len()))
            .into_iter()
            .map(|i| (i.label, i.kind.unwrap()))
            .collect()
    }

    const SPEC: &str = "cluster {\n node \"n1\"\n primitive \"p\" agent=\"ocf:pacemaker:Dummy\" {\n  op \"monitor\"\n }\n group \"g\" \"p\"\n";

    #[test]
    fn an_opened_string_gets_values_only() {
        let reference = CompletionItemKind::REFERENCE;
        let quoted = offered(&format!("{SPEC} location \"l\" \""));
        assert_eq!(quoted, [("p".into(), reference), ("g".into(), reference)]);
        let bare = offered(&format!("{SPEC} location \"l\" "));
        assert!(
            bare.contains(&("score".into(), CompletionItemKind::PROPERTY)),
            "{bare:?}"
        );
    }

    #[test]
    fn children_and_enumerations_come_from_the_schema() {
        let children = offered(&format!("{SPEC} primitive \"q\" {{\n  "));
        let names: Vec<_> = children.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            names,
            [
                "params",
                "meta",
                "utilization",
                "op",
                "params-set",
                "meta-set",
                "utilization-set"
            ]
        );
        let flags = offered(&format!("{SPEC} clone \"c\" of=\"g\" notify="));
        let flags: Vec<_> = flags.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(flags, ["#true", "#false"]);
        // Nothing refers to itself: the group is not offered as its own member.
        let members = offered(&format!("{SPEC} group \"h\" "));
        assert!(!members.iter().any(|(l, _)| l == "h"), "{members:?}");
        assert!(members.iter().any(|(l, _)| l == "p"), "{members:?}");
    }
}
