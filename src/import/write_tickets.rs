//! A `rsc_ticket` as a `rsc-ticket` spec node.

use super::kdl_text::string;
use crate::cib::CibTicket;
use std::fmt::Write as _;

pub(super) fn ticket(t: &CibTicket) -> String {
    let mut line = format!("rsc-ticket {}", string(&t.id));
    if let Some((rsc, _)) = &t.rsc {
        let _ = write!(line, " {}", string(rsc));
    }
    let _ = write!(line, " ticket={}", string(&t.ticket));
    if let Some((_, Some(role))) = &t.rsc {
        let _ = write!(line, " role={}", string(role));
    }
    if let Some(policy) = &t.loss_policy {
        let _ = write!(line, " loss-policy={}", string(policy));
    }
    if t.sets.is_empty() {
        return line;
    }
    let sets: Vec<String> = t
        .sets
        .iter()
        .map(|s| {
            let members: Vec<String> = s.resources.iter().map(|r| string(r)).collect();
            let mut set = format!("set {}", members.join(" "));
            if let Some(role) = &s.role {
                let _ = write!(set, " role={}", string(role));
            }
            set
        })
        .collect();
    format!("{line} {{\n{}\n}}", sets.join("\n"))
}
