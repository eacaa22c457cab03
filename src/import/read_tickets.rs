//! `<rsc_ticket>` constraints -> tickets over one resource (in a role) or over sets.

use super::element::{Context, elements, missing, path, set_members, text};
use crate::cib::{CibSet, CibTicket};
use roxmltree::Node;

pub(super) fn tickets(ctx: &mut Context<'_>, section: Node<'_, '_>) -> Vec<CibTicket> {
    elements(section)
        .filter(|n| n.has_tag_name("rsc_ticket"))
        .filter_map(|n| ticket(ctx, n))
        .collect()
}

fn ticket(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibTicket> {
    ctx.only(
        node,
        &["id", "ticket", "rsc", "rsc-role", "loss-policy"],
        &["resource_set"],
    );
    let sets = sets(ctx, node);
    let rsc = match text(node, "rsc") {
        Some(rsc) if sets.is_empty() => Some((rsc, text(node, "rsc-role"))),
        None if !sets.is_empty() => None,
        _ => {
            missing(
                ctx,
                node,
                "rsc_ticket without a resource or sets",
                "a `rsc_ticket` needs `rsc` or resource sets, not both",
            );
            return None;
        }
    };
    let Some(ticket) = text(node, "ticket") else {
        missing(
            ctx,
            node,
            "rsc_ticket without ticket",
            "a `rsc_ticket` needs a `ticket`",
        );
        return None;
    };
    Some(CibTicket {
        id: text(node, "id").unwrap_or_default(),
        ticket,
        loss_policy: text(node, "loss-policy"),
        rsc,
        sets,
    })
}

fn sets(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Vec<CibSet> {
    let mut out = Vec::new();
    for set in elements(node).filter(|n| n.has_tag_name("resource_set")) {
        ctx.only(
            set,
            &["id", "role", "sequential", "require-all"],
            &["resource_ref"],
        );
        for name in ["sequential", "require-all"] {
            if let Some(value) = set.attribute(name) {
                // Pacemaker reads only the role and the members of a ticket's set.
                ctx.normalised
                    .push(format!("{}: `{name}=\"{value}\"` left out", path(set)));
            }
        }
        let resources = set_members(ctx, set);
        out.push(CibSet {
            id: text(set, "id").unwrap_or_default(),
            resources,
            sequential: None,
            require_all: true,
            role: text(set, "role"),
            action: None,
            score: None,
            ordering: None,
        });
    }
    out
}
