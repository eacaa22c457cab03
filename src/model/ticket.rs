//! Tickets: resources that may run only where the cluster holds a ticket (`rsc_ticket`), the
//! building block of multi-site clusters (booth grants and revokes the ticket).

use super::ResourceSet;
use crate::spanned::Spanned;
use serde::Serialize;

/// A `rsc_ticket` constraint: one resource (in a role) or resource sets depend on a ticket.
#[derive(Debug, Clone, Serialize)]
pub struct RscTicket {
    pub id: Spanned<String>,
    /// The ticket's name; tickets need no declaration, Pacemaker knows them when granted.
    pub ticket: Spanned<String>,
    /// Either one resource (with an optional role) or resource sets with roles.
    pub resource: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
    /// `stop`, `demote`, `fence` or `freeze`: what happens when the ticket is revoked.
    pub loss_policy: Option<Spanned<String>>,
    pub sets: Vec<ResourceSet>,
}
