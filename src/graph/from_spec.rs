//! From a checked spec to the abstract [`Graph`]: nodes, resources (groups and clones framed
//! around their members), then constraints, fencing levels and the front as edges.

use super::build::Builder;
use super::constraints::add_constraints;
use super::model::Graph;
use crate::model::Cluster;

/// The graph of `cluster`. References were checked by validation; one that does not resolve
/// anyway is left out rather than drawn wrong.
pub fn build_graph(cluster: &Cluster) -> Graph {
    let mut builder = Builder::new(&cluster.name.value);
    for node in &cluster.nodes {
        builder.add_node(node);
    }
    for resource in &cluster.resources {
        builder.add_resource(resource);
    }
    for resource in &cluster.resources {
        builder.frame_members(resource);
    }
    add_constraints(&mut builder, &cluster.constraints, &cluster.top_level_ids());
    super::tickets::add_tickets(&mut builder, &cluster.tickets);
    for level in &cluster.fencing_levels {
        builder.add_fencing_level(level);
    }
    if let Some(front) = &cluster.front {
        builder.add_front(front);
    }
    builder.graph
}
