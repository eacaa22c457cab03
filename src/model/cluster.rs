use super::{
    Acls, Alert, Constraint, Corosync, Fencing, FencingLevel, Front, Image, Network, Node, NvPair,
    NvSet, RemoteNode, Resource, RscTicket, Tag, Target,
};
use crate::spanned::Spanned;
use serde::Serialize;
use std::collections::HashSet;

/// A whole cluster spec, as decoded.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub name: Spanned<String>,
    /// Where it runs; spanned at `target=`, or at the cluster's name when not given.
    pub target: Spanned<Target>,
    pub network: Network,
    pub image: Image,
    pub nodes: Vec<Node>,
    /// `remote-node` entries: Pacemaker Remote nodes' attributes, after the cluster nodes.
    pub remote_nodes: Vec<RemoteNode>,
    pub corosync: Corosync,
    pub properties: Vec<Property>,
    pub rsc_defaults: Vec<NvPair>,
    pub op_defaults: Vec<NvPair>,
    /// `property-set`s, `rsc-defaults-set`s and `op-defaults-set`s, each after the plain set.
    pub property_sets: Vec<NvSet>,
    pub rsc_defaults_sets: Vec<NvSet>,
    pub op_defaults_sets: Vec<NvSet>,
    /// Primitives, templates, groups, clones and bundles in declaration order.
    pub resources: Vec<Resource>,
    pub constraints: Vec<Constraint>,
    /// `rsc-ticket` constraints, in declaration order.
    pub tickets: Vec<RscTicket>,
    /// `tag`s: names for lists of resources, which constraints may name.
    pub tags: Vec<Tag>,
    pub alerts: Vec<Alert>,
    /// Access control: roles and the users and groups that have them.
    pub acls: Acls,
    pub fencing_levels: Vec<FencingLevel>,
    pub front: Option<Front>,
    /// The lab's fencing gateway, when the spec turns it on.
    pub fencing: Option<Fencing>,
}

impl Cluster {
    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.id().value == id)
    }

    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.name.value == name)
    }

    /// The ids of the resources a group, clone or bundle holds: Pacemaker stores them inside
    /// it, not at the top of the configuration.
    pub fn nested_ids(&self) -> HashSet<&str> {
        let mut nested = HashSet::new();
        for resource in &self.resources {
            match resource {
                Resource::Group(g) => nested.extend(g.members.iter().map(|m| m.value.as_str())),
                Resource::Clone(c) => {
                    nested.insert(c.of.value.as_str());
                }
                Resource::Bundle(b) => nested.extend(b.primitive.iter().map(|p| p.value.as_str())),
                Resource::Primitive(_) | Resource::Template(_) => {}
            }
        }
        nested
    }

    /// The ids of the resources at the top of the configuration (in no group, clone or
    /// bundle; templates are none), in spec order: what Pacemaker matches a location's
    /// `rsc-pattern` against.
    pub fn top_level_ids(&self) -> Vec<&str> {
        let nested = self.nested_ids();
        self.resources
            .iter()
            .filter(|r| !matches!(r, Resource::Template(_)))
            .map(|r| r.id().value.as_str())
            .filter(|id| !nested.contains(id))
            .collect()
    }

    /// Every name Pacemaker knows as a node: cluster nodes, `remote-node` entries, remote
    /// connection resources (`ocf:pacemaker:remote`, named as their node), guest nodes
    /// (`remote-node` meta) and bundle replicas.
    pub fn pacemaker_node_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.nodes.iter().map(|n| n.name.value.clone()).collect();
        names.extend(self.remote_nodes.iter().map(|n| n.name.value.clone()));
        for resource in &self.resources {
            match resource {
                Resource::Primitive(p) => {
                    if p.agent.value.is_remote_connection() {
                        names.push(p.id.value.clone());
                    }
                    if let Some(guest) = super::find_pair(&p.meta, "remote-node") {
                        names.push(guest.value.value.clone());
                    }
                }
                Resource::Bundle(b) => names.extend(b.guest_names()),
                Resource::Group(_) | Resource::Clone(_) | Resource::Template(_) => {}
            }
        }
        names
    }

    /// Every further attribute set (`property-set`, `meta-set`, ...), in spec order: the
    /// cluster's own, then the nodes', then the resources'.
    pub fn further_sets(&self) -> Vec<&NvSet> {
        let mut sets: Vec<&NvSet> = self.property_sets.iter().collect();
        sets.extend(&self.rsc_defaults_sets);
        sets.extend(&self.op_defaults_sets);
        for node in &self.nodes {
            sets.extend(&node.attribute_sets);
            sets.extend(&node.utilization_sets);
        }
        for node in &self.remote_nodes {
            sets.extend(&node.attribute_sets);
            sets.extend(&node.utilization_sets);
        }
        for resource in &self.resources {
            match resource {
                Resource::Primitive(p) | Resource::Template(p) => {
                    sets.extend(&p.param_sets);
                    sets.extend(&p.meta_sets);
                    sets.extend(&p.utilization_sets);
                    for op in &p.ops {
                        sets.extend(op.extra.param_sets.iter().chain(&op.extra.meta_sets));
                    }
                }
                Resource::Group(g) => {
                    sets.extend(&g.param_sets);
                    sets.extend(&g.meta_sets);
                }
                Resource::Clone(c) => {
                    sets.extend(&c.param_sets);
                    sets.extend(&c.meta_sets);
                }
                Resource::Bundle(b) => {
                    sets.extend(&b.param_sets);
                    sets.extend(&b.meta_sets);
                }
            }
        }
        for alert in &self.alerts {
            sets.extend(alert.param_sets.iter().chain(&alert.meta_sets));
            for r in &alert.recipients {
                sets.extend(r.param_sets.iter().chain(&r.meta_sets));
            }
        }
        sets
    }
}

/// A `crm_config` cluster property.
#[derive(Debug, Clone, Serialize)]
pub struct Property {
    pub name: Spanned<String>,
    pub value: Spanned<String>,
    /// Why an unsafe value is deliberate (`unsafe-acknowledged "..."`).
    pub acknowledged: Option<Spanned<String>>,
    /// The Pacemaker 3 name or value the spec wrote (`fencing-enabled`, `fence`), which
    /// `name` and `value` hold under Pacemaker 2.1's spelling, the one the CIB is built with.
    #[serde(skip)]
    pub written_as: super::Pacemaker3Spelling,
}

/// A spec that passed validation with no errors: the only input renderers accept.
#[derive(Debug, Clone)]
pub struct Checked {
    cluster: Cluster,
}

impl Checked {
    /// Only `validate` may vouch for a cluster.
    pub(crate) fn new(cluster: Cluster) -> Self {
        Checked { cluster }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }
}
