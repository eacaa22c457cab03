//! Checked model -> `rsc_ticket` constraints, with crmsh's ids for their sets.

use super::config::CibTicket;
use super::sets::{role, sets};
use crate::model::Cluster;

pub(super) fn build(cluster: &Cluster) -> Vec<CibTicket> {
    cluster
        .tickets
        .iter()
        .map(|t| CibTicket {
            id: t.id.value.clone(),
            ticket: t.ticket.value.clone(),
            loss_policy: t.loss_policy.as_ref().map(|l| l.value.clone()),
            rsc: t
                .resource
                .as_ref()
                .filter(|_| t.sets.is_empty())
                .map(|r| (r.value.clone(), t.role.as_ref().map(|r| role(r)))),
            sets: sets(&t.id.value, &t.sets),
        })
        .collect()
}
