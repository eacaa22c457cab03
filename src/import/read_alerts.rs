//! `<alerts>` -> alerts with their attribute sets, selected events and recipients.

use super::attr_set::attr_sets;
use super::element::{Context, child, elements, tag_span};
use crate::cib::{CibAlert, CibAlertSelect, CibRecipient};
use crate::diagnostic as diag;
use roxmltree::Node;

const SETS: [&str; 2] = ["instance_attributes", "meta_attributes"];

pub(super) fn alerts(ctx: &mut Context<'_>, section: Node<'_, '_>) -> Vec<CibAlert> {
    ctx.only(section, &[], &["alert"]);
    elements(section)
        .filter(|n| n.has_tag_name("alert"))
        .filter_map(|n| alert(ctx, n))
        .collect()
}

fn alert(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Option<CibAlert> {
    ctx.only(
        node,
        &["id", "path"],
        &[SETS[0], SETS[1], "select", "recipient"],
    );
    let Some(path) = node.attribute("path") else {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            tag_span(node),
            node,
            "alert without path",
            "an `alert` needs a `path`",
            None,
        );
        return None;
    };
    let recipients = elements(node)
        .filter(|n| n.has_tag_name("recipient"))
        .filter_map(|r| {
            ctx.only(r, &["id", "value"], &SETS);
            let Some(value) = r.attribute("value") else {
                ctx.report(
                    &diag::AMBIGUOUS_CIB,
                    tag_span(r),
                    r,
                    "recipient without value",
                    "a `recipient` needs a `value`",
                    None,
                );
                return None;
            };
            let (params, param_sets) = attr_sets(ctx, r, SETS[0], None, true);
            let (meta, meta_sets) = attr_sets(ctx, r, SETS[1], None, true);
            Some(CibRecipient {
                id: r.attribute("id").unwrap_or_default().to_string(),
                value: value.to_string(),
                params,
                meta,
                param_sets,
                meta_sets,
            })
        })
        .collect();
    let (params, param_sets) = attr_sets(ctx, node, SETS[0], None, true);
    let (meta, meta_sets) = attr_sets(ctx, node, SETS[1], None, true);
    Some(CibAlert {
        id: node.attribute("id").unwrap_or_default().to_string(),
        path: path.to_string(),
        params,
        meta,
        param_sets,
        meta_sets,
        select: child(node, "select").map(|s| select(ctx, s)),
        recipients,
    })
}

fn select(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibAlertSelect {
    let kinds = [
        "select_nodes",
        "select_fencing",
        "select_resources",
        "select_attributes",
    ];
    ctx.only(node, &[], &kinds);
    for kind in elements(node).filter(|n| !n.has_tag_name("select_attributes")) {
        ctx.only(kind, &[], &[]);
    }
    let attributes = child(node, "select_attributes").map(|a| {
        ctx.only(a, &[], &["attribute"]);
        elements(a)
            .filter(|n| n.has_tag_name("attribute"))
            .map(|n| {
                ctx.only(n, &["id", "name"], &[]);
                let text = |name| n.attribute(name).unwrap_or_default().to_string();
                (text("id"), text("name"))
            })
            .collect()
    });
    CibAlertSelect {
        nodes: child(node, "select_nodes").is_some(),
        fencing: child(node, "select_fencing").is_some(),
        resources: child(node, "select_resources").is_some(),
        attributes,
    }
}
