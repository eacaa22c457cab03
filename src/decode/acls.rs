//! `acl-role` blocks with their `read`/`write`/`deny` permissions in order, and the
//! `acl-target`s and `acl-group`s that are given roles.

use super::reader::NodeView;
use crate::model::{AclPermission, AclRole, AclSubject, Acls};

const PERMISSIONS: &[(&str, &str)] = &[
    ("read", "cluster.acl-role.read"),
    ("write", "cluster.acl-role.write"),
    ("deny", "cluster.acl-role.deny"),
];

pub(super) fn acls(cluster: &NodeView<'_>) -> Acls {
    Acls {
        roles: cluster
            .children("acl-role", "cluster.acl-role")
            .map(|r| AclRole {
                id: r.arg_or_empty(0),
                description: r.str("description"),
                permissions: r
                    .children_in_order(PERMISSIONS)
                    .map(|p| permission(&p))
                    .collect(),
            })
            .collect(),
        targets: subjects(cluster, "acl-target", "cluster.acl-target"),
        groups: subjects(cluster, "acl-group", "cluster.acl-group"),
    }
}

fn permission(view: &NodeView<'_>) -> AclPermission {
    AclPermission {
        right: view.name(),
        id: view.str("id"),
        xpath: view.str("xpath"),
        reference: view.str("reference"),
        object_type: view.str("type"),
        attribute: view.str("attribute"),
        description: view.str("description"),
    }
}

fn subjects(cluster: &NodeView<'_>, name: &'static str, path: &'static str) -> Vec<AclSubject> {
    cluster
        .children(name, path)
        .map(|s| AclSubject {
            id: s.arg_or_empty(0),
            name: s.str("name"),
            roles: s.rest_args(1),
        })
        .collect()
}
