//! `id-ref`: an element that stands for another element of the same tag (an `operations`,
//! an `nvpair`, an attribute set). Pacemaker reads the referenced element in its place, so
//! the importer writes a copy and says so with W0432; the built CIB holds the copy.

use super::element::{Context, attribute_span, path, tag_span};
use crate::diagnostic as diag;
use roxmltree::Node;

/// The element `node` stands for: the one of the same tag whose `id` its `id-ref` names,
/// else `node` itself. A reference to no element is E0506 and none (Pacemaker would read
/// nothing there).
pub(super) fn resolved<'a, 'x>(ctx: &mut Context<'_>, node: Node<'a, 'x>) -> Option<Node<'a, 'x>> {
    let Some(id) = node.attribute("id-ref") else {
        return Some(node);
    };
    let tag = node.tag_name().name();
    ctx.only(node, &["id", "id-ref"], &[]);
    let target = node.document().descendants().find(|n| {
        n.is_element() && n.has_tag_name(tag) && n.attribute("id") == Some(id) && *n != node
    });
    let Some(target) = target.filter(|t| t.attribute("id-ref").is_none()) else {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            attribute_span(node, "id-ref"),
            node,
            format!("{tag}@id-ref"),
            format!("`id-ref=\"{id}\"` names no `{tag}` with that `id`"),
            None,
        );
        return None;
    };
    ctx.report(
        &diag::ID_REF_COPIED,
        tag_span(node),
        node,
        format!("{tag}@id-ref"),
        format!("this `{tag}` refers to `{id}`: the spec holds a copy of it"),
        Some(format!(
            "Pacemaker reads `{}` in its place; the built CIB repeats it instead of referring",
            path(target)
        )),
    );
    ctx.normalised
        .push(format!("{}: a copy of `{id}`", path(node)));
    Some(target)
}
