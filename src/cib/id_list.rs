//! Every id a generated configuration defines, to find clashes before rendering.
//!
//! crmsh resolves a clash by appending `-0`, `-1`, ... in its own processing order, which
//! cib.xml cannot predict; a spec whose derived ids clash (a resource named like a node's
//! attribute set, a constraint named `fencing`, ...) has to be rejected instead.

use super::config::*;
use crate::model::Cluster;
use std::collections::HashMap;

/// The spec object an id is named after or derived from, so validation can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdOwner {
    /// The cluster properties (`cib-bootstrap-options` and its pairs).
    Properties,
    Node(String),
    Resource(String),
    Constraint(String),
    FencingLevel {
        target: String,
        index: u32,
    },
    RscDefaults,
    OpDefaults,
    Alert(String),
    Tag(String),
    AclRole(String),
    /// The permission at this index of the role.
    AclPermission(String, usize),
    AclGroup(String),
}

/// An id the generated configuration would define more than once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdClash {
    pub id: String,
    /// The owner of each definition, in document order.
    pub owners: Vec<IdOwner>,
}

impl CibConfig {
    /// Every id the configuration defines with its owner, in document order (node ids are
    /// numbers in their own namespace and are not included).
    pub fn owned_ids(&self) -> Vec<(&str, IdOwner)> {
        let mut out = Vec::new();
        let mut properties = vec![self.properties.id.as_str()];
        set_ids(&self.properties, &mut properties);
        ruled_set_ids(&self.property_sets, &mut properties);
        add(&mut out, properties, IdOwner::Properties);
        for node in self.nodes.iter().chain(&self.remote_nodes) {
            let mut ids = Vec::new();
            opt_set_ids(&node.attributes, &mut ids);
            opt_set_ids(&node.utilization, &mut ids);
            ruled_set_ids(&node.attribute_sets, &mut ids);
            ruled_set_ids(&node.utilization_sets, &mut ids);
            add(&mut out, ids, IdOwner::Node(node.uname.clone()));
        }
        let mut resources = Vec::new();
        for resource in &self.resources {
            resource_ids(resource, &mut resources);
        }
        for (id, owner) in resources {
            add(&mut out, vec![id], IdOwner::Resource(owner.to_string()));
        }
        for constraint in &self.constraints {
            let (owner, ids) = constraint_ids(constraint);
            add(&mut out, ids, IdOwner::Constraint(owner.to_string()));
        }
        for ticket in &self.tickets {
            let ids = std::iter::once(ticket.id.as_str())
                .chain(ticket.sets.iter().map(|s| s.id.as_str()));
            add(
                &mut out,
                ids.collect(),
                IdOwner::Constraint(ticket.id.clone()),
            );
        }
        for tag in &self.tags {
            add(
                &mut out,
                vec![tag.id.as_str()],
                IdOwner::Tag(tag.id.clone()),
            );
        }
        for role in &self.acls.roles {
            add(&mut out, vec![&role.id], IdOwner::AclRole(role.id.clone()));
            for (i, p) in role.permissions.iter().enumerate() {
                add(
                    &mut out,
                    vec![&p.id],
                    IdOwner::AclPermission(role.id.clone(), i),
                );
            }
        }
        for group in &self.acls.groups {
            add(
                &mut out,
                vec![&group.id],
                IdOwner::AclGroup(group.id.clone()),
            );
        }
        for alert in &self.alerts {
            let mut ids = vec![alert.id.as_str()];
            opt_set_ids(&alert.params, &mut ids);
            opt_set_ids(&alert.meta, &mut ids);
            ruled_set_ids(&alert.param_sets, &mut ids);
            ruled_set_ids(&alert.meta_sets, &mut ids);
            let selected = alert
                .select
                .iter()
                .flat_map(|s| s.attributes.iter().flatten());
            ids.extend(selected.map(|(id, _)| id.as_str()));
            for recipient in &alert.recipients {
                ids.push(&recipient.id);
                opt_set_ids(&recipient.params, &mut ids);
                opt_set_ids(&recipient.meta, &mut ids);
                ruled_set_ids(&recipient.param_sets, &mut ids);
                ruled_set_ids(&recipient.meta_sets, &mut ids);
            }
            add(&mut out, ids, IdOwner::Alert(alert.id.clone()));
        }
        for level in &self.fencing_levels {
            let owner = IdOwner::FencingLevel {
                target: level.target.key(),
                index: level.index,
            };
            add(&mut out, vec![level.id.as_str()], owner);
        }
        let mut ids = Vec::new();
        opt_set_ids(&self.rsc_defaults, &mut ids);
        ruled_set_ids(&self.rsc_defaults_sets, &mut ids);
        add(&mut out, ids, IdOwner::RscDefaults);
        let mut ids = Vec::new();
        opt_set_ids(&self.op_defaults, &mut ids);
        ruled_set_ids(&self.op_defaults_sets, &mut ids);
        add(&mut out, ids, IdOwner::OpDefaults);
        out
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "callers build the id list for this call"
)]
fn add<'a>(out: &mut Vec<(&'a str, IdOwner)>, ids: Vec<&'a str>, owner: IdOwner) {
    out.extend(ids.into_iter().map(|id| (id, owner.clone())));
}

