//! cib.xml: the cluster's Pacemaker configuration as a complete CIB document.
//!
//! Element order, attribute order, attribute sets and ids are those crmsh produces when it loads
//! cib.crm (Pacemaker's diff reports reordered attributes too), so `crm_diff` between the two
//! finds nothing in the configuration section. That is why most elements end with their id.

use super::Artifact;
use super::cib::attr_sets::{nvpairs, opt_set, ruled_sets};
use super::cib::header_line;
use crate::cib::xml::XmlWriter;
use crate::cib::*;

/// What `cibadmin --empty` writes with Pacemaker 2.1 (Debian bookworm's 2.1.5).
pub(super) const VALIDATE_WITH: &str = "pacemaker-3.9";
pub(super) const CRM_FEATURE_SET: &str = "3.16.1";

pub(super) fn render(config: &CibConfig) -> Artifact {
    let header = header_line();
    let mut out = String::with_capacity(estimated_size(config));
    out.push_str("<!-- ");
    out.push_str(super::HEADER);
    out.push_str(" -->\n");
    let mut xml = XmlWriter::new(out);
    xml.start("cib")
        .attr("crm_feature_set", CRM_FEATURE_SET)
        .attr("validate-with", VALIDATE_WITH)
        .attr("epoch", "1")
        .attr("num_updates", "0")
        .attr("admin_epoch", "0");
    configuration(&mut xml, config, &header);
    xml.start("status").end();
    xml.end();
    Artifact::file("cib.xml", xml.finish())
}

/// A generous guess at the file's size (a primitive with a few parameters and operations
/// takes about 800 bytes), so the text is rarely copied as it grows; pages never written to
/// cost no memory.
fn estimated_size(config: &CibConfig) -> usize {
    fn primitives(resource: &CibResource) -> usize {
        match resource {
            CibResource::Primitive(_) | CibResource::Template(_) => 1,
            CibResource::Group(g) => g.members.len(),
            CibResource::Clone(c) => primitives(&c.child),
            CibResource::Bundle(b) => 1 + usize::from(b.primitive.is_some()),
        }
    }
    let primitives: usize = config.resources.iter().map(primitives).sum();
    8192 + 1024 * primitives + 256 * config.constraints.len()
}

fn configuration(xml: &mut XmlWriter, config: &CibConfig, header: &str) {
    xml.start("configuration").start("crm_config");
    xml.start("cluster_property_set")
        .attr("id", &config.properties.id)
        .comment(header);
    nvpairs(xml, &config.properties);
    xml.end();
    ruled_sets(xml, "cluster_property_set", &config.property_sets);
    xml.end();
    xml.start("nodes");
    for n in config.nodes.iter().chain(&config.remote_nodes) {
        node(xml, n);
    }
    xml.end().start("resources");
    for r in &config.resources {
        resource(xml, r);
    }
    xml.end().start("constraints");
    for c in &config.constraints {
        constraint(xml, c);
    }
    for t in &config.tickets {
        super::cib::tickets::xml(xml, t);
    }
    xml.end();
    super::cib::tags::xml(xml, &config.tags);
    if !config.fencing_levels.is_empty() {
        xml.start("fencing-topology");
        for l in &config.fencing_levels {
            let level = xml.start("fencing-level");
            match &l.target {
                FencingTarget::Node(node) => level.attr("target", node),
                FencingTarget::Pattern(pattern) => level.attr("target-pattern", pattern),
                FencingTarget::Attribute { name, value } => level
                    .attr("target-attribute", name)
                    .attr("target-value", value),
            }
            .attr("index", &l.index.to_string())
            .attr("devices", &l.devices.join(","))
            .attr("id", &l.id)
            .end();
        }
        xml.end();
    }
    defaults(
        xml,
        "rsc_defaults",
        &config.rsc_defaults,
        &config.rsc_defaults_sets,
    );
    defaults(
        xml,
        "op_defaults",
        &config.op_defaults,
        &config.op_defaults_sets,
    );
    super::cib::alerts::xml(xml, &config.alerts);
    super::cib::acls::xml(xml, &config.acls);
    xml.end();
}

fn defaults(xml: &mut XmlWriter, tag: &'static str, set: &Option<AttrSet>, sets: &[RuledSet]) {
    if set.is_some() || !sets.is_empty() {
        xml.start(tag);
        opt_set(xml, "meta_attributes", set);
        ruled_sets(xml, "meta_attributes", sets);
        xml.end();
    }
}

/// A node entry; cib.crm writes one crmsh cannot derive the ids of in this form too.
pub(super) fn node(xml: &mut XmlWriter, node: &CibNode) {
    xml.start("node")
        .attr("id", &node.cib_id())
        .attr("uname", &node.uname)
        .attr_opt("type", node.remote.then_some("remote"))
        .attr_opt("description", node.description.as_deref())
        .attr_opt("score", node.score.as_deref());
    opt_set(xml, "instance_attributes", &node.attributes);
    ruled_sets(xml, "instance_attributes", &node.attribute_sets);
    opt_set(xml, "utilization", &node.utilization);
    ruled_sets(xml, "utilization", &node.utilization_sets);
    xml.end();
}

pub(super) fn primitive(xml: &mut XmlWriter, p: &CibPrimitive) {
    body(xml, "primitive", p);
}

