//! Checked model -> [`CibConfig`]: resolves the resource tree and every id.

use super::attr_sets::{attr_set, pairs};
use super::config::*;
use super::ids;
use super::nvsets::ruled_sets;
use super::sets::{role, sets};
use crate::model::{
    self, Cluster, Colocation, Constraint, Location, LocationTarget, NvPair, Order, Resource, Rule,
};
use std::collections::{HashMap, HashSet};

/// The property every generated CIB carries, set from the spec's cluster name unless the spec
/// sets it; Pacemaker's controller writes the corosync cluster name under the same id.
const CLUSTER_NAME: &str = "cluster-name";

pub fn build(cluster: &Cluster) -> CibConfig {
    CibConfig {
        properties: properties(cluster),
        nodes: cluster.nodes.iter().map(node).collect(),
        remote_nodes: cluster.remote_nodes.iter().map(remote_node).collect(),
        resources: resources(cluster),
        constraints: cluster.constraints.iter().map(constraint).collect(),
        tickets: super::tickets::build(cluster),
        tags: cluster
            .tags
            .iter()
            .map(|t| CibTag {
                id: t.id.value.clone(),
                members: t.members.iter().map(|m| m.value.clone()).collect(),
            })
            .collect(),
        alerts: super::alerts::build(cluster, set_rule),
        acls: super::acls::build(cluster),
        fencing_levels: fencing_levels(cluster),
        rsc_defaults: attr_set(ids::RSC_DEFAULTS_ID.into(), pairs(&cluster.rsc_defaults)),
        op_defaults: attr_set(ids::OP_DEFAULTS_ID.into(), pairs(&cluster.op_defaults)),
        property_sets: ruled_sets(&cluster.property_sets, set_rule),
        rsc_defaults_sets: ruled_sets(&cluster.rsc_defaults_sets, set_rule),
        op_defaults_sets: ruled_sets(&cluster.op_defaults_sets, set_rule),
    }
}

fn properties(cluster: &Cluster) -> AttrSet {
    let mut list = Vec::new();
    if !cluster
        .properties
        .iter()
        .any(|p| p.name.value == CLUSTER_NAME)
    {
        list.push((CLUSTER_NAME.to_string(), cluster.name.value.clone()));
    }
    list.extend(
        cluster
            .properties
            .iter()
            .map(|p| (p.name.value.clone(), p.value.value.clone())),
    );
    let id = ids::PROPERTIES_ID.to_string();
    attr_set(id.clone(), list).unwrap_or(AttrSet {
        id,
        pairs: Vec::new(),
    })
}

fn node(node: &model::Node) -> CibNode {
    let uname = &node.name.value;
    let mut attributes = Vec::new();
    if node.standby && model::find_pair(&node.attributes, "standby").is_none() {
        attributes.push(("standby".to_string(), "on".to_string()));
    }
    attributes.extend(pairs(&node.attributes));
    CibNode {
        id: node.id.value,
        cib_id: node.cib_id.as_ref().map(|c| c.value.clone()),
        uname: uname.clone(),
        remote: false,
        description: description(&node.description),
        score: node.score.as_ref().map(|s| s.value.to_string()),
        attributes: attr_set(ids::instance_attributes(uname), attributes),
        utilization: attr_set(ids::utilization(uname), pairs(&node.utilization)),
        attribute_sets: ruled_sets(&node.attribute_sets, set_rule),
        utilization_sets: ruled_sets(&node.utilization_sets, set_rule),
    }
}

/// A remote node's sets are named as Pacemaker's own tools name them (`nodes-<id>`): the
/// connection resource of the same name owns `<name>-instance_attributes`.
fn remote_node(node: &model::RemoteNode) -> CibNode {
    let uname = &node.name.value;
    let id = node.cib_id.as_ref().map_or(uname, |c| &c.value);
    CibNode {
        id: 0,
        cib_id: node.cib_id.as_ref().map(|c| c.value.clone()),
        uname: uname.clone(),
        remote: true,
        description: description(&node.description),
        score: None,
        attributes: attr_set(ids::remote_node_attributes(id), pairs(&node.attributes)),
        utilization: attr_set(
            ids::utilization(&ids::remote_node_attributes(id)),
            pairs(&node.utilization),
        ),
        attribute_sets: ruled_sets(&node.attribute_sets, set_rule),
        utilization_sets: ruled_sets(&node.utilization_sets, set_rule),
    }
}

