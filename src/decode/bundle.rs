//! Bundles and the nodes section's Pacemaker Remote entries.

use super::reader::NodeView;
use crate::model::{
    Bundle, BundleNetwork, CONTAINER_OPTIONS, Container, NETWORK_OPTIONS, PortMapping, RemoteNode,
    StorageMapping,
};
use crate::spanned::Spanned;

/// The schema paths of the engine lines, one per [`crate::model::BUNDLE_ENGINES`] name.
const ENGINE_PATHS: [&str; 3] = [
    "cluster.bundle.docker",
    "cluster.bundle.podman",
    "cluster.bundle.rkt",
];

pub(super) fn bundle(view: &NodeView<'_>) -> Bundle {
    // One engine line and one network line; further ones are reported by validation.
    let engines: Vec<NodeView<'_>> = view
        .node
        .children()
        .iter()
        .filter_map(|n| {
            let path = ENGINE_PATHS
                .iter()
                .find(|p| p.rsplit('.').next() == Some(n.name()))?;
            Some(view.child(n, path))
        })
        .collect();
    let networks: Vec<NodeView<'_>> = view.children("network", "cluster.bundle.network").collect();
    let repeated = engines
        .iter()
        .skip(1)
        .chain(networks.iter().skip(1))
        .map(NodeView::name_span)
        .collect();
    let container = match engines.first() {
        Some(e) => Container {
            engine: Spanned::new(e.node.name().to_string(), e.name_span()),
            options: options(e, CONTAINER_OPTIONS),
        },
        None => Container {
            engine: Spanned::new(String::new(), view.name_span()),
            options: Vec::new(),
        },
    };
    Bundle {
        id: view.arg_or_empty(0),
        description: view.str("description"),
        primitive: view.str("primitive"),
        container,
        network: networks.first().map(|n| BundleNetwork {
            options: options(n, NETWORK_OPTIONS),
            ports: n
                .children("port-mapping", "cluster.bundle.network.port-mapping")
                .map(|p| PortMapping {
                    id: p.arg_or_empty(0),
                    port: p.text("port"),
                    internal_port: p.text("internal-port"),
                    range: p.str("range"),
                })
                .collect(),
        }),
        storage: view
            .children("storage-mapping", "cluster.bundle.storage-mapping")
            .map(|s| StorageMapping {
                id: s.arg_or_empty(0),
                source_dir: s.str("source-dir"),
                source_dir_root: s.str("source-dir-root"),
                target_dir: s.str_or_empty("target-dir"),
                options: s.str("options"),
            })
            .collect(),
        params: view.child_pairs("params", "cluster.bundle.params"),
        param_sets: super::nvsets::sets(view, "params-set", &super::nvsets::BUNDLE_PARAMS_SET),
        meta: view.child_pairs("meta", "cluster.bundle.meta"),
        meta_sets: super::nvsets::sets(view, "meta-set", &super::nvsets::BUNDLE_META_SET),
        repeated,
    }
}

/// The given properties among `names`, in that order, as text.
fn options(view: &NodeView<'_>, names: &[&str]) -> Vec<crate::model::NvPair> {
    names.iter().filter_map(|name| view.pair(name)).collect()
}

pub(super) fn remote_nodes(cluster: &NodeView<'_>) -> Vec<RemoteNode> {
    cluster
        .children("remote-node", "cluster.remote-node")
        .map(|n| RemoteNode {
            name: n.arg_or_empty(0),
            cib_id: n.str("cib-id"),
            description: n.str("description"),
            attributes: n.child_pairs("attribute", "cluster.remote-node.attribute"),
            utilization: n.child_pairs("utilization", "cluster.remote-node.utilization"),
            attribute_sets: super::nvsets::sets(
                &n,
                "attribute-set",
                &super::nvsets::REMOTE_NODE_ATTRIBUTE_SET,
            ),
            utilization_sets: super::nvsets::sets(
                &n,
                "utilization-set",
                &super::nvsets::REMOTE_NODE_UTILIZATION_SET,
            ),
        })
        .collect()
}
