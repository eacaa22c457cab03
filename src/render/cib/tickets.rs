//! `rsc_ticket` in both renderers: attributes in the order crmsh writes them (`ticket`,
//! `loss-policy`, then `rsc` and `rsc-role`), sets as colocation sets (a role per set).

use crate::cib::CibTicket;
use crate::cib::xml::XmlWriter;
use std::fmt::Write;

pub(crate) fn xml(xml: &mut XmlWriter, ticket: &CibTicket) {
    xml.start("rsc_ticket")
        .attr("id", &ticket.id)
        .attr("ticket", &ticket.ticket)
        .attr_opt("loss-policy", ticket.loss_policy.as_deref());
    match &ticket.rsc {
        Some((rsc, role)) => {
            xml.attr("rsc", rsc).attr_opt("rsc-role", role.as_deref());
        }
        None => ticket
            .sets
            .iter()
            .for_each(|s| super::super::cib_xml::set(xml, s)),
    }
    xml.end();
}

/// `rsc_ticket <id> <ticket>: <rsc>[:<role>] [loss-policy=...]`, or sets in brackets.
pub(crate) fn crm(out: &mut String, ticket: &CibTicket) {
    let _ = write!(out, "rsc_ticket {} {}: ", ticket.id, ticket.ticket);
    match &ticket.rsc {
        Some((rsc, role)) => {
            out.push_str(rsc);
            if let Some(role) = role {
                out.push(':');
                out.push_str(role);
            }
        }
        None => super::super::crm::sets(out, &ticket.sets, |s| &s.role),
    }
    if let Some(policy) = &ticket.loss_policy {
        let _ = write!(out, " loss-policy={policy}");
    }
    out.push('\n');
}
