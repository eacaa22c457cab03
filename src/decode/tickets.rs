//! `rsc-ticket` constraints: a resource (in a role) or resource sets that need a ticket.

use super::reader::NodeView;
use crate::model::{ResourceSet, RscTicket};

pub(super) fn tickets(cluster: &NodeView<'_>) -> Vec<RscTicket> {
    cluster
        .children("rsc-ticket", "cluster.rsc-ticket")
        .map(|t| RscTicket {
            id: t.arg_or_empty(0),
            ticket: t.str_or_empty("ticket"),
            resource: t.arg_str(1),
            role: t.str("role"),
            loss_policy: t.str("loss-policy"),
            sets: t
                .children("set", "cluster.rsc-ticket.set")
                .map(|s| ResourceSet {
                    span: s.name_span(),
                    resources: s.rest_args(0),
                    sequential: None,
                    require_all: None,
                    role: s.str("role"),
                    action: None,
                    score: None,
                })
                .collect(),
        })
        .collect()
}
