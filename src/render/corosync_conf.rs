//! `corosync.conf`: totem, nodelist, quorum and logging, shared by every node.

use super::{Artifact, RenderError, templates};
use crate::model::{Checked, Corosync, Link, Logging, Node, NvPair, Quorum, Transport};
use serde::Serialize;

#[derive(Serialize)]
struct Context<'a> {
    header: &'static str,
    cluster_name: &'a str,
    transport: &'static str,
    crypto: Option<Crypto<'a>>,
    totem: Vec<Pair>,
    links: Vec<LinkBlock>,
    nodes: Vec<NodeBlock<'a>>,
    quorum: Vec<Pair>,
    device: Option<Device<'a>>,
    logging: Vec<Pair>,
}

#[derive(Serialize)]
struct Crypto<'a> {
    cipher: &'a str,
    hash: &'a str,
}

/// One `name: value` line, in corosync spelling.
#[derive(Serialize)]
struct Pair {
    name: String,
    value: String,
}

impl Pair {
    #[allow(
        clippy::needless_pass_by_value,
        reason = "values are numbers and words written once"
    )]
    fn new(name: impl Into<String>, value: impl ToString) -> Self {
        Pair {
            name: name.into(),
            value: value.to_string(),
        }
    }
}

#[derive(Serialize)]
struct LinkBlock {
    number: u8,
    options: Vec<Pair>,
}

#[derive(Serialize)]
struct NodeBlock<'a> {
    name: &'a str,
    id: u32,
    addresses: Vec<String>,
}

#[derive(Serialize)]
struct Device<'a> {
    host: &'a str,
    algorithm: &'a str,
    tls: &'a str,
}

pub(super) fn render(checked: &Checked) -> Result<Artifact, RenderError> {
    let cluster = checked.cluster();
    let corosync = &cluster.corosync;
    let context = Context {
        header: super::HEADER,
        cluster_name: &cluster.name,
        transport: corosync.transport.as_str(),
        crypto: crypto(corosync),
        totem: corosync.totem.iter().map(pair).collect(),
        links: corosync.links.iter().map(link).collect(),
        nodes: cluster.nodes.iter().map(node).collect(),
        quorum: quorum(&corosync.quorum),
        device: corosync.quorum.device.as_ref().map(|d| Device {
            host: &d.host,
            algorithm: &d.algorithm,
            tls: &d.tls,
        }),
        logging: logging(&corosync.logging),
    };
    templates::file("corosync.conf", "corosync.conf.j2", context)
}

/// knet states its crypto explicitly; udp and udpu cannot encrypt, so it is left out.
fn crypto(corosync: &Corosync) -> Option<Crypto<'_>> {
    (corosync.transport.value == Transport::Knet).then(|| Crypto {
        cipher: &corosync.crypto_cipher,
        hash: &corosync.crypto_hash,
    })
}

fn pair(option: &NvPair) -> Pair {
    Pair::new(option.name.value.clone(), &option.value.value)
}

fn link(link: &Link) -> LinkBlock {
    LinkBlock {
        number: link.number.value,
        options: link
            .options
            .iter()
            .map(|o| Pair::new(link_option_name(&o.name), &o.value.value))
            .collect(),
    }
}

/// The corosync name of a spec `link` option.
fn link_option_name(spec_name: &str) -> String {
    match spec_name {
        "priority" => "knet_link_priority".into(),
        "ping-interval" => "knet_ping_interval".into(),
        "ping-timeout" => "knet_ping_timeout".into(),
        "ping-precision" => "knet_ping_precision".into(),
        "pong-count" => "knet_pong_count".into(),
        "transport" => "knet_transport".into(),
        other => other.replace('-', "_"),
    }
}

fn node(node: &Node) -> NodeBlock<'_> {
    NodeBlock {
        name: &node.name,
        id: node.id.value,
        addresses: node.addresses.iter().map(ToString::to_string).collect(),
    }
}

/// Quorum options the spec sets, in a fixed order; unset ones keep corosync's defaults.
fn quorum(quorum: &Quorum) -> Vec<Pair> {
    let flag = |name: &str, value: &Option<crate::spanned::Spanned<bool>>| {
        value.as_ref().map(|v| Pair::new(name, i32::from(v.value)))
    };
    [
        quorum
            .expected_votes
            .as_ref()
            .map(|v| Pair::new("expected_votes", v.value)),
        flag("two_node", &quorum.two_node),
        flag("wait_for_all", &quorum.wait_for_all),
        flag("last_man_standing", &quorum.last_man_standing),
        quorum
            .last_man_standing_window
            .as_ref()
            .map(|v| Pair::new("last_man_standing_window", v.value)),
        flag("auto_tie_breaker", &quorum.auto_tie_breaker),
        quorum
            .auto_tie_breaker_node
            .as_ref()
            .map(|v| Pair::new("auto_tie_breaker_node", &v.value)),
        flag("allow_downscale", &quorum.allow_downscale),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn logging(logging: &Logging) -> Vec<Pair> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let on_off = |b: bool| if b { "on" } else { "off" };
    let mut pairs = vec![
        Pair::new("to_stderr", yes_no(logging.to_stderr)),
        Pair::new("to_syslog", yes_no(logging.to_syslog)),
        Pair::new("to_logfile", yes_no(logging.to_logfile)),
    ];
    if let Some(logfile) = &logging.logfile {
        pairs.push(Pair::new("logfile", &logfile.value));
    }
    pairs.push(Pair::new("timestamp", on_off(logging.timestamp)));
    pairs.push(Pair::new("debug", on_off(logging.debug)));
    pairs
}
