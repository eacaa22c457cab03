//! The tests only the rules of defaults sets take: `rsc_expression` (a resource agent's
//! class, provider and type) and `op_expression` (an operation's name and interval).

use super::element::{Context, missing, text};
use crate::cib::{CibOpExpression, CibRscExpression};
use roxmltree::Node;

/// The tests a rule under `node` may hold beside `expression` and `date_expression`: agent
/// tests in the sets of `rsc_defaults` and `op_defaults`, operation tests in those of
/// `op_defaults`, as Pacemaker's schema has them.
pub(super) fn allowed(rule: Node<'_, '_>) -> (bool, bool) {
    let section = rule
        .parent_element()
        .filter(|set| set.has_tag_name("meta_attributes"))
        .and_then(|set| set.parent_element());
    match section.map(|s| s.tag_name().name()) {
        Some("rsc_defaults") => (true, false),
        Some("op_defaults") => (true, true),
        _ => (false, false),
    }
}

pub(super) fn agent(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibRscExpression {
    ctx.only(node, &["id", "class", "provider", "type"], &[]);
    CibRscExpression {
        id: text(node, "id").unwrap_or_default(),
        class: text(node, "class"),
        provider: text(node, "provider"),
        kind: text(node, "type"),
    }
}

pub(super) fn operation(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibOpExpression> {
    ctx.only(node, &["id", "name", "interval"], &[]);
    let Some(name) = text(node, "name") else {
        missing(
            ctx,
            node,
            "op_expression without name",
            "an `op_expression` needs a `name`",
        );
        return None;
    };
    Some(CibOpExpression {
        id: text(node, "id").unwrap_or_default(),
        name,
        interval: text(node, "interval"),
    })
}
