//! Descriptions (of resources, operations, nodes): free text cib.crm writes in crmsh's
//! quoting, so text crmsh would not load unchanged is refused.

use super::text::crm_text;
use crate::diagnostic::Diagnostics;
use crate::model::{Cluster, Resource};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let resources = cluster.resources.iter();
    let ops = resources.clone().flat_map(|r| match r {
        Resource::Primitive(p) | Resource::Template(p) => p.ops.as_slice(),
        _ => &[],
    });
    let nodes = cluster.nodes.iter().map(|n| n.description.as_ref());
    let remote_nodes = cluster.remote_nodes.iter().map(|n| n.description.as_ref());
    let all = resources
        .map(Resource::description)
        .chain(ops.map(|o| o.extra.description.as_ref()))
        .chain(nodes)
        .chain(remote_nodes);
    for description in all.flatten() {
        crm_text(diags, "description", description);
    }
}
