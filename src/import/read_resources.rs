//! `<resources>` -> primitives, templates, groups and clones (a legacy `master` is a
//! promotable clone); bundles have a file of their own.

use super::attr_set::attr_sets;
use super::element::{Context, child, elements, path, tag_span, text};
use super::extras::{Extras, Origin};
use crate::cib::{AttrSet, CibClone, CibGroup, CibOp, CibPrimitive, CibResource, Pair};
use crate::diagnostic as diag;
use roxmltree::Node;

pub(super) fn resources(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    section: Node<'_, '_>,
) -> Vec<CibResource> {
    ctx.only(section, &[], crate::cib::RESOURCE_ELEMENTS);
    elements(section)
        .filter_map(|node| resource(ctx, extras, node))
        .collect()
}

fn remember(extras: &mut Extras, node: Node<'_, '_>) {
    let id = node.attribute("id").unwrap_or_default();
    extras.origins.insert(
        format!("resource:{id}"),
        Origin {
            span: tag_span(node),
            path: path(node),
        },
    );
}

fn resource(ctx: &mut Context<'_>, extras: &mut Extras, node: Node<'_, '_>) -> Option<CibResource> {
    match node.tag_name().name() {
        "primitive" => primitive(ctx, extras, node).map(CibResource::Primitive),
        "template" => primitive(ctx, extras, node).map(CibResource::Template),
        "group" => Some(CibResource::Group(group(ctx, extras, node))),
        "clone" | "master" => clone(ctx, extras, node).map(CibResource::Clone),
        "bundle" => {
            remember(extras, node);
            let (mut bundle, inner) = super::read_bundles::bundle(ctx, node)?;
            bundle.primitive = inner.and_then(|p| primitive(ctx, extras, p));
            Some(CibResource::Bundle(Box::new(bundle)))
        }
        _ => None,
    }
}

fn primitive(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    node: Node<'_, '_>,
) -> Option<CibPrimitive> {
    // A `<template>` has an agent; a `<primitive>` has one or names a template.
    let attributes: &[&str] = if node.has_tag_name("template") {
        &["id", "description", "class", "provider", "type"]
    } else {
        &["id", "description", "class", "provider", "type", "template"]
    };
    ctx.only(
        node,
        attributes,
        &[
            "instance_attributes",
            "meta_attributes",
            "utilization",
            "operations",
        ],
    );
    remember(extras, node);
    let template = node
        .attribute("template")
        .filter(|_| node.has_tag_name("primitive"));
    let agent = match (node.attribute("class"), node.attribute("type"), template) {
        (Some(class), Some(kind), None) => Some((class, kind)),
        (None, None, Some(_)) => None,
        _ => {
            let tag = node.tag_name().name();
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                tag_span(node),
                node,
                format!("{tag} without agent"),
                format!(
                    "a `{tag}` needs `class` and `type`{}",
                    if tag == "primitive" {
                        ", or else `template`"
                    } else {
                        ""
                    }
                ),
                None,
            );
            return None;
        }
    };
    let (class, kind) = agent.unwrap_or_default();
    let (params, param_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
    let (meta, meta_sets) = attr_sets(ctx, node, "meta_attributes", None, true);
    let (utilization, utilization_sets) = attr_sets(ctx, node, "utilization", None, true);
    Some(CibPrimitive {
        id: node.attribute("id").unwrap_or_default().to_string(),
        description: text(node, "description"),
        template: template.map(str::to_string),
        class: class.to_string(),
        provider: agent.and(node.attribute("provider")).map(str::to_string),
        kind: kind.to_string(),
        params,
        meta,
        utilization,
        ops: child(node, "operations")
            .and_then(|o| super::id_ref::resolved(ctx, o))
            .map(|o| ops(ctx, o))
            .unwrap_or_default(),
        param_sets,
        meta_sets,
        utilization_sets,
    })
}

fn ops(ctx: &mut Context<'_>, operations: Node<'_, '_>) -> Vec<CibOp> {
    ctx.only(operations, &["id"], &["op"]);
    let mut out = Vec::new();
    for op in elements(operations).filter(|n| n.has_tag_name("op")) {
        let mut known = vec!["id", "name", "interval", "timeout", "role", "on-fail"];
        known.extend(super::read_op_extra::ATTRIBUTES);
        ctx.only(op, &known, &["instance_attributes", "meta_attributes"]);
        let (Some(name), Some(interval)) = (op.attribute("name"), op.attribute("interval")) else {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                tag_span(op),
                op,
                "op without name or interval",
                "an `op` needs a `name` and an `interval`",
                None,
            );
            continue;
        };
        out.push(CibOp {
            id: op.attribute("id").unwrap_or_default().to_string(),
            name: name.to_string(),
            interval: interval.to_string(),
            timeout: op.attribute("timeout").map(str::to_string),
            role: op.attribute("role").map(str::to_string),
            on_fail: op.attribute("on-fail").map(str::to_string),
            extra: super::read_op_extra::op_extra(ctx, op),
        });
    }
    out
}

fn group(ctx: &mut Context<'_>, extras: &mut Extras, node: Node<'_, '_>) -> CibGroup {
    ctx.only(
        node,
        &["id", "description"],
        &["instance_attributes", "meta_attributes", "primitive"],
    );
    remember(extras, node);
    let (params, param_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
    let (meta, meta_sets) = attr_sets(ctx, node, "meta_attributes", None, true);
    CibGroup {
        id: node.attribute("id").unwrap_or_default().to_string(),
        description: text(node, "description"),
        params,
        meta,
        param_sets,
        meta_sets,
        members: elements(node)
            .filter(|n| n.has_tag_name("primitive"))
            .filter_map(|p| primitive(ctx, extras, p))
            .collect(),
    }
}

fn clone(ctx: &mut Context<'_>, extras: &mut Extras, node: Node<'_, '_>) -> Option<CibClone> {
    ctx.only(
        node,
        &["id", "description"],
        &[
            "instance_attributes",
            "meta_attributes",
            "primitive",
            "group",
        ],
    );
    remember(extras, node);
    let (params, param_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
    let (mut meta, meta_sets) = attr_sets(ctx, node, "meta_attributes", None, true);
    if node.has_tag_name("master") {
        // Pacemaker reads a `master` as a clone with `promotable=true`.
        ctx.normalised.push(format!(
            "{}: `master` read as a promotable clone",
            path(node)
        ));
        let set = meta.get_or_insert_with(|| AttrSet {
            id: format!(
                "{}-meta_attributes",
                node.attribute("id").unwrap_or_default()
            ),
            pairs: Vec::new(),
        });
        if !set.pairs.iter().any(|p| p.name == "promotable") {
            set.pairs.insert(
                0,
                Pair {
                    id: String::new(),
                    name: "promotable".into(),
                    value: "true".into(),
                },
            );
        }
    }
    let children: Vec<Node<'_, '_>> = elements(node)
        .filter(|n| n.has_tag_name("primitive") || n.has_tag_name("group"))
        .collect();
    if children.len() != 1 {
        let span = children
            .get(1)
            .map_or_else(|| tag_span(node), |c| tag_span(*c));
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            span,
            node,
            "clone without exactly one child",
            format!(
                "a `{}` wraps exactly one primitive or group, this one {}",
                node.tag_name().name(),
                children.len()
            ),
            None,
        );
    }
    let child = resource(ctx, extras, *children.first()?)?;
    Some(CibClone {
        id: node.attribute("id").unwrap_or_default().to_string(),
        description: text(node, "description"),
        params,
        meta,
        param_sets,
        meta_sets,
        child: Box::new(child),
    })
}
