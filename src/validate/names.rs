//! Names and ids that must be unique or valid: nodes, Pacemaker ids, properties, fencing levels.

use super::repeats::repeats;
use super::text::{problem, report};
use crate::diagnostic::{self as diag, Diagnostic, Diagnostics, shown};
use crate::limits::names;
use crate::model::Cluster;
use crate::spanned::Spanned;

pub(super) fn check(cluster: &Cluster, diags: &mut Diagnostics) {
    node_names(cluster, diags);
    node_ids(cluster, diags);
    pacemaker_ids(cluster, diags);
    properties(cluster, diags);
    fencing_levels(cluster, diags);
}

fn node_names(cluster: &Cluster, diags: &mut Diagnostics) {
    let named = cluster
        .nodes
        .iter()
        .map(|n| &n.name)
        .filter(|n| !n.is_empty());
    for (name, span, first) in repeats(named.clone().map(|n| (n.value.as_str(), n.span))) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("node `{}` is defined twice", shown(name)),
            )
            .label("second definition")
            .related(first, "first defined here")
            .help("give every node its own name"),
        );
    }
    for name in cluster.nodes.iter().map(|n| &n.name) {
        report(diags, name, names::host_name(name), |why| {
            host_name(name, "node name", why)
        });
    }
    if let Some(front) = &cluster.front {
        let name = &front.name;
        report(diags, name, names::host_name(name), |why| {
            host_name(name, "front name", why)
        });
    }
    // The front is a container beside the nodes: its name must not clash with theirs.
    if let Some(front) = &cluster.front
        && let Some(node) = named.clone().find(|n| n.value == front.name.value)
    {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                front.name.span,
                format!("front `{}` has the name of a node", shown(&front.name)),
            )
            .label("also a node name")
            .related(node.span, "first defined here")
            .help("the front is its own container; give it another name, e.g. `haproxy`"),
        );
    }
}

/// A node's or the front's name is its host name (and a node's also its Pacemaker node name).
fn host_name(name: &Spanned<String>, what: &str, why: &str) -> Diagnostic {
    problem(&diag::INVALID_ID, what, name, why)
        .label("not a host name")
        .help(format!(
            "a {what} is a host name: parts of letters, digits, `-` and `_` joined by `.`, each at most {} characters, not starting or ending with `-`",
            names::HOST_NAME_MAX
        ))
}

fn node_ids(cluster: &Cluster, diags: &mut Diagnostics) {
    let ids = cluster.nodes.iter().map(|n| (n.id.value, n.id.span));
    for (id, span, first) in repeats(ids) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("corosync node id {id} is used twice"),
            )
            .label("second use")
            .related(first, "first defined here")
            .help("node ids default to the node's position in the spec (from 1); give each node its own `id=`"),
        );
    }
    for node in cluster.nodes.iter().filter(|n| n.id.value == 0) {
        diags.push(
            Diagnostic::new(
                &diag::INVALID_VALUE,
                node.id.span,
                "corosync node id 0 is reserved",
            )
            .label("not allowed")
            .help("node ids start at 1"),
        );
    }
}

/// Resources and constraints share one id namespace in the CIB.
fn pacemaker_ids(cluster: &Cluster, diags: &mut Diagnostics) {
    let ids = cluster
        .resources
        .iter()
        .map(crate::model::Resource::id)
        .chain(cluster.constraints.iter().map(crate::model::Constraint::id))
        .filter(|id| !id.is_empty())
        .map(|id| (id.value.as_str(), id.span));
    for (id, span, first) in repeats(ids) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("id `{}` is used twice", shown(id)),
            )
            .label("second use")
            .related(first, "first defined here")
            .help("resources and constraints share one namespace of ids in the CIB; rename one"),
        );
    }
}

fn properties(cluster: &Cluster, diags: &mut Diagnostics) {
    let names = cluster
        .properties
        .iter()
        .filter(|p| !p.name.is_empty())
        .map(|p| (p.name.value.as_str(), p.name.span));
    for (name, span, first) in repeats(names) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!("property `{}` is set twice", shown(name)),
            )
            .label("second value")
            .related(first, "first set here")
            .help("keep one `property` line per name"),
        );
    }
}

fn fencing_levels(cluster: &Cluster, diags: &mut Diagnostics) {
    let levels = cluster
        .fencing_levels
        .iter()
        .filter(|l| l.has_target())
        .map(|l| ((l.target().key(), l.index.value), l.index.span));
    for ((target, index), span, first) in repeats(levels) {
        diags.push(
            Diagnostic::new(
                &diag::DUPLICATE_NAME,
                span,
                format!(
                    "fencing level {index} of `{}` is defined twice",
                    shown(&target)
                ),
            )
            .label("second definition")
            .related(first, "first defined here")
            .help("list every device of a level on one line, or use another index"),
        );
    }
}
