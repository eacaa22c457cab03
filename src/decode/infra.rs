//! Network, image, nodes and the front.

use super::reader::NodeView;
use super::scalars::{parse_ipv4, parse_subnet};
use crate::model::{CopyFile, Front, Image, Network, Node, Publish, Ssh, Target, Wrapper};
use crate::spanned::Spanned;
use std::net::Ipv4Addr;

pub(super) const DEFAULT_BASE_IMAGE: &str = "debian:bookworm";
const DEFAULT_SUBNET: (Ipv4Addr, u8) = (Ipv4Addr::new(10, 0, 0, 0), 24);

/// `target=` on the cluster; the schema refuses values other than these two.
pub(super) fn target(cluster: &NodeView<'_>) -> Spanned<Target> {
    match cluster.str("target") {
        Some(text) if text.value == "hosts" => Spanned::new(Target::Hosts, text.span),
        Some(text) => Spanned::new(Target::DockerLab, text.span),
        None => Spanned::new(Target::DockerLab, cluster.name_span()),
    }
}

pub(super) fn network(cluster: &NodeView<'_>) -> Network {
    let view = cluster.children("network", "cluster.network").next();
    let name = view.map_or_else(
        || Spanned::new("ha_net".into(), cluster.name_span()),
        |v| v.arg_or_empty(0),
    );
    let subnet = view.and_then(|v| v.str("subnet"));
    let (address, prefix) = subnet
        .as_ref()
        .and_then(|s| parse_subnet(s).ok())
        .unwrap_or(DEFAULT_SUBNET);
    let span = subnet.map_or(cluster.name_span(), |s| s.span);
    Network {
        name,
        subnet: Spanned::new(address, span),
        prefix,
    }
}

pub(super) fn image(cluster: &NodeView<'_>) -> Image {
    let Some(view) = cluster.children("image", "cluster.image").next() else {
        return Image {
            base: Spanned::new(DEFAULT_BASE_IMAGE.into(), cluster.name_span()),
            packages: Vec::new(),
            copies: Vec::new(),
            wrappers: Vec::new(),
        };
    };
    Image {
        base: view
            .str("base")
            .unwrap_or_else(|| Spanned::new(DEFAULT_BASE_IMAGE.into(), view.name_span())),
        packages: view
            .children("packages", "cluster.image.packages")
            .flat_map(|p| p.rest_args(0))
            .collect(),
        copies: view
            .children("copy", "cluster.image.copy")
            .map(|c| CopyFile {
                source: c.arg_or_empty(0),
                dest: c.str_or_empty("to"),
                executable: c.bool("executable").is_some_and(|b| b.value),
            })
            .collect(),
        wrappers: view
            .children("wrapper", "cluster.image.wrapper")
            .map(|w| Wrapper {
                path: w.arg_or_empty(0),
                command: w.rest_args(1),
            })
            .collect(),
    }
}

pub(super) fn nodes(cluster: &NodeView<'_>) -> Vec<Node> {
    cluster
        .children("node", "cluster.node")
        .enumerate()
        .map(|(index, view)| node(&view, index))
        .collect()
}

fn address(text: Option<Spanned<String>>) -> Option<Spanned<Ipv4Addr>> {
    let text = text?;
    Some(Spanned::new(parse_ipv4(&text)?, text.span))
}

fn node(view: &NodeView<'_>, index: usize) -> Node {
    let first = address(view.str("address"))
        .unwrap_or_else(|| Spanned::new(Ipv4Addr::UNSPECIFIED, view.name_span()));
    let links = view
        .children("link-address", "cluster.node.link-address")
        .filter_map(|l| address(l.arg_str(0)));
    let id = view
        .int("id")
        .and_then(|i| Some(Spanned::new(u32::try_from(i.value).ok()?, i.span)))
        .unwrap_or_else(|| Spanned::new(index as u32 + 1, view.name_span()));
    Node {
        name: view.arg_or_empty(0),
        id,
        cib_id: view.str("cib-id"),
        description: view.str("description"),
        score: super::nvsets::given_score(view),
        addresses: std::iter::once(first).chain(links).collect(),
        standby: view.bool("standby").is_some_and(|b| b.value),
        publish: view
            .children("publish", "cluster.node.publish")
            .filter_map(|p| {
                let port =
                    |i: Spanned<i128>| Some(Spanned::new(u16::try_from(i.value).ok()?, i.span));
                Some(Publish {
                    host: port(p.arg_int(0)?)?,
                    container: port(p.int("to")?)?,
                })
            })
            .collect(),
        env: view.child_pairs("env", "cluster.node.env"),
        attributes: view.child_pairs("attribute", "cluster.node.attribute"),
        utilization: view.child_pairs("utilization", "cluster.node.utilization"),
        attribute_sets: super::nvsets::sets(
            view,
            "attribute-set",
            &super::nvsets::NODE_ATTRIBUTE_SET,
        ),
        utilization_sets: super::nvsets::sets(
            view,
            "utilization-set",
            &super::nvsets::NODE_UTILIZATION_SET,
        ),
        ssh: view
            .children("ssh", "cluster.node.ssh")
            .next()
            .map(|s| ssh(&s)),
    }
}

fn ssh(view: &NodeView<'_>) -> Ssh {
    Ssh {
        destination: view.arg_or_empty(0),
        port: view
            .int("port")
            .and_then(|i| Some(Spanned::new(u16::try_from(i.value).ok()?, i.span))),
        identity: view.str("identity"),
    }
}

pub(super) fn front(cluster: &NodeView<'_>) -> Option<Front> {
    let view = cluster.children("front", "cluster.front").next()?;
    let port = |key: &str| {
        view.int(key)
            .and_then(|i| Some(Spanned::new(u16::try_from(i.value).ok()?, i.span)))
            .unwrap_or_else(|| Spanned::new(0, view.name_span()))
    };
    Some(Front {
        name: view.arg_or_empty(0),
        address: address(view.str("address"))
            .unwrap_or_else(|| Spanned::new(Ipv4Addr::UNSPECIFIED, view.name_span())),
        port: port("port"),
        service: view.str_or_empty("service"),
        backend_port: port("backend-port"),
        balance: view
            .str("balance")
            .unwrap_or_else(|| Spanned::new("first".into(), view.name_span())),
        health_path: view
            .str("health")
            .unwrap_or_else(|| Spanned::new("/".into(), view.name_span())),
    })
}
