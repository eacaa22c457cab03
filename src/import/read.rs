//! CIB XML -> [`CibConfig`]: the document, cluster properties, nodes, defaults and fencing
//! topology (resources and constraints have files of their own).
//!
//! Values are kept as written. Where Pacemaker fills in a default the model cannot leave
//! open (an order without `kind` is `Mandatory`), the reader writes that default: it is what
//! the CIB means.

use super::attr_set::attr_sets;
use super::element::{Context, attribute_span, child, elements, path, tag_span, text};
pub(super) use super::extras::{Extras, Origin};
use super::finding::Finding;
use super::options;
use crate::cib::{AttrSet, CibConfig, CibFencingLevel, CibNode, FencingTarget, Pair, RuledSet};

/// The id of the plain property set, which Pacemaker always reads first.
const PROPERTIES_ID: &str = "cib-bootstrap-options";
use crate::diagnostic as diag;
use roxmltree::{Document, Node};

pub struct CibRead {
    /// None when the document is not a CIB at all.
    pub config: Option<CibConfig>,
    pub extras: Extras,
    pub findings: Vec<Finding>,
    pub normalised: Vec<String>,
}

pub fn read_cib(source: &str) -> CibRead {
    let mut ctx = Context::new(source);
    let mut extras = Extras::default();
    let config = match Document::parse(source) {
        Ok(document) => configuration(&mut ctx, &mut extras, &document),
        Err(error) => {
            let position = error.pos();
            let offset = offset_of(source, position.row, position.col);
            let diagnostic = diag::Diagnostic::new(
                &diag::UNREADABLE_CIB,
                (offset, 0).into(),
                format!("the file is not XML: {error}"),
            );
            ctx.findings.push(Finding::new(
                source,
                diagnostic,
                "/".into(),
                "not XML".into(),
            ));
            None
        }
    };
    CibRead {
        config,
        extras,
        findings: ctx.findings,
        normalised: ctx.normalised,
    }
}

/// The byte offset of a 1-based row and column (in characters).
fn offset_of(source: &str, row: u32, col: u32) -> usize {
    let mut offset = 0;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        if index + 1 == row as usize {
            let chars: usize = line
                .chars()
                .take(col.saturating_sub(1) as usize)
                .map(char::len_utf8)
                .sum();
            return offset + chars;
        }
        offset += line.len();
    }
    source.len()
}

fn origin(node: Node<'_, '_>) -> Origin {
    Origin {
        span: tag_span(node),
        path: path(node),
    }
}

fn configuration(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    document: &Document<'_>,
) -> Option<CibConfig> {
    let root = document.root_element();
    extras.origins.insert("cib".into(), origin(root));
    let configuration = child(root, "configuration").filter(|_| root.has_tag_name("cib"));
    let Some(configuration) = configuration else {
        ctx.report(
            &diag::UNREADABLE_CIB,
            tag_span(root),
            root,
            "not a CIB",
            "the document is not a CIB: expected `<cib>` with a `<configuration>`",
            Some("export one with `cibadmin --query > cib.xml`".into()),
        );
        return None;
    };
    ctx.only(
        configuration,
        &[],
        &[
            "crm_config",
            "nodes",
            "resources",
            "constraints",
            "tags",
            "rsc_defaults",
            "op_defaults",
            "fencing-topology",
            "alerts",
            "acls",
        ],
    );
    let section = |tag| child(configuration, tag);
    let (properties, property_sets) = section("crm_config").map_or_else(
        || {
            let empty = AttrSet {
                id: String::new(),
                pairs: Vec::new(),
            };
            (empty, Vec::new())
        },
        |c| properties(ctx, extras, c),
    );
    let (nodes, remote_nodes) = section("nodes")
        .map(|n| nodes(ctx, extras, n))
        .unwrap_or_default();
    let resources = section("resources")
        .map(|r| super::read_resources::resources(ctx, extras, r))
        .unwrap_or_default();
    let constraints = section("constraints")
        .map(|c| super::read_constraints::constraints(ctx, extras, c))
        .unwrap_or_default();
    let tickets = section("constraints")
        .map(|c| super::read_tickets::tickets(ctx, c))
        .unwrap_or_default();
    let tags = section("tags")
        .map(|t| super::read_tags::tags(ctx, t))
        .unwrap_or_default();
    let fencing_levels = section("fencing-topology")
        .map(|f| fencing_levels(ctx, extras, f))
        .unwrap_or_default();
    let alerts = section("alerts")
        .map(|a| super::read_alerts::alerts(ctx, a))
        .unwrap_or_default();
    for name in ["alerts", "acls"] {
        if let Some(section) = section(name) {
            extras.origins.insert(name.into(), origin(section));
        }
    }
    let acls = section("acls")
        .map(|a| super::read_acls::acls(ctx, a))
        .unwrap_or_default();
    let (rsc_defaults, rsc_defaults_sets) = section("rsc_defaults")
        .map(|d| defaults(ctx, extras, d))
        .unwrap_or_default();
    let (op_defaults, op_defaults_sets) = section("op_defaults")
        .map(|d| defaults(ctx, extras, d))
        .unwrap_or_default();
    Some(CibConfig {
        properties,
        nodes,
        remote_nodes,
        resources,
        constraints,
        tickets,
        tags,
        alerts,
        acls,
        fencing_levels,
        rsc_defaults,
        op_defaults,
        property_sets,
        rsc_defaults_sets,
        op_defaults_sets,
    })
}

