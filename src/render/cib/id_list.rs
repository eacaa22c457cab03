//! Every id a generated configuration defines, to find clashes before rendering.
//!
//! crmsh resolves a clash by appending `-0`, `-1`, ... in its own processing order, which
//! cib.xml cannot predict; a spec whose derived ids clash (a resource named like a node's
//! attribute set, a constraint named `fencing`, ...) has to be rejected instead.

use super::config::*;
use crate::model::Cluster;
use std::collections::HashSet;

impl CibConfig {
    /// Every id the configuration defines, in document order (node ids are numbers in their own
    /// namespace and are not included).
    pub fn ids(&self) -> Vec<&str> {
        let mut out = vec![self.properties.id.as_str()];
        set_ids(&self.properties, &mut out);
        for node in &self.nodes {
            opt_set_ids(&node.attributes, &mut out);
            opt_set_ids(&node.utilization, &mut out);
        }
        for resource in &self.resources {
            resource_ids(resource, &mut out);
        }
        for constraint in &self.constraints {
            constraint_ids(constraint, &mut out);
        }
        out.extend(self.fencing_levels.iter().map(|l| l.id.as_str()));
        opt_set_ids(&self.rsc_defaults, &mut out);
        opt_set_ids(&self.op_defaults, &mut out);
        out
    }
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

fn primitive_ids<'a>(p: &'a CibPrimitive, out: &mut Vec<&'a str>) {
    out.push(&p.id);
    opt_set_ids(&p.params, out);
    opt_set_ids(&p.meta, out);
    opt_set_ids(&p.utilization, out);
    out.extend(p.ops.iter().map(|o| o.id.as_str()));
}

fn resource_ids<'a>(resource: &'a CibResource, out: &mut Vec<&'a str>) {
    match resource {
        CibResource::Primitive(p) => primitive_ids(p, out),
        CibResource::Group(g) => {
            out.push(&g.id);
            opt_set_ids(&g.meta, out);
            for member in &g.members {
                primitive_ids(member, out);
            }
        }
        CibResource::Clone(c) => {
            out.push(&c.id);
            opt_set_ids(&c.meta, out);
            resource_ids(&c.child, out);
        }
    }
}

fn constraint_ids<'a>(constraint: &'a CibConstraint, out: &mut Vec<&'a str>) {
    match constraint {
        CibConstraint::Location(l) => {
            out.push(&l.id);
            if let CibLocationTarget::Rules(rules) = &l.target {
                for rule in rules {
                    out.push(&rule.id);
                    out.extend(rule.expressions.iter().map(|e| e.id.as_str()));
                }
            }
        }
        CibConstraint::Colocation(c) => {
            out.push(&c.id);
            out.extend(c.sets.iter().map(|s| s.id.as_str()));
        }
        CibConstraint::Order(o) => {
            out.push(&o.id);
            out.extend(o.sets.iter().map(|s| s.id.as_str()));
        }
    }
}

/// Ids that the generated configuration of `cluster` would define more than once, each listed
/// once in document order. Validation reports them so both renderers stay in agreement.
pub fn duplicate_ids(cluster: &Cluster) -> Vec<String> {
    let config = super::build(cluster);
    let mut seen = HashSet::new();
    let mut reported = HashSet::new();
    let mut out = Vec::new();
    for id in config.ids() {
        if !seen.insert(id) && reported.insert(id) {
            out.push(id.to_string());
        }
    }
    out
}