/// Pacemaker 2.1 spells the roles `Promoted`/`Unpromoted`; the old names are accepted in the
/// spec and written in the current spelling, whatever crmsh's role-conversion setting is.
fn meta(list: &[NvPair]) -> Vec<(String, String)> {
    list.iter()
        .map(|p| {
            let value = if p.name.value == "target-role" {
                role(&p.value.value)
            } else {
                p.value.value.clone()
            };
            (p.name.value.clone(), value)
        })
        .collect()
}

fn description(text: &Option<crate::spanned::Spanned<String>>) -> Option<String> {
    text.as_ref().map(|d| d.value.clone())
}

fn primitive(p: &model::Primitive) -> CibPrimitive {
    let id = &p.id.value;
    // A primitive from a template names it in the CIB instead of the agent it takes from it.
    let template = p.template.as_ref().filter(|_| !p.agent_written);
    let agent = match template {
        Some(_) => model::Agent {
            class: String::new(),
            provider: None,
            kind: String::new(),
        },
        None => p.agent.value.clone(),
    };
    CibPrimitive {
        id: id.clone(),
        description: description(&p.description),
        template: template.map(|t| t.value.clone()),
        class: agent.class,
        provider: agent.provider,
        kind: agent.kind,
        params: attr_set(ids::instance_attributes(id), pairs(&p.params)),
        meta: attr_set(ids::meta_attributes(id), meta(&p.meta)),
        utilization: attr_set(ids::utilization(id), pairs(&p.utilization)),
        ops: p
            .ops
            .iter()
            .map(|op| CibOp {
                id: op.id(id),
                name: op.name.value.clone(),
                interval: op.interval.value.clone(),
                timeout: op.timeout.as_ref().map(|t| t.value.clone()),
                role: op.role.as_ref().map(|r| role(r)),
                on_fail: op.on_fail.as_ref().map(|f| f.value.clone()),
                extra: super::op_extra::build(&op.id(id), &op.extra, set_rule),
            })
            .collect(),
        param_sets: ruled_sets(&p.param_sets, set_rule),
        meta_sets: ruled_sets(&p.meta_sets, set_rule),
        utilization_sets: ruled_sets(&p.utilization_sets, set_rule),
    }
}

/// Resources nest as Pacemaker stores them: group members inside their group, a clone's child
/// inside the clone. Top-level resources keep the spec's order (a group or clone sits where it
/// is declared): Pacemaker places resources whose scores tie in the order the CIB lists them.
fn resources(cluster: &Cluster) -> Vec<CibResource> {
    // By id, the first of an id winning as in `Cluster::resource`: looking members up with a
    // scan of the list made large specs quadratic.
    let mut by_id: HashMap<&str, &Resource> = HashMap::new();
    for resource in &cluster.resources {
        by_id
            .entry(resource.id().value.as_str())
            .or_insert(resource);
    }
    let nested = cluster.nested_ids();
    let mut placed = HashSet::new();
    let mut out = Vec::new();
    for resource in &cluster.resources {
        if !nested.contains(resource.id().value.as_str()) {
            out.extend(tree(&by_id, resource, &mut placed));
        }
    }
    out
}

