//! What a CIB does not hold but a spec needs: the cluster's name, network, image and node
//! addresses. From a corosync.conf when one is given; otherwise lab defaults that pass
//! `hacc check`, in a block marked for the user to complete.

use super::corosync::CorosyncInfo;
use super::extras::Extras;
use super::finding::Finding;
use super::kdl_text::string;
use crate::cib::CibConfig;
use crate::diagnostic::{self as diag, Diagnostic};
use std::net::Ipv4Addr;

/// The name of a cluster whose CIB and corosync.conf do not name it.
const DEFAULT_NAME: &str = "imported";
/// Lab defaults: a private network no example uses, and the first free host address on it.
const DEFAULT_SUBNET: (Ipv4Addr, u8) = (Ipv4Addr::new(10, 250, 0, 0), 16);
const FIRST_HOST: u32 = 11;

/// The spec's cluster name: corosync's `cluster_name`, else the CIB's `cluster-name`, when it
/// is one the spec accepts.
pub(super) fn cluster_name(cib: Option<&str>, corosync: Option<&CorosyncInfo>) -> String {
    corosync
        .and_then(|c| c.cluster_name.as_deref())
        .or(cib)
        .filter(|n| valid_cluster_name(n))
        .unwrap_or(DEFAULT_NAME)
        .to_string()
}

/// corosync's `cluster_name` and a compose project name: a letter, then letters, digits,
/// `-`, `_` or `.`, at most 32 characters (what `hacc check` asks of a cluster name).
fn valid_cluster_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A node's `address=...` and its `link-address` lines.
pub(super) struct NodeLines {
    pub address: String,
    pub children: Vec<String>,
}

pub(super) struct Infrastructure {
    pub header: String,
    /// One per CIB node, in order.
    pub nodes: Vec<NodeLines>,
    /// corosync members the CIB does not list yet (Pacemaker adds them when they join).
    pub extra_nodes: Vec<String>,
    pub footer: String,
}

pub(super) fn infrastructure(
    config: &CibConfig,
    corosync: Option<&CorosyncInfo>,
) -> Infrastructure {
    match corosync {
        Some(corosync) => from_corosync(config, corosync),
        None => lab_defaults(config),
    }
}

fn lab_defaults(config: &CibConfig) -> Infrastructure {
    let (network, prefix) = DEFAULT_SUBNET;
    let header = format!(
        "// To complete: a CIB holds no infrastructure. The network, the image and each \
         node's\n// address are lab defaults that pass `hacc check`; replace them with the \
         real ones.\nnetwork \"imported\" subnet=\"{network}/{prefix}\"\nimage \
         base=\"debian:bookworm\"\n"
    );
    let nodes = (0..config.nodes.len() as u32)
        .map(|i| NodeLines {
            address: format!(
                "address=\"{}\"",
                Ipv4Addr::from(u32::from(network) + FIRST_HOST + i)
            ),
            children: Vec::new(),
        })
        .collect();
    Infrastructure {
        header,
        nodes,
        extra_nodes: Vec::new(),
        footer: "// End of the part to complete.\n".into(),
    }
}

fn node_lines(addresses: &[Ipv4Addr]) -> NodeLines {
    NodeLines {
        address: format!("address=\"{}\"", addresses[0]),
        children: addresses[1..]
            .iter()
            .map(|a| format!("link-address \"{a}\""))
            .collect(),
    }
}

