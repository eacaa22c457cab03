//! Access control lists: which parts of the CIB a user (or a Unix group) may read, write or
//! not see, by role. Pacemaker applies them only while `enable-acl` is true; root and
//! `hacluster` are never restricted.

use crate::spanned::Spanned;
use serde::Serialize;

/// The `acls` section of the configuration, each kind in declaration order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Acls {
    pub roles: Vec<AclRole>,
    pub targets: Vec<AclSubject>,
    pub groups: Vec<AclSubject>,
}

impl Acls {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.targets.is_empty() && self.groups.is_empty()
    }
}

/// An `acl-role`: a named list of permissions, applied in order (the first that matches wins
/// for an element; `deny` beats the others on the same element).
#[derive(Debug, Clone, Serialize)]
pub struct AclRole {
    pub id: Spanned<String>,
    pub description: Option<Spanned<String>>,
    pub permissions: Vec<AclPermission>,
}

/// The three rights a permission grants or takes away.
pub const ACL_RIGHTS: [&str; 3] = ["read", "write", "deny"];

/// One permission: a right over the elements one selector picks.
#[derive(Debug, Clone, Serialize)]
pub struct AclPermission {
    /// `read`, `write` or `deny`: the entry's name (diagnostics about the entry point here).
    pub right: Spanned<String>,
    /// Written only when the spec gives it; otherwise derived as crmsh derives it.
    pub id: Option<Spanned<String>>,
    pub xpath: Option<Spanned<String>>,
    /// The id of a CIB object (and everything inside it).
    pub reference: Option<Spanned<String>>,
    /// An element name (`primitive`, `nvpair`, ...), Pacemaker's `object-type`.
    pub object_type: Option<Spanned<String>>,
    /// With `object_type` only: one attribute of those elements.
    pub attribute: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
}

/// An `acl-target` (a user) or an `acl-group` (a Unix group) and the roles it has.
#[derive(Debug, Clone, Serialize)]
pub struct AclSubject {
    pub id: Spanned<String>,
    /// The user or group name when it differs from the id (ids must be unique, names not).
    pub name: Option<Spanned<String>>,
    pub roles: Vec<Spanned<String>>,
}
