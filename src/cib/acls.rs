//! Checked model -> the `acls` section: roles with their permissions (ids derived as crmsh
//! derives them), then the users and the groups that have roles.

use crate::model::{AclSubject, Cluster};

/// The `acls` section, each kind in declaration order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CibAcls {
    pub roles: Vec<CibAclRole>,
    pub targets: Vec<CibAclSubject>,
    pub groups: Vec<CibAclSubject>,
}

impl CibAcls {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.targets.is_empty() && self.groups.is_empty()
    }
}

/// An `acl_role`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibAclRole {
    pub id: String,
    pub description: Option<String>,
    pub permissions: Vec<CibAclPermission>,
}

/// An `acl_permission`: `kind` over what one of its selectors picks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibAclPermission {
    pub id: String,
    /// `read`, `write` or `deny`.
    pub kind: String,
    pub xpath: Option<String>,
    pub reference: Option<String>,
    pub object_type: Option<String>,
    pub attribute: Option<String>,
    pub description: Option<String>,
}

/// An `acl_target` (a user) or an `acl_group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CibAclSubject {
    pub id: String,
    pub name: Option<String>,
    pub roles: Vec<String>,
}

/// The id crmsh gives the `n`-th permission of `role` that has none of its own: `<role>-<n>`,
/// counting only such permissions (crmsh takes the first free number in that series).
pub fn permission_id(role: &str, n: usize) -> String {
    format!("{role}-{n}")
}

pub(super) fn build(cluster: &Cluster) -> CibAcls {
    let acls = &cluster.acls;
    let text = |v: &Option<crate::spanned::Spanned<String>>| v.as_ref().map(|v| v.value.clone());
    CibAcls {
        roles: acls
            .roles
            .iter()
            .map(|role| {
                let mut derived = 0;
                let permissions = role
                    .permissions
                    .iter()
                    .map(|p| CibAclPermission {
                        id: if let Some(id) = &p.id {
                            id.value.clone()
                        } else {
                            derived += 1;
                            permission_id(&role.id.value, derived - 1)
                        },
                        kind: p.right.value.clone(),
                        xpath: text(&p.xpath),
                        reference: text(&p.reference),
                        object_type: text(&p.object_type),
                        attribute: text(&p.attribute),
                        description: text(&p.description),
                    })
                    .collect();
                CibAclRole {
                    id: role.id.value.clone(),
                    description: text(&role.description),
                    permissions,
                }
            })
            .collect(),
        targets: acls.targets.iter().map(subject).collect(),
        groups: acls.groups.iter().map(subject).collect(),
    }
}

fn subject(s: &AclSubject) -> CibAclSubject {
    CibAclSubject {
        id: s.id.value.clone(),
        name: s.name.as_ref().map(|n| n.value.clone()),
        roles: s.roles.iter().map(|r| r.value.clone()).collect(),
    }
}
