//! `rsc-ticket` constraints: a resource (in a role) or resource sets that need a ticket.

use super::reader::NodeView;
use crate::model::RscTicket;

pub(super) fn tickets(cluster: &NodeView<'_>) -> Vec<RscTicket> {
    cluster
        .children("rsc-ticket", "cluster.rsc-ticket")
        .map(|t| RscTicket {
            id: t.arg_or_empty(0),
            ticket: t.str_or_empty("ticket"),
            resource: t.arg_str(1),
            role: t.str("role"),
            loss_policy: t.str("loss-policy"),
            sets: super::constraints::placed_sets(&t, "cluster.rsc-ticket.set", false),
        })
        .collect()
}
