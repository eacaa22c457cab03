//! `<acls>`: roles with their permissions in order, then the users and groups given roles.
//! A permission's id is kept unless it is the one crmsh would derive (the spec leaves it out).

use super::element::{Context, child_ids, elements, missing, text};
use crate::cib::{CibAclPermission, CibAclRole, CibAclSubject, CibAcls};
use roxmltree::Node;

pub(super) fn acls(ctx: &mut Context<'_>, section: Node<'_, '_>) -> CibAcls {
    ctx.only(section, &[], &["acl_role", "acl_target", "acl_group"]);
    let mut out = CibAcls::default();
    for node in elements(section) {
        match node.tag_name().name() {
            "acl_role" => out.roles.push(role(ctx, node)),
            "acl_target" => out.targets.push(subject(ctx, node)),
            "acl_group" => out.groups.push(subject(ctx, node)),
            _ => {}
        }
    }
    out
}

fn role(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibAclRole {
    ctx.only(node, &["id", "description"], &["acl_permission"]);
    let permissions = elements(node)
        .filter(|n| n.has_tag_name("acl_permission"))
        .map(|p| permission(ctx, p))
        .collect();
    CibAclRole {
        id: text(node, "id").unwrap_or_default(),
        description: text(node, "description"),
        permissions,
    }
}

fn permission(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibAclPermission {
    ctx.only(
        node,
        &[
            "id",
            "kind",
            "xpath",
            "reference",
            "object-type",
            "attribute",
            "description",
        ],
        &[],
    );
    let kind = text(node, "kind").unwrap_or_default();
    if !crate::model::ACL_RIGHTS.contains(&kind.as_str()) {
        missing(
            ctx,
            node,
            "acl_permission without kind",
            "an `acl_permission` needs `kind` read, write or deny",
        );
    }
    CibAclPermission {
        id: text(node, "id").unwrap_or_default(),
        kind,
        xpath: text(node, "xpath"),
        reference: text(node, "reference"),
        object_type: text(node, "object-type"),
        attribute: text(node, "attribute"),
        description: text(node, "description"),
    }
}

fn subject(ctx: &mut Context<'_>, node: Node<'_, '_>) -> CibAclSubject {
    ctx.only(node, &["id", "name"], &["role"]);
    let roles = child_ids(
        ctx,
        node,
        "role",
        "role without id",
        "a `role` of an ACL target or group needs the `id` of an `acl_role`",
    );
    CibAclSubject {
        id: text(node, "id").unwrap_or_default(),
        name: text(node, "name"),
        roles,
    }
}
