//! Decoding: parsed document -> typed [`Cluster`], with every structural problem reported.

mod acls;
mod alerts;
mod bundle;
mod constraints;
mod corosync;
mod fencing;
mod infra;
mod nvsets;
mod op_extra;
mod reader;
mod resources;
pub mod scalars;
mod schema_index;
mod structure;
mod tags;
mod tickets;

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::Cluster;
use crate::parse::Document;
use miette::SourceSpan;
use reader::NodeView;
pub use reader::ReadLog;

/// Decodes the single `cluster` node of a document.
///
/// Returns `None` only when there is no cluster to decode; otherwise a cluster is built even
/// from a flawed spec (with placeholders where values were missing) so validation can report
/// the remaining problems in the same run. `log`, when given, records every schema entry read.
pub fn decode(
    doc: &Document<'_>,
    diags: &mut Diagnostics,
    log: Option<&ReadLog>,
) -> Option<Cluster> {
    let clusters: Vec<_> = doc.nodes.iter().filter(|n| n.name() == "cluster").collect();
    for node in doc.nodes.iter().filter(|n| n.name() != "cluster") {
        let name = node.name();
        diags.push(
            Diagnostic::new(
                &diag::UNKNOWN_NODE,
                node.name.span,
                format!("unknown top-level node `{}`", diag::shown(name)),
            )
            .label("not allowed at the top level")
            .help("everything belongs inside `cluster \"name\" { ... }`"),
        );
    }
    let Some(first) = clusters.first() else {
        let span = SourceSpan::new(0.into(), 0);
        diags.push(
            Diagnostic::new(&diag::NO_CLUSTER, span, "the spec has no `cluster` node")
                .label("expected `cluster \"name\" { ... }`")
                .help("start the file with `cluster \"my-cluster\" { ... }`"),
        );
        return None;
    };
    for extra in &clusters[1..] {
        diags.push(
            Diagnostic::new(
                &diag::NO_CLUSTER,
                extra.name.span,
                "a spec describes only one cluster",
            )
            .label("second cluster")
            .related(first.name.span, "first cluster")
            .help("put each cluster in its own file"),
        );
    }
    structure::check_node(first, "cluster", diags);
    Some(cluster(NodeView::new(first, "cluster", log)))
}

fn cluster(view: NodeView<'_>) -> Cluster {
    Cluster {
        name: view.arg_or_empty(0),
        target: infra::target(&view),
        network: infra::network(&view),
        image: infra::image(&view),
        nodes: infra::nodes(&view),
        remote_nodes: bundle::remote_nodes(&view),
        corosync: corosync::corosync(&view),
        properties: resources::properties(&view),
        rsc_defaults: view.child_pairs("rsc-defaults", "cluster.rsc-defaults"),
        op_defaults: view.child_pairs("op-defaults", "cluster.op-defaults"),
        property_sets: nvsets::sets(&view, "property-set", &nvsets::PROPERTY_SET),
        rsc_defaults_sets: nvsets::sets(&view, "rsc-defaults-set", &nvsets::RSC_DEFAULTS_SET),
        op_defaults_sets: nvsets::sets(&view, "op-defaults-set", &nvsets::OP_DEFAULTS_SET),
        resources: resources::resources(&view),
        constraints: constraints::constraints(&view),
        tickets: tickets::tickets(&view),
        tags: tags::tags(&view),
        alerts: alerts::alerts(&view),
        acls: acls::acls(&view),
        fencing_levels: resources::fencing_levels(&view),
        front: infra::front(&view),
        fencing: fencing::fencing(&view),
    }
}