fn set_ids<'a>(set: &'a AttrSet, out: &mut Vec<&'a str>) {
    out.extend(set.pairs.iter().map(|p| p.id.as_str()));
}

fn opt_set_ids<'a>(set: &'a Option<AttrSet>, out: &mut Vec<&'a str>) {
    if let Some(set) = set {
        out.push(&set.id);
        set_ids(set, out);
    }
}

/// The ids of further sets: each set's, its pairs', and its rule's with every test below it.
fn ruled_set_ids<'a>(sets: &'a [RuledSet], out: &mut Vec<&'a str>) {
    for ruled in sets {
        out.push(&ruled.set.id);
        set_ids(&ruled.set, out);
        if let Some(rule) = &ruled.rule {
            rule_ids(rule, out);
        }
    }
}

/// A rule's id and those of its attribute and date tests.
fn rule_ids<'a>(rule: &'a CibRule, out: &mut Vec<&'a str>) {
    out.push(&rule.id);
    out.extend(rule.expressions.iter().map(|e| e.id.as_str()));
    for date in &rule.dates {
        out.push(&date.id);
        let fields = [&date.duration, &date.spec];
        out.extend(fields.into_iter().flatten().map(|f| f.id.as_str()));
    }
    out.extend(rule.agents.iter().map(|a| a.id.as_str()));
    out.extend(rule.operations.iter().map(|o| o.id.as_str()));
    for inner in &rule.rules {
        rule_ids(inner, out);
    }
}

/// A primitive's ids, each paired with the primitive's id.
fn primitive_ids<'a>(p: &'a CibPrimitive, out: &mut Vec<(&'a str, &'a str)>) {
    let mut ids = vec![p.id.as_str()];
    opt_set_ids(&p.params, &mut ids);
    opt_set_ids(&p.meta, &mut ids);
    opt_set_ids(&p.utilization, &mut ids);
    ruled_set_ids(&p.param_sets, &mut ids);
    ruled_set_ids(&p.meta_sets, &mut ids);
    ruled_set_ids(&p.utilization_sets, &mut ids);
    for op in &p.ops {
        ids.push(op.id.as_str());
        opt_set_ids(&op.extra.params, &mut ids);
        ruled_set_ids(&op.extra.param_sets, &mut ids);
        opt_set_ids(&op.extra.meta, &mut ids);
        ruled_set_ids(&op.extra.meta_sets, &mut ids);
    }
    out.extend(ids.into_iter().map(|id| (id, p.id.as_str())));
}

