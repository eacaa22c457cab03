//! The `acls` section in both renderers: last in cib.xml's configuration, where crmsh puts
//! it, roles first; crmsh's `role`, `acl_target` and `acl_group` in cib.crm, or the element
//! as `xml` where crmsh has no syntax for it (an empty role or subject, a subject's `name`).

use super::crm_quote::push_quoted;
use super::xml_line::raw_xml;
use crate::cib::xml::XmlWriter;
use crate::cib::{CibAclPermission, CibAclRole, CibAclSubject, CibAcls};

pub(crate) fn xml(xml: &mut XmlWriter, acls: &CibAcls) {
    if acls.is_empty() {
        return;
    }
    xml.start("acls");
    for role in &acls.roles {
        role_xml(xml, role);
    }
    for target in &acls.targets {
        subject_xml(xml, "acl_target", target);
    }
    for group in &acls.groups {
        subject_xml(xml, "acl_group", group);
    }
    xml.end();
}

fn role_xml(xml: &mut XmlWriter, role: &CibAclRole) {
    xml.start("acl_role")
        .attr("id", &role.id)
        .attr_opt("description", role.description.as_deref());
    for p in &role.permissions {
        permission_xml(xml, p);
    }
    xml.end();
}

fn permission_xml(xml: &mut XmlWriter, p: &CibAclPermission) {
    xml.start("acl_permission")
        .attr("id", &p.id)
        .attr("kind", &p.kind)
        .attr_opt("xpath", p.xpath.as_deref())
        .attr_opt("reference", p.reference.as_deref())
        .attr_opt("object-type", p.object_type.as_deref())
        .attr_opt("attribute", p.attribute.as_deref())
        .attr_opt("description", p.description.as_deref())
        .end();
}

fn subject_xml(xml: &mut XmlWriter, tag: &'static str, subject: &CibAclSubject) {
    xml.start(tag)
        .attr("id", &subject.id)
        .attr_opt("name", subject.name.as_deref());
    for role in &subject.roles {
        xml.start("role").attr("id", role).end();
    }
    xml.end();
}

pub(crate) fn crm(out: &mut String, acls: &CibAcls) {
    for role in &acls.roles {
        role_crm(out, role);
    }
    for (keyword, tag, subjects) in [
        ("acl_target", "acl_target", &acls.targets),
        ("acl_group", "acl_group", &acls.groups),
    ] {
        for subject in subjects {
            if subject.roles.is_empty() || subject.name.is_some() {
                raw_xml(out, |xml| subject_xml(xml, tag, subject));
                continue;
            }
            out.push_str(keyword);
            out.push(' ');
            out.push_str(&subject.id);
            for role in &subject.roles {
                out.push(' ');
                out.push_str(role);
            }
            out.push('\n');
        }
    }
}

/// `role <id> [description=...] <right> [$id=...] [description=...] <selector>...`; crmsh
/// reads a permission's id and description before its selectors.
fn role_crm(out: &mut String, role: &CibAclRole) {
    if role.permissions.is_empty() {
        raw_xml(out, |xml| role_xml(xml, role));
        return;
    }
    out.push_str("role ");
    out.push_str(&role.id);
    if let Some(description) = &role.description {
        out.push_str(" description=");
        push_quoted(out, description);
    }
    for (i, p) in role.permissions.iter().enumerate() {
        out.push(' ');
        out.push_str(&p.kind);
        if p.id != crate::cib::permission_id(&role.id, derived_before(role, i)) {
            out.push_str(" $id=");
            push_quoted(out, &p.id);
        }
        if let Some(description) = &p.description {
            out.push_str(" description=");
            push_quoted(out, description);
        }
        for (prefix, value) in [
            ("xpath:", &p.xpath),
            ("ref:", &p.reference),
            ("type:", &p.object_type),
            ("attribute:", &p.attribute),
        ] {
            if let Some(value) = value {
                out.push(' ');
                out.push_str(prefix);
                push_quoted(out, value);
            }
        }
    }
    out.push('\n');
}

/// How many permissions before the `i`-th carry the id crmsh derives (it numbers only those).
fn derived_before(role: &CibAclRole, i: usize) -> usize {
    let mut n = 0;
    for p in &role.permissions[..i] {
        if p.id == crate::cib::permission_id(&role.id, n) {
            n += 1;
        }
    }
    n
}
