//! `docker-compose.yml`: one service per node, the front, and the cluster network.

use super::entrypoint::needs_authkey;
use super::fence_gateway::{
    DOCKER_SOCKET, GATEWAY_CONFIG_MOUNT, GATEWAY_DIR, GATEWAY_SECRETS_MOUNT,
};
use super::haproxy::FRONT_PORT;
use super::{Artifact, RenderError, templates};
use crate::model::fencing::{CA_CERT, GATEWAY_HOST};
use crate::model::{Checked, Cluster, Fencing, Node, Primitive, Resource};
use serde::Serialize;

/// Resource agents that add or remove addresses on the node, which needs `NET_ADMIN`.
const ADDRESS_AGENTS: &[&str] = &["IPaddr", "IPaddr2", "IPsrcaddr"];

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    network: Network,
    nodes: Vec<NodeService<'a>>,
    authkey: bool,
    net_admin: bool,
    front: Option<FrontService<'a>>,
    gateway: Option<GatewayService>,
}

#[derive(Serialize)]
struct Network {
    name: String,
    subnet: String,
}

#[derive(Serialize)]
struct NodeService<'a> {
    name: &'a str,
    address: String,
    ports: Vec<String>,
    env: Vec<Pair<'a>>,
    /// The names of `env`, space-separated, for hacc-entrypoint.
    env_names: String,
}

#[derive(Serialize)]
struct Pair<'a> {
    name: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct FrontService<'a> {
    name: &'a str,
    address: String,
    port: String,
}

pub(super) fn render(checked: &Checked) -> Result<Artifact, RenderError> {
    let cluster = checked.cluster();
    let context = Context {
        header: super::HEADER,
        network: Network {
            name: cluster.network.name.value.clone(),
            subnet: cluster.network.cidr(),
        },
        nodes: cluster.nodes.iter().map(node_service).collect(),
        authkey: needs_authkey(checked),
        net_admin: manages_addresses(cluster),
        front: cluster.front.as_ref().map(|front| FrontService {
            name: &front.name,
            address: front.address.to_string(),
            port: format!("{}:{FRONT_PORT}", front.port.value),
        }),
        gateway: cluster.fencing.as_ref().map(gateway_service),
    };
    templates::file("docker-compose.yml", "docker-compose.yml.j2", context)
}

/// The fencing gateway's service: its address, and what it mounts.
#[derive(Serialize)]
struct GatewayService {
    name: &'static str,
    build: String,
    address: String,
    /// The nodes' `/etc/hosts` line for it.
    host_entry: String,
    config_volume: String,
    secrets_volume: String,
    socket_volume: String,
}

fn gateway_service(fencing: &Fencing) -> GatewayService {
    let secrets = CA_CERT.rsplit_once('/').map_or("secrets", |(dir, _)| dir);
    GatewayService {
        name: GATEWAY_HOST,
        build: format!("./{GATEWAY_DIR}"),
        address: fencing.address.to_string(),
        host_entry: format!("{GATEWAY_HOST}:{}", fencing.address.value),
        config_volume: format!("./{GATEWAY_DIR}:{GATEWAY_CONFIG_MOUNT}:ro"),
        secrets_volume: format!("./{secrets}:{GATEWAY_SECRETS_MOUNT}:ro"),
        socket_volume: format!("{DOCKER_SOCKET}:{DOCKER_SOCKET}"),
    }
}

fn node_service(node: &Node) -> NodeService<'_> {
    NodeService {
        name: &node.name,
        address: node.addresses[0].to_string(),
        ports: node
            .publish
            .iter()
            .map(|p| format!("{}:{}", p.host.value, p.container.value))
            .collect(),
        env: node
            .env
            .iter()
            .map(|pair| Pair {
                name: &pair.name,
                value: &pair.value,
            })
            .collect(),
        env_names: node
            .env
            .iter()
            .map(|pair| pair.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Whether a resource adds or removes addresses on the node.
pub(super) fn manages_addresses(cluster: &Cluster) -> bool {
    cluster.resources.iter().any(|r| match r {
        Resource::Primitive(Primitive { agent, .. }) => {
            agent.class == "ocf"
                && agent.provider.as_deref() == Some("heartbeat")
                && ADDRESS_AGENTS.contains(&agent.kind.as_str())
        }
        _ => false,
    })
}

/// Longest image name stem hacc derives; Docker allows 255 bytes for the whole name.
const MAX_TAG: usize = 64;

/// A Docker name derived from the cluster name (the compose project's, which names the images):
/// lowercase letters and digits joined by single `-`, which Docker accepts whatever the
/// cluster is called.
pub fn image_tag(cluster_name: &str) -> String {
    let lowered: String = cluster_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut tag = lowered.split_whitespace().collect::<Vec<_>>().join("-");
    tag.truncate(MAX_TAG);
    let tag = tag.trim_end_matches('-');
    if tag.is_empty() {
        "hacc".into()
    } else {
        tag.into()
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_TAG, image_tag};

    #[test]
    fn image_tags_are_docker_names() {
        assert_eq!(image_tag("docker-cluster"), "docker-cluster");
        assert_eq!(image_tag("My Cluster_2!"), "my-cluster-2");
        assert_eq!(image_tag("$()"), "hacc");
        let long = image_tag(&"ab ".repeat(100));
        assert!(long.len() <= MAX_TAG && !long.ends_with('-'), "{long}");
    }
}
