//! cib.xml: the cluster's Pacemaker configuration as a complete CIB document.
//!
//! Element order, attribute order, attribute sets and ids are those crmsh produces when it loads
//! cib.crm (Pacemaker's diff reports reordered attributes too), so `crm_diff` between the two
//! finds nothing in the configuration section. That is why most elements end with their id.

use super::Artifact;
use super::cib::xml::{Element, comment_text};
use super::cib::*;
use crate::model::Checked;

/// What `cibadmin --empty` writes with Pacemaker 2.1 (Debian bookworm's 2.1.5).
const VALIDATE_WITH: &str = "pacemaker-3.9";
const CRM_FEATURE_SET: &str = "3.16.1";

pub fn render(checked: &Checked, config: &CibConfig) -> Artifact {
    let header = header_line(checked);
    let mut out = format!("<!-- {} -->\n", comment_text(&super::header(checked)));
    Element::new("cib")
        .attr("crm_feature_set", CRM_FEATURE_SET)
        .attr("validate-with", VALIDATE_WITH)
        .attr("epoch", "1")
        .attr("num_updates", "0")
        .attr("admin_epoch", "0")
        .child(configuration(config, &header))
        .child(Element::new("status"))
        .write(&mut out, 0);
    Artifact::file("cib.xml", out)
}

fn configuration<'a>(config: &'a CibConfig, header: &str) -> Element<'a> {
    let properties = Element::new("cluster_property_set")
        .attr("id", &config.properties.id)
        .comment(header)
        .children(nvpairs(&config.properties));
    Element::new("configuration")
        .child(Element::new("crm_config").child(properties))
        .child(Element::new("nodes").children(config.nodes.iter().map(node)))
        .child(Element::new("resources").children(config.resources.iter().map(resource)))
        .child(Element::new("constraints").children(config.constraints.iter().map(constraint)))
        .child_opt((!config.fencing_levels.is_empty()).then(|| {
            Element::new("fencing-topology").children(config.fencing_levels.iter().map(|l| {
                Element::new("fencing-level")
                    .attr("target", &l.target)
                    .attr("index", l.index.to_string())
                    .attr("devices", l.devices.join(","))
                    .attr("id", &l.id)
            }))
        }))
        .child_opt(defaults("rsc_defaults", &config.rsc_defaults))
        .child_opt(defaults("op_defaults", &config.op_defaults))
}

fn nvpairs(set: &AttrSet) -> impl Iterator<Item = Element<'_>> + '_ {
    set.pairs.iter().map(|p| {
        Element::new("nvpair")
            .attr("name", &p.name)
            .attr("value", &p.value)
            .attr("id", &p.id)
    })
}

fn attr_set<'a>(tag: &'static str, set: &'a AttrSet) -> Element<'a> {
    Element::new(tag).attr("id", &set.id).children(nvpairs(set))
}

fn opt_set<'a>(tag: &'static str, set: &'a Option<AttrSet>) -> Option<Element<'a>> {
    set.as_ref().map(|s| attr_set(tag, s))
}

fn defaults<'a>(tag: &'static str, set: &'a Option<AttrSet>) -> Option<Element<'a>> {
    opt_set("meta_attributes", set).map(|s| Element::new(tag).child(s))
}

fn node(node: &CibNode) -> Element<'_> {
    Element::new("node")
        .attr("id", node.id.to_string())
        .attr("uname", &node.uname)
        .child_opt(opt_set("instance_attributes", &node.attributes))
        .child_opt(opt_set("utilization", &node.utilization))
}

fn primitive(p: &CibPrimitive) -> Element<'_> {
    let operations = (!p.ops.is_empty()).then(|| {
        Element::new("operations").children(p.ops.iter().map(|op| {
            Element::new("op")
                .attr("name", &op.name)
                .attr("interval", &op.interval)
                .attr_opt("timeout", op.timeout.as_deref())
                .attr_opt("role", op.role.as_deref())
                .attr_opt("on-fail", op.on_fail.as_deref())
                .attr("id", &op.id)
        }))
    });
    Element::new("primitive")
        .attr("id", &p.id)
        .attr("class", &p.class)
        .attr_opt("provider", p.provider.as_deref())
        .attr("type", &p.kind)
        .child_opt(opt_set("instance_attributes", &p.params))
        .child_opt(opt_set("meta_attributes", &p.meta))
        .child_opt(opt_set("utilization", &p.utilization))
        .child_opt(operations)
}

fn resource(resource: &CibResource) -> Element<'_> {
    match resource {
        CibResource::Primitive(p) => primitive(p),
        CibResource::Group(g) => Element::new("group")
            .attr("id", &g.id)
            .child_opt(opt_set("meta_attributes", &g.meta))
            .children(g.members.iter().map(primitive)),
        CibResource::Clone(c) => Element::new("clone")
            .attr("id", &c.id)
            .child_opt(opt_set("meta_attributes", &c.meta))
            .child(self::resource(&c.child)),
    }
}

fn constraint(constraint: &CibConstraint) -> Element<'_> {
    match constraint {
        CibConstraint::Location(l) => location(l),
        CibConstraint::Colocation(c) => {
            let element = Element::new("rsc_colocation")
                .attr("id", &c.id)
                .attr("score", &c.score);
            match &c.pair {
                Some(pair) => element
                    .attr("rsc", &pair.rsc)
                    .attr_opt("rsc-role", pair.rsc_role.as_deref())
                    .attr("with-rsc", &pair.with_rsc)
                    .attr_opt("with-rsc-role", pair.with_rsc_role.as_deref()),
                None => element.children(c.sets.iter().map(set)),
            }
        }
        CibConstraint::Order(o) => {
            let element = Element::new("rsc_order")
                .attr("id", &o.id)
                .attr("kind", &o.kind)
                .attr_opt("symmetrical", o.symmetrical.map(|s| s.to_string()));
            match &o.pair {
                Some(pair) => element
                    .attr("first", &pair.first)
                    .attr_opt("first-action", pair.first_action.as_deref())
                    .attr("then", &pair.then)
                    .attr_opt("then-action", pair.then_action.as_deref()),
                None => element.children(o.sets.iter().map(set)),
            }
        }
    }
}

fn location(l: &CibLocation) -> Element<'_> {
    let element = Element::new("rsc_location")
        .attr("id", &l.id)
        .attr("rsc", &l.rsc)
        .attr_opt("role", l.role.as_deref())
        .attr_opt("resource-discovery", l.resource_discovery.as_deref());
    match &l.target {
        CibLocationTarget::Node { node, score } => element.attr("score", score).attr("node", node),
        CibLocationTarget::Rules(rules) => element.children(rules.iter().map(|r| {
            Element::new("rule")
                .attr("score", &r.score)
                .attr_opt("boolean-op", r.or.then_some("or"))
                .attr("id", &r.id)
                .children(r.expressions.iter().map(|e| {
                    Element::new("expression")
                        .attr("operation", &e.operation)
                        .attr("attribute", &e.attribute)
                        .attr_opt("type", e.value_type.as_deref())
                        .attr_opt("value", e.value.as_deref())
                        .attr("id", &e.id)
                }))
        })),
    }
}

fn set(set: &CibSet) -> Element<'_> {
    Element::new("resource_set")
        .attr_opt("require-all", (!set.require_all).then_some("false"))
        .attr_opt("sequential", (!set.sequential).then_some("false"))
        .attr_opt("role", set.role.as_deref())
        .attr_opt("action", set.action.as_deref())
        .attr("id", &set.id)
        .children(
            set.resources
                .iter()
                .map(|r| Element::new("resource_ref").attr("id", r)),
        )
}