/// A `<primitive>` or a `<template>`: a primitive from a template names it instead of an
/// agent (crmsh writes `template` right after the id).
fn body(xml: &mut XmlWriter, tag: &'static str, p: &CibPrimitive) {
    xml.start(tag).attr("id", &p.id);
    match &p.template {
        Some(template) => xml.attr("template", template),
        None => xml
            .attr("class", &p.class)
            .attr_opt("provider", p.provider.as_deref())
            .attr("type", &p.kind),
    };
    xml.attr_opt("description", p.description.as_deref());
    opt_set(xml, "instance_attributes", &p.params);
    ruled_sets(xml, "instance_attributes", &p.param_sets);
    opt_set(xml, "meta_attributes", &p.meta);
    ruled_sets(xml, "meta_attributes", &p.meta_sets);
    opt_set(xml, "utilization", &p.utilization);
    ruled_sets(xml, "utilization", &p.utilization_sets);
    if !p.ops.is_empty() {
        xml.start("operations");
        for op in &p.ops {
            xml.start("op")
                .attr("name", &op.name)
                .attr("interval", &op.interval)
                .attr_opt("timeout", op.timeout.as_deref())
                .attr_opt("role", op.role.as_deref())
                .attr_opt("on-fail", op.on_fail.as_deref());
            super::cib::op_extra::xml_attributes(xml, &op.extra);
            xml.attr("id", &op.id);
            super::cib::op_extra::xml_children(xml, &op.extra);
            xml.end();
        }
        xml.end();
    }
    xml.end();
}

fn resource(xml: &mut XmlWriter, resource: &CibResource) {
    match resource {
        CibResource::Primitive(p) => primitive(xml, p),
        CibResource::Template(t) => body(xml, "template", t),
        CibResource::Group(g) => {
            xml.start("group")
                .attr("id", &g.id)
                .attr_opt("description", g.description.as_deref());
            opt_set(xml, "instance_attributes", &g.params);
            ruled_sets(xml, "instance_attributes", &g.param_sets);
            opt_set(xml, "meta_attributes", &g.meta);
            ruled_sets(xml, "meta_attributes", &g.meta_sets);
            for member in &g.members {
                primitive(xml, member);
            }
            xml.end();
        }
        CibResource::Clone(c) => {
            xml.start("clone")
                .attr("id", &c.id)
                .attr_opt("description", c.description.as_deref());
            opt_set(xml, "instance_attributes", &c.params);
            ruled_sets(xml, "instance_attributes", &c.param_sets);
            opt_set(xml, "meta_attributes", &c.meta);
            ruled_sets(xml, "meta_attributes", &c.meta_sets);
            self::resource(xml, &c.child);
            xml.end();
        }
        CibResource::Bundle(b) => super::cib::bundle::xml(xml, b),
    }
}

pub(super) fn constraint(xml: &mut XmlWriter, constraint: &CibConstraint) {
    match constraint {
        CibConstraint::Location(l) => location(xml, l),
        CibConstraint::Colocation(c) => {
            let influence = c.influence.map(|i| i.to_string());
            xml.start("rsc_colocation")
                .attr("id", &c.id)
                .attr("score", &c.score)
                .attr_opt("influence", influence.as_deref());
            match &c.pair {
                Some(pair) => {
                    xml.attr("rsc", &pair.rsc)
                        .attr_opt("rsc-role", pair.rsc_role.as_deref())
                        .attr("with-rsc", &pair.with_rsc)
                        .attr_opt("with-rsc-role", pair.with_rsc_role.as_deref())
                        .attr_opt("node-attribute", pair.node_attribute.as_deref());
                }
                None => c.sets.iter().for_each(|s| set(xml, s)),
            }
            xml.end();
        }
        CibConstraint::Order(o) => {
            let symmetrical = o.symmetrical.map(|s| s.to_string());
            let require_all = o.require_all.map(|r| r.to_string());
            xml.start("rsc_order")
                .attr("id", &o.id)
                .attr("kind", &o.kind)
                .attr_opt("symmetrical", symmetrical.as_deref())
                .attr_opt("require-all", require_all.as_deref());
            match &o.pair {
                Some(pair) => {
                    xml.attr("first", &pair.first)
                        .attr_opt("first-action", pair.first_action.as_deref())
                        .attr("then", &pair.then)
                        .attr_opt("then-action", pair.then_action.as_deref());
                }
                None => o.sets.iter().for_each(|s| set(xml, s)),
            }
            xml.end();
        }
    }
}

fn location(xml: &mut XmlWriter, l: &CibLocation) {
    xml.start("rsc_location")
        .attr("id", &l.id)
        .attr_opt("rsc", l.rsc.as_deref())
        .attr_opt("rsc-pattern", l.rsc_pattern.as_deref())
        .attr_opt("role", l.role.as_deref())
        .attr_opt("resource-discovery", l.resource_discovery.as_deref());
    if let CibLocationTarget::Node { node, score } = &l.target {
        xml.attr("score", score).attr("node", node);
    }
    l.sets.iter().for_each(|s| set(xml, s));
    if let CibLocationTarget::Rules(rules) = &l.target {
        for r in rules {
            super::cib::attr_sets::rule(xml, r);
        }
    }
    xml.end();
}

pub(super) fn set(xml: &mut XmlWriter, set: &CibSet) {
    xml.start("resource_set")
        .attr_opt("require-all", (!set.require_all).then_some("false"))
        .attr_opt(
            "sequential",
            set.sequential.map(|s| if s { "true" } else { "false" }),
        )
        .attr_opt("role", set.role.as_deref())
        .attr_opt("action", set.action.as_deref())
        .attr_opt("score", set.score.as_deref())
        .attr_opt("ordering", set.ordering.as_deref())
        .attr("id", &set.id);
    for r in &set.resources {
        xml.start("resource_ref").attr("id", r).end();
    }
    xml.end();
}
