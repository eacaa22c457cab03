//! `rsc-ticket` constraints: what they name exists and is not wrapped, a ticket is over a
//! resource or over sets, and the loss policy fits the role.

use super::cluster_options::parse_bool;
use super::constraints::wrapped_target;
use super::index::Index;
use super::references::constrained;
use super::roles::never_promoted;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::RscTicket;
use crate::spanned::Spanned;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    for ticket in &index.cluster.tickets {
        shape(ticket, diags);
        for (member, role, in_set) in members(ticket) {
            if member.is_empty() {
                continue;
            }
            if index.resource(member).is_none() {
                diags.extend(constrained(index, member));
                continue;
            }
            diags.extend(wrapped_target(index, member));
            diags.extend(never_promoted(index, member, role, in_set));
        }
        diags.extend(loss_policy(ticket));
        diags.extend(fence_without_fencing(index, ticket));
    }
}

/// A resource a ticket names, the role it needs the ticket for, and whether it is in a set.
type Member<'a> = (&'a Spanned<String>, Option<&'a Spanned<String>>, bool);

/// Every resource a ticket names.
fn members(ticket: &RscTicket) -> Vec<Member<'_>> {
    let pair = ticket
        .resource
        .iter()
        .map(|r| (r, ticket.role.as_ref(), false));
    let sets = ticket
        .sets
        .iter()
        .flat_map(|s| s.resources.iter().map(move |r| (r, s.role.as_ref(), true)));
    pair.chain(sets).collect()
}

fn shape(ticket: &RscTicket, diags: &mut Diagnostics) {
    let id = &ticket.id;
    match (&ticket.resource, ticket.sets.first()) {
        (None, None) => diags.push(
            Diagnostic::new(
                &diag::MISSING_VALUE,
                id.span,
                format!("ticket constraint `{}` names no resource", shown(id)),
            )
            .label("needs a resource or sets")
            .help("write `rsc-ticket \"id\" \"resource\" ticket=\"T\"`, or add `set` blocks"),
        ),
        (Some(resource), Some(set)) => diags.push(
            Diagnostic::new(
                &diag::MIXED_CONSTRAINT,
                resource.span,
                format!(
                    "ticket constraint `{}` has both a resource and sets",
                    shown(id)
                ),
            )
            .label("resource")
            .related(set.span, "resource sets")
            .help("move the resource into a `set` block, or split the constraint in two"),
        ),
        (None, Some(_)) => {
            if let Some(role) = &ticket.role {
                diags.push(
                    Diagnostic::new(
                        &diag::MIXED_CONSTRAINT,
                        role.span,
                        format!("ticket constraint `{}` over sets has a role", shown(id)),
                    )
                    .label("role of no resource")
                    .help("give each `set` its own `role=`"),
                );
            }
        }
        (Some(_), None) => {}
    }
}

/// Pacemaker demotes on a revoked ticket only what needs the ticket to be promoted; for any
/// other role it reads `demote` as `stop`: a warning, since the spec says otherwise.
fn loss_policy(ticket: &RscTicket) -> Option<Diagnostic> {
    let policy = ticket
        .loss_policy
        .as_ref()
        .filter(|p| p.value == "demote")?;
    let promoted = |role: Option<&Spanned<String>>| {
        role.is_some_and(|r| matches!(r.value.as_str(), "Promoted" | "Master"))
    };
    let all_promoted = if ticket.sets.is_empty() {
        promoted(ticket.role.as_ref())
    } else {
        ticket.sets.iter().all(|s| promoted(s.role.as_ref()))
    };
    (!all_promoted).then(|| {
        Diagnostic::new(
            &diag::READ_AS_ANOTHER_VALUE,
            policy.span,
            format!(
                "`loss-policy=\"demote\"` on `{}` is read as `stop` without the promoted role",
                shown(&ticket.id)
            ),
        )
        .label("only a promoted resource can be demoted: Pacemaker stops the others")
        .help("add `role=\"Promoted\"` (to every set), or write `stop`, which means the same")
    })
}

/// With fencing disabled Pacemaker resets `loss-policy=fence` to `stop` (`crm_verify` calls the
/// configuration invalid).
fn fence_without_fencing(index: &Index<'_>, ticket: &RscTicket) -> Option<Diagnostic> {
    let policy = ticket.loss_policy.as_ref().filter(|p| p.value == "fence")?;
    let setting = index
        .cluster
        .properties
        .iter()
        .rfind(|p| p.name.value == "stonith-enabled")
        .filter(|p| parse_bool(&p.value) == Some(false))?;
    Some(
        Diagnostic::new(
            &diag::INVALID_VALUE,
            policy.span,
            format!(
                "`loss-policy=\"fence\"` on `{}` but fencing is disabled",
                shown(&ticket.id)
            ),
        )
        .label("Pacemaker would stop the resources instead")
        .related(setting.value.span, "fencing disabled here")
        .help("use `stop`, `demote` or `freeze`, or enable fencing"),
    )
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    const RESOURCES: &str = r#"node "n1" address="10.0.0.11"
        property "stonith-enabled" #false { unsafe-acknowledged "test"; }
        primitive "a" agent="ocf:heartbeat:Dummy"
        primitive "b" agent="ocf:heartbeat:Dummy"
        group "g" "b"
        primitive "s" agent="ocf:pacemaker:Stateful"
        clone "s-clone" of="s" promotable=#true"#;

    #[test]
    fn unknown_and_wrapped_resources_are_refused() {
        let diags = diagnostics_of(&format!(
            "{RESOURCES}\nrsc-ticket \"t1\" \"aa\" ticket=\"T\"\nrsc-ticket \"t2\" \"b\" ticket=\"T\""
        ));
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.code.id, d.help.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                ("E0203", "did you mean `a`?"),
                (
                    "W0421",
                    "it places the whole group; aim it at `g` if the group is meant"
                )
            ]
        );
    }
}
