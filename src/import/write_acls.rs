//! The `acls` section as `acl-role`, `acl-target` and `acl-group` spec nodes.

use super::kdl_text::{opt, string, with_children};
use crate::cib::{CibAclRole, CibAclSubject, CibAcls, permission_id};

/// Each node of the section, roles first, in the order they were read.
pub(super) fn acls(acls: &CibAcls) -> Vec<String> {
    let mut out: Vec<String> = acls.roles.iter().map(role).collect();
    out.extend(acls.targets.iter().map(|t| subject("acl-target", t)));
    out.extend(acls.groups.iter().map(|g| subject("acl-group", g)));
    out
}

fn role(r: &CibAclRole) -> String {
    let mut head = format!("acl-role {}", string(&r.id));
    opt(&mut head, "description", &r.description);
    let mut derived = 0;
    let permissions: Vec<String> = r
        .permissions
        .iter()
        .map(|p| {
            let mut line = p.kind.clone();
            // The id crmsh would give it is left to the build to derive again.
            if p.id == permission_id(&r.id, derived) {
                derived += 1;
            } else {
                line.push_str(&format!(" id={}", string(&p.id)));
            }
            opt(&mut line, "xpath", &p.xpath);
            opt(&mut line, "reference", &p.reference);
            opt(&mut line, "type", &p.object_type);
            opt(&mut line, "attribute", &p.attribute);
            opt(&mut line, "description", &p.description);
            line
        })
        .collect();
    with_children(head, &permissions)
}

fn subject(keyword: &str, s: &CibAclSubject) -> String {
    let mut line = format!("{keyword} {}", string(&s.id));
    for role in &s.roles {
        line.push(' ');
        line.push_str(&string(role));
    }
    opt(&mut line, "name", &s.name);
    line
}