/// A resource's ids and its children's, each paired with the id of the resource defining it.
fn resource_ids<'a>(resource: &'a CibResource, out: &mut Vec<(&'a str, &'a str)>) {
    let mut own = |id: &'a str, sets: [&'a Option<AttrSet>; 2], ruled: [&'a [RuledSet]; 2]| {
        let mut ids = vec![id];
        for set in sets {
            opt_set_ids(set, &mut ids);
        }
        for sets in ruled {
            ruled_set_ids(sets, &mut ids);
        }
        out.extend(ids.into_iter().map(|i| (i, id)));
    };
    match resource {
        CibResource::Primitive(p) | CibResource::Template(p) => primitive_ids(p, out),
        CibResource::Group(g) => {
            own(&g.id, [&g.params, &g.meta], [&g.param_sets, &g.meta_sets]);
            for member in &g.members {
                primitive_ids(member, out);
            }
        }
        CibResource::Clone(c) => {
            own(&c.id, [&c.params, &c.meta], [&c.param_sets, &c.meta_sets]);
            resource_ids(&c.child, out);
        }
        CibResource::Bundle(b) => {
            own(&b.id, [&b.params, &b.meta], [&b.param_sets, &b.meta_sets]);
            let ports = b.network.iter().flat_map(|n| &n.ports);
            for mapping in ports.chain(&b.storage) {
                out.push((&mapping.id, &b.id));
            }
            if let Some(p) = &b.primitive {
                primitive_ids(p, out);
            }
        }
    }
}

/// A constraint's id and the ids of its rules, expressions and sets.
fn constraint_ids(constraint: &CibConstraint) -> (&str, Vec<&str>) {
    match constraint {
        CibConstraint::Location(l) => {
            let mut ids = vec![l.id.as_str()];
            ids.extend(l.sets.iter().map(|s| s.id.as_str()));
            if let CibLocationTarget::Rules(rules) = &l.target {
                for rule in rules {
                    rule_ids(rule, &mut ids);
                }
            }
            (&l.id, ids)
        }
        CibConstraint::Colocation(c) => {
            let ids = std::iter::once(c.id.as_str()).chain(c.sets.iter().map(|s| s.id.as_str()));
            (&c.id, ids.collect())
        }
        CibConstraint::Order(o) => {
            let ids = std::iter::once(o.id.as_str()).chain(o.sets.iter().map(|s| s.id.as_str()));
            (&o.id, ids.collect())
        }
    }
}

/// Ids the generated configuration of `cluster` would define more than once, with the owner of
/// every definition, in the document order of their first repeat.
pub fn id_clashes(cluster: &Cluster) -> Vec<IdClash> {
    // Nearly every spec has no clash: a quick look at the ids spares building the tree.
    if !super::id_fingerprints::may_repeat(cluster) {
        return Vec::new();
    }
    let config = super::build(cluster);
    let mut owners: HashMap<&str, Vec<IdOwner>> = HashMap::new();
    let mut repeated = Vec::new();
    for (id, owner) in config.owned_ids() {
        let list = owners.entry(id).or_default();
        list.push(owner);
        if list.len() == 2 {
            repeated.push(id);
        }
    }
    repeated
        .into_iter()
        .map(|id| IdClash {
            id: id.to_string(),
            owners: owners.remove(id).unwrap_or_default(),
        })
        .collect()
}

/// Ids that the generated configuration of `cluster` would define more than once, each listed
/// once in document order, without their owners. Validation reports each clash with its owners
/// from [`id_clashes`], so both renderers stay in agreement.
pub fn duplicate_ids(cluster: &Cluster) -> Vec<String> {
    id_clashes(cluster).into_iter().map(|c| c.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashes_name_every_owner() {
        let source = r#"cluster "c" {
            node "n1" address="10.0.0.11" { attribute site="a"; }
            primitive "n1-instance_attributes" agent="ocf:pacemaker:Dummy"
        }"#;
        let doc = crate::parse::parse(source).unwrap();
        let mut diags = crate::diagnostic::Diagnostics::default();
        let cluster = crate::decode::decode(&doc, &mut diags, None).unwrap();
        let clashes = id_clashes(&cluster);
        assert_eq!(
            clashes,
            [IdClash {
                id: "n1-instance_attributes".into(),
                owners: vec![
                    IdOwner::Node("n1".into()),
                    IdOwner::Resource("n1-instance_attributes".into())
                ],
            }]
        );
        assert_eq!(duplicate_ids(&cluster), ["n1-instance_attributes"]);
    }
}
