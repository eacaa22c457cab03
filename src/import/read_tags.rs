//! `<tags>`: each `tag` with the ids its `obj_ref`s name.

use super::element::{Context, child_ids, elements, missing, text};
use crate::cib::CibTag;
use roxmltree::Node;

pub(super) fn tags(ctx: &mut Context<'_>, section: Node<'_, '_>) -> Vec<CibTag> {
    ctx.only(section, &[], &["tag"]);
    elements(section)
        .filter(|n| n.has_tag_name("tag"))
        .filter_map(|n| tag(ctx, n))
        .collect()
}

fn tag(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibTag> {
    ctx.only(node, &["id"], &["obj_ref"]);
    let members = child_ids(
        ctx,
        node,
        "obj_ref",
        "obj_ref without id",
        "an `obj_ref` needs the `id` of the object it names",
    );
    if members.is_empty() {
        missing(
            ctx,
            node,
            "tag without members",
            "a `tag` needs at least one `obj_ref`",
        );
        return None;
    }
    Some(CibTag {
        id: text(node, "id").unwrap_or_default(),
        members,
    })
}