/// An empty `<acls/>` means no ACLs and carries nothing, so it imports; every ACL object in it
/// is refused until the spec language has ACLs.
/// The plain `cib-bootstrap-options` set and the further sets, each pair under its
/// Pacemaker 2.1 name; properties Pacemaker maintains are left out of the plain set.
fn properties(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    crm_config: Node<'_, '_>,
) -> (AttrSet, Vec<RuledSet>) {
    ctx.only(crm_config, &[], &["cluster_property_set"]);
    let (plain, further) = attr_sets(
        ctx,
        crm_config,
        "cluster_property_set",
        Some(PROPERTIES_ID),
        false,
    );
    let node_of = |id: &str| {
        elements(crm_config)
            .find(|n| n.has_tag_name("cluster_property_set") && n.attribute("id") == Some(id))
    };
    let mut out = AttrSet {
        id: plain.as_ref().map(|s| s.id.clone()).unwrap_or_default(),
        pairs: Vec::new(),
    };
    if let Some((plain, set)) = plain.and_then(|p| Some((node_of(&p.id)?, p)).map(|(n, p)| (p, n)))
    {
        out.pairs = renamed(ctx, extras, set, plain.pairs, true);
    }
    let mut further: Vec<RuledSet> = further
        .into_iter()
        .map(|mut s| {
            if let Some(set) = node_of(&s.set.id) {
                s.set.pairs = renamed(ctx, extras, set, std::mem::take(&mut s.set.pairs), false);
            }
            s
        })
        .collect();
    // The first further set, when it has no rule or score and gives names no other set gives,
    // means the same as its pairs in `cib-bootstrap-options`, where the spec's checks of
    // properties see them: which set Pacemaker reads first decides nothing.
    if let Some(first) = further.first() {
        let unconditional = first.rule.is_none() && first.score.is_none();
        let given_elsewhere = |name: &str| {
            out.pairs.iter().any(|o| o.name == name)
                || further[1..]
                    .iter()
                    .any(|s| s.set.pairs.iter().any(|o| o.name == name))
        };
        if unconditional && first.set.pairs.iter().all(|p| !given_elsewhere(&p.name)) {
            let first = further.remove(0);
            out.pairs.extend(first.set.pairs);
        }
    }
    (out, further)
}