/// Builds one resource with its children; each primitive is placed once, so a malformed
/// model (a member listed twice, a clone of a clone) cannot loop or duplicate.
fn tree<'a>(
    by_id: &HashMap<&str, &'a Resource>,
    resource: &'a Resource,
    placed: &mut HashSet<&'a str>,
) -> Option<CibResource> {
    if !placed.insert(resource.id().value.as_str()) {
        return None;
    }
    match resource {
        Resource::Primitive(p) => Some(CibResource::Primitive(primitive(p))),
        Resource::Template(t) => Some(CibResource::Template(primitive(t))),
        Resource::Group(g) => {
            let members = g
                .members
                .iter()
                .filter_map(|m| match by_id.get(m.value.as_str()) {
                    Some(Resource::Primitive(p)) if placed.insert(p.id.value.as_str()) => {
                        Some(primitive(p))
                    }
                    _ => None,
                })
                .collect();
            Some(CibResource::Group(CibGroup {
                id: g.id.value.clone(),
                description: description(&g.description),
                params: attr_set(ids::instance_attributes(&g.id.value), pairs(&g.params)),
                meta: attr_set(ids::meta_attributes(&g.id.value), meta(&g.meta)),
                param_sets: ruled_sets(&g.param_sets, set_rule),
                meta_sets: ruled_sets(&g.meta_sets, set_rule),
                members,
            }))
        }
        Resource::Clone(c) => {
            let child = match *by_id.get(c.of.value.as_str())? {
                Resource::Clone(_) => return None,
                child => tree(by_id, child, placed)?,
            };
            let mut list = Vec::new();
            if c.promotable && model::find_pair(&c.meta, "promotable").is_none() {
                list.push(("promotable".to_string(), "true".to_string()));
            }
            list.extend(meta(&c.meta));
            Some(CibResource::Clone(CibClone {
                id: c.id.value.clone(),
                description: description(&c.description),
                params: attr_set(ids::instance_attributes(&c.id.value), pairs(&c.params)),
                meta: attr_set(ids::meta_attributes(&c.id.value), list),
                param_sets: ruled_sets(&c.param_sets, set_rule),
                meta_sets: ruled_sets(&c.meta_sets, set_rule),
                child: Box::new(child),
            }))
        }
        Resource::Bundle(b) => {
            let mut bundle = super::bundle::build(b);
            bundle.primitive =
                b.primitive
                    .as_ref()
                    .and_then(|p| match by_id.get(p.value.as_str()) {
                        Some(Resource::Primitive(p)) if placed.insert(p.id.value.as_str()) => {
                            Some(primitive(p))
                        }
                        _ => None,
                    });
            bundle.params = attr_set(ids::instance_attributes(&b.id.value), pairs(&b.params));
            bundle.param_sets = ruled_sets(&b.param_sets, set_rule);
            bundle.meta = attr_set(ids::meta_attributes(&b.id.value), meta(&b.meta));
            bundle.meta_sets = ruled_sets(&b.meta_sets, set_rule);
            Some(CibResource::Bundle(Box::new(bundle)))
        }
    }
}

fn constraint(constraint: &Constraint) -> CibConstraint {
    match constraint {
        Constraint::Location(l) => CibConstraint::Location(location(l)),
        Constraint::Colocation(c) => CibConstraint::Colocation(colocation(c)),
        Constraint::Order(o) => CibConstraint::Order(order(o)),
    }
}

fn location(l: &Location) -> CibLocation {
    let target = match &l.target {
        LocationTarget::Node { node, score } => CibLocationTarget::Node {
            node: node.value.clone(),
            score: score.value.to_string(),
        },
        LocationTarget::Rules(rules) => CibLocationTarget::Rules(
            rules
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let id = ids::numbered(&format!("{}-rule", l.id.value), i);
                    rule(&id, r, r.role.as_ref().or(l.role.as_ref()))
                })
                .collect(),
        ),
    };
    // On a rule-based location the role is the rules' (written on each of them above).
    let location_role = match l.target {
        LocationTarget::Node { .. } => l.role.as_ref().map(|r| role(r)),
        LocationTarget::Rules(_) => None,
    };
    CibLocation {
        id: l.id.value.clone(),
        rsc: l.resource.as_ref().map(|r| r.value.clone()),
        rsc_pattern: l.pattern.as_ref().map(|p| p.value.clone()),
        sets: super::sets::sets(&l.id.value, &l.sets),
        role: location_role,
        resource_discovery: l.resource_discovery.as_ref().map(|d| d.value.clone()),
        target,
    }
}

