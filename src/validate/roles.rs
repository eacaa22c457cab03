//! The `Promoted` role only applies to instances of a promotable clone.

use super::index::{Index, kind};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::{Constraint, LocationTarget, Resource};
use crate::spanned::Spanned;

pub(super) fn check(index: &Index<'_>, diags: &mut Diagnostics) {
    for constraint in &index.cluster.constraints {
        match constraint {
            Constraint::Location(l) => {
                if let Some(resource) = &l.resource {
                    diags.extend(never_promoted(index, resource, l.role.as_ref(), false));
                    if let LocationTarget::Rules(rules) = &l.target {
                        for rule in rules {
                            let role = rule.role.as_ref();
                            diags.extend(never_promoted(index, resource, role, false));
                        }
                    }
                }
                for set in &l.sets {
                    for member in &set.resources {
                        diags.extend(never_promoted(index, member, set.role.as_ref(), true));
                    }
                }
            }
            Constraint::Colocation(c) => {
                let pairs = [(&c.rsc, &c.rsc_role), (&c.with_rsc, &c.with_rsc_role)];
                for (resource, role) in pairs {
                    if let Some(resource) = resource {
                        diags.extend(never_promoted(index, resource, role.as_ref(), false));
                    }
                }
                for set in &c.sets {
                    for member in &set.resources {
                        diags.extend(never_promoted(index, member, set.role.as_ref(), true));
                    }
                }
            }
            Constraint::Order(_) => {}
        }
    }
}

fn is_promoted(role: &str) -> bool {
    matches!(role, "Promoted" | "Master")
}

/// A problem when `role` asks for promoted instances of a resource that has none. A set's
/// role applies to each member, so there the member is what the diagnostic points at.
pub(super) fn never_promoted(
    index: &Index<'_>,
    reference: &Spanned<String>,
    role: Option<&Spanned<String>>,
    in_set: bool,
) -> Option<Diagnostic> {
    let role = role.filter(|r| is_promoted(r))?;
    let resource = index.resource(reference)?;
    // A wrapped resource is reported as the wrong target; aiming at its clone fixes both.
    let promotable = match resource {
        Resource::Clone(c) => c.promotable,
        Resource::Bundle(b) => b.promotable(),
        _ => false,
    };
    if promotable || !index.wrappers(reference).is_empty() {
        return None;
    }
    let help = match resource {
        Resource::Clone(c) => format!(
            "add `promotable=#true` to clone `{}`, or drop the role",
            shown(&c.id)
        ),
        _ => "aim the constraint at a promotable clone, or drop the role".to_string(),
    };
    let message = format!(
        "`{}` is never promoted, so role `{role}` does not apply to it",
        shown(reference)
    );
    let diagnostic = if in_set {
        Diagnostic::new(&diag::PROMOTED_ROLE, reference.span, message)
            .label("never promoted")
            .related(role.span, "role of the set")
    } else {
        Diagnostic::new(&diag::PROMOTED_ROLE, role.span, message).label("needs a promotable clone")
    };
    let defined = format!("{} `{}` defined here", kind(resource), shown(resource.id()));
    Some(diagnostic.related(resource.id().span, defined).help(help))
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn promoted_roles_need_a_promotable_clone() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11"
               primitive "a" agent="ocf:heartbeat:Dummy"
               primitive "b" agent="ocf:pacemaker:Stateful"
               primitive "c" agent="ocf:pacemaker:Stateful"
               clone "a-clone" of="a"
               clone "b-clone" of="b" promotable=#true
               location "l1" "a-clone" node="n1" score=10 role="Promoted"
               location "l2" "b-clone" node="n1" score=10 role="Promoted"
               location "l3" "a-clone" node="n1" score=10 role="Started"
               colocation "c1" "c" with="b-clone" role="Master" with-role="Master"
               colocation "c2" score=10 {
                   set "a-clone" "b-clone" role="Promoted"
                   set "c"
               }"#,
        );
        let found: Vec<_> = diags
            .iter()
            .filter(|d| d.code.id == "E0413")
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "`a-clone` is never promoted, so role `Promoted` does not apply to it",
                    "add `promotable=#true` to clone `a-clone`, or drop the role"
                ),
                (
                    "`c` is never promoted, so role `Master` does not apply to it",
                    "aim the constraint at a promotable clone, or drop the role"
                ),
                (
                    "`a-clone` is never promoted, so role `Promoted` does not apply to it",
                    "add `promotable=#true` to clone `a-clone`, or drop the role"
                ),
            ]
        );
    }
}
