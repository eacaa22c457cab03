//! `textDocument/definition`: from a reference to the resource or node it names, to the id
//! or name where that is defined.

use super::snapshot::Snapshot;
use super::spot::{Spot, pointed};
use super::vocabulary::{self as vocab};
use lsp_types::{Location, Position, Uri};

pub(super) fn at(uri: &Uri, snapshot: &Snapshot, position: Position) -> Option<Location> {
    let (lines, outline) = (&snapshot.lines, &snapshot.outline);
    let (spot, _) = pointed(outline, lines.offset(position))?;
    let (node, entry) = match spot {
        Spot::Value { node, entry } => (node, entry),
        Spot::Argument { node, entry } => (node, entry?),
        Spot::NodeName { .. } | Spot::Key { .. } => return None,
    };
    let node = &outline.nodes[node];
    let entry = &node.entries[entry];
    let target = match (&entry.key, entry.argument) {
        (Some(key), _) => {
            let schema = vocab::prop_schema(node, &key.text)?;
            vocab::reference(node, &key.text, schema.ty)?
        }
        (None, Some(index)) => {
            let schema = vocab::arg_schema(node, index)?;
            vocab::reference(node, &schema.name, schema.ty)?
        }
        (None, None) => return None,
    };
    let name = &entry.value.as_ref()?.text;
    let (_, id) = vocab::definitions(outline, target).find(|(_, id)| &id.text == name)?;
    Some(Location::new(
        uri.clone(),
        lines.range(id.span.start, id.span.end),
    ))
}