fn rule(id: &str, r: &Rule, rule_role: Option<&crate::spanned::Spanned<String>>) -> CibRule {
    let base = format!("{id}-expression");
    CibRule {
        id: id.to_string(),
        score: r.score.value.to_string(),
        score_attribute: r.score_attribute.as_ref().map(|a| a.value.clone()),
        or: r.boolean.value == "or",
        role: rule_role.map(|r| role(r)),
        expressions: r
            .expressions
            .iter()
            .enumerate()
            .map(|(i, e)| CibExpression {
                id: ids::numbered(&base, i),
                attribute: e.attribute.value.clone(),
                operation: e.operation.value.clone(),
                value: e.value.as_ref().map(|v| v.value.clone()),
                value_type: e.value_type.as_ref().map(|t| t.value.clone()),
                value_source: e.value_source.as_ref().map(|s| s.value.clone()),
            })
            .collect(),
        dates: super::nvsets::dates(id, r.expressions.len(), &r.dates),
        agents: super::nvsets::agents(id, r.expressions.len() + r.dates.len(), &r.agents),
        operations: super::nvsets::operations(
            id,
            r.expressions.len() + r.dates.len() + r.agents.len(),
            &r.operations,
        ),
        rules: r
            .rules
            .iter()
            .enumerate()
            .map(|(i, inner)| rule(&ids::numbered(&format!("{id}-rule"), i), inner, None))
            .collect(),
    }
}

/// The rule of an attribute set: no role.
fn set_rule(id: &str, r: &Rule) -> CibRule {
    rule(id, r, None)
}

fn colocation(c: &Colocation) -> CibColocation {
    let pair = match (&c.rsc, &c.with_rsc) {
        (Some(rsc), Some(with_rsc)) if c.sets.is_empty() => Some(CibColocationPair {
            rsc: rsc.value.clone(),
            rsc_role: c.rsc_role.as_ref().map(|r| role(r)),
            with_rsc: with_rsc.value.clone(),
            with_rsc_role: c.with_rsc_role.as_ref().map(|r| role(r)),
            node_attribute: c.node_attribute.as_ref().map(|a| a.value.clone()),
        }),
        _ => None,
    };
    CibColocation {
        id: c.id.value.clone(),
        score: c.score.value.to_string(),
        influence: c.influence.as_ref().map(|i| i.value),
        pair,
        sets: sets(&c.id.value, &c.sets),
    }
}

fn order(o: &Order) -> CibOrder {
    let pair = match (&o.first, &o.then) {
        (Some(first), Some(then)) if o.sets.is_empty() => Some(CibOrderPair {
            first: first.value.clone(),
            first_action: o.first_action.as_ref().map(|a| a.value.clone()),
            then: then.value.clone(),
            then_action: o.then_action.as_ref().map(|a| a.value.clone()),
        }),
        _ => None,
    };
    CibOrder {
        id: o.id.value.clone(),
        kind: o.kind.value.clone(),
        symmetrical: o.symmetrical.as_ref().map(|s| s.value),
        require_all: o.require_all.as_ref().map(|r| r.value),
        pair,
        sets: sets(&o.id.value, &o.sets),
    }
}

/// crmsh numbers the levels of a target 1, 2, ... in the order it reads them, so levels are
/// grouped by target and sorted by index here; the spec's indexes are kept as written.
fn fencing_levels(cluster: &Cluster) -> Vec<CibFencingLevel> {
    let mut targets: Vec<String> = Vec::new();
    for level in &cluster.fencing_levels {
        let key = level.target().key();
        if !targets.contains(&key) {
            targets.push(key);
        }
    }
    let mut levels = Vec::new();
    for target in &targets {
        let mut of_target: Vec<_> = cluster
            .fencing_levels
            .iter()
            .filter(|l| l.target().key() == *target)
            .collect();
        of_target.sort_by_key(|l| l.index.value);
        levels.extend(of_target);
    }
    levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| CibFencingLevel {
            id: ids::numbered(ids::FENCING_LEVEL_BASE, i),
            target: l.target(),
            index: l.index.value,
            devices: l.devices.iter().map(|d| d.value.clone()).collect(),
        })
        .collect()
}
