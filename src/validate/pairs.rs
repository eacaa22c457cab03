//! Every block of name/value pairs in a spec, with the keyword that introduces it.

use crate::model::{Cluster, NvPair, NvSet, Resource};

/// A block of pairs: `params`, `meta`, `env`, ...
pub(super) struct Block<'a> {
    pub keyword: &'static str,
    pub pairs: &'a [NvPair],
    /// Whether the pairs are node attributes, whose names Pacemaker takes freely.
    pub node_attributes: bool,
}

impl Block<'_> {
    /// Whether the pairs reach the CIB (every block but `env`, which goes to the container).
    pub(super) fn reaches_cib(&self) -> bool {
        self.keyword != "env"
    }
}

/// The blocks in spec order: defaults, then nodes, then resources.
pub(super) fn blocks(cluster: &Cluster) -> Vec<Block<'_>> {
    let mut lists: Vec<(&'static str, &[NvPair])> = vec![
        ("rsc-defaults", &cluster.rsc_defaults),
        ("op-defaults", &cluster.op_defaults),
    ];
    for node in &cluster.nodes {
        lists.extend([
            ("env", node.env.as_slice()),
            ("attribute", &node.attributes),
            ("utilization", &node.utilization),
        ]);
    }
    for node in &cluster.remote_nodes {
        lists.extend([
            ("attribute", node.attributes.as_slice()),
            ("utilization", &node.utilization),
        ]);
    }
    for resource in &cluster.resources {
        match resource {
            Resource::Primitive(p) | Resource::Template(p) => lists.extend([
                ("params", p.params.as_slice()),
                ("meta", &p.meta),
                ("utilization", &p.utilization),
            ]),
            Resource::Group(g) => {
                lists.extend([("params", g.params.as_slice()), ("meta", &g.meta)]);
            }
            Resource::Clone(c) => {
                lists.extend([("params", c.params.as_slice()), ("meta", &c.meta)]);
            }
            Resource::Bundle(b) => {
                lists.extend([("params", b.params.as_slice()), ("meta", &b.meta)]);
                lists.push(("container", &b.container.options));
                lists.extend(b.network.iter().map(|n| ("network", n.options.as_slice())));
            }
        }
    }
    for resource in &cluster.resources {
        if let Resource::Primitive(p) | Resource::Template(p) = resource {
            for op in &p.ops {
                lists.extend([
                    ("params", op.extra.params.as_slice()),
                    ("meta", &op.extra.meta),
                ]);
            }
        }
    }
    for alert in &cluster.alerts {
        lists.extend([("params", alert.params.as_slice()), ("meta", &alert.meta)]);
        for recipient in &alert.recipients {
            lists.extend([
                ("params", recipient.params.as_slice()),
                ("meta", &recipient.meta),
            ]);
        }
    }
    let mut blocks: Vec<Block<'_>> = lists
        .into_iter()
        .map(|(keyword, pairs)| Block {
            keyword,
            pairs,
            node_attributes: keyword == "attribute",
        })
        .collect();
    // Further sets: their `values` lines reach the CIB like any other pairs.
    let node_sets: Vec<*const NvSet> = cluster
        .nodes
        .iter()
        .flat_map(|n| &n.attribute_sets)
        .chain(cluster.remote_nodes.iter().flat_map(|n| &n.attribute_sets))
        .map(std::ptr::from_ref)
        .collect();
    blocks.extend(cluster.further_sets().into_iter().map(|s| Block {
        keyword: "values",
        pairs: &s.pairs,
        node_attributes: node_sets.contains(&std::ptr::from_ref(s)),
    }));
    blocks
}
