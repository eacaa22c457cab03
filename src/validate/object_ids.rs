//! The ids of tickets, tags, alerts and ACL roles and groups share the CIB's one id namespace with resources and
//! constraints (repeats among resources and constraints alone are the name checks' to report).

use super::repeats::repeats;
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::model::Cluster;
use std::collections::HashSet;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    let objects: Vec<_> = cluster
        .tickets
        .iter()
        .map(|t| ("ticket constraint", &t.id))
        .chain(cluster.tags.iter().map(|t| ("tag", &t.id)))
        .chain(cluster.alerts.iter().map(|a| ("alert", &a.id)))
        .chain(cluster.acls.roles.iter().map(|r| ("ACL role", &r.id)))
        .chain(cluster.acls.groups.iter().map(|g| ("ACL group", &g.id)))
        .filter(|(_, id)| !id.is_empty())
        .collect();
    let spans: HashSet<_> = objects.iter().map(|(_, id)| id.span).collect();
    let all = cluster
        .resources
        .iter()
        .map(crate::model::Resource::id)
        .chain(cluster.constraints.iter().map(crate::model::Constraint::id))
        .chain(objects.iter().map(|(_, id)| *id))
        .filter(|id| !id.is_empty())
        .map(|id| (id.value.as_str(), id.span));
    for (id, span, first) in repeats(all) {
        if !spans.contains(&span) {
            continue;
        }
        let what = objects
            .iter()
            .find(|(_, i)| i.span == span)
            .map_or("object", |(what, _)| what);
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("id `{}` of {what} is used twice", shown(id)),
            )
            .label("second use")
            .related(first, "first defined here")
            .help("resources, constraints, tickets, tags, alerts and ACL roles and groups share one namespace of ids in the CIB; rename one"),
        );
    }
}
