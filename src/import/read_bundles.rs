//! `<bundle>` -> a bundle: its container, network, storage and attribute sets; the resource reader
//! reads its primitive.

use super::attr_set::attr_sets;
use super::element::{Context, attribute_span, child, elements, path};
use crate::cib::{CibBundle, CibBundleNetwork, CibMapping, PORT_MAPPING, STORAGE_MAPPING};
use crate::diagnostic as diag;
use crate::model::{BUNDLE_ENGINES, BUNDLE_INTEGER_OPTIONS, CONTAINER_OPTIONS, NETWORK_OPTIONS};
use roxmltree::Node;

/// The bundle without its primitive, and the `primitive` element to read for it.
pub(super) fn bundle<'a, 'x>(
    ctx: &mut Context<'_>,
    node: Node<'a, 'x>,
) -> Option<(CibBundle, Option<Node<'a, 'x>>)> {
    let mut children = BUNDLE_ENGINES.to_vec();
    children.extend([
        "network",
        "storage",
        "primitive",
        "instance_attributes",
        "meta_attributes",
    ]);
    ctx.only(node, &["id", "description"], &children);
    let engines: Vec<Node<'_, '_>> = elements(node)
        .filter(|n| BUNDLE_ENGINES.contains(&n.tag_name().name()))
        .collect();
    let Some(engine) = engines.first().copied() else {
        super::element::missing(
            ctx,
            node,
            "bundle without container",
            "a `bundle` needs a `docker`, `podman` or `rkt` element",
        );
        return None;
    };
    // The schema allows one; Pacemaker reads the first.
    for extra in &engines[1..] {
        super::element::missing(
            ctx,
            *extra,
            "bundle with several containers",
            "a `bundle` has one container element",
        );
    }
    let mut known = CONTAINER_OPTIONS.to_vec();
    known.push("masters");
    ctx.only(engine, &known, &[]);
    let mut container = options(ctx, engine, CONTAINER_OPTIONS);
    if let Some(masters) = engine.attribute("masters") {
        // Pacemaker reads the deprecated `masters` as `promoted-max`.
        ctx.normalised.push(format!(
            "{}: `masters` read as `promoted-max`",
            path(engine)
        ));
        if !container.iter().any(|(name, _)| *name == "promoted-max") {
            let at = container
                .iter()
                .position(|(name, _)| !matches!(*name, "image" | "replicas" | "replicas-per-host"))
                .unwrap_or(container.len());
            container.insert(at, ("promoted-max", masters.to_string()));
            integer(ctx, engine, "masters", masters);
        }
    }
    let primitives: Vec<Node<'_, '_>> = elements(node)
        .filter(|n| n.has_tag_name("primitive"))
        .collect();
    for extra in primitives.iter().skip(1) {
        super::element::missing(
            ctx,
            *extra,
            "bundle with several primitives",
            "a `bundle` holds at most one primitive",
        );
    }
    let (params, param_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
    let (meta, meta_sets) = attr_sets(ctx, node, "meta_attributes", None, true);
    let bundle = CibBundle {
        id: node.attribute("id").unwrap_or_default().to_string(),
        description: node.attribute("description").map(str::to_string),
        engine: engine.tag_name().name().to_string(),
        container,
        network: child(node, "network").map(|n| network(ctx, n)),
        storage: child(node, "storage")
            .map(|s| storage(ctx, s))
            .unwrap_or_default(),
        primitive: None,
        params,
        param_sets,
        meta,
        meta_sets,
    };
    Some((bundle, primitives.first().copied()))
}

fn network(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibBundleNetwork {
    ctx.only(node, NETWORK_OPTIONS, &["port-mapping"]);
    CibBundleNetwork {
        options: options(ctx, node, NETWORK_OPTIONS),
        ports: elements(node)
            .filter(|n| n.has_tag_name("port-mapping"))
            .map(|p| mapping(ctx, p, PORT_MAPPING))
            .collect(),
    }
}

fn storage(ctx: &mut Context<'_>, node: Node<'_, '_>) -> Vec<CibMapping> {
    ctx.only(node, &[], &["storage-mapping"]);
    let mappings: Vec<CibMapping> = elements(node)
        .filter(|n| n.has_tag_name("storage-mapping"))
        .map(|s| mapping(ctx, s, STORAGE_MAPPING))
        .collect();
    if mappings.is_empty() {
        ctx.normalised
            .push(format!("{}: an empty `storage` left out", path(node)));
    }
    mappings
}

fn mapping(ctx: &mut Context<'_>, node: Node<'_, '_>, names: &[&'static str]) -> CibMapping {
    let mut known = vec!["id"];
    known.extend(names);
    ctx.only(node, &known, &[]);
    CibMapping {
        id: node.attribute("id").unwrap_or_default().to_string(),
        attrs: options(ctx, node, names),
    }
}

/// The attributes among `names` the element has, in that order; integers checked.
fn options(
    ctx: &mut Context<'_>,
    node: Node<'_, '_>,
    names: &[&'static str],
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for name in names {
        let Some(value) = node.attribute(*name) else {
            continue;
        };
        if BUNDLE_INTEGER_OPTIONS.contains(name) {
            integer(ctx, node, name, value);
        }
        if *name == "add-host" && !matches!(value, "true" | "false") {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                attribute_span(node, name),
                node,
                "bundle option not a boolean",
                format!("`{name}` is `{value}`, not `true` or `false`"),
                None,
            );
        }
        out.push((*name, value.to_string()));
    }
    out
}

/// Reports a value the spec cannot write as a KDL integer the same way.
fn integer(ctx: &mut Context<'_>, node: Node<'_, '_>, name: &str, value: &str) {
    let canonical = value
        .parse::<i64>()
        .is_ok_and(|n| n.to_string() == value && n >= 0);
    if !canonical {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            attribute_span(node, name),
            node,
            "bundle option not an integer",
            format!("`{name}` is `{value}`, not a whole number written plainly"),
            None,
        );
    }
}