fn from_corosync(config: &CibConfig, corosync: &CorosyncInfo) -> Infrastructure {
    let firsts: Vec<Ipv4Addr> = corosync.nodes.iter().map(|n| n.addresses[0]).collect();
    let (network, prefix) = subnet(&firsts).unwrap_or(DEFAULT_SUBNET);
    let header = format!(
        "// To complete: the network and the image are lab defaults that pass `hacc check`; \
         the\n// nodes and corosync come from corosync.conf.\nnetwork \"imported\" \
         subnet=\"{network}/{prefix}\"\nimage base=\"debian:bookworm\"\n"
    );
    let nodes = config
        .nodes
        .iter()
        .map(|n| {
            corosync
                .nodes
                .iter()
                .find(|c| c.name == n.uname)
                .map_or_else(
                    || node_lines(&[Ipv4Addr::UNSPECIFIED]),
                    |c| node_lines(&c.addresses),
                )
        })
        .collect();
    let extra_nodes = corosync
        .nodes
        .iter()
        .filter(|c| !config.nodes.iter().any(|n| n.uname == c.name))
        .map(|c| {
            let lines = node_lines(&c.addresses);
            let head = format!("node {} {} id={}", string(&c.name), lines.address, c.id);
            if lines.children.is_empty() {
                head
            } else {
                format!("{head} {{\n{}\n}}", lines.children.join("\n"))
            }
        })
        .collect();
    let mut footer = "// End of the part to complete.\n".to_string();
    footer.push_str(&corosync.block);
    Infrastructure {
        header,
        nodes,
        extra_nodes,
        footer,
    }
}

/// The narrowest subnet from /24 to /8 that holds every address as a usable host: not the
/// network or broadcast address, nor the first host, which Docker takes as the gateway.
pub(super) fn subnet(addresses: &[Ipv4Addr]) -> Option<(Ipv4Addr, u8)> {
    let first = u32::from(*addresses.first()?);
    (8..=24u8).rev().find_map(|prefix| {
        let mask = u32::MAX << (32 - u32::from(prefix));
        let network = first & mask;
        let usable = addresses.iter().all(|a| {
            let a = u32::from(*a);
            a & mask == network && a != network && a != network + 1 && a != network | !mask
        });
        usable.then(|| (Ipv4Addr::from(network), prefix))
    })
}

/// A node kept under its `cib-id` takes corosync.conf's nodeid for its name, which the
/// reader could not know.
pub(super) fn number_from_corosync(config: &mut CibConfig, corosync: &CorosyncInfo) {
    for node in config.nodes.iter_mut().filter(|n| n.cib_id.is_some()) {
        if let Some(member) = corosync.nodes.iter().find(|c| c.name == node.uname) {
            node.id = member.id;
        }
    }
}

/// A CIB node that corosync.conf does not list, or lists under another id, cannot be written
/// as one spec node.
pub(super) fn cross_check(
    config: &CibConfig,
    extras: &Extras,
    corosync: &CorosyncInfo,
    xml: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for node in &config.nodes {
        let Some(origin) = extras.origins.get(&format!("node:{}", node.uname)) else {
            continue;
        };
        let problem = match corosync.nodes.iter().find(|c| c.name == node.uname) {
            None => format!("node `{}` is not in corosync.conf's nodelist", node.uname),
            Some(c) if c.id != node.id => format!(
                "node `{}` has id {} in the CIB but nodeid {} in corosync.conf",
                node.uname, node.id, c.id
            ),
            Some(_) => continue,
        };
        let diagnostic = Diagnostic::new(&diag::AMBIGUOUS_CIB, origin.span, problem)
            .help("give the CIB and corosync.conf of the same cluster");
        out.push(Finding::new(
            xml,
            diagnostic,
            origin.path.clone(),
            "node not matching corosync.conf".into(),
        ));
    }
    let firsts: Vec<Ipv4Addr> = corosync.nodes.iter().map(|n| n.addresses[0]).collect();
    let whole_file = if corosync.nodes.is_empty() {
        Some((
            "corosync.conf has no nodelist: the nodes' addresses are unknown",
            "corosync.conf without nodelist",
        ))
    } else if subnet(&firsts).is_none() {
        Some((
            "no subnet from /8 to /24 holds every node address of corosync.conf",
            "corosync addresses without a subnet",
        ))
    } else {
        None
    };
    if let (Some((message, construct)), Some(origin)) = (whole_file, extras.origins.get("cib")) {
        let diagnostic = Diagnostic::new(&diag::AMBIGUOUS_CIB, origin.span, message);
        out.push(Finding::new(
            xml,
            diagnostic,
            origin.path.clone(),
            construct.into(),
        ));
    }
    out
}
