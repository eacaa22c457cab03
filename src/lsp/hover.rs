//! `textDocument/hover`: the schema's doc line of a node, property or argument, and the
//! agent's description of a `params` key.

use super::outline::{Node, Outline};
use super::snapshot::Snapshot;
use super::spot::{Spot, pointed};
use super::vocabulary::{self as vocab, Target};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub(super) fn at(snapshot: &Snapshot, position: Position) -> Option<Hover> {
    let (lines, outline) = (&snapshot.lines, &snapshot.outline);
    let (spot, span) = pointed(outline, lines.offset(position))?;
    let markdown = match spot {
        Spot::NodeName { node, .. } => {
            let node = &outline.nodes[node?];
            let schema = vocab::node_schema(&node.path)?;
            format!("`{}`\n\n{}", vocab::kind(node), schema.doc)
        }
        Spot::Key { node, entry } | Spot::Value { node, entry } => {
            let node = &outline.nodes[node];
            let key = &node.entries[entry].key.as_ref()?.text;
            let value = node.entries[entry].value.as_ref();
            let pointing_at_value = matches!(spot, Spot::Value { .. });
            match value.filter(|_| pointing_at_value) {
                Some(value) => value_doc(outline, node, key, &value.text),
                None => property_doc(outline, node, key),
            }?
        }
        Spot::Argument { node, entry } => {
            let node = &outline.nodes[node];
            let entry = &node.entries[entry?];
            let schema = vocab::arg_schema(node, entry.argument?)?;
            let value = &entry.value.as_ref()?.text;
            match vocab::reference(node, &schema.name, schema.ty) {
                Some(target) => referred(outline, target, value),
                None => Some(format!(
                    "`{}`: argument of `{}` ({})\n\n{}",
                    schema.name,
                    vocab::kind(node),
                    vocab::type_doc(schema.ty).0,
                    schema.doc
                )),
            }?
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(lines.range(span.start, span.end)),
    })
}

fn property_doc(outline: &Outline, node: &Node, key: &str) -> Option<String> {
    if let Some((agent, params)) = vocab::agent_params(outline, node) {
        let param = params.iter().find(|p| p.name == key)?;
        let required = if param.required { ", required" } else { "" };
        return Some(format!(
            "`{key}`: parameter of `{agent}`{required}\n\n{}",
            param.doc
        ));
    }
    let schema = vocab::prop_schema(node, key)?;
    let (ty, ty_doc) = vocab::type_doc(schema.ty);
    let mut text = format!(
        "`{key}`: property of `{}` ({ty}: {ty_doc})",
        vocab::kind(node)
    );
    if let Some(values) = &schema.values {
        let values: Vec<_> = values.iter().map(|v| format!("`{v}`")).collect();
        text.push_str(&format!("; one of {}", values.join(", ")));
    }
    Some(format!("{text}\n\n{}", schema.doc))
}

/// A reference's value says what it names; any other value is described by its property.
fn value_doc(outline: &Outline, node: &Node, key: &str, value: &str) -> Option<String> {
    let schema = vocab::prop_schema(node, key);
    match schema.and_then(|s| vocab::reference(node, key, s.ty)) {
        Some(target) => referred(outline, target, value),
        None => property_doc(outline, node, key),
    }
}

/// What the resource or node called `name` is, or that none is defined.
#[allow(
    clippy::unnecessary_wraps,
    reason = "its callers return what it returns"
)]
fn referred(outline: &Outline, target: Target, name: &str) -> Option<String> {
    let what = match target {
        Target::Resource => "resource",
        Target::Node => "node",
    };
    let Some((node, _)) = vocab::definitions(outline, target).find(|(_, w)| w.text == name) else {
        return Some(format!("no {what} `{name}` is defined in this spec"));
    };
    let mut text = format!("{what} `{name}`: `{}`", vocab::kind(node));
    if let Some(agent) = node.prop("agent") {
        text.push_str(&format!(" of agent `{}`", agent.text));
    }
    if let Some(of) = node.prop("of") {
        text.push_str(&format!(" of `{}`", of.text));
    }
    Some(text)
}
