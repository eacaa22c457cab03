//! `fencing "docker-lab" address=...`: the lab's fencing gateway.

use super::reader::NodeView;
use super::scalars::parse_ipv4;
use crate::model::Fencing;
use crate::spanned::Spanned;
use std::net::Ipv4Addr;

/// The first `fencing` node of the cluster; its kind and address are checked in `validate`.
pub(super) fn fencing(cluster: &NodeView<'_>) -> Option<Fencing> {
    let view = cluster.children("fencing", "cluster.fencing").next()?;
    let address = view
        .str("address")
        .and_then(|text| Some(Spanned::new(parse_ipv4(&text)?, text.span)))
        .unwrap_or_else(|| Spanned::new(Ipv4Addr::UNSPECIFIED, view.name_span()));
    Some(Fencing {
        kind: view.arg_or_empty(0),
        address,
    })
}
