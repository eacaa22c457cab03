//! Tickets as boxes of their own, one per ticket name, with an edge to every resource that
//! needs the ticket, labelled with the constraint's id, role and loss policy.

use super::build::{Builder, key};
use super::model::{EdgeKind, End, VertexKind};
use crate::model::RscTicket;
use std::collections::BTreeMap;

pub(super) fn add_tickets(builder: &mut Builder, tickets: &[RscTicket]) {
    let mut vertices: BTreeMap<&str, End> = BTreeMap::new();
    for ticket in tickets {
        let name = ticket.ticket.value.as_str();
        let vertex = *vertices.entry(name).or_insert_with(|| {
            builder.vertex(
                VertexKind::Ticket,
                key("ticket", name),
                vec![format!("ticket {name}")],
            )
        });
        let mut head = vec![ticket.id.value.clone()];
        if let Some(policy) = &ticket.loss_policy {
            head.push(format!("loss-policy {}", policy.value));
        }
        let mut members = Vec::new();
        if let Some(resource) = &ticket.resource {
            members.push((resource, ticket.role.as_ref(), None));
        }
        for (position, set) in ticket.sets.iter().enumerate() {
            for member in &set.resources {
                members.push((member, set.role.as_ref(), Some(position + 1)));
            }
        }
        for (member, role, set) in members {
            let Some(end) = builder.resource(member) else {
                continue;
            };
            let mut label = head.clone();
            let mut extras = Vec::new();
            if let Some(set) = set {
                extras.push(format!("set {set}"));
            }
            if let Some(role) = role {
                extras.push(format!("role {}", role.value));
            }
            if !extras.is_empty() {
                label.push(extras.join(", "));
            }
            builder.edge(EdgeKind::Ticket, vertex, end, label);
        }
    }
}
