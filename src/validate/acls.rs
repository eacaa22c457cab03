//! ACLs: each permission selects with exactly one of `xpath=`, `reference=` or `type=`
//! (`attribute=` only beside `type=`), references and roles name what exists, the text
//! reaches cib.crm unchanged, and the ACLs are applied at all (`enable-acl`).

use super::cluster_options::parse_bool;
use super::references::unknown;
use super::repeats::repeats;
use super::text::{crm_text, problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::names;
use crate::model::{AclPermission, AclRole, Cluster};
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let acls = &cluster.acls;
    for role in &acls.roles {
        for permission in &role.permissions {
            selectors(role, permission, diags);
        }
        texts(role, diags);
    }
    references(cluster, diags);
    let role_ids = || acls.roles.iter().map(|r| r.id.value.as_str());
    for subject in acls.targets.iter().chain(&acls.groups) {
        for role in subject.roles.iter().filter(|r| !r.is_empty()) {
            if !role_ids().any(|id| id == role.value) {
                diags.push(unknown("ACL role", role, role_ids()));
            }
        }
        if let Some(name) = &subject.name {
            crm_text(diags, "name", name);
        }
    }
    let targets = acls
        .targets
        .iter()
        .map(|t| &t.id)
        .filter(|id| !id.is_empty());
    for (id, span, first) in repeats(targets.map(|id| (id.value.as_str(), id.span))) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("ACL target `{}` is declared twice", shown(id)),
            )
            .label("second declaration")
            .related(first, "first declared here")
            .help("list all of the user's roles on one `acl-target`"),
        );
    }
    disabled(cluster, diags);
}

/// Exactly one selector, and `attribute=` only with `type=`.
fn selectors(role: &AclRole, p: &AclPermission, diags: &mut Diagnostics) {
    let given: Vec<&str> = [
        ("`xpath=`", &p.xpath),
        ("`reference=`", &p.reference),
        ("`type=`", &p.object_type),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some())
    .map(|(name, _)| name)
    .collect();
    let what = format!(
        "`{}` permission of ACL role `{}`",
        p.right.value,
        shown(&role.id)
    );
    let problem = match given.as_slice() {
        [] => Some((format!("{what} selects nothing"), "no selector")),
        [_] => None,
        several => Some((
            format!("{what} selects with {}", several.join(" and ")),
            "more than one selector",
        )),
    };
    if let Some((message, label)) = problem {
        diags.push(
            Diagnostic::new(&diag::INVALID_ACL_PERMISSION, p.right.span, message)
                .label(label)
                .help("give exactly one of `xpath=`, `reference=` or `type=`; write one permission per selector"),
        );
    }
    if let (Some(attribute), None) = (&p.attribute, &p.object_type) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_ACL_PERMISSION,
                attribute.span,
                format!("{what} names an attribute without `type=`"),
            )
            .label("`attribute=` needs `type=`")
            .help("say whose attribute it is, e.g. `type=\"primitive\" attribute=\"target-role\"`, or select with `xpath=`"),
        );
    }
}

/// A `reference=` must be an id the configuration defines.
fn references(cluster: &Cluster, diags: &mut Diagnostics) {
    let references: Vec<&Spanned<String>> = cluster
        .acls
        .roles
        .iter()
        .flat_map(|r| &r.permissions)
        .filter_map(|p| p.reference.as_ref())
        .filter(|r| !r.is_empty())
        .collect();
    if references.is_empty() {
        return;
    }
    let config = crate::cib::build(cluster);
    let owned = config.owned_ids();
    let ids = || owned.iter().map(|(id, _)| *id);
    for reference in references {
        if !ids().any(|id| id == reference.value) {
            diags.push(unknown("CIB id", reference, ids()));
        }
    }
}

/// The text crmsh must load unchanged; element and attribute names as Pacemaker spells them.
fn texts(role: &AclRole, diags: &mut Diagnostics) {
    if let Some(description) = &role.description {
        crm_text(diags, "description", description);
    }
    for p in &role.permissions {
        for (what, value) in [("xpath", &p.xpath), ("description", &p.description)] {
            if let Some(value) = value {
                crm_text(diags, what, value);
            }
        }
        for (what, value) in [
            ("element name", &p.object_type),
            ("attribute name", &p.attribute),
        ] {
            let Some(value) = value else { continue };
            report(diags, value, names::attribute_name(value), |why| {
                problem(&diag::INVALID_ID, what, value, why)
                    .label(format!("not an {what}"))
                    .help("Pacemaker's element and attribute names use letters, digits, `_`, `.` and `-`")
            });
        }
    }
}

/// ACLs without `enable-acl` true restrict nobody.
fn disabled(cluster: &Cluster, diags: &mut Diagnostics) {
    let acls = &cluster.acls;
    let first = acls
        .roles
        .iter()
        .map(|r| &r.id)
        .chain(acls.targets.iter().map(|t| &t.id))
        .chain(acls.groups.iter().map(|g| &g.id))
        .next();
    let Some(first) = first else { return };
    let enabled = cluster
        .properties
        .iter()
        .find(|p| p.name.value == "enable-acl");
    if enabled.is_some_and(|p| parse_bool(&p.value) == Some(true)) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        &diag::ACLS_DISABLED,
        first.span,
        "the ACLs are not applied: `enable-acl` is not true",
    )
    .label("Pacemaker ignores this")
    .help("add `property \"enable-acl\" #true`, or remove the ACLs");
    if let Some(property) = enabled {
        diagnostic = diagnostic.related(property.value.span, "set here");
    }
    diags.push(diagnostic);
}
