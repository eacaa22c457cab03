//! The ids hacc derives for the CIB must not clash with each other or with a named object.

use crate::cib::{IdClash, IdOwner, id_clashes};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Cluster;
use miette::SourceSpan;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    for clash in id_clashes(cluster) {
        // The same owner twice is a duplicate (node, resource, property, operation, ...), and
        // two objects named alike share an id: their own checks report those.
        let owners = &clash.owners;
        let repeated_owner = owners
            .iter()
            .enumerate()
            .any(|(i, o)| owners[..i].contains(o));
        let named_alike = owners
            .iter()
            .filter(|o| named(o) == Some(clash.id.as_str()))
            .count()
            > 1;
        if repeated_owner || named_alike {
            continue;
        }
        let Some(diagnostic) = report(cluster, &clash) else {
            continue;
        };
        diags.push(diagnostic);
    }
}

/// Points at the object named exactly like the id when there is one (the name to change),
/// else at the last definition; the other owners are related.
fn report(cluster: &Cluster, clash: &IdClash) -> Option<Diagnostic> {
    let located: Vec<(SourceSpan, String)> = clash
        .owners
        .iter()
        .map(|o| locate(cluster, o, &clash.id))
        .collect::<Option<_>>()?;
    let primary = clash
        .owners
        .iter()
        .position(|o| named(o) == Some(clash.id.as_str()))
        .unwrap_or(located.len() - 1);
    let id = shown(&clash.id);
    let (span, label) = &located[primary];
    let mut diagnostic = Diagnostic::new(
        &diag::DUPLICATE_NAME,
        *span,
        format!("id `{id}` would be defined twice in the CIB"),
    )
    .label(label.clone())
    .help("hacc derives CIB ids from names the way crmsh does (`<name>-instance_attributes`, `<name>-rule`, ...): rename one of them");
    for (i, (span, label)) in located.iter().enumerate() {
        if i != primary {
            diagnostic = diagnostic.related(*span, label.clone());
        }
    }
    Some(diagnostic)
}

/// The id an owner is itself named, when the owner is a resource or constraint.
fn named(owner: &IdOwner) -> Option<&str> {
    match owner {
        IdOwner::Resource(id)
        | IdOwner::Constraint(id)
        | IdOwner::Alert(id)
        | IdOwner::Tag(id)
        | IdOwner::AclRole(id)
        | IdOwner::AclGroup(id) => Some(id),
        _ => None,
    }
}

/// Where an owner is in the spec, and how it comes to define `id`.
fn locate(cluster: &Cluster, owner: &IdOwner, id: &str) -> Option<(SourceSpan, String)> {
    let how = |what: &str, name: &str| {
        if name == id {
            format!("{what} named `{}`", shown(id))
        } else {
            format!("{what} `{}` derives `{}`", shown(name), shown(id))
        }
    };
    let span = match owner {
        IdOwner::Node(name) => cluster.node(name)?.name.span,
        IdOwner::Resource(name) => cluster.resource(name)?.id().span,
        IdOwner::Constraint(name) => {
            let constraints = cluster.constraints.iter().map(crate::model::Constraint::id);
            let tickets = cluster.tickets.iter().map(|t| &t.id);
            constraints.chain(tickets).find(|c| c.value == *name)?.span
        }
        IdOwner::Alert(name) => cluster.alerts.iter().find(|a| a.id.value == *name)?.id.span,
        IdOwner::Tag(name) => cluster.tags.iter().find(|t| t.id.value == *name)?.id.span,
        IdOwner::AclRole(name) => acl_role(cluster, name)?.id.span,
        IdOwner::AclPermission(role, i) => {
            let permission = acl_role(cluster, role)?.permissions.get(*i)?;
            permission
                .id
                .as_ref()
                .map_or(permission.right.span, |id| id.span)
        }
        IdOwner::AclGroup(name) => {
            let groups = &cluster.acls.groups;
            groups.iter().find(|g| g.id.value == *name)?.id.span
        }
        IdOwner::FencingLevel { target, index } => {
            cluster
                .fencing_levels
                .iter()
                .find(|l| l.target().key() == *target && l.index.value == *index)?
                .index
                .span
        }
        IdOwner::Properties => cluster
            .properties
            .first()
            .map_or(cluster.name.span, |p| p.name.span),
        IdOwner::RscDefaults => cluster.rsc_defaults.first()?.name.span,
        IdOwner::OpDefaults => cluster.op_defaults.first()?.name.span,
    };
    let label = match owner {
        IdOwner::Node(name) => how("node", name),
        IdOwner::Resource(name) => how("resource", name),
        IdOwner::Constraint(name) => how("constraint", name),
        IdOwner::FencingLevel { .. } => format!("fencing levels derive `{}`", shown(id)),
        IdOwner::Properties => format!("cluster properties derive `{}`", shown(id)),
        IdOwner::RscDefaults => format!("`rsc-defaults` derive `{}`", shown(id)),
        IdOwner::OpDefaults => format!("`op-defaults` derive `{}`", shown(id)),
        IdOwner::Alert(name) => how("alert", name),
        IdOwner::Tag(name) => how("tag", name),
        IdOwner::AclRole(name) => how("ACL role", name),
        IdOwner::AclPermission(role, _) => {
            format!(
                "a permission of ACL role `{}` is `{}`",
                shown(role),
                shown(id)
            )
        }
        IdOwner::AclGroup(name) => how("ACL group", name),
    };
    Some((span, label))
}

fn acl_role<'c>(cluster: &'c Cluster, id: &str) -> Option<&'c crate::model::AclRole> {
    cluster.acls.roles.iter().find(|r| r.id.value == id)
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::diagnostics_of;

    #[test]
    fn generated_ids_must_not_clash() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11" { attribute site="a"; }
               primitive "n1-instance_attributes" agent="ocf:pacemaker:Dummy"
               primitive "f" agent="stonith:fence_xvm"
               fencing-level "n1" "f" index=1
               location "fencing" "f" node="n1" score=1"#,
        );
        let found: Vec<_> = diags
            .iter()
            .filter(|d| d.code.id == "E0201")
            .map(|d| {
                (
                    d.message.as_str(),
                    d.label.as_deref().unwrap_or_default(),
                    d.related.len(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "id `n1-instance_attributes` would be defined twice in the CIB",
                    "resource named `n1-instance_attributes`",
                    1
                ),
                (
                    "id `fencing` would be defined twice in the CIB",
                    "constraint named `fencing`",
                    1
                ),
            ]
        );
    }

    #[test]
    fn duplicates_reported_elsewhere_are_not_repeated() {
        let diags = diagnostics_of(
            r#"node "n1" address="10.0.0.11" { attribute site="a"; }
               node "n1" address="10.0.0.12" { attribute site="b"; }"#,
        );
        let count = diags.iter().filter(|d| d.code.id == "E0201").count();
        assert_eq!(count, 1, "{diags:#?}");
    }
}