/// The pairs of a property set under their Pacemaker 2.1 names; `plain`: the
/// `cib-bootstrap-options` set, whose maintained properties are left out and whose
/// properties are remembered for positions.
fn renamed(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    set: Node<'_, '_>,
    pairs: Vec<Pair>,
    plain: bool,
) -> Vec<Pair> {
    let nvpairs: Vec<Node<'_, '_>> = elements(set).filter(|n| n.has_tag_name("nvpair")).collect();
    let mut out: Vec<Pair> = Vec::new();
    for pair in pairs {
        let node = nvpairs
            .iter()
            .copied()
            .find(|n| n.attribute("name") == Some(pair.name.as_str()))
            .unwrap_or(set);
        if plain && options::MAINTAINED.contains(&pair.name.as_str()) {
            continue;
        }
        let mut name = pair.name.clone();
        let mut value = pair.value.clone();
        if let Some(old) = options::old_name(&name) {
            ctx.report(
                &diag::PACEMAKER3_NAME,
                attribute_span(node, "name"),
                node,
                format!("Pacemaker 3 name {name}"),
                format!("`{name}` is Pacemaker 3's name: written as `{old}`"),
                None,
            );
            name = old.to_string();
        }
        if let Some(old) = options::old_value(&name, &value) {
            ctx.report(
                &diag::PACEMAKER3_NAME,
                attribute_span(node, "value"),
                node,
                format!("Pacemaker 3 value {value}"),
                format!("`{name}={value}` is Pacemaker 3's spelling: written as `{old}`"),
                None,
            );
            value = old.to_string();
        }
        if out.iter().any(|p| p.name == name) {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                attribute_span(node, "name"),
                node,
                "property under two names",
                format!("`{name}` is set twice, under its Pacemaker 2.1 and 3 names"),
                Some("remove one of them from the CIB".into()),
            );
            continue;
        }
        if plain {
            if name == "cluster-name" {
                extras.cluster_name = Some(value.clone());
            }
            extras
                .origins
                .insert(format!("property:{name}"), origin(node));
        }
        out.push(Pair {
            id: pair.id,
            name,
            value,
        });
    }
    out
}

/// The cluster nodes, and the Pacemaker Remote nodes' entries.
fn nodes(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    nodes: Node<'_, '_>,
) -> (Vec<CibNode>, Vec<CibNode>) {
    ctx.only(nodes, &[], &["node"]);
    let mut out = Vec::new();
    let mut remote = Vec::new();
    for node in elements(nodes).filter(|n| n.has_tag_name("node")) {
        ctx.only(
            node,
            &["id", "uname", "type", "description", "score"],
            &["instance_attributes", "utilization"],
        );
        if node.attribute("type") == Some("remote") {
            remote.extend(remote_node(ctx, extras, node));
            continue;
        }
        if let Some(kind) = node
            .attribute("type")
            .filter(|t| !matches!(*t, "member" | "normal"))
        {
            ctx.report(
                &diag::UNCARRIED_ATTRIBUTE,
                attribute_span(node, "type"),
                node,
                format!("node type {kind}"),
                format!(
                    "a node of type `{kind}` cannot be imported: spec nodes are cluster members"
                ),
                None,
            );
        }
        let uname = node.attribute("uname").unwrap_or_default();
        let id_text = node.attribute("id").unwrap_or_default();
        // Another stack's id (a UUID, a name) is kept as the node's `cib-id`; its corosync
        // node id is chosen below, once every numeric id is known.
        let (id, cib_id) = match id_text.parse::<u32>() {
            Ok(id) if id > 0 && id_text == id.to_string() => (id, None),
            _ if !id_text.is_empty() && !id_text.chars().all(|c| c.is_ascii_digit()) => {
                (0, Some(id_text.to_string()))
            }
            _ => {
                ctx.report(
                    &diag::UNKEPT_ID,
                    attribute_span(node, "id"),
                    node,
                    "node id not a corosync node id",
                    format!(
                        "node id `{id_text}` is not a corosync node id (a number from 1, without leading zeros)"
                    ),
                    Some(
                        "a spec node keeps a numeric CIB id as its corosync `id=` and any other as `cib-id=`"
                            .into(),
                    ),
                );
                (0, None)
            }
        };
        extras.origins.insert(format!("node:{uname}"), origin(node));
        let (attributes, attribute_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
        let (utilization, utilization_sets) = attr_sets(ctx, node, "utilization", None, true);
        out.push(CibNode {
            remote: false,
            id,
            cib_id,
            uname: uname.to_string(),
            description: text(node, "description"),
            score: text(node, "score"),
            attributes,
            utilization,
            attribute_sets,
            utilization_sets,
        });
    }
    number_free_ids(&mut out);
    (out, remote)
}

/// A `<node type="remote">`: its id is kept as `cib-id` when it is not the name.
fn remote_node(ctx: &mut Context<'_>, extras: &mut Extras, node: Node<'_, '_>) -> Option<CibNode> {
    let id = node.attribute("id").unwrap_or_default();
    let uname = node.attribute("uname").unwrap_or(id);
    if uname.is_empty() {
        ctx.report(
            &diag::AMBIGUOUS_CIB,
            tag_span(node),
            node,
            "remote node without name",
            "a remote `node` needs an `id` or a `uname`",
            None,
        );
        return None;
    }
    if node.attribute("score").is_some() {
        ctx.report(
            &diag::UNCARRIED_ATTRIBUTE,
            attribute_span(node, "score"),
            node,
            "remote node score",
            "a remote node's `score` cannot be imported: the spec gives cluster nodes a score",
            None,
        );
    }
    extras.origins.insert(format!("node:{uname}"), origin(node));
    let (attributes, attribute_sets) = attr_sets(ctx, node, "instance_attributes", None, true);
    let (utilization, utilization_sets) = attr_sets(ctx, node, "utilization", None, true);
    Some(CibNode {
        id: 0,
        cib_id: (!id.is_empty() && id != uname).then(|| id.to_string()),
        uname: uname.to_string(),
        remote: true,
        description: text(node, "description"),
        score: None,
        attributes,
        utilization,
        attribute_sets,
        utilization_sets,
    })
}

/// Gives each node kept under a `cib-id` the lowest corosync node id no other node has.
fn number_free_ids(nodes: &mut [CibNode]) {
    let mut taken: Vec<u32> = nodes.iter().map(|n| n.id).filter(|&id| id > 0).collect();
    for node in nodes.iter_mut().filter(|n| n.cib_id.is_some()) {
        #[allow(
            clippy::maybe_infinite_iter,
            reason = "`taken` is finite: a free id exists"
        )]
        let free = (1..).find(|id| !taken.contains(id)).unwrap_or(1);
        taken.push(free);
        node.id = free;
    }
}

