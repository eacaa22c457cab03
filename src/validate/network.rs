//! Addresses and host ports: inside the subnet, not reserved, never used twice.

use super::repeats::repeats;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Cluster, Network, Target};
use crate::spanned::Spanned;
use std::net::Ipv4Addr;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let network = &cluster.network;
    // Link 0 addresses and the front's are container addresses on the bridge network; hosts
    // have the addresses of their own networks.
    let on_bridge = cluster.target.value == Target::DockerLab;
    let containers = cluster
        .nodes
        .iter()
        .filter_map(|n| n.addresses.first())
        .chain(cluster.front.as_ref().map(|f| &f.address))
        .chain(cluster.fencing.as_ref().map(|f| &f.address));
    for address in containers.filter(|a| on_bridge && is_given(a)) {
        if let Some(problem) = placement_problem(network, address.value) {
            diags.push(problem.at(address, network));
        }
    }
    duplicate_addresses(cluster, diags);
    duplicate_ports(cluster, diags);
}

/// `0.0.0.0` is the decoder's placeholder for an address already reported missing.
fn is_given(address: &Spanned<Ipv4Addr>) -> bool {
    !address.value.is_unspecified()
}

enum Problem {
    Outside,
    Reserved(&'static str),
}

fn placement_problem(network: &Network, address: Ipv4Addr) -> Option<Problem> {
    if !network.contains(address) {
        return Some(Problem::Outside);
    }
    let base = u32::from(network.subnet.value);
    let size = 1u32 << (32 - u32::from(network.prefix));
    let offset = u32::from(address) - base;
    match offset {
        0 => Some(Problem::Reserved("network address")),
        1 => Some(Problem::Reserved("Docker's gateway address")),
        o if o == size - 1 => Some(Problem::Reserved("broadcast address")),
        _ => None,
    }
}

impl Problem {
    fn at(self, address: &Spanned<Ipv4Addr>, network: &Network) -> Diagnostic {
        let cidr = network.cidr();
        let base = u32::from(network.subnet.value);
        let size = 1u32 << (32 - u32::from(network.prefix));
        let (first, last) = (Ipv4Addr::from(base + 2), Ipv4Addr::from(base + size - 2));
        let diagnostic = match self {
            Problem::Outside => Diagnostic::new(
                &diag::OUTSIDE_SUBNET,
                address.span,
                format!("`{address}` is outside the network `{cidr}`"),
            )
            .label("not in the subnet"),
            Problem::Reserved(what) => Diagnostic::new(
                &diag::OUTSIDE_SUBNET,
                address.span,
                format!("`{address}` is reserved in `{cidr}`"),
            )
            .label(what),
        };
        diagnostic
            .related(network.subnet.span, "subnet defined here")
            .help(format!("use an address from {first} to {last}"))
    }
}

fn duplicate_addresses(cluster: &Cluster, diags: &mut Diagnostics) {
    let nodes = cluster.nodes.iter().flat_map(|n| &n.addresses);
    let all = nodes
        .chain(cluster.front.as_ref().map(|f| &f.address))
        .chain(cluster.fencing.as_ref().map(|f| &f.address))
        .filter(|a| is_given(a))
        .map(|a| (a.value, a.span));
    for (address, span, first) in repeats(all) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_ADDRESS,
                span,
                format!("address `{address}` is used twice"),
            )
            .label("second use")
            .related(first, "first defined here")
            .help("every node (and the front) needs its own address on each link"),
        );
    }
}

fn duplicate_ports(cluster: &Cluster, diags: &mut Diagnostics) {
    let nodes = cluster
        .nodes
        .iter()
        .flat_map(|n| &n.publish)
        .map(|p| &p.host);
    // Port 0 is the placeholder for a front port already reported missing.
    let all = nodes
        .chain(cluster.front.as_ref().map(|f| &f.port))
        .filter(|p| p.value != 0)
        .map(|p| (p.value, p.span));
    for (port, span, first) in repeats(all) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_PORT,
                span,
                format!("host port {port} is published twice"),
            )
            .label("second use")
            .related(first, "first defined here")
            .help("each container needs its own host port; the container ports may be equal"),
        );
    }
}
