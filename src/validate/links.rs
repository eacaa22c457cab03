//! Corosync links: how many a transport allows, and the same count on every node.

use super::repeats::repeats;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Cluster, Transport};

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let transport = cluster.corosync.transport.value;
    let max = if transport == Transport::Knet { 8 } else { 1 };
    for node in &cluster.nodes {
        if node.addresses.len() > max {
            let extra = &node.addresses[max];
            diags.push(
                Diagnostic::new(
                    &diag::LINKS,
                    extra.span,
                    format!(
                        "node `{}` has {} links; `{}` allows {max}",
                        shown(&node.name),
                        node.addresses.len(),
                        transport.as_str()
                    ),
                )
                .label("one link too many")
                .help(if transport == Transport::Knet {
                    "knet carries at most 8 links (ring0 to ring7); remove the extra `link-address`"
                } else {
                    "udp and udpu carry a single link; use `transport=\"knet\"` for redundant links"
                }),
            );
        }
    }
    // Every node needs the same number of addresses, one per link.
    if let Some(first) = cluster.nodes.first() {
        for node in &cluster.nodes[1..] {
            if node.addresses.len() != first.addresses.len() {
                diags.push(
                    Diagnostic::new(
                        &diag::LINKS,
                        node.name.span,
                        format!(
                            "node `{}` has {} address(es), node `{}` has {}",
                            shown(&node.name),
                            node.addresses.len(),
                            shown(&first.name),
                            first.addresses.len()
                        ),
                    )
                    .label(format!("{} link(s)", node.addresses.len()))
                    .related(first.name.span, format!("{} link(s)", first.addresses.len()))
                    .help("give every node one address per link: `address=`, then one `link-address` per extra link"),
                );
            }
        }
    }
    let links = cluster
        .nodes
        .iter()
        .map(|n| n.addresses.len())
        .max()
        .unwrap_or(1);
    for link in &cluster.corosync.links {
        if usize::from(link.number.value) >= links {
            diags.push(
                Diagnostic::new(
                    &diag::LINKS,
                    link.number.span,
                    format!("link {} does not exist", link.number.value),
                )
                .label(format!("the nodes have {links} link(s), numbered from 0"))
                .help("add a `link-address` to every node for each extra link"),
            );
        }
    }
    let numbers = cluster
        .corosync
        .links
        .iter()
        .map(|l| (l.number.value, l.number.span));
    for (number, span, first) in repeats(numbers) {
        diags.push(
            Diagnostic::new(
                &diag::LINKS,
                span,
                format!("link {number} is configured twice"),
            )
            .label("second block")
            .related(first, "first configured here")
            .help("put all options of one link in one `link` block"),
        );
    }
}