fn defaults(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    section: Node<'_, '_>,
) -> (Option<AttrSet>, Vec<RuledSet>) {
    let tag = section.tag_name().name();
    ctx.only(section, &[], &["meta_attributes"]);
    extras.origins.insert(tag.to_string(), origin(section));
    attr_sets(ctx, section, "meta_attributes", None, false)
}

fn fencing_levels(
    ctx: &mut Context<'_>,
    extras: &mut Extras,
    topology: Node<'_, '_>,
) -> Vec<CibFencingLevel> {
    ctx.only(topology, &[], &["fencing-level"]);
    let mut out = Vec::new();
    for level in elements(topology).filter(|n| n.has_tag_name("fencing-level")) {
        ctx.only(
            level,
            &[
                "id",
                "target",
                "target-pattern",
                "target-attribute",
                "target-value",
                "index",
                "devices",
            ],
            &[],
        );
        let node = level
            .attribute("target")
            .map(|n| FencingTarget::Node(n.into()));
        let pattern = level
            .attribute("target-pattern")
            .map(|p| FencingTarget::Pattern(p.into()));
        let attribute = level
            .attribute("target-attribute")
            .zip(level.attribute("target-value"))
            .map(|(name, value)| FencingTarget::Attribute {
                name: name.into(),
                value: value.into(),
            });
        // Exactly one target, as Pacemaker's schema has it.
        let mut targets = [node, pattern, attribute].into_iter().flatten();
        let (Some(target), None, Some(index), Some(devices)) = (
            targets.next(),
            targets.next(),
            level.attribute("index").and_then(|i| i.parse::<u32>().ok()),
            level.attribute("devices"),
        ) else {
            ctx.report(
                &diag::AMBIGUOUS_CIB,
                tag_span(level),
                level,
                "fencing-level without one target, an index or devices",
                "a `fencing-level` needs one `target`, `target-pattern` or `target-attribute` with `target-value`, a numeric `index` and `devices`",
                None,
            );
            continue;
        };
        let built = CibFencingLevel {
            id: level.attribute("id").unwrap_or_default().to_string(),
            target,
            index,
            devices: devices.split(',').map(str::to_string).collect(),
        };
        extras.origins.insert(
            format!("fencing:{}:{index}", built.target.key()),
            origin(level),
        );
        out.push(built);
    }
    out
}
